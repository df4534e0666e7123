package dev.randnla.ml;

import static dev.randnla.jobs.JobTestSupport.cli;
import static dev.randnla.jobs.JobTestSupport.number;
import static dev.randnla.jobs.JobTestSupport.section;
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

import dev.randnla.io.MethodFailedException;
import dev.randnla.io.Summary;
import dev.randnla.jobs.JobTestSupport.Cli;
import dev.randnla.jobs.tall.TallTestData;
import dev.randnla.linalg.Matrix;
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

/** {@link TallSkinnyQR}: the CLI's R and Q rows from a DataFrame, Spark ML's conventions, save and load. */
class TallSkinnyQRTest {
  /**
   * Two backward-stable R factors of the same A (diag ≥ 0, so the same exact R) differ by ≈ κ(A)·c·d·u·‖R‖,
   * and Q = A·R⁻¹ rows by κ(A) times that; κ(A) ≤ 20 here (checked from the summary), so 1e-12 relative for
   * R and 1e-11 for the entries of Q (|qᵢⱼ| ≤ 1) leave a margin of 100 over c·κ²·d·u ≈ 3e-13.
   */
  static final double R_TOLERANCE = 1e-12;
  static final double Q_TOLERANCE = 1e-11;
  /** ‖QᵀQ − I‖_F for a Q from TSQR twice: ≈ u·κ(R₂)·d with κ(R₂) ≈ 1 (TallJobsTest's bound). */
  static final double ORTHOGONAL = 1e-12;

  @TempDir Path tmp;

  /** The rows of Q the model's transform adds, in the frame's row order (= the CLI's row ids). */
  static Matrix q(TallSkinnyQRModel model, Dataset<Row> frame) {
    List<Row> out = model.transform(frame).collectAsList();
    double[][] q = new double[out.size()][];
    for (int i = 0; i < q.length; i++) {
      q[i] = ((Vector) out.get(i).getAs(model.getOutputCol())).toArray();
    }
    return Matrix.fromRows(q);
  }

  static Matrix r(TallSkinnyQRModel model) {
    return new Matrix(D, D, model.r().toArray());
  }

  static double maxAbs(Matrix m) {
    double max = 0;
    for (double v : m.data()) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }

  /**
   * The CLI ({@code qr --q}) on the same rows gives bitwise the model's R and Q rows for tsqr and cholqr2, which
   * draw nothing. randcholqr's OSNAP sketch hashes row keys, and a DataFrame's keys (partition, position) are
   * not a file's (file, offset): another sketch, the same R and Q to {@link #R_TOLERANCE}, {@link #Q_TOLERANCE}.
   */
  @Test
  void equalsTheCliOnDenseAndArrayColumns() throws Exception {
    Dataset<Row> frame = frame(rows(71));
    for (String method : List.of("tsqr", "cholqr2", "randcholqr")) {
      Path out = EstimatorChecks.cli(frame, tmp, "qr", "--method", method, "--q", "--seed", "7", "--row-output-format",
          "csv");
      Matrix r = TallTestData.readCsv(out.resolve("R.csv"));
      Matrix q = TallTestData.readRowOutput(out.resolve("Q"), ROWS, D);
      boolean bitwise = !method.equals("randcholqr");
      TallSkinnyQR estimator = new TallSkinnyQR().setMethod(method).setSeed(7);
      // the array<double> column reaches the job through the same row conversion for every method: tsqr checks it
      for (Dataset<Row> input : bitwise && method.equals("tsqr") ? List.of(frame, arrays(frame)) : List.of(frame)) {
        TallSkinnyQRModel model = estimator.fit(input);
        assertTrue(model.summaryJson().contains("\"method\" : \"" + method + "\""), model.summaryJson());
        double kappa = conditionEstimate(model);
        assertTrue(kappa <= 20, "κ(A) estimate " + kappa);
        assertArrayEquals(r.data(), r(model).data(), bitwise ? 0.0 : R_TOLERANCE * maxAbs(r), method + " R");
        assertArrayEquals(q.data(), q(model, input).data(), bitwise ? 0.0 : Q_TOLERANCE, method + " Q");
      }
    }
  }

  static double conditionEstimate(TallSkinnyQRModel model) {
    return number(section(Summary.parse(model.summaryJson()), "result"), "conditionNumberEstimate");
  }

  /**
   * Sparse rows take the sparse TSQR update (another summation order): R and Q agree with dense rows to
   * {@link #R_TOLERANCE} and {@link #Q_TOLERANCE}; Q is orthonormal to {@link #ORTHOGONAL} and QR = A to
   * c·d·u·‖A‖ (checked at 1e-13 relative).
   */
  @Test
  void sparseVectorsAgreeWithDenseAndQIsOrthonormal() {
    List<Row> rows = rows(72);
    TallSkinnyQR estimator = new TallSkinnyQR();
    TallSkinnyQRModel dense = estimator.fit(frame(rows));
    Dataset<Row> sparseFrame = sparse(rows);
    TallSkinnyQRModel fromSparse = estimator.fit(sparseFrame);
    assertArrayEquals(r(dense).data(), r(fromSparse).data(), R_TOLERANCE * maxAbs(r(dense)));
    Matrix q = q(dense, frame(rows));
    assertArrayEquals(q.data(), q(fromSparse, sparseFrame).data(), Q_TOLERANCE);
    assertTrue(TallTestData.orthogonalityError(q) <= ORTHOGONAL, "‖QᵀQ − I‖_F = " + TallTestData.orthogonalityError(q));
    Matrix a = EstimatorChecks.matrix(rows);
    double residual = q.times(r(dense)).minus(a).frobeniusNorm() / a.frobeniusNorm();
    assertTrue(residual <= 1e-13, "‖QR − A‖_F/‖A‖_F = " + residual);
    for (int i = 0; i < D; i++) {
      assertTrue(r(dense).get(i, i) > 0, "diag R > 0");
      for (int j = 0; j < i; j++) {
        assertEquals(0.0, r(dense).get(i, j), "R is upper triangular");
      }
    }
  }

  @Test
  void transformSurvivesSaveAndLoadAndMapsNullToNull() throws Exception {
    List<Row> rows = new ArrayList<>(rows(73));
    Dataset<Row> frame = frame(rows);
    TallSkinnyQRModel model = new TallSkinnyQR().setMethod("randcholqr").setSeed(3).setOutputCol("qRow").fit(frame);
    List<Row> mapped = EstimatorChecks.transformed(model, frame);

    TallSkinnyQRModel loaded = EstimatorChecks.savedAndLoaded(model, TallSkinnyQRModel::load, tmp.resolve("model"));
    assertEquals("qRow", loaded.getOutputCol());
    assertArrayEquals(model.r().toArray(), loaded.r().toArray(), 0.0);
    assertEquals(model.summaryJson(), loaded.summaryJson());
    assertEquals(mapped, loaded.transform(frame).collectAsList());

    // a null vector maps to null and takes no place in a block: the next rows move up one place, which may
    // change their last bits (a row's result may depend on its place in the block), never more than rounding
    rows.set(1, RowFactory.create(1.0, null));
    List<Row> withNull = model.transform(frame(rows)).collectAsList();
    assertNull(withNull.get(1).get(2), "a null vector maps to null");
    assertEquals(mapped.get(0), withNull.get(0));
    assertArrayEquals(((Vector) mapped.get(2).get(2)).toArray(), ((Vector) withNull.get(2).get(2)).toArray(), Q_TOLERANCE);

    TallSkinnyQR back = EstimatorChecks.savedAndLoaded(new TallSkinnyQR().setMethod("cholqr2").setSeed(9).setOutputCol("y"),
        TallSkinnyQR::load, tmp.resolve("estimator"));
    assertEquals(List.of("cholqr2", 9L, "y"), List.of(back.getMethod(), back.getSeed(), back.getOutputCol()));
  }

  @Test
  void fitsInAPipelineThatSurvivesSaveAndLoad() throws Exception {
    Dataset<Row> frame = frame(rows(74));
    TallSkinnyQRModel qr = EstimatorChecks.fitsInAPipeline(new TallSkinnyQR(), frame, tmp.resolve("pipeline"));
    assertArrayEquals(new TallSkinnyQR().fit(frame).r().toArray(), qr.r().toArray(), 0.0);
  }

  @Test
  void followsSparkMlParamConventions() {
    TallSkinnyQR e = new TallSkinnyQR();
    assertEquals(List.of("tsqr", "features", "q", "fail"),
        List.of(e.getMethod(), e.getFeaturesCol(), e.getOutputCol(), e.getBadRows()));
    EstimatorChecks.explainsAndCopies(e, List.of("method", "seed", "featuresCol", "outputCol", "badRows"), e.method(),
        "cholqr2", TallSkinnyQR::getMethod);
    assertThrows(IllegalArgumentException.class, () -> e.setMethod("householder"));
  }

  @Test
  void missingOrWronglyTypedColumnsAreNamed() {
    EstimatorChecks.columnsAreNamed(new TallSkinnyQR(), frame(rows(75)));
  }

  @Test
  void badValuesFailLikeTheCliOrAreSkipped() {
    List<Row> rows = new ArrayList<>(rows(76));
    rows.set(ROWS / 3, RowFactory.create(0.0, Vectors.dense(1, 2, 3, 4, 5, Double.POSITIVE_INFINITY)));
    EstimatorChecks.badRowFailsOrIsSkipped(new TallSkinnyQR(), TallSkinnyQRModel::summaryJson, frame(rows),
        "bad row in DataFrame partition 1, row 1: +Inf at entry 5 in column 'features' (set badRows to skip to drop such rows)");
  }

  /** Q of a rank-deficient A is not determined: the fit fails with the message the CLI prints (exit 1). */
  @Test
  void rankDeficientRowsFailWithTheCliMessage() throws Exception {
    List<Row> rows = new ArrayList<>();
    for (Row r : rows(77)) {
      double[] a = ((Vector) r.get(1)).toArray();
      a[D - 1] = 2 * a[0];
      rows.add(RowFactory.create(r.get(0), Vectors.dense(a)));
    }
    Dataset<Row> frame = frame(rows);
    MethodFailedException e = assertThrows(MethodFailedException.class, () -> new TallSkinnyQR().fit(frame));
    assertTrue(e.getMessage().startsWith("Q is not determined"), e.getMessage());
    Cli c = cli("qr", "--input", FrameData.csv(frame, tmp.resolve("csv")).toString(), "--label-col", "0", "--q",
        "--output", tmp.resolve("out").toString(), "--quiet");
    assertEquals(1, c.code(), c.err());
    assertTrue(c.err().contains(e.getMessage()), c.err());
  }
}
