package dev.randnla.jobs.regress;

import dev.randnla.linalg.Compensated;
import dev.randnla.linalg.TruncatedInverse;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import dev.randnla.sketch.SketchKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --solver ihs}: the iterative Hessian sketch (Pilanci &amp; Wainwright, "Iterative Hessian
 * sketch: fast and accurate solution approximation for constrained least-squares", JMLR 2016).
 * Iteration t draws a fresh sketch S_t and steps
 * <pre>  x_{t+1} = x_t + (R_tᵀR_t)⁻¹·(Mᵀ(b − M·x_t) − λ·P·x_t),   R_t = R([S_t·M; √λ·P]),</pre>
 * a Newton step with the sketched Hessian (factored by QR, never formed) and the exact gradient.
 * Sketch t and the gradient at x_t come from the same pass, so each iteration is one pass. The error
 * contracts by about ε/(1 − ε) per pass in the M-norm when every S_t is an ε-embedding; fresh
 * sketches make the contraction average out rather than compound one sketch's bias. The gradient is
 * exact in double-double, so the attainable accuracy is that of {@link PreconditionSolver}.
 * Useful with ridge (the penalty enters the sketched Hessian exactly).
 *
 * <p>Cost: one pass per iteration, each a full sketch (O(s·nnz) for OSNAP) plus the gradient;
 * m·p doubles per task; a QR of m×p on the driver per iteration.
 */
final class IhsSolver {
  private IhsSolver() {}

  static Solution solve(Passes passes, Design design, SolverSettings s) {
    int p = design.p();
    int m = s.sketchRows();
    SketchKind kind = s.sketch();
    int nnz = s.nnzPerCol();
    s.log().accept("ihs: a fresh " + kind.cliName() + " sketch with " + m + " rows per iteration");
    Compensated.Vector x = new Compensated.Vector(p);
    double eta = Double.POSITIVE_INFINITY;
    double rss = Double.NaN;
    LabelMoments labels = null;
    TruncatedInverse c = null;
    int t = 0;
    while (true) {
      long seedT = RandomStream.word(s.seed(), Purpose.ITERATION_SKETCH, t, 0);
      Passes.Shared<double[][]> xs = passes.share(new double[][] {PreconditionSolver.hiParts(x),
          PreconditionSolver.loParts(x)});
      HessianSketchPass pass;
      try {
        pass = passes.aggregate(() -> new HessianSketchPass(design, kind.create(m, p, nnz, seedT), xs.value()[0],
            xs.value()[1]),
            8L * m * p + 8L * 2 * p + 512, "regress: IHS iteration " + (t + 1));
      } finally {
        xs.release();
      }
      if (labels == null) {
        labels = pass.gradient().labels();
      }
      c = AugmentedFactor.sketchInverse(pass.sketched(), design, s.rcond());
      Compensated.Vector step = c.normalSolve(pass.gradient().gradient(x));
      rss = pass.gradient().residualSquares();
      eta = PreconditionSolver.relative(step.norm2(), x.norm2());
      s.log().accept(String.format(Locale.ROOT, "ihs: iteration %d, eta=%.3g", t, eta));
      if (eta <= s.tol() || t >= s.maxIter()) {
        break;
      }
      x.axpy(1.0, step);
      t++;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    details.put("sketchRows", m);
    if (!(eta <= s.tol())) {
      warnings.add(String.format(Locale.ROOT, "ihs: not converged after --max-iter %d iterations: relative "
          + "normal-equation residual %.3g > --tol %.3g.", s.maxIter(), eta, s.tol()));
    }
    return new Solution(x.values(), t, eta, rss, Double.NaN, c, false, Double.NaN, labels, details, warnings);
  }
}
