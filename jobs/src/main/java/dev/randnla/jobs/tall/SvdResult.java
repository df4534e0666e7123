package dev.randnla.jobs.tall;

import dev.randnla.linalg.Matrix;

/**
 * What {@code svd} computed.
 *
 * @param rows n
 * @param cols d
 * @param singularValues all d singular values, descending
 * @param v the first k right singular vectors as columns (d×k)
 * @param rank the numerical rank
 * @param uColumns columns of U written (0 without --u; at most the rank)
 * @param passes full reads of the input
 * @param seconds wall time from opening the input to committing the output
 * @param summaryJson the whole summary (what summary.json holds, written or not)
 */
public record SvdResult(long rows, int cols, double[] singularValues, Matrix v, int rank, int uColumns, double passes,
    double seconds, String summaryJson) {}
