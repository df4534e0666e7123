package dev.randnla.jobs.tall;

import dev.randnla.io.Summary;
import dev.randnla.jobs.InputParams;
import dev.randnla.jobs.JobFrame;
import dev.randnla.linalg.Cholesky;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.Triangular;
import dev.randnla.sketch.GramSketch;
import dev.randnla.spark.JobRun;
import dev.randnla.spark.MatrixInput;
import dev.randnla.spark.GramPass;
import java.util.Locale;

/**
 * {@code gram}: AᵀA in one pass (blocked dgemm/dsyrk per partition, O(nnz²) per sparse row, merged
 * in partition order), or with {@code --center} the sample covariance
 * (AᵀA − nμμᵀ)/(n − 1) from the same pass by the rank-one mean correction.
 *
 * <p>The Gram squares the condition number: its eigenvalues carry an absolute error ≈ d·u·λ₁, so
 * the job estimates κ(A) (1-norm condition of the Cholesky factor of the result) and reports the
 * relative error that leaves on the smallest eigenvalue, warning when it is large. Use {@code qr}
 * or {@code svd} (TSQR) when small singular values matter.
 *
 * <p>Cost: one pass, 2·d² flops per dense row (d² with native dsyrk); d² doubles per task and on
 * the driver (refused with exit code 4 when they do not fit).
 */
public final class GramJob {
  private static final double U = 0x1.0p-53;
  /** Warn when the smallest eigenvalue's relative error bound d·u·κ² exceeds this. */
  static final double WARN_RELATIVE_ERROR = 1e-6;

  private GramJob() {}

  /** The job's doors ({@link JobFrame}). */
  public static final JobFrame<GramConfig, GramResult> FRAME = JobFrame.of("gram", GramJob::compute);

  private static GramResult compute(JobRun run, GramConfig config, MatrixInput input) {
    int d = input.cols();
    GramSketch.Gram g = GramPass.run(run, input, "gram", "gram: the " + d + "x" + d + " Gram matrix",
        "use eigen --method lanczos (O(d k) memory) or spectrum for large d");
    long n = g.rows();
    Matrix m = config.center() ? g.centered().scale(n > 1 ? 1.0 / (n - 1) : 1.0) : g.gram();
    Cholesky c = Cholesky.of(m);
    double kappa = c.succeeded() ? Triangular.conditionEstimate(c.r()) : Double.POSITIVE_INFINITY;
    double relErr = d * U * kappa * kappa;
    Summary s = run.summary();
    InputParams.put(s, input);
    s.param("center", config.center());
    s.result("rows", n);
    s.result("cols", d);
    s.result("nnz", g.nnz());
    s.result("frobeniusNorm", Math.sqrt(g.frobeniusSquared()));
    s.result("trace", trace(m));
    s.result("conditionNumberEstimate", kappa);
    s.result("gramConditionNumberEstimate", kappa * kappa);
    s.result("gramSquaresConditionNumber", true);
    s.result("smallestEigenvalueRelativeError", relErr);
    if (!c.succeeded()) {
      s.warn("The " + (config.center() ? "covariance" : "Gram") + " matrix is not numerically positive definite (Cholesky "
          + "fails at column " + c.failedAtColumn() + "): A is rank-deficient or kappa(A) is about 1e8 or more, and its "
          + "smallest eigenvalues are rounding noise because the Gram squares the condition number. Use qr or svd "
          + "(TSQR, stable at any condition number) when they matter.");
    } else if (relErr > WARN_RELATIVE_ERROR) {
      s.warn(String.format(Locale.ROOT, "The Gram squares the condition number: kappa(A) is about %.1e, so its smallest "
          + "eigenvalue has a relative error up to about %.1e. Use qr or svd (TSQR) when small singular values matter.",
          kappa, relErr));
    }
    if (n == 0) {
      s.warn("The input has no valid rows.");
    }
    if (config.center()) {
      run.writeMatrix("covariance.csv", m);
      run.writeVector("column-means.csv", g.columnMeans());
    } else {
      run.writeMatrix("gram.csv", m);
    }
    Summary done = run.finish(input);
    return new GramResult(n, d, g.nnz(), m, g.columnMeans(), kappa, input.passes(), JobFrame.seconds(done));
  }

  private static double trace(Matrix m) {
    double t = 0;
    for (int i = 0; i < m.rows(); i++) {
      t += m.get(i, i);
    }
    return t;
  }
}
