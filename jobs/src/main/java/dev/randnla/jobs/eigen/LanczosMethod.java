package dev.randnla.jobs.eigen;

import dev.randnla.io.Summary;
import dev.randnla.linalg.BlockLanczos;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.SymmetricOperator;
import dev.randnla.sketch.GramProductSketch;
import dev.randnla.spark.GramProducts;
import dev.randnla.spark.JobRun;
import dev.randnla.spark.MatrixInput;
import dev.randnla.spark.Resources;
import java.util.Locale;

/**
 * {@code --method lanczos} (docs/algorithms.md, eigen --method lanczos): {@link BlockLanczos} on the distributed Gram
 * operator X ↦ AᵀA·X ({@link GramProducts#multiply}, or its centred form): one pass per iteration,
 * only d×b blocks travel, the driver keeps the Krylov basis. The answer for large d when high
 * accuracy is worth several passes.
 *
 * <p>Cost: one pass per iteration with 4·d·b flops per dense row; 2·d·b·iterations doubles on the
 * driver. Converges to ‖AᵀAx − θx‖ ≤ tol·θ₁ in about log(1/tol)/√(gap − 1) iterations for a
 * relative gap gap − 1 (block Krylov, Musco &amp; Musco 2015).
 */
final class LanczosMethod {
  private LanczosMethod() {}

  static int blockSize(EigenConfig config, int d) {
    return Math.min(d, config.block() != null ? config.block() : config.k() + 2);
  }

  static EigenAnswer run(JobRun run, MatrixInput input, EigenConfig config) {
    int d = input.cols();
    int b = blockSize(config, d);
    int maxIt = config.maxIterationsOrDefault();
    double tol = config.toleranceOrDefault();
    long basisColumns = Math.min((long) d, (long) b * maxIt);
    Resources.requireDriver(input.spark().sparkContext(), "the Krylov basis and its products",
        2 * Resources.denseBytes(d, basisColumns), "lower --k, --block or --max-iterations (the basis has up to block x iterations columns)");
    boolean[] recorded = {false};
    SymmetricOperator gram = x -> {
      GramProductSketch.Result r = GramProducts.multiply(input, x, "eigen: lanczos product");
      if (!recorded[0]) {
        run.recordInput(input, null);
        recorded[0] = true;
      }
      return config.center() ? r.centered() : r.product();
    };
    Matrix start = StartingBlocks.gaussian(d, b, config.seed(), StartingBlocks.LANCZOS);
    BlockLanczos.Result r = run.stage("lanczos", () -> BlockLanczos.solve(gram, start, config.k(), maxIt, tol,
        config.seed(), (it, values, residual) -> run.log(String.format(Locale.ROOT,
            "lanczos iteration %d: top eigenvalue %.12g, max relative residual %.2e", it, values[0], residual))));
    Summary summary = run.summary();
    double[] relative = new double[r.residuals().length];
    for (int j = 0; j < relative.length; j++) {
      relative[j] = r.values()[0] == 0 ? 0 : r.residuals()[j] / Math.abs(r.values()[0]);
    }
    summary.result("iterations", r.iterations());
    summary.result("block", b);
    summary.result("converged", r.converged());
    summary.result("relativeResiduals", relative);
    double[] all = r.allValues();
    int k = config.k();
    if (all.length > k) {
      summary.result("gapEstimate", all[k] > 0 ? all[k - 1] / all[k] : Double.POSITIVE_INFINITY);
    }
    if (!r.converged()) {
      double worst = 0;
      for (double v : relative) {
        worst = Math.max(worst, v);
      }
      summary.warn(String.format(Locale.ROOT, "Lanczos stopped after %d iterations without reaching --tol %.1e "
          + "(largest relative residual %.2e); raise --max-iterations or --block.", r.iterations(), tol, worst));
    }
    return new EigenAnswer(r.vectors(), r.values());
  }
}
