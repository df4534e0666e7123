package dev.randnla.jobs.tall;

import dev.randnla.io.InputOptions;
import dev.randnla.io.Summary;
import dev.randnla.io.UsageException;
import dev.randnla.io.Violations;
import dev.randnla.jobs.InputParams;
import dev.randnla.jobs.JobConfig;
import dev.randnla.spark.JobRun;
import dev.randnla.spark.MatrixInput;
import dev.randnla.spark.TallSkinnySvd;
import java.util.Locale;

/**
 * What the tall-skinny jobs (gram, qr, svd, pca) share: k checks, the decomposition svd and pca start from,
 * the rank-deficiency warning.
 */
final class TallJobs {
  private TallJobs() {}

  /** The SVD of A (of the centred A for pca), the k columns kept, and the summary with the parameters recorded. */
  record Decomposed(int k, TallSkinnySvd.Result svd, Summary summary) {}

  /**
   * How svd and pca begin: k checked against d before any pass, the SVD by {@code method} (of the centred
   * rows when {@code centred}), then the input parameters, method and k recorded in the summary.
   */
  static Decomposed decompose(JobRun run, MatrixInput input, Integer k, TallSkinnySvd.Method method, boolean centred,
      String job) {
    int kept = columnsToKeep(k, input.cols());
    TallSkinnySvd.Result svd = TallSkinnySvd.decompose(input, method, centred, job, run);
    Summary s = InputParams.record(run, input, svd.nnz());
    s.param("method", method.cliName());
    s.param("k", kept);
    return new Decomposed(kept, svd, s);
  }

  /** The checks svd and pca configs share: an input, and k null (all) or positive. */
  static void checkInputAndK(InputOptions input, Integer k) {
    Violations v = JobConfig.violations(input);
    v.require(k == null || k >= 1, "--k must be positive: " + k);
    v.throwIfAny();
  }

  /** k, or d when k is null; refuses k > d. */
  static int columnsToKeep(Integer k, int d) {
    if (k == null) {
      return d;
    }
    if (k > d) {
      throw new UsageException("--k must be at most the number of columns d=" + d + ": " + k);
    }
    return k;
  }

  /**
   * Warns when A (or, for pca, the centred A) is numerically rank deficient: the answer is still
   * correct, but the trailing directions are not determined (issue 9, degenerate input).
   */
  static void warnRankDeficient(Summary summary, String what, int rank, int cols, String consequence) {
    if (rank < cols) {
      summary.warn(String.format(java.util.Locale.ROOT, "%s is rank deficient: numerical rank %d of %d columns; %s",
          what, rank, cols, consequence));
    }
  }
}
