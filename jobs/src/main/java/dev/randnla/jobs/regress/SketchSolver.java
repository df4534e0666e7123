package dev.randnla.jobs.regress;

import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.QrDecomposition;
import dev.randnla.linalg.TruncatedInverse;
import dev.randnla.linalg.Vectors;
import dev.randnla.sketch.LinearSketch;
import dev.randnla.sketch.SketchKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --solver sketch}: sketch-and-solve, x̂ = argmin ‖S(M·x − b)‖ from one pass (docs/algorithms.md, regress --solver sketch).
 * When S embeds span(M, b) with distortion ε (m = O(p/ε²) rows) the residual is within (1 + ε) of
 * the optimum; the coefficients are not: ‖x̂ − x*‖ ≈ ε·ρ·‖M⁺‖, i.e. a relative forward error
 * ≈ ε·κ·tanθ that grows with the residual ρ and the condition number. The solver reports that error
 * from the sketch itself (exact in law for the Gaussian sketch, see {@link LinfSizing}); the job
 * warns when it is large. With {@code --guarantee linf} the sketch is Gaussian and sized for the ℓ∞ bound.
 *
 * <p>Cost: one pass (plus the evaluation pass of the job); m·(p+1) doubles per task and on the driver.
 */
final class SketchSolver {
  private SketchSolver() {}

  static Solution solve(Passes passes, Design design, SolverSettings s) {
    int p = design.p();
    SketchKind kind = s.linf() != null ? SketchKind.GAUSSIAN : s.sketch();
    int m = s.linf() != null ? s.linf().rows() : s.sketchRows();
    long seed = s.seed();
    s.log().accept("sketch: " + kind.cliName() + " sketch of [A b] with " + m + " rows, then QR");
    AugmentedSketch<LinearSketch> pass = AugmentedSketch.linear(passes, design, true, kind, m, s.nnzPerCol(), seed,
        "regress: sketch S[A b]");
    Matrix rAug = QrDecomposition.rOnly(pass.result());
    AugmentedFactor f = AugmentedFactor.solve(rAug, design, s.rcond());
    Map<String, Object> details = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    details.put("sketchRows", m);
    ErrorEstimate e = ErrorEstimate.of(f, m, design, s.linf() != null ? s.linf().delta() : 0.01);
    if (e != null) {
      details.put("l2ErrorEstimate", e.l2());
      details.put("linfErrorEstimate", e.linf());
      details.put("errorEstimateModel", kind == SketchKind.GAUSSIAN
          ? "exact conditional law of the Gaussian sketch: x̂ − x* ~ N(0, ρ²/m·(RᵀR)⁻¹)"
          : "Gaussian-sketch model applied to a " + kind.cliName() + " sketch (indicative, not a bound)");
      double xn = Vectors.norm2(f.x());
      double rel = xn == 0 ? 0 : e.l2() / xn;
      details.put("relativeErrorFromSketch", rel);
      if (s.linf() != null) {
        LinfSizing l = s.linf();
        details.put("linfEps", l.eps());
        details.put("linfDelta", l.delta());
        details.put("linfBound", l.bound(p, e.rho(), f.inverse().smallestSingularValue()));
        details.put("linfBoundStatement", String.format(Locale.ROOT,
            "with probability >= %.3g: |x - x*|_inf <= (eps/sqrt(p))·|Ax* - b|·|A^+| (Song et al. 2023); "
                + "the estimate linfErrorEstimate is the (1 - delta) quantile of the error given the sketch", 1 - l.delta()));
        if (f.inverse().rank() < p) {
          warnings.add("The ℓ∞ guarantee assumes full column rank; the sketch has rank " + f.inverse().rank() + " < " + p + ".");
        }
      }
    } else if (design.ridge() > 0) {
      details.put("errorEstimateModel", "none: the sketch error law is stated for unregularised least squares");
    }
    return new Solution(f.x(), 0, Double.NaN, Double.NaN, f.residualSquares(), f.inverse(), false, Double.NaN,
        pass.labels(), details, warnings);
  }

  /**
   * The Gaussian-model error of sketch-and-solve: σⱼ = (ρ̂/√m)·√[(RᵀR)⁺]ⱼⱼ with
   * ρ̂² = ‖S(M·x̂ − b)‖²·m/(m − r).
   *
   * @param rho the estimated optimal residual ρ̂
   * @param l2 √Σσⱼ² (the expected ℓ2 error)
   * @param linf z·maxⱼ σⱼ (the 1 − δ quantile bound of the ℓ∞ error)
   */
  record ErrorEstimate(double rho, double l2, double linf) {
    static ErrorEstimate of(AugmentedFactor f, int m, Design design, double delta) {
      TruncatedInverse inv = f.inverse();
      int r = inv.rank();
      if (design.ridge() > 0 || m <= r) {
        return null;
      }
      double rho = Math.sqrt(f.residualSquares() * m / (m - r));
      double[] diag = inv.normalInverseDiagonal();
      double sum = 0;
      double max = 0;
      for (double v : diag) {
        double sd = rho / Math.sqrt(m) * Math.sqrt(v);
        sum += sd * sd;
        max = Math.max(max, sd);
      }
      double z = LinfSizing.coordinateThreshold(diag.length, delta);
      return new ErrorEstimate(rho, Math.sqrt(sum), z * max);
    }
  }
}
