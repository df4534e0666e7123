package dev.randnla.jobs.regress;

import dev.randnla.linalg.Compensated;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.QrDecomposition;
import dev.randnla.linalg.SymmetricEigen;
import dev.randnla.linalg.TruncatedInverse;
import dev.randnla.sketch.LinearSketch;
import dev.randnla.sketch.SketchKind;
import dev.randnla.sketch.TsqrSketch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --solver precondition} (default): sketch-and-precondition with iterative refinement.
 *
 * <ol>
 *   <li>Pass 1: S·[M b] → R (QR of S·M, or its truncated SVD when M is numerically rank deficient:
 *       LSRN, Meng, Saunders &amp; Mahoney 2014; Blendenpik, Avron, Maymounkov &amp; Toledo 2010) and
 *       the sketch-and-solve solution x₀, the starting point that makes the iteration stable
 *       (Epperly, Meier &amp; Nakatsukasa, arXiv 2406.03468; Meier et al., arXiv 2302.07202).
 *   <li>Then conjugate gradients on the normal equations preconditioned by C = (RᵀR)⁺, in x: one pass
 *       per iteration computes, at the current x, the exact gradient g = Mᵀ(b − M·x) − λPx in
 *       double-double and, for the search direction z, the product Mᵀ(M·z) + λPz (only p-vectors
 *       travel). Each step is an exact line search along z with the exact gradient, so rounding in
 *       the recurrences never accumulates: the iteration is iterative refinement with a CG inner
 *       solver. The iterate, the gradient, the products and the application of C are all kept in
 *       double-double — near the solution the gradient's components along M's small singular
 *       directions are κ⁻² times the others and C amplifies them back by κ², and C·MᵀM differs from I
 *       by the sketch's distortion, so rounding any of them to double would stall the refinement at
 *       ≈ κ·u. The accuracy reached is ≈ u·‖x‖ plus ≈ κ²·u² from the gradient, far below the κ·u of a
 *       backward-stable direct solve.
 *   <li>It stops when the relative normal-equation residual η = ‖C·g‖/‖x‖ of a pass's x is at most
 *       {@code tol}. C·g = (RᵀR)⁺MᵀM(x* − x) is the refinement step, equal to x* − x up to the
 *       sketch's distortion, so η estimates the relative forward error. The x returned is always one
 *       whose η was computed from its exact gradient.
 * </ol>
 * With S an ε-embedding the preconditioned matrix M·R⁻¹ has condition ≈ (1+ε)/(1−ε) (≈ 1.6 for a
 * Gaussian sketch with m = 20p) and the error shrinks by ≈ (κ̃ − 1)/(κ̃ + 1) per pass whatever κ(M).
 *
 * <p>With {@code --sketch tsqr} (the default for dense rows and p ≤ 4096) pass 1 is instead the TSQR of
 * [M b] (S = I, no distortion): its R is the exact R of a matrix within u·‖M‖ of M, so
 * κ(M·R⁻¹) ≈ 1 + c·p·u·κ(M) and the refinement converges in 2–4 passes, to ≈ u even where the
 * one-pass exact solve loses digits. It costs 2(p+1)² flops per row in pass 1 instead of O(s·nnz).
 *
 * <p>For sparse rows (the default there, p ≤ 4096) pass 1 is instead the Gram of [M b], O(nnz²) flops
 * per row, and R its Cholesky factor ({@link GramFactor}: the corrected semi-normal equations' R).
 * RᵀR is within ≈ p·u·‖M‖² of MᵀM, so κ(M·R⁻¹) ≈ 1 + p·u·κ(M)² and each refinement pass gains about
 * −log₁₀(p·u·κ²) digits; when the factorisation fails or p·u·κ² exceeds 1e-2 the solver falls back
 * to the sketch (one more pass) and says so.
 *
 * <p>Cost: 2 + iterations passes (one more if the last step must be certified); per pass O(nnz) flops
 * (≈ 30 per nonzero, double-double); m·(p+1) doubles per task for the sketch, then 4p. Driver:
 * m·(p+1) for the sketch, p² for R, O(p²) double-double flops per iteration.
 */
final class PreconditionSolver {
  /** Passes in a row without a better η before the iteration is declared stagnant. */
  static final int STAGNATION = 5;

  private PreconditionSolver() {}

  static Solution solve(Passes passes, Design design, SolverSettings s) {
    int p = design.p();
    int w = p + 1;
    int m = s.sketchRows();
    SketchKind kind = s.sketch();
    long seed = s.seed();
    Matrix rAug = null;
    LabelMoments labels = null;
    AugmentedSketch<?> firstPass = null;
    double gramKappa = Double.NaN;
    String preconditioner = kind.cliName() + " sketch, " + m + " rows";
    String gramOutcome = null;
    boolean gramUsed = false;
    if (s.exactR()) {
      s.log().accept("precondition: the exact R of [A b] by TSQR (S = I), then refinement");
      AugmentedSketch<TsqrSketch> first = passes.aggregate(() -> new AugmentedSketch<>(design, true, new TsqrSketch(w)),
          8L * w * w + 256, "regress: TSQR of [A b]");
      rAug = first.result();
      labels = first.labels();
      firstPass = first;
      preconditioner = "tsqr (exact R, S = I)";
    } else if (s.gramR()) {
      s.log().accept("precondition: the Gram of [A b] (O(nnz²) per row), its Cholesky factor as R, then refinement");
      AugmentedSketch<AugmentedGram> first = passes.aggregate(() -> new AugmentedSketch<>(design, true, new AugmentedGram(w)),
          8L * w * w + 256, "regress: Gram of [A b]");
      GramFactor g = GramFactor.of(first.result(), p, design.ridge(), design.d());
      gramOutcome = g.outcome();
      gramKappa = g.kappa();
      firstPass = first;
      if (g.rAug() != null) {
        gramUsed = true;
        rAug = g.rAug();
        labels = first.labels();
        preconditioner = "gram (Cholesky factor of [A b]ᵀ[A b], κ(A) ≈ " + String.format(Locale.ROOT, "%.3g", g.kappa()) + ")";
      } else {
        s.log().accept("precondition: " + g.outcome() + "; falling back to a sketch");
      }
    }
    if (rAug == null) {
      s.log().accept("precondition: " + kind.cliName() + " sketch of [A b] with " + m + " rows");
      AugmentedSketch<LinearSketch> first = AugmentedSketch.linear(passes, design, true, kind, m, s.nnzPerCol(), seed,
          "regress: sketch S[A b]");
      rAug = QrDecomposition.rOnly(first.result());
      labels = first.labels();
      if (firstPass == null) {
        firstPass = first;
      }
    }
    AugmentedFactor f = AugmentedFactor.solve(rAug, design, s.rcond(), gramUsed);
    TruncatedInverse c = f.inverse();
    Map<String, Object> details = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    details.put("preconditioner", preconditioner);
    if (gramOutcome != null) {
      details.put("gramPreconditioner", gramOutcome);
    }
    String chosen = s.exactR() ? "tsqr" : gramUsed ? "gram" : s.gramR() ? "sketch (gram refused)" : "sketch";
    double kappa = Double.isNaN(gramKappa) ? c.conditionEstimate() : gramKappa;
    details.put("solverChoice", SolverChoice.report(p, !firstPass.sparseRows(), firstPass.nonzerosPerRow(), kappa, s, chosen));

    Iterate best = Iterate.at(passes, design, c, Compensated.Vector.of(f.x()), "regress: gradient at x0");
    Iterate current = best;
    s.log().accept(String.format(Locale.ROOT, "precondition: x0 from pass 1, eta=%.3g", best.eta));
    List<Double> alphas = new ArrayList<>();
    List<Double> betas = new ArrayList<>();
    Compensated.Vector dir = current.sg.copy();
    int steps = 0;
    int sinceBest = 0;
    boolean stagnated = false;
    while (!(current.eta <= s.tol()) && steps < s.maxIter()) {
      // one pass: K·z for the direction z (rounded to double: it is the direction actually taken),
      // and the exact gradient at the current x when it is not known yet
      double[] z = dir.values();
      boolean evaluate = current.g == null;
      GradientPass pass = Iterate.pass(passes, design, evaluate ? current.x : null, z, "regress: CG step " + (steps + 1));
      if (evaluate) {
        current = Iterate.from(pass, c, current.x);
        if (current.step < best.step) {
          best = current;
          sinceBest = 0;
        } else if (++sinceBest >= STAGNATION) {
          stagnated = true;
          break;
        }
        s.log().accept(String.format(Locale.ROOT, "precondition: step %d, eta=%.3g", steps, current.eta));
        if (current.eta <= s.tol()) {
          break;
        }
      }
      Compensated.Vector zv = Compensated.Vector.of(z);
      Compensated.Vector kz = pass.product(z);
      double zkz = zv.dot(kz);
      if (!(zkz > 0)) {
        break;
      }
      double alpha = zv.dot(current.g) / zkz;
      Compensated.Vector xNext = current.x.copy();
      xNext.axpy(alpha, zv);
      Compensated.Vector gNext = current.g.copy();
      gNext.axpy(-alpha, kz);
      Compensated.Vector sNext = c.normalSolve(gNext);
      double beta = gNext.dot(sNext) / current.gs;
      alphas.add(alpha);
      betas.add(beta);
      zv.scaleAdd(beta, sNext);
      dir = zv;
      current = Iterate.pending(xNext);
      steps++;
    }
    if (current.g == null) {
      current = Iterate.at(passes, design, c, current.x, "regress: gradient at the last step");
      if (current.step < best.step) {
        best = current;
      }
    }
    if (!(best.eta <= s.tol())) {
      warnings.add(stagnated
          ? String.format(Locale.ROOT, "precondition: the iteration stagnated at a relative normal-equation residual "
              + "of %.3g > --tol %.3g (the attainable accuracy for this problem); the best iterate is returned.",
              best.eta, s.tol())
          : String.format(Locale.ROOT, "precondition: not converged after --max-iter %d iterations: relative "
              + "normal-equation residual %.3g > --tol %.3g.", s.maxIter(), best.eta, s.tol()));
    }
    double kappaPre = lanczosCondition(alphas, betas);
    details.put("stagnated", stagnated);
    return new Solution(best.x.values(), steps, best.eta, best.rss, f.residualSquares(), c, s.exactR() || gramUsed, kappaPre, labels,
        details, warnings);
  }

  /**
   * κ(M·R⁻¹) from the Ritz values of the CG Lanczos matrix: T_jj = 1/α_j + β_{j−1}/α_{j−1},
   * T_{j,j+1} = √β_j/α_j (Golub &amp; Van Loan §11.3); NaN with fewer than two steps.
   */
  static double lanczosCondition(List<Double> alphas, List<Double> betas) {
    int k = alphas.size();
    if (k < 2) {
      return Double.NaN;
    }
    Matrix t = Matrix.zeros(k, k);
    for (int j = 0; j < k; j++) {
      double diag = 1 / alphas.get(j);
      if (j > 0) {
        diag += betas.get(j - 1) / alphas.get(j - 1);
      }
      t.set(j, j, diag);
      if (j + 1 < k) {
        double off = Math.sqrt(Math.max(0, betas.get(j))) / alphas.get(j);
        t.set(j, j + 1, off);
        t.set(j + 1, j, off);
      }
    }
    double[] ev = SymmetricEigen.of(t).values();
    double hi = ev[0];
    double lo = ev[ev.length - 1];
    return lo > 0 ? Math.sqrt(hi / lo) : Double.NaN;
  }

  /**
   * An iterate x (double-double: rounding x to double would cap the forward error at ≈ κ·u, since
   * (RᵀR)⁻¹MᵀM differs from I by the sketch's distortion) and, once a pass has evaluated it, its
   * exact gradient g, C·g, gᵀCg, η and RSS.
   */
  static final class Iterate {
    final Compensated.Vector x;
    final Compensated.Vector g;
    final Compensated.Vector sg;
    final double gs;
    final double step;
    final double eta;
    final double rss;

    private Iterate(Compensated.Vector x, Compensated.Vector g, Compensated.Vector sg, double gs, double step,
        double eta, double rss) {
      this.x = x;
      this.g = g;
      this.sg = sg;
      this.gs = gs;
      this.step = step;
      this.eta = eta;
      this.rss = rss;
    }

    static Iterate pending(Compensated.Vector x) {
      return new Iterate(x, null, null, Double.NaN, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN);
    }

    /** One pass: the gradient at x (unless null) and the product with z (unless null). */
    static GradientPass pass(Passes passes, Design design, Compensated.Vector x, double[] z, String description) {
      Passes.Shared<double[][]> xs = x == null ? null : passes.share(new double[][] {hiParts(x), loParts(x)});
      Passes.Shared<double[]> zs = z == null ? null : passes.share(z);
      try {
        return passes.aggregate(() -> new GradientPass(design, xs == null ? null : xs.value()[0],
            xs == null ? null : xs.value()[1], zs == null ? null : zs.value()), 8L * 4 * design.p() + 512, description);
      } finally {
        if (xs != null) {
          xs.release();
        }
        if (zs != null) {
          zs.release();
        }
      }
    }

    static Iterate at(Passes passes, Design design, TruncatedInverse c, Compensated.Vector x, String description) {
      return from(pass(passes, design, x, null, description), c, x);
    }

    static Iterate from(GradientPass pass, TruncatedInverse c, Compensated.Vector x) {
      Compensated.Vector g = pass.gradient(x);
      Compensated.Vector sg = c.normalSolve(g);
      double step = sg.norm2();
      return new Iterate(x, g, sg, g.dot(sg), step, relative(step, x.norm2()), pass.residualSquares());
    }
  }

  static double[] hiParts(Compensated.Vector x) {
    double[] h = new double[x.length()];
    for (int j = 0; j < h.length; j++) {
      h[j] = x.hi(j);
    }
    return h;
  }

  static double[] loParts(Compensated.Vector x) {
    double[] l = new double[x.length()];
    for (int j = 0; j < l.length; j++) {
      l[j] = x.lo(j);
    }
    return l;
  }

  /** η = ‖C·g‖/‖x‖, with 0/0 = 0 (x = x* = 0) and s/0 = ∞. */
  static double relative(double step, double xNorm) {
    if (step == 0) {
      return 0;
    }
    return xNorm == 0 ? Double.POSITIVE_INFINITY : step / xNorm;
  }
}
