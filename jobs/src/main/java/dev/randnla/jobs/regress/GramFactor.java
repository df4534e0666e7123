package dev.randnla.jobs.regress;

import dev.randnla.linalg.Cholesky;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.Triangular;
import java.util.Locale;

/**
 * The R factor of [A b] from its Gram (the corrected semi-normal equations' factor): R with RᵀR =
 * AᵀA by Cholesky, z = R⁻ᵀAᵀb, ρ = (bᵀb − ‖z‖²)^½, R_aug = [[R, z], [0, ρ]]. As a preconditioner for
 * the refinement of {@link PreconditionSolver}, RᵀR differs from AᵀA by about p·u·‖A‖², so
 * κ(A·R⁻¹) ≈ 1 + p·u·κ(A)² and every refinement pass gains about −log₁₀(p·u·κ(A)²) digits. It is
 * refused — and the solver falls back to a sketch — when the Cholesky factorisation fails (AᵀA not
 * numerically positive definite: rank deficient, or κ(A)² beyond 1/u) or when p·u·κ(A)² exceeds
 * {@link #MAX_DISTORTION}, where a pass would gain less than two digits.
 *
 * <p>With {@code --ridge} λ the factor is that of AᵀA + λP (P selects the penalised columns): the
 * normal matrix of the ridge problem, which the refinement's gradients use too. It stays positive
 * definite when A is rank deficient, so a ridge problem keeps the Gram path where plain least squares
 * would fall back to the sketch.
 *
 * @param rAug the (p+1)×(p+1) factor, or null when refused
 * @param kappa the condition estimate of R (≈ κ(A)), NaN when the factorisation failed
 * @param outcome what happened, for the summary
 */
record GramFactor(Matrix rAug, double kappa, String outcome) {
  /** Largest p·u·κ² accepted: each refinement pass then reduces the error at least 100-fold. */
  static final double MAX_DISTORTION = 1e-2;

  /**
   * @param gram the full (p+1)×(p+1) Gram of [A b]
   * @param ridge λ, added to the first {@code penalised} diagonal entries (0: none)
   */
  static GramFactor of(Matrix gram, int p, double ridge, int penalised) {
    int w = p + 1;
    Matrix a = Matrix.zeros(p, p);
    double[] atb = new double[p];
    for (int j = 0; j < p; j++) {
      for (int i = 0; i <= j; i++) {
        a.set(i, j, gram.get(i, j));
      }
      atb[j] = gram.get(j, p);
    }
    for (int j = 0; j < penalised; j++) {
      a.set(j, j, a.get(j, j) + ridge);
    }
    Cholesky c = Cholesky.of(a);
    if (!c.succeeded()) {
      return new GramFactor(null, Double.NaN, "refused: AᵀA is not numerically positive definite (Cholesky failed at column "
          + c.failedAtColumn() + ": rank deficient, or κ(A)² beyond 1/u)");
    }
    Matrix r = c.r();
    double kappa = Triangular.conditionEstimate(r);
    double distortion = p * 0x1.0p-53 * kappa * kappa;
    if (!(distortion <= MAX_DISTORTION)) {
      return new GramFactor(null, kappa, String.format(Locale.ROOT, "refused: κ(A) ≈ %.3g, so p·u·κ² = %.3g > %.0e "
          + "(refinement from a Cholesky factor would gain under two digits per pass)", kappa, distortion, MAX_DISTORTION));
    }
    double[] z = Triangular.solveUpperTranspose(r, atb);
    double zz = 0;
    for (double v : z) {
      zz += v * v;
    }
    Matrix rAug = Matrix.zeros(w, w);
    for (int j = 0; j < p; j++) {
      for (int i = 0; i <= j; i++) {
        rAug.set(i, j, r.get(i, j));
      }
      rAug.set(j, p, z[j]);
    }
    rAug.set(p, p, Math.sqrt(Math.max(0, gram.get(p, p) - zz)));
    String ridged = ridge > 0 ? String.format(Locale.ROOT, " (of AᵀA + λP, λ = %.3g)", ridge) : "";
    return new GramFactor(rAug, kappa, String.format(Locale.ROOT, "used: κ ≈ %.3g%s, p·u·κ² = %.3g", kappa, ridged,
        distortion));
  }
}
