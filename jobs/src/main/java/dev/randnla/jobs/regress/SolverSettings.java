package dev.randnla.jobs.regress;

import dev.randnla.sketch.SketchKind;
import java.util.function.Consumer;

/**
 * The resolved parameters the solvers run with (defaults already applied for this p).
 *
 * @param sketch the sketch kind
 * @param exactR precondition with the exact R of TSQR instead of a sketch's
 * @param gramR precondition with the Cholesky factor of the Gram of [A b] (sparse rows), falling back
 *     to the sketch when the Gram is not positive definite or too ill-conditioned
 * @param sketchRows m
 * @param nnzPerCol OSNAP's s
 * @param seed the seed of every random choice
 * @param tol stop when the relative normal-equation residual is at most this
 * @param maxIter most iterations (passes after the first two)
 * @param rcond rank tolerance for R
 * @param sampleSize expected rows kept by the sample solver
 * @param projection JL columns for approximate leverage scores (0: exact against R)
 * @param linf the ℓ∞ guarantee sizing, or null
 * @param log progress lines
 */
record SolverSettings(SketchKind sketch, boolean exactR, boolean gramR, int sketchRows, int nnzPerCol, long seed, double tol, int maxIter,
    double rcond, int sampleSize, int projection, LinfSizing linf, Consumer<String> log) {}
