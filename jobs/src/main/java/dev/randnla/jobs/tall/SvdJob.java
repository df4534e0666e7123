package dev.randnla.jobs.tall;

import dev.randnla.io.Summary;
import dev.randnla.jobs.JobFrame;
import dev.randnla.spark.JobRun;
import dev.randnla.spark.MatrixInput;
import dev.randnla.spark.TallSkinny;
import dev.randnla.spark.TallSkinnySvd;
import java.util.Arrays;

/**
 * {@code svd}: A = U·Σ·Vᵀ for a tall matrix. Default route: one TSQR pass for R, then R = U_R·Σ·Vᵀ
 * on the driver, so σ and V are accurate to ≈ d·u·σ₁ at any condition number; {@code --method gram}
 * eigen-decomposes AᵀA instead and loses σᵢ below ≈ 1e-7·σ₁. With {@code --u}, two more passes
 * write U (k columns) orthonormal to machine precision ({@link TallSkinnySvd#leftVectors}).
 *
 * <p>Passes: 1 (3 with --u). Memory: a few d×d matrices on the driver and per task.
 */
public final class SvdJob {
  private SvdJob() {}

  /** The job's doors ({@link JobFrame}). */
  public static final JobFrame<SvdConfig, SvdResult> FRAME = JobFrame.of("svd", SvdJob::compute);

  private static SvdResult compute(JobRun run, SvdConfig config, MatrixInput input) {
    TallJobs.Decomposed start = TallJobs.decompose(run, input, config.k(), config.method(), false, "svd");
    TallSkinnySvd.Result svd = start.svd();
    Summary s = start.summary();
    int d = input.cols();
    int k = start.k();
    s.param("u", config.u());
    double[] sigma = svd.sigma();
    s.result("rows", svd.rows());
    s.result("cols", d);
    s.result("singularValues", Arrays.copyOf(sigma, k));
    s.result("rank", svd.rank());
    s.result("conditionNumber", d == 0 ? 1.0 : sigma[d - 1] == 0 ? Double.POSITIVE_INFINITY : sigma[0] / sigma[d - 1]);
    TallJobs.warnRankDeficient(s, "A", svd.rank(), d, "the trailing singular values are rounding noise or zero, their "
        + "right singular vectors are an arbitrary basis of the null space, and conditionNumber is infinite in exact arithmetic.");
    svd.diagnostics().forEach(s::result);
    svd.warnings().forEach(s::warn);
    run.writeVector("singular-values.csv", sigma);
    run.writeMatrix("V.csv", svd.leadingV(k));
    int uColumns = 0;
    if (config.u()) {
      TallSkinnySvd.LeftVectors left = TallSkinnySvd.leftVectors(input, svd, k, "svd", run);
      left.warnings().forEach(s::warn);
      if (left.map() != null) {
        uColumns = left.map().outputCols();
        run.stage("write U", () -> TallSkinny.writeRows(run, "U", input, left.map()));
      }
      s.result("uColumns", uColumns);
    }
    Summary done = run.finish(input);
    return new SvdResult(svd.rows(), d, sigma, svd.leadingV(k), svd.rank(), uColumns, input.passes(),
        JobFrame.seconds(done), done.toJson());
  }
}
