package dev.randnla.jobs.tall;

import dev.randnla.linalg.Matrix;

/**
 * What {@code pca} computed.
 *
 * @param rows n
 * @param cols d
 * @param components the first k principal components as columns (d×k), largest-magnitude entry positive
 * @param explainedVariance the first k variances σᵢ²/(n − 1) of the centred matrix
 * @param explainedVarianceRatio the first k variances over the total variance
 * @param mean the column means μ
 * @param passes full reads of the input
 * @param seconds wall time from opening the input to committing the output
 */
public record PcaResult(long rows, int cols, Matrix components, double[] explainedVariance,
    double[] explainedVarianceRatio, double[] mean, double passes, double seconds) {}
