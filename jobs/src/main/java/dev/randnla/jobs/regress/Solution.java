package dev.randnla.jobs.regress;

import dev.randnla.linalg.TruncatedInverse;
import java.util.List;
import java.util.Map;

/**
 * What a solver found (driver-side).
 *
 * @param x coefficients (length p; the intercept last when fitted)
 * @param iterations iterations of an iterative solver (0 for direct ones)
 * @param relativeNormalResidual ‖(RᵀR)⁺·g‖/‖x‖ at x with g the exact gradient, or NaN when no pass evaluated x
 * @param residualSquares ‖M·x − b‖² from an exact pass (TSQR or a double-double gradient pass), or NaN
 * @param sketchResidualSquares the residual of the sketched problem, or NaN
 * @param factor R⁺ of the solver's R factor (exact for TSQR, of the sketch otherwise)
 * @param factorExact whether that R is the exact R of M (standard errors are then exact)
 * @param preconditionedCondition κ(M·R⁻¹) estimated from the iteration, or NaN
 * @param labels count and moments of the labels
 * @param details solver-specific results for summary.json
 * @param warnings sentences for summary.json
 */
record Solution(double[] x, int iterations, double relativeNormalResidual, double residualSquares,
    double sketchResidualSquares, TruncatedInverse factor, boolean factorExact, double preconditionedCondition,
    LabelMoments labels, Map<String, Object> details, List<String> warnings) {}
