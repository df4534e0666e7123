package dev.randnla.jobs.eigen;

import dev.randnla.io.Summary;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.SymmetricEigen;
import dev.randnla.sketch.GramSketch;
import dev.randnla.spark.JobRun;
import dev.randnla.spark.GramPass;
import dev.randnla.spark.MatrixInput;

/**
 * {@code --method exact} (docs/algorithms.md, eigen --method exact): one pass folds every row into the d×d Gram
 * ({@link GramSketch}, BLAS-3 on row blocks, merged in a fixed order), then the driver solves the
 * symmetric eigenproblem ({@link SymmetricEigen}). The reference answer, and the fastest one when
 * d is small. Eigenvalues are accurate to ≈ d·u·λ₁ (the Gram squares the condition number, which
 * does not matter for the top of the spectrum).
 *
 * <p>Cost: one pass; 2·d² flops per dense row (d² with native dsyrk), nnz² per sparse row; d²
 * doubles per task and ~3·d² on the driver; ≈ 4d³/3 flops for the eigensolver.
 */
final class ExactMethod {
  private ExactMethod() {}

  static EigenAnswer run(JobRun run, MatrixInput input, EigenConfig config) {
    int d = input.cols();
    GramSketch.Gram g = GramPass.run(run, input, "eigen", "the " + d + "x" + d + " Gram and its eigendecomposition",
        "use --method stream or --method lanczos, which keep O(d·k) state");
    Matrix s = config.center() ? g.centered() : g.gram();
    SymmetricEigen eig = run.stage("eigensolve", () -> SymmetricEigen.of(s));
    double[] all = eig.values();
    int k = config.k();
    double[] values = java.util.Arrays.copyOf(all, k);
    Summary summary = run.summary();
    if (k < d) {
      summary.result("gapEstimate", all[k] > 0 ? all[k - 1] / all[k] : Double.POSITIVE_INFINITY);
    }
    if (config.center() && g.rows() > 0 && all[0] > 0) {
      double[] mu = g.columnMeans();
      double muSquared = 0;
      for (double m : mu) {
        muSquared += m * m;
      }
      double dominance = g.rows() * muSquared / all[0];
      summary.result("meanDominance", dominance);
      if (dominance > 1e8) {
        summary.warn(String.format(java.util.Locale.ROOT, "The column means dominate the spread (n·‖μ‖²/λ₁ = %.1e): "
            + "the centred Gram loses about %.0f digits to cancellation.", dominance, Math.log10(dominance)));
      }
    }
    return new EigenAnswer(eig.vectors().leadingColumns(k), values);
  }
}
