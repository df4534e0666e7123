package dev.randnla.jobs.spectrum;

import java.util.Map;

/**
 * What {@code spectrum} found (every value is also in summary.json).
 *
 * @param method exact or slq (the method used)
 * @param rows n
 * @param cols d
 * @param eigenvalues the spectrum of C, largest first (exact: all d; slq: the top Ritz values)
 * @param spectralEntropy H = −Σ pⱼ ln pⱼ
 * @param effectiveRank e^H
 * @param stableRank Σλ/λ₁
 * @param conditionNumber √(λ₁/λ_d) (infinite when C is singular)
 * @param sigma2 the Marchenko–Pastur noise variance (NaN when it could not be fitted)
 * @param upperEdge the MP upper bulk edge σ²(1 + √γ)²
 * @param spikeEigenvalues eigenvalues above the 1% Tracy–Widom spike threshold, largest first
 * @param populationSpikes each spike's BBP population value ℓ in σ² units
 * @param mpKsDistance the Kolmogorov–Smirnov distance of the spectrum from MP(γ, σ²)
 * @param powerLawAlpha the tail exponent α
 * @param nuclearNorm ‖A‖_* (of A after centring and standardization)
 * @param nuclearNormStandardError 0 for exact; the SLQ standard error over probes
 * @param columnNormBound Σⱼ ‖A eⱼ‖ ≥ ‖A‖_*
 * @param windows per-window descriptor rows (0 without --window)
 * @param descriptors every descriptor, as in summary.json's result
 * @param passes full reads of the input
 * @param seconds wall time from opening the input to committing the output
 * @param summaryJson the whole summary (what summary.json holds, written or not)
 */
public record SpectrumResult(String method, long rows, int cols, double[] eigenvalues, double spectralEntropy,
    double effectiveRank, double stableRank, double conditionNumber, double sigma2, double upperEdge,
    double[] spikeEigenvalues, double[] populationSpikes, double mpKsDistance, double powerLawAlpha, double nuclearNorm,
    double nuclearNormStandardError, double columnNormBound, int windows, Map<String, Object> descriptors, double passes,
    double seconds, String summaryJson) {}
