package dev.randnla.jobs.leverage;

import java.util.List;

/**
 * What {@code leverage} found (the per-row scores are in the output's {@code scores/}).
 *
 * @param method the method used
 * @param rows rows scored
 * @param cols columns d
 * @param rank the numerical rank r (of A; of the sketch for approx)
 * @param sum Σ of the scores (leverage, ridge leverage or Lewis weights)
 * @param max the largest score
 * @param expectedSum what the scores sum to in exact arithmetic: r, d_eff(λ), or r for Lewis weights
 * @param coherence n·max/expectedSum: 1 when every row has the same score
 * @param effectiveDimension d_eff(λ) = Σ σ²/(σ² + λ) for ridge, NaN otherwise
 * @param iterations Lewis iteration passes (0 for the other methods)
 * @param converged whether the Lewis iteration met its tolerance (true for the other methods)
 * @param errorBound bound on max |log w − log w*| of the Lewis weights (0 for the other methods)
 * @param expectedSampleSize Σ qᵢ when sampling, NaN otherwise
 * @param sampleSize rows kept when sampling, −1 otherwise
 * @param passes full reads of the input
 * @param seconds wall time from opening the input to committing the output
 * @param warnings sentences a user should read (also in summary.json)
 * @param scoring what the last pass applied to every row: scores any rows the same way
 * @param summaryJson the whole summary (what summary.json holds, written or not)
 */
public record LeverageResult(String method, long rows, int cols, int rank, double sum, double max, double expectedSum,
    double coherence, double effectiveDimension, int iterations, boolean converged, double errorBound,
    double expectedSampleSize, long sampleSize, double passes, double seconds, List<String> warnings,
    RowScoring scoring, String summaryJson) {}
