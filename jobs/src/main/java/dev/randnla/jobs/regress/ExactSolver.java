package dev.randnla.jobs.regress;

import dev.randnla.linalg.Matrix;
import dev.randnla.sketch.TsqrSketch;
import java.util.ArrayList;
import java.util.LinkedHashMap;

/**
 * {@code --solver exact}: one pass of TSQR on [M b] gives R_aug = [[R, z], [0, ρ]]; x = R⁻¹z and
 * ‖M·x − b‖ = |ρ| (docs/algorithms.md, regress --solver exact). Backward stable: the forward error is the least-squares
 * condition number times u, ≈ u·(κ + κ²·tanθ). Rank-deficient M gets the minimum-norm solution over
 * the singular values above rcond·σ₁.
 *
 * <p>Cost: one pass, ≈ 2(p+1)² flops per row (dense, whatever the sparsity); (p+1)² doubles per task
 * and on the driver.
 */
final class ExactSolver {
  private ExactSolver() {}

  static Solution solve(Passes passes, Design design, SolverSettings s) {
    int w = design.p() + 1;
    s.log().accept("exact: TSQR of [A" + (design.intercept() ? " 1" : "") + " b] (" + w + " columns), one pass");
    AugmentedSketch<TsqrSketch> pass = passes.aggregate(() -> new AugmentedSketch<>(design, true, new TsqrSketch(w)),
        8L * w * w + 256, "regress: TSQR of [A b]");
    Matrix rAug = pass.result();
    AugmentedFactor f = AugmentedFactor.solve(rAug, design, s.rcond());
    return new Solution(f.x(), 0, Double.NaN, f.residualSquares(), Double.NaN, f.inverse(), true, Double.NaN,
        pass.labels(), new LinkedHashMap<>(), new ArrayList<>());
  }
}
