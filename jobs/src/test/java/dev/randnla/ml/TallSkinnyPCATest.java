package dev.randnla.ml;

import static dev.randnla.ml.FrameData.D;
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
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.feature.PCAModel;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TallSkinnyPCA}: the CLI's components from a DataFrame, against Spark's PCA, save and load. */
class TallSkinnyPCATest {
  @TempDir Path tmp;

  @Test
  void equalsTheCliBitwiseOnDenseAndArrayColumns() throws Exception {
    Dataset<Row> frame = frame(rows(51));
    Path out = EstimatorChecks.cli(frame, tmp, "pca", "--k", "2");
    double[] variance = Files.readAllLines(out.resolve("explained-variance.csv")).stream().mapToDouble(Double::parseDouble)
        .limit(2).toArray();
    double[] v = Files.readAllLines(out.resolve("V.csv")).stream().flatMap(l -> java.util.Arrays.stream(l.split(",")))
        .mapToDouble(Double::parseDouble).toArray(); // row by row: d lines of k values
    for (Dataset<Row> input : List.of(frame, arrays(frame))) {
      TallSkinnyPCAModel model = new TallSkinnyPCA().setK(2).fit(input);
      assertArrayEquals(variance, model.explainedVariance().toArray(), 0.0);
      for (int i = 0; i < D; i++) {
        assertArrayEquals(new double[] {v[2 * i], v[2 * i + 1]}, new double[] {model.pc().apply(i, 0), model.pc().apply(i, 1)},
            0.0, "row " + i);
      }
    }
  }

  /**
   * Spark's PCA eigen-decomposes the covariance (condition κ², κ ≤ 10 here): the variance ratios agree to
   * 1e-10 and the components, up to sign, to 1e-8 (that error over the relative gap of the variances).
   * Sparse rows (another summation order in the TSQR) agree with dense to 1e-12.
   */
  @Test
  void agreesWithSparkPcaAndWithSparseRows() {
    List<Row> rows = rows(52);
    Dataset<Row> frame = frame(rows);
    TallSkinnyPCAModel ours = new TallSkinnyPCA().setK(3).fit(frame);
    PCAModel spark = new PCA().setInputCol("features").setK(3).fit(frame);
    assertArrayEquals(spark.explainedVariance().toArray(), ours.explainedVarianceRatio().toArray(), 1e-10);
    for (int j = 0; j < 3; j++) {
      double sign = Math.signum(ours.pc().apply(0, j) * spark.pc().apply(0, j));
      for (int i = 0; i < D; i++) {
        assertEquals(spark.pc().apply(i, j), sign * ours.pc().apply(i, j), 1e-8, "pc(" + i + ", " + j + ")");
      }
    }
    TallSkinnyPCAModel fromSparse = new TallSkinnyPCA().setK(3).fit(sparse(rows));
    assertArrayEquals(ours.explainedVariance().toArray(), fromSparse.explainedVariance().toArray(),
        1e-12 * ours.explainedVariance().apply(0));
    assertArrayEquals(ours.pc().toArray(), fromSparse.pc().toArray(), 1e-10);
  }

  @Test
  void saveLoadColumnsAndBadRows() throws Exception {
    List<Row> rows = new ArrayList<>(rows(53));
    Dataset<Row> frame = frame(rows);
    TallSkinnyPCA estimator = new TallSkinnyPCA().setK(2).setOutputCol("scores");
    assertNull(new TallSkinnyPCA().getK(), "unset: every component");
    TallSkinnyPCAModel model = estimator.fit(frame);
    String path = tmp.resolve("model").toString();
    model.save(path);
    TallSkinnyPCAModel loaded = TallSkinnyPCAModel.load(path);
    assertEquals(model.transform(frame).collectAsList(), loaded.transform(frame).collectAsList());
    assertArrayEquals(model.mean().toArray(), loaded.mean().toArray(), 0.0);
    assertEquals("scores", loaded.getOutputCol());
    EstimatorChecks.rejects("column 'v' does not exist", () -> new TallSkinnyPCA().setFeaturesCol("v").fit(frame));
    rows.set(3, RowFactory.create(1.0, Vectors.dense(1, 2, 3, Double.NaN, 5, 6)));
    InvalidInputException bad = assertThrows(InvalidInputException.class, () -> estimator.fit(frame(rows)));
    assertEquals("bad row in DataFrame partition 0, row 4: NaN at entry 3 in column 'features'"
        + " (set badRows to skip to drop such rows)", bad.getMessage());
  }
}
