package dev.randnla.ml;

import static dev.randnla.ml.FrameData.D;
import static dev.randnla.ml.FrameData.ROWS;
import static dev.randnla.ml.FrameData.arrays;
import static dev.randnla.ml.FrameData.frame;
import static dev.randnla.ml.FrameData.rows;
import static dev.randnla.ml.FrameData.sparse;
import static dev.randnla.ml.TopEigenvectorTest.column;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.jobs.tall.TallTestData;
import dev.randnla.linalg.Matrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TallSkinnySVD}: the CLI's σ and V from a DataFrame, the projection, Spark ML's conventions, save and load. */
class TallSkinnySVDTest {
  @TempDir Path tmp;

  /** The CLI on the same rows (one gzip CSV per partition) gives bitwise the model's σ and V, for both methods. */
  @Test
  void equalsTheCliBitwiseOnDenseAndArrayColumns() throws Exception {
    Dataset<Row> frame = frame(rows(61));
    for (String method : List.of("tsqr", "gram")) {
      Path out = EstimatorChecks.cli(frame, tmp, "svd", "--method", method, "--k", "2");
      double[] sigma = Files.readAllLines(out.resolve("singular-values.csv")).stream().mapToDouble(Double::parseDouble)
          .toArray();
      Matrix v = TallTestData.readCsv(out.resolve("V.csv"));
      for (Dataset<Row> input : List.of(frame, arrays(frame))) {
        TallSkinnySVDModel model = new TallSkinnySVD().setMethod(method).setK(2).fit(input);
        assertArrayEquals(sigma, model.singularValues(), 0.0, method);
        assertEquals(D, model.v().numRows());
        assertEquals(2, model.v().numCols());
        for (int j = 0; j < 2; j++) {
          assertArrayEquals(v.column(j), column(model.v(), j), 0.0, method + " column " + j);
        }
        assertTrue(model.summaryJson().contains("\"method\" : \"" + method + "\""), model.summaryJson());
      }
    }
  }

  /**
   * Sparse rows take the sparse TSQR update, which sums in another order: both are backward stable, so σ agree
   * to ≈ √n·d·u·σ₁ ≈ 2e-14·σ₁ (checked at 1e-12·σ₁) and V to that over the relative gap (σᵢ² − σᵢ₊₁²)/σ₁²,
   * at least 0.05 here (checked), so to 1e-10.
   */
  @Test
  void sparseVectorsAgreeWithDenseToRounding() {
    List<Row> rows = rows(62);
    TallSkinnySVD estimator = new TallSkinnySVD().setK(3);
    TallSkinnySVDModel dense = estimator.fit(frame(rows));
    TallSkinnySVDModel sparse = estimator.fit(sparse(rows));
    double[] s = dense.singularValues();
    for (int i = 0; i < 3; i++) {
      double gap = (s[i] * s[i] - s[i + 1] * s[i + 1]) / (s[0] * s[0]);
      assertTrue(gap >= 0.05, "gap " + i + ": " + gap);
    }
    assertArrayEquals(s, sparse.singularValues(), 1e-12 * s[0]);
    for (int j = 0; j < 3; j++) {
      assertArrayEquals(column(dense.v(), j), column(sparse.v(), j), 1e-10, "column " + j);
    }
  }

  /**
   * transform adds Vᵀx: row i of A·V (a dense product) up to the rounding of two d-term sums,
   * |Δ| ≤ 2γ_d·Σₗ|xₗ||vₗⱼ| ≤ 2γ_d·‖x‖ (‖vⱼ‖ = 1), checked at 3·d·u·‖x‖; over the rows of A the squares of
   * column j sum to σⱼ² (AV = UΣ, U orthonormal): rounding of n-term sums and of σ, checked at 1e-12 relative.
   * The saved and loaded model transforms bitwise the same.
   */
  @Test
  void transformProjectsOnVAndSurvivesSaveAndLoad() throws Exception {
    List<Row> rows = new ArrayList<>(rows(63));
    Dataset<Row> frame = frame(rows);
    TallSkinnySVDModel model = new TallSkinnySVD().setK(2).setOutputCol("z").fit(frame);
    List<Row> projected = EstimatorChecks.transformed(model, frame);
    Matrix a = EstimatorChecks.matrix(rows);
    Matrix av = a.times(new Matrix(D, 2, model.v().toArray()));
    double[] squares = new double[2];
    for (int i = 0; i < ROWS; i++) {
      double[] z = ((Vector) projected.get(i).getAs("z")).toArray();
      assertArrayEquals(av.row(i), z, 3 * D * 0x1.0p-53 * Vectors.norm((Vector) rows.get(i).get(1), 2), "row " + i);
      squares[0] += z[0] * z[0];
      squares[1] += z[1] * z[1];
    }
    double[] sigma = model.singularValues();
    for (int j = 0; j < 2; j++) {
      assertEquals(sigma[j] * sigma[j], squares[j], 1e-12 * sigma[j] * sigma[j], "column " + j);
    }
    assertNull(model.transform(frame(List.of(RowFactory.create(1.0, null), rows.get(0)))).first().get(2),
        "a null vector projects to null");

    TallSkinnySVDModel loaded = EstimatorChecks.savedAndLoaded(model, TallSkinnySVDModel::load, tmp.resolve("model"));
    assertEquals("z", loaded.getOutputCol());
    assertArrayEquals(model.singularValues(), loaded.singularValues(), 0.0);
    assertEquals(model.summaryJson(), loaded.summaryJson());
    assertEquals(projected, loaded.transform(frame).collectAsList());

    TallSkinnySVD back = EstimatorChecks.savedAndLoaded(new TallSkinnySVD().setMethod("gram").setK(3).setBadRows("skip"),
        TallSkinnySVD::load, tmp.resolve("estimator"));
    assertEquals(List.of("gram", 3, "skip"), List.of(back.getMethod(), back.getK(), back.getBadRows()));
  }

  @Test
  void fitsInAPipelineThatSurvivesSaveAndLoad() throws Exception {
    Dataset<Row> frame = frame(rows(64));
    TallSkinnySVDModel svd = EstimatorChecks.fitsInAPipeline(new TallSkinnySVD().setK(2), frame, tmp.resolve("pipeline"));
    assertArrayEquals(new TallSkinnySVD().setK(2).fit(frame).singularValues(), svd.singularValues(), 0.0);
  }

  @Test
  void followsSparkMlParamConventions() {
    TallSkinnySVD e = new TallSkinnySVD();
    assertEquals(List.of("tsqr", "features", "projection", "fail"),
        List.of(e.getMethod(), e.getFeaturesCol(), e.getOutputCol(), e.getBadRows()));
    assertNull(e.getK(), "unset: all d");
    EstimatorChecks.explainsAndCopies(e, List.of("method", "k", "featuresCol", "outputCol", "badRows"), e.k(), 4,
        TallSkinnySVD::getK);
    assertNull(e.getK());
    assertThrows(IllegalArgumentException.class, () -> e.setMethod("lanczos"));
    assertThrows(IllegalArgumentException.class, () -> e.setK(0));

    TallSkinnySVDModel all = e.fit(frame(rows(65)));
    assertEquals(D, all.singularValues().length);
    assertEquals(D, all.v().numCols(), "unset k keeps all d right singular vectors");
  }

  @Test
  void missingOrWronglyTypedColumnsAreNamed() {
    EstimatorChecks.columnsAreNamed(new TallSkinnySVD().setK(1), frame(rows(66)));
  }

  @Test
  void badValuesFailLikeTheCliOrAreSkipped() {
    List<Row> nan = new ArrayList<>(rows(67));
    nan.set(5, RowFactory.create(0.0, Vectors.dense(1, Double.NaN, 3, 4, 5, 6)));
    EstimatorChecks.badRowFailsOrIsSkipped(new TallSkinnySVD(), TallSkinnySVDModel::summaryJson, frame(nan),
        "bad row in DataFrame partition 0, row 6: NaN at entry 1 in column 'features' (set badRows to skip to drop such rows)");
    List<Row> empty = new ArrayList<>(rows(67));
    empty.set(2 * ROWS / 3, RowFactory.create(0.0, null));
    EstimatorChecks.badRowFailsOrIsSkipped(new TallSkinnySVD(), TallSkinnySVDModel::summaryJson, frame(empty),
        "bad row in DataFrame partition 2, row 1: null vector in column 'features' (set badRows to skip to drop such rows)");
  }
}
