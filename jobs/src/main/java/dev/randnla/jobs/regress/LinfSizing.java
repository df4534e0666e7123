package dev.randnla.jobs.regress;

/**
 * Sketch size for the ℓ∞ guarantee of sketch-and-solve with a dense Gaussian sketch (Song, Ye, Yin
 * &amp; Zhang, "A nearly-optimal bound for fast regression with ℓ∞ guarantee", ICML 2023, arXiv
 * 2302.00248): with probability ≥ 1 − δ,
 * <pre>  ‖x̂ − x*‖∞ ≤ (ε/√p)·‖M·x* − b‖·‖M⁺‖.</pre>
 * For the Gaussian sketch (entries N(0, 1/m)) the constants are explicit: S·r* is independent of S·M
 * because r* ⊥ range(M), so conditionally on S·M the error x̂ − x* = (S·M)⁺·S·r* is exactly
 * N(0, (ρ²/m)·(RᵀR)⁻¹) with R the R factor of S·M. A union bound over the p coordinates (threshold
 * z = √(2·ln(2p/δ))) and the Gaussian lower tail of σ_min(S·U) ≥ 1 − √(p/m) − t/√m (t = √(2·ln(2/δ)))
 * give the bound once
 * <pre>  √m ≥ √p·(1 + z/ε) + t,</pre>
 * i.e. m = O(ε⁻²·p·log(p/δ)); Song et al.'s m = ε⁻²·d·log³(n/δ) is the count for structured (fast)
 * dense sketches. The same conditional law gives the a-posteriori estimates reported:
 * σⱼ = (ρ̂/√m)·√[(RᵀR)⁻¹]ⱼⱼ per coordinate, ℓ∞ bound z·maxⱼ σⱼ, ℓ2 estimate √Σσⱼ².
 *
 * @param eps ε
 * @param delta failure probability δ
 * @param rows the sketch rows m
 * @param z the coordinate threshold √(2·ln(2p/δ))
 * @param t the singular-value tail √(2·ln(2/δ))
 */
record LinfSizing(double eps, double delta, int rows, double z, double t) {

  static LinfSizing of(int p, double eps, double delta) {
    double z = coordinateThreshold(p, delta);
    double t = Math.sqrt(2 * Math.log(2 / delta));
    double root = Math.sqrt(p) * (1 + z / eps) + t;
    double m = Math.ceil(root * root);
    if (m > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("the ℓ∞ sketch for p=" + p + ", eps=" + eps + " would need " + m + " rows");
    }
    return new LinfSizing(eps, delta, (int) m, z, t);
  }

  /** z with p·P(|N(0,1)| &gt; z) ≤ δ/2, using P(|N| &gt; z) ≤ exp(−z²/2) for z ≥ 0.8. */
  static double coordinateThreshold(int p, double delta) {
    return Math.max(0.8, Math.sqrt(2 * Math.log(2.0 * Math.max(1, p) / delta)));
  }

  /**
   * The guaranteed bound (ε/√p)·ρ·‖M⁺‖ with ‖M⁺‖ bounded from the sketch:
   * ‖M⁺‖ ≤ (1 + √(p/m) + t/√m)/σ_min(S·M).
   */
  double bound(int p, double rho, double sketchSigmaMin) {
    double inflate = 1 + Math.sqrt((double) p / rows) + t / Math.sqrt(rows);
    return eps / Math.sqrt(p) * rho * inflate / sketchSigmaMin;
  }
}
