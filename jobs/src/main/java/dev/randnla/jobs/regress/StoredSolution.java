package dev.randnla.jobs.regress;

import dev.randnla.sketch.SketchKind;
import dev.randnla.spark.MatrixInput;

/**
 * The least-squares solution of a matrix's rows exactly as they are stored, to about the unit
 * roundoff: what {@code generate} puts beside the construction's x* in truth.json (docs/algorithms.md,
 * generate), since the rows as written (doubles, or decimals with --digits) are the construction
 * rounded, and at large κ their own solution is far from x*.
 *
 * <p>Method: the exact R of [A b] by TSQR, then iterative refinement with residuals and gradients
 * accumulated in double-double ({@link PreconditionSolver} with S = I) until the relative
 * normal-equation residual η = ‖(RᵀR)⁻¹·Aᵀ(b − A·x)‖/‖x‖ — which bounds the relative error of x to
 * first order, a certificate computed from x and the rows alone — is at most {@link #TOL}, or stops
 * improving. Cost: 2 + (usually 1–4) passes, 2(d+1)² flops per row in the first.
 *
 * @param x the solution (length d)
 * @param residualNorm ‖A·x − b‖ of the stored rows, from a double-double pass
 * @param relativeNormalResidual η at x: x's relative error is about η (or below)
 * @param rank the numerical rank of the stored A (d unless it is rank-deficient at rcond 1e-13)
 * @param passes full reads of the rows
 */
public record StoredSolution(double[] x, double residualNorm, double relativeNormalResidual, int rank, double passes) {
  /** The refinement stops at this η (a few units of roundoff), or when five passes in a row do not improve it. */
  public static final double TOL = 1e-15;
  /** At most this many refinement passes. */
  public static final int MAX_ITER = 20;

  /**
   * Solves min ‖A·x − b‖ over the rows of {@code input}, b their labels (every row must have one).
   * Reads the input 2 + (refinement steps) times.
   */
  public static StoredSolution of(MatrixInput input) {
    Design design = new Design(input.cols(), false, 0);
    SolverSettings s = new SolverSettings(SketchKind.OSNAP, true, false, 0, 1, 0, TOL, MAX_ITER, RegressConfig.DEFAULT_RCOND,
        0, 0, null, msg -> { });
    Passes passes = new SparkPasses(input);
    Solution sol = PreconditionSolver.solve(passes, design, s);
    return new StoredSolution(sol.x(), Math.sqrt(Math.max(0, sol.residualSquares())), sol.relativeNormalResidual(),
        sol.factor().rank(), passes.passes());
  }
}
