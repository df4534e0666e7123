package dev.randnla.jobs.regress;

import java.util.List;

/**
 * What {@code regress} found.
 *
 * @param coefficients x, one per input column
 * @param intercept the fitted intercept, or NaN without --intercept
 * @param residualNorm ‖A·x (+ c) − b‖ (exact when residualExact, else the sketch's estimate)
 * @param residualExact whether residualNorm comes from an exact pass over the data
 * @param rSquared coefficient of determination (centred with an intercept, uncentred without)
 * @param rows rows read
 * @param rank numerical rank of the solver's R
 * @param iterations iterations of an iterative solver
 * @param relativeNormalResidual ‖(RᵀR)⁺Aᵀr‖/‖x‖ at the solution, NaN when not evaluated
 * @param conditionEstimate κ(R) of the solver's R factor (of the exact R for exact, of the sketch's otherwise)
 * @param standardErrors standard errors of the coefficients (intercept last), or null when not available
 * @param passes full reads of the input
 * @param seconds wall time from opening the input to committing the output
 * @param warnings what a user should read
 * @param summaryJson the whole summary (what summary.json holds, written or not)
 */
public record RegressResult(double[] coefficients, double intercept, double residualNorm, boolean residualExact,
    double rSquared, long rows, int rank, int iterations, double relativeNormalResidual, double conditionEstimate,
    double[] standardErrors, double passes, double seconds, List<String> warnings, String summaryJson) {}
