package dev.randnla.jobs.generate;

import java.util.Map;

/**
 * What {@code generate} wrote.
 *
 * @param rows rows written
 * @param cols columns
 * @param nnz nonzero values written
 * @param frobeniusNorm ‖A‖_F of the values as written (after any --digits rounding)
 * @param files data files written
 * @param truth the exact answers (also in truth.json)
 */
public record GenerateResult(long rows, int cols, long nnz, double frobeniusNorm, int files, Map<String, Object> truth) {}
