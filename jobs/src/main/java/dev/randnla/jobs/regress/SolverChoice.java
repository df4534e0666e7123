package dev.randnla.jobs.regress;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The cost model behind {@code --solver precondition}'s choice of first pass, reported in summary.json
 * (result → solverChoice) with the numbers it compared. Costs are flops per row of [A b] (k nonzeros
 * per row, w = p + 1 columns), counted, not timed, so the report is the same on every run:
 *
 * <ul>
 *   <li>gram: one pass of k(k+1) flops per row (the Gram's upper triangle), then refinement passes of
 *       ≈ 30·k flops (double-double gradient and product). RᵀR is within δ = p·u·κ² of AᵀA, so each
 *       refinement pass gains −log₁₀ δ digits; refused when the Cholesky fails or δ &gt; 1e-2.
 *   <li>tsqr: one pass of 2w² flops per row (a sparse row is densified), then refinement; its R is
 *       exact, so 2–4 passes at any κ — the choice for dense rows, where k = w and the Gram's δ would
 *       refuse κ beyond ≈ 1e6.
 *   <li>sketch (OSNAP, m rows, s nonzeros per column): one pass of 2·s·k flops, then CG passes at the
 *       rate (κ̃ − 1)/(κ̃ + 1) with κ̃ = (1 + √(p/m))/(1 − √(p/m)), to the tolerance.
 * </ul>
 * Reading a row costs the same in every pass, so the pass counts matter as much as the flops: the
 * totals are (passes × per-pass flops).
 */
final class SolverChoice {
  /** Flops per nonzero of one refinement or CG pass (double-double gradient and product). */
  static final double REFINEMENT_FLOPS_PER_NONZERO = 30;

  private SolverChoice() {}

  /**
   * @param k nonzeros per row of [A b] (w for dense rows)
   * @param kappa the condition estimate the first pass gave (NaN when unknown)
   * @param chosen what ran
   */
  static Map<String, Object> report(int p, boolean denseRows, double k, double kappa, SolverSettings s, String chosen) {
    double w = p + 1.0;
    double pass = REFINEMENT_FLOPS_PER_NONZERO * k;
    Map<String, Object> costs = new LinkedHashMap<>();
    double delta = p * 0x1.0p-53 * kappa * kappa;
    double digitsPerPass = -Math.log10(Math.max(delta, 0x1.0p-53));
    // x₀ from the Cholesky factor carries the semi-normal equations' error ≈ u·κ²; then each pass
    // gains digitsPerPass; one more pass certifies the last iterate
    double x0Digits = -Math.log10(Math.max(0x1.0p-53 * kappa * kappa, 0x1.0p-53));
    int gramRefinement = Double.isFinite(delta) && delta <= GramFactor.MAX_DISTORTION
        ? 1 + (int) Math.ceil(Math.max(0, -Math.log10(s.tol()) - x0Digits) / digitsPerPass)
        : -1;
    costs.put("gram", cost(k * (k + 1), pass, gramRefinement, gramRefinement < 0 ? String.format(Locale.ROOT,
        "refused at p·u·κ² = %.3g", delta) : String.format(Locale.ROOT, "p·u·κ² = %.3g: ≈ %.1f digits per refinement pass",
        delta, digitsPerPass)));
    costs.put("tsqr", cost(2 * w * w, pass, 2, "exact R: 1–3 refinement passes at any κ"));
    int m = s.sketchRows();
    double ratio = Math.sqrt(Math.min(0.99, p / (double) m));
    double kTilde = (1 + ratio) / (1 - ratio);
    double rate = (kTilde - 1) / (kTilde + 1);
    int cg = 1 + (int) Math.ceil(Math.log(s.tol()) / Math.log(rate));
    costs.put("sketch", cost(2.0 * s.nnzPerCol() * k, pass, cg, String.format(Locale.ROOT,
        "%s, m = %d: κ(A·R⁻¹) ≈ %.2f, %d CG passes to --tol", s.sketch().cliName(), m, kTilde, cg)));
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("rows", denseRows ? "dense" : "sparse (LIBSVM)");
    r.put("nonzerosPerRow", k);
    r.put("kappaEstimate", kappa);
    r.put("chosen", chosen);
    r.put("flopsPerRow", costs);
    return r;
  }

  private static Map<String, Object> cost(double firstPass, double refinementPass, int refinementPasses, String note) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("firstPass", firstPass);
    c.put("refinementPass", refinementPass);
    c.put("refinementPasses", refinementPasses < 0 ? null : refinementPasses);
    c.put("total", refinementPasses < 0 ? null : firstPass + refinementPasses * refinementPass);
    c.put("note", note);
    return c;
  }
}
