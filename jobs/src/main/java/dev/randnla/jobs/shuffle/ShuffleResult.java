package dev.randnla.jobs.shuffle;

import dev.randnla.io.MatrixFormat;

/**
 * What {@code shuffle} wrote.
 *
 * @param rows rows written
 * @param cols columns d
 * @param nnz nonzero values written
 * @param files data files written
 * @param format their format
 * @param passes full reads of the input (1)
 * @param seconds wall time from opening the input to committing the output
 */
public record ShuffleResult(long rows, int cols, long nnz, int files, MatrixFormat format, double passes, double seconds) {}
