package dev.randnla.jobs.tall;

import dev.randnla.io.InvalidInputException;
import dev.randnla.io.Summary;
import dev.randnla.jobs.JobFrame;
import dev.randnla.spark.JobRun;
import dev.randnla.spark.MatrixInput;
import dev.randnla.spark.TallSkinnySvd;
import java.util.Arrays;

/**
 * {@code pca}: principal components of the rows, i.e. the right singular vectors of the centred
 * matrix A − 1μᵀ, and the variance each explains, σᵢ²/(n − 1). Default route: one pass of the
 * centred TSQR ({@link dev.randnla.sketch.CenteredTsqrSketch}: each block is centred on its own
 * mean and the Chan–Golub–LeVeque correction row √(n₁n₂/(n₁+n₂))·(μ₁ − μ₂) joins groups), which is
 * backward stable for the centred matrix however large the mean; {@code --method gram} uses the
 * covariance AᵀA − nμμᵀ from one Gram pass (O(nnz²) per sparse row), which squares κ and loses
 * digits when the mean dominates (both reported).
 *
 * <p>Passes: 1. Memory: a few d×d matrices on the driver and per task.
 */
public final class PcaJob {
  private PcaJob() {}

  /** The job's doors ({@link JobFrame}). */
  public static final JobFrame<PcaConfig, PcaResult> FRAME = JobFrame.of("pca", PcaJob::compute);

  private static PcaResult compute(JobRun run, PcaConfig config, MatrixInput input) {
    TallJobs.Decomposed start = TallJobs.decompose(run, input, config.k(), config.method(), true, "pca");
    TallSkinnySvd.Result svd = start.svd();
    Summary s = start.summary();
    int d = input.cols();
    int k = start.k();
    long n = svd.rows();
    if (n < 2) {
      throw new InvalidInputException("pca needs at least 2 rows to estimate a variance; " + input.uri() + " has " + n);
    }
    double[] sigma = svd.sigma();
    double[] variance = new double[d];
    double total = 0;
    for (int i = 0; i < d; i++) {
      variance[i] = sigma[i] * sigma[i] / (n - 1);
      total += variance[i];
    }
    double[] ratio = new double[d];
    for (int i = 0; i < d; i++) {
      ratio[i] = total > 0 ? variance[i] / total : 0;
    }
    s.result("rows", n);
    s.result("cols", d);
    s.result("explainedVariance", Arrays.copyOf(variance, k));
    s.result("explainedVarianceRatio", Arrays.copyOf(ratio, k));
    double cumulative = 0;
    for (int i = 0; i < k; i++) {
      cumulative += ratio[i];
    }
    s.result("cumulativeExplainedVarianceRatio", cumulative);
    s.result("totalVariance", total);
    s.result("rank", svd.rank());
    if (!(total > 0)) {
      s.warn("The centred data have zero variance (every row equals the mean): every component is an arbitrary "
          + "direction with zero variance, and the explained-variance ratios are reported as 0.");
    } else {
      TallJobs.warnRankDeficient(s, "The centred data", svd.rank(), d, "the trailing components have zero variance "
          + "and are an arbitrary basis of the null space.");
    }
    svd.diagnostics().forEach(s::result);
    svd.warnings().forEach(s::warn);
    run.writeMatrix("V.csv", svd.leadingV(k));
    run.writeVector("explained-variance.csv", variance);
    run.writeVector("singular-values.csv", sigma);
    run.writeVector("column-means.csv", svd.mean());
    Summary done = run.finish(input);
    return new PcaResult(n, d, svd.leadingV(k), Arrays.copyOf(variance, k), Arrays.copyOf(ratio, k), svd.mean(),
        input.passes(), JobFrame.seconds(done));
  }
}
