package dev.randnla.sketch;

import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.SingularValueDecomposition;
import java.util.ArrayList;
import java.util.List;

/**
 * ℓp Lewis weights by the fixed-point iteration of Cohen &amp; Peng ("ℓp Row Sampling by Lewis
 * Weights", STOC 2015): the weights are the fixed point wᵢ = (aᵢᵀ(AᵀW^{1−2/p}A)⁻¹aᵢ)^{p/2}, Σ wᵢ = d
 * (the rank). The iteration is run on the d×d matrix M = AᵀW^{1−2/p}A, so no per-row state is kept
 * between passes: M_{k+1} = M_k #_β G(M_k), where G(M) = Σ (aᵢᵀM⁺aᵢ)^{p/2−1} aᵢaᵢᵀ comes from one
 * pass ({@link LewisPassSketch}) and #_β is the weighted matrix geometric mean (β = 1: no damping).
 *
 * <p>Convergence. G is a contraction by c = |p/2 − 1| in the Thompson metric
 * δ(M, N) = max |log λ(M⁺N)| on the row space (Cohen–Peng's argument), so for p &lt; 4 without
 * damping the error of the weights computed from M_{k+1} is certified:
 * max |log wᵢ − log wᵢ*| ≤ (p/2)·c/(1−c)·δ(M_k, M_{k+1}), and δ is computed exactly on the driver
 * from the two factors (no extra pass). Consecutive weights differ by at most (p/2)·δ in log, over
 * every row. For p ≥ 4 the undamped map does not contract (at p = 4 it oscillates); the damped map
 * with β = 4/(p + 2) contracts locally by (p − 2)/(p + 2) (the Jacobian in log space is
 * (1 − β)I − β(p/2 − 1)Λ with Λ similar to a matrix with spectrum in [0, 1]), which is an
 * estimate, not a certificate: the error bound reported then uses the larger of that rate and the
 * observed ratio of successive distances.
 *
 * <p>Use: for p ≤ 2 the Lewis weights upper-bound the ℓp sensitivities; for p &gt; 2 the bound is
 * d^{p/2−1}·wᵢ ({@link #sensitivityFactor}); either way they are the sampling scores for ℓp
 * subspace embeddings and ℓp regression coresets (Woodruff &amp; Yasuda 2023, arXiv 2306.00732).
 *
 * <p>Cost: one pass per iteration (2·d² + 2·d·r flops per row) and one SVD of a d×d factor on the
 * driver per iteration.
 */
public final class LewisWeights {
  private LewisWeights() {}

  /** Validates p (finite, ≥ 1: the range in which Lewis weights bound ℓp sensitivities). */
  public static void checkP(double p) {
    if (!(p >= 1) || Double.isInfinite(p)) {
      throw new IllegalArgumentException("p must be finite and at least 1: " + p);
    }
  }

  /** wᵢ = τᵢ^{p/2} from τᵢ = aᵢᵀM⁺aᵢ. */
  public static double weight(double tau, double p) {
    return p == 2 ? tau : Math.pow(tau, p / 2);
  }

  /** The factor τ^{(p−2)/4} = w^{1/2−1/p} a row is scaled by in the next Gram (0 for τ = 0). */
  public static double rowScale(double tau, double p) {
    if (!(tau > 0)) {
      return 0.0;
    }
    return p == 2 ? 1.0 : Math.pow(tau, (p - 2) / 4);
  }

  /** The default damping: none (β = 1) for p &lt; 4, β = 4/(p + 2) from p = 4 on. */
  public static double defaultDamping(double p) {
    checkP(p);
    return p < 4 ? 1.0 : 4.0 / (p + 2);
  }

  /** The (local) contraction rate max(|1 − β|, |1 − β·p/2|) of the damped map; |1 − p/2| at β = 1. */
  public static double contraction(double p, double beta) {
    return Math.max(Math.abs(1 - beta), Math.abs(1 - beta * p / 2));
  }

  /** True when the contraction is a global, certified one (β = 1 and p &lt; 4). */
  public static boolean certified(double p, double beta) {
    return beta == 1.0 && p < 4;
  }

  /** The factor between Lewis weights and ℓp sensitivity upper bounds: 1 for p ≤ 2, r^{p/2−1} above. */
  public static double sensitivityFactor(double p, int rank) {
    return p <= 2 ? 1.0 : Math.pow(Math.max(1, rank), p / 2 - 1);
  }

  /**
   * The Thompson distance max |log λ| between the two matrices M (of {@code prev}) and N (of
   * {@code next}) on prev's row space: every score changes by a factor in [e^{−δ}, e^{δ}].
   * Infinite when the ranks differ.
   */
  public static double thompsonDistance(LeverageScores prev, LeverageScores next) {
    double[] range = prev.ratioRange(next);
    if (!(range[0] > 0) || Double.isInfinite(range[1])) {
      return Double.POSITIVE_INFINITY;
    }
    return Math.max(Math.abs(Math.log(range[0])), Math.abs(Math.log(range[1])));
  }

  /**
   * The factor of M #_β N for M given by {@code current} (exact scores with their basis) and
   * N = GᵀG: with T = V_rΣ_r⁻¹ and G·T = Z·S·Wᵀ, the result is S^β·Wᵀ·Σ_r·V_rᵀ (r×d).
   */
  static Matrix geometricMeanFactor(LeverageScores current, Matrix g, double beta) {
    Matrix vr = current.basis();
    if (vr == null) {
      throw new IllegalStateException("damping needs exact scores built on this JVM");
    }
    int r = current.rank();
    int d = current.cols();
    double[] sigma = current.singularValues();
    SingularValueDecomposition svd = SingularValueDecomposition.of(g.times(current.scoringMatrix()));
    double[] s = svd.singularValues();
    Matrix w = svd.v();
    Matrix x = vr.transpose();
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < r; i++) {
        x.set(i, j, x.get(i, j) * sigma[i]);
      }
    }
    Matrix f = w.transpose().times(x);
    for (int i = 0; i < r; i++) {
      double si = i < s.length ? Math.pow(s[i], beta) : 0.0;
      for (int j = 0; j < d; j++) {
        f.set(i, j, f.get(i, j) * si);
      }
    }
    return f;
  }

  /** One recorded iteration. */
  public record Step(int iteration, double sumWeights, double maxWeight, double thompsonDistance,
      double maxRelativeChange, double errorBound) {}

  /**
   * The driver side of the iteration: holds the current M (as scores), takes each pass's factor of
   * G(M), applies the damping, measures the change and decides convergence. The caller runs the
   * passes (locally with {@link #compute}, or on Spark with {@code SketchPass}).
   */
  public static final class Iteration {
    private final double p;
    private final double beta;
    private final double tol;
    private final int maxIterations;
    private final double rankTol;
    private final List<Step> history = new ArrayList<>();
    private LeverageScores current;
    private boolean converged;
    private double lastDistance = Double.NaN;
    private double errorBound = Double.POSITIVE_INFINITY;

    /**
     * @param initial the scores of M₀ = AᵀA (plain leverage, from {@link LeverageScores#spectral})
     * @param p the exponent
     * @param beta damping in (0, 1] (1: none)
     * @param tol stop when the bound on max |log w − log w*| is at most tol
     * @param maxIterations the most passes to spend on iterations
     * @param rankTol relative rank tolerance for each factor
     */
    public Iteration(LeverageScores initial, double p, double beta, double tol, int maxIterations, double rankTol) {
      checkP(p);
      if (!(beta > 0 && beta <= 1)) {
        throw new IllegalArgumentException("damping must be in (0, 1]: " + beta);
      }
      if (!(tol > 0)) {
        throw new IllegalArgumentException("tolerance must be positive: " + tol);
      }
      if (maxIterations < 0) {
        throw new IllegalArgumentException("max iterations must be non-negative: " + maxIterations);
      }
      if (initial.kind() != LeverageScores.Kind.EXACT || initial.basis() == null) {
        throw new IllegalArgumentException("the iteration starts from exact leverage scores with their SVD "
            + "(LeverageScores.spectral)");
      }
      this.current = initial;
      this.p = p;
      this.beta = beta;
      this.tol = tol;
      this.maxIterations = maxIterations;
      this.rankTol = rankTol;
      // p = 2: G(M) = AᵀA = M₀, the leverage scores are the Lewis weights; nothing to iterate
      this.converged = p == 2;
      if (converged) {
        errorBound = 0;
      }
    }

    /** True when another pass is needed (not converged and the budget allows). */
    public boolean needsPass() {
      return !converged && history.size() < maxIterations;
    }

    /** The scores of the current M: wᵢ = score^{p/2}. */
    public LeverageScores current() {
      return current;
    }

    /**
     * Takes one pass's result (R with RᵀR = G(M_k), the statistics of the weights computed from
     * M_k) and moves to M_{k+1}; returns true when converged.
     */
    public boolean step(LewisPassSketch.Result pass) {
      LeverageScores next = beta == 1.0 ? LeverageScores.spectral(pass.r(), rankTol)
          : LeverageScores.spectral(geometricMeanFactor(current, pass.r(), beta), rankTol);
      double delta = thompsonDistance(current, next);
      double c = contraction(p, beta);
      if (!certified(p, beta) && Double.isFinite(lastDistance) && lastDistance > 0) {
        c = Math.max(c, delta / lastDistance);
      }
      errorBound = c < 1 && Double.isFinite(delta) ? (p / 2) * c / (1 - c) * delta : Double.POSITIVE_INFINITY;
      if (c == 0) {
        errorBound = 0;
      }
      double change = Double.isFinite(delta) ? Math.expm1((p / 2) * delta) : Double.POSITIVE_INFINITY;
      history.add(new Step(history.size() + 1, pass.weights().sum(), pass.weights().max(), delta, change, errorBound));
      lastDistance = delta;
      current = next;
      converged = errorBound <= tol;
      return converged;
    }

    public boolean converged() {
      return converged;
    }

    /** The bound on max |log wᵢ − log wᵢ*| of the weights from {@link #current()} (certified or estimated). */
    public double errorBound() {
      return errorBound;
    }

    public boolean isCertified() {
      return certified(p, beta);
    }

    public List<Step> history() {
      return List.copyOf(history);
    }

    public double p() {
      return p;
    }

    public double damping() {
      return beta;
    }
  }

  /** Lewis weights of a local matrix, with the iteration's record. */
  public record Local(double[] weights, Iteration iteration) {}

  /**
   * Lewis weights of a small matrix held locally (tests, notebooks): the same iteration as the
   * distributed job, each "pass" a {@link LewisPassSketch} over the rows of A (input, not modified).
   */
  public static Local compute(Matrix a, double p, double beta, double tol, int maxIterations, double rankTol) {
    int d = a.cols();
    TsqrSketch r0 = new TsqrSketch(d);
    double[][] rows = a.toRowArrays();
    for (int i = 0; i < rows.length; i++) {
      r0.update(i, rows[i]);
    }
    Iteration it = new Iteration(LeverageScores.spectral(r0.result(), rankTol), p, beta, tol, maxIterations, rankTol);
    while (it.needsPass()) {
      LewisPassSketch pass = new LewisPassSketch(it.current(), p);
      for (int i = 0; i < rows.length; i++) {
        pass.update(i, rows[i]);
      }
      it.step(pass.compact().result());
    }
    double[] w = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      w[i] = weight(it.current().score(rows[i]), p);
    }
    return new Local(w, it);
  }
}
