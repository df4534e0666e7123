package dev.randnla.ml;

import static dev.randnla.ml.FrameData.D;
import static dev.randnla.ml.FrameData.ROWS;
import static dev.randnla.ml.FrameData.arrays;
import static dev.randnla.ml.FrameData.frame;
import static dev.randnla.ml.FrameData.rows;
import static dev.randnla.ml.FrameData.sparse;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.io.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TopEigenvector}: the CLI's eigenpairs from a DataFrame, Spark ML's conventions, save and load. */
class TopEigenvectorTest {
  @TempDir Path tmp;

  static double[] column(Matrix m, int j) {
    double[] c = new double[m.numRows()];
    for (int i = 0; i < c.length; i++) {
      c[i] = m.apply(i, j);
    }
    return c;
  }

  /** The CLI on the same rows (one gzip CSV per partition) gives bitwise the model's eigenpairs. */
  @Test
  void equalsTheCliBitwiseOnDenseAndArrayColumns() throws Exception {
    Dataset<Row> frame = frame(rows(21));
    for (String method : List.of("exact", "lanczos")) {
      Path out = EstimatorChecks.cli(frame, tmp, "eigen", "--method", method, "--k", "2", "--seed", "11");
      double[] values = Files.readAllLines(out.resolve("eigenvalues.csv")).stream().mapToDouble(Double::parseDouble).toArray();
      double[][] vectors = Files.readAllLines(out.resolve("eigenvector.csv")).stream()
          .map(l -> java.util.Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray()).toArray(double[][]::new);
      TopEigenvector estimator = new TopEigenvector().setMethod(method).setK(2).setSeed(11);
      for (Dataset<Row> input : List.of(frame, arrays(frame))) {
        TopEigenvectorModel model = estimator.fit(input);
        assertArrayEquals(values, model.eigenvalues(), 0.0, method);
        Matrix v = model.eigenvectors();
        assertEquals(D, v.numRows());
        assertEquals(2, v.numCols());
        for (int i = 0; i < D; i++) {
          assertArrayEquals(vectors[i], new double[] {v.apply(i, 0), v.apply(i, 1)}, 0.0, method + " row " + i);
        }
        assertTrue(model.passes() >= 1, "passes " + model.passes());
        assertTrue(model.summaryJson().contains("\"method\" : \"" + method + "\""), model.summaryJson());
      }
    }
  }

  /**
   * Sparse rows take the sparse Gram update, which sums in another order: the eigenvalues agree to the
   * rounding of n·d-term sums, |Δλ| ≤ n·u·‖A‖²_F (≈ 600 · 1.1e-16 · λ-sum), checked at 1e-12 relative; the
   * eigenvectors to that over the relative gap (λ₁ − λ₂)/λ₁ ≥ 0.2 here, checked at 1e-10.
   */
  @Test
  void sparseVectorsAgreeWithDenseToRounding() {
    List<Row> rows = rows(22);
    TopEigenvector estimator = new TopEigenvector().setMethod("exact").setK(2);
    TopEigenvectorModel dense = estimator.fit(frame(rows));
    TopEigenvectorModel sparse = estimator.fit(sparse(rows));
    double[] l = dense.eigenvalues();
    assertTrue((l[0] - l[1]) / l[0] >= 0.2, "gap " + (l[0] - l[1]) / l[0]);
    assertArrayEquals(l, sparse.eigenvalues(), 1e-12 * l[0]);
    for (int j = 0; j < 2; j++) {
      assertArrayEquals(column(dense.eigenvectors(), j), column(sparse.eigenvectors(), j), 1e-10);
    }
  }

  @Test
  void transformProjectsOnTheEigenvectorsAndSurvivesSaveAndLoad() throws Exception {
    List<Row> rows = new ArrayList<>(rows(23));
    Dataset<Row> frame = frame(rows);
    TopEigenvectorModel model = new TopEigenvector().setMethod("exact").setK(2).setOutputCol("z").fit(frame);
    Dataset<Row> out = model.transform(frame);
    assertEquals(SQLDataTypes.VectorType(), out.schema().apply("z").dataType());
    Row first = out.first();
    Vector x = (Vector) first.get(first.fieldIndex("features"));
    Vector z = (Vector) first.get(first.fieldIndex("z"));
    for (int j = 0; j < 2; j++) {
      double expected = 0;
      for (int i = 0; i < D; i++) {
        expected += x.apply(i) * model.eigenvectors().apply(i, j);
      }
      assertEquals(expected, z.apply(j), 0.0);
    }
    Dataset<Row> withNull = frame(List.of(RowFactory.create(1.0, null), rows.get(0)));
    assertNull(model.transform(withNull).first().get(2), "a null vector projects to null");

    String path = tmp.resolve("model").toString();
    model.save(path);
    TopEigenvectorModel loaded = TopEigenvectorModel.load(path);
    assertEquals(model.uid(), loaded.uid());
    assertEquals("z", loaded.getOutputCol());
    assertArrayEquals(model.eigenvalues(), loaded.eigenvalues(), 0.0);
    assertEquals(model.passes(), loaded.passes());
    assertEquals(model.summaryJson(), loaded.summaryJson());
    assertEquals(out.collectAsList(), loaded.transform(frame).collectAsList());

    TopEigenvector estimator = new TopEigenvector().setMethod("lanczos").setK(3).setCenter(true).setSeed(5);
    estimator.save(tmp.resolve("estimator").toString());
    TopEigenvector back = TopEigenvector.load(tmp.resolve("estimator").toString());
    assertEquals(estimator.uid(), back.uid());
    assertEquals(List.of("lanczos", 3, true, 5L), List.of(back.getMethod(), back.getK(), back.getCenter(), back.getSeed()));
  }

  @Test
  void followsSparkMlParamConventions() {
    TopEigenvector e = new TopEigenvector();
    assertEquals(List.of("auto", 1, false, false, "features", "projection", "fail"),
        List.of(e.getMethod(), e.getK(), e.getCenter(), e.getVerify(), e.getFeaturesCol(), e.getOutputCol(), e.getBadRows()));
    EstimatorChecks.explainsAndCopies(e, List.of("method", "k", "center", "verify", "seed", "featuresCol", "outputCol",
        "badRows"), e.k(), 4, TopEigenvector::getK);
    assertEquals(1, e.getK());
    assertThrows(IllegalArgumentException.class, () -> e.setMethod("power"));
    assertThrows(IllegalArgumentException.class, () -> e.setK(0));

    // auto on a 3-partition frame: the stream method could make only 3 power steps (a frame keeps its
    // partitions), too few to converge, so exact whatever the cost model says (bench ml: stream there was 18% off)
    Dataset<Row> frame = frame(rows(26));
    TopEigenvectorModel auto = e.fit(frame);
    assertTrue(auto.summaryJson().contains("\"method\" : \"exact\""), auto.summaryJson());
    assertTrue(auto.summaryJson().contains("data held in memory keeps its 3 partition(s), so the stream method could "
        + "make only 3 power step(s)"), auto.summaryJson());
    assertArrayEquals(new TopEigenvector().setMethod("exact").fit(frame).eigenvalues(), auto.eigenvalues(), 0.0);
  }

  /** Stream on a 3-partition frame: 3 power steps, and the warning says how a DataFrame user gets more. */
  @Test
  void streamOnFewPartitionsSaysToRepartition() {
    TopEigenvectorModel m = new TopEigenvector().setMethod("stream").fit(frame(rows(27)));
    assertTrue(m.summaryJson().contains("The input has only 3 partition(s), so the stream method makes 3 step(s) "
        + "instead of 8; repartition the data into 8 or more partitions."), m.summaryJson());
  }

  @Test
  void missingOrWronglyTypedColumnsAreNamed() {
    Dataset<Row> frame = frame(rows(24));
    EstimatorChecks.rejects("column 'x' does not exist", () -> new TopEigenvector().setFeaturesCol("x").fit(frame));
    EstimatorChecks.rejects("column 'label' must be a vector", () -> new TopEigenvector().setFeaturesCol("label").fit(frame));
    IllegalArgumentException taken = assertThrows(IllegalArgumentException.class,
        () -> new TopEigenvector().setOutputCol("label").fit(frame));
    assertEquals("output column 'label' already exists", taken.getMessage());
  }

  @Test
  void badValuesFailLikeTheCliOrAreSkipped() {
    List<Row> rows = new ArrayList<>(rows(25));
    rows.set(ROWS / 3 + 1, RowFactory.create(0.0, Vectors.dense(1, 2, Double.NEGATIVE_INFINITY, 4, 5, 6)));
    Dataset<Row> frame = frame(rows);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> new TopEigenvector().setMethod("exact").fit(frame));
    assertEquals("bad row in DataFrame partition 1, row 2: -Inf at entry 2 in column 'features'"
        + " (set badRows to skip to drop such rows)", e.getMessage());
    TopEigenvectorModel skipped = new TopEigenvector().setMethod("exact").setBadRows("skip").fit(frame);
    assertTrue(skipped.summaryJson().contains("\"badRows\" : 1"), skipped.summaryJson());
    assertTrue(skipped.summaryJson().contains("\"rows\" : " + (ROWS - 1)), skipped.summaryJson());
  }
}
