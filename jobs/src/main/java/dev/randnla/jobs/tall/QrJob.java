package dev.randnla.jobs.tall;

import dev.randnla.io.Summary;
import dev.randnla.jobs.InputParams;
import dev.randnla.jobs.JobFrame;
import dev.randnla.spark.JobRun;
import dev.randnla.spark.MatrixInput;
import dev.randnla.spark.TallSkinny;
import dev.randnla.spark.TallSkinnyQr;

/**
 * {@code qr}: A = QR with R (d×d, diag ≥ 0) from a stable streaming TSQR (default), CholeskyQR2 or
 * randomized Cholesky QR ({@link TallSkinnyQr} has the methods, their passes and limits), and
 * with {@code --q} the rows of Q, orthonormal to machine precision, written with their row ids.
 *
 * <p>Passes: tsqr 1, cholqr2 and randcholqr 2; one more for the second factor of Q and one to
 * write it (3 in all with --q). Memory: a few d×d matrices on the driver and per task.
 */
public final class QrJob {
  private QrJob() {}

  /** The job's doors ({@link JobFrame}). */
  public static final JobFrame<QrConfig, QrResult> FRAME = JobFrame.of("qr", QrJob::compute);

  private static QrResult compute(JobRun run, QrConfig config, MatrixInput input) {
    int d = input.cols();
    TallSkinnyQr.Factorization f = TallSkinnyQr.factor(input, config.method(), config.q(), config.seed(), run);
    Summary s = InputParams.record(run, input, f.nnz());
    s.param("method", config.method().cliName());
    s.param("q", config.q());
    if (config.method() == TallSkinnyQr.Method.RANDCHOLQR) {
      s.param("seed", config.seed());
    }
    s.result("rows", f.rows());
    s.result("cols", d);
    f.diagnostics().forEach(s::result);
    f.warnings().forEach(s::warn);
    if (f.rows() == 0) {
      s.warn("The input has no valid rows: R is zero.");
    } else if (f.rows() < d || !((Double) f.diagnostics().get("conditionNumberEstimate") < TallSkinnyQr.Q_MAX_CONDITION)) {
      s.warn(String.format(java.util.Locale.ROOT, "A is numerically rank deficient (%d rows, %d columns, R has condition "
          + "number about %.1e): R is a valid factor (A = QR) but singular, so R^-1 and Q are not determined; use svd for "
          + "the rank and an orthonormal basis of the range.", f.rows(), d, (Double) f.diagnostics().get("conditionNumberEstimate")));
    }
    run.writeMatrix("R.csv", f.r());
    if (config.q()) {
      run.stage("write Q", () -> TallSkinny.writeRows(run, "Q", input, f.q()));
    }
    Summary done = run.finish(input);
    return new QrResult(f, d, input.passes(), JobFrame.seconds(done), done.toJson());
  }
}
