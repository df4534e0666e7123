package dev.randnla.jobs.scan;

/**
 * What one read of the input found.
 *
 * @param rows rows read (bad rows skipped are not counted)
 * @param cols columns d
 * @param nnz nonzero entries
 * @param frobeniusNorm ‖A‖_F
 * @param columnNorms ‖A e_j‖ for each column
 * @param columnMeans mean of each column
 * @param minRowNorm smallest row norm
 * @param maxRowNorm largest row norm
 * @param zeroRows rows that are all zero
 * @param badRows rows skipped as malformed (with --bad-rows skip)
 * @param passes full reads of the input (1)
 * @param seconds wall time from opening the input to committing the output
 */
public record ScanResult(long rows, int cols, long nnz, double frobeniusNorm, double[] columnNorms,
    double[] columnMeans, double minRowNorm, double maxRowNorm, long zeroRows, long badRows, double passes,
    double seconds) {}
