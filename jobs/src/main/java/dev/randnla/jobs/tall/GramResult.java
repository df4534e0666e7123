package dev.randnla.jobs.tall;

import dev.randnla.linalg.Matrix;

/**
 * What {@code gram} computed.
 *
 * @param rows n
 * @param cols d
 * @param nnz nonzero entries of A
 * @param matrix AᵀA, or the sample covariance with {@code --center}
 * @param columnMeans μ
 * @param conditionNumberEstimate κ(A) (of the centred A with --center) from the Cholesky factor of
 *     the matrix, within a factor ≈ d; infinite when the Cholesky fails (κ ≳ 1e8 or rank-deficient)
 * @param passes full reads of the input
 * @param seconds wall time from opening the input to committing the output
 */
public record GramResult(long rows, int cols, long nnz, Matrix matrix, double[] columnMeans,
    double conditionNumberEstimate, double passes, double seconds) {}
