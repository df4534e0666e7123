package dev.randnla.jobs.spectrum;

import dev.randnla.io.CliEnums;
import dev.randnla.io.InputOptions;
import dev.randnla.io.OutputOptions;
import dev.randnla.io.Violations;
import dev.randnla.jobs.JobConfig;
import dev.randnla.jobs.JobConfigBuilder;
import java.util.Objects;

/**
 * What {@code spectrum} computes and where it writes.
 *
 * @param input the input matrix
 * @param output the output directory (or {@link OutputOptions#none()})
 * @param method exact (full spectrum from the Gram), slq (stochastic Lanczos quadrature), or auto
 * @param center subtract the column means: the spectrum of the sample covariance AᵀA/(n − 1)
 * @param standardize scale every column to unit variance (the correlation matrix when centred)
 * @param window rows per window for per-window descriptors (0: none)
 * @param probes SLQ: Rademacher probe vectors k
 * @param steps SLQ: Lanczos steps m (one pass each)
 * @param top how many top eigenvalues (Ritz values for SLQ) to report as spike candidates and in eigenvalues.csv
 * @param bins histogram bins
 * @param plot write spectrum.png
 * @param seed the seed of the SLQ probes
 * @param quiet no progress output
 */
public record SpectrumConfig(InputOptions input, OutputOptions output, Method method, boolean center, boolean standardize,
    long window, int probes, int steps, int top, int bins, boolean plot, long seed, boolean quiet) implements JobConfig {

  /** Largest d for which {@code auto} chooses the exact Gram spectrum. */
  public static final int AUTO_EXACT_MAX_COLS = 2048;
  public static final int DEFAULT_PROBES = 16;
  public static final int DEFAULT_STEPS = 30;
  public static final int DEFAULT_TOP = 20;
  public static final int DEFAULT_BINS = 60;

  /** How the spectrum is obtained. */
  public enum Method implements CliEnums.Named {
    AUTO, EXACT, SLQ
  }

  public SpectrumConfig {
    Violations v = JobConfig.violations(input);
    output = JobConfig.outputOrNone(output);
    method = Objects.requireNonNullElse(method, Method.AUTO);
    v.require(window >= 0, "--window must be non-negative (0: no windows): " + window);
    v.require(window != 1 || !center,
        "--window 1 with --center leaves every window empty after centring: use a window of at least 2 rows");
    v.require(window <= 0 || method != Method.SLQ,
        "--window needs the exact spectrum of each window: use --method exact or auto");
    v.require(probes >= 1, "--probes must be positive: " + probes);
    v.require(steps >= 1, "--steps must be positive: " + steps);
    v.require(top >= 1, "--top must be positive: " + top);
    v.require(bins >= 1 && bins <= 10_000, "--bins must be in [1, 10000]: " + bins);
    v.throwIfAny();
  }

  /** Defaults for everything but the input and output (Java API). */
  public static SpectrumConfig of(InputOptions input, OutputOptions output) {
    return new SpectrumConfig(input, output, Method.AUTO, false, false, 0, DEFAULT_PROBES, DEFAULT_STEPS, DEFAULT_TOP,
        DEFAULT_BINS, true, 0, true);
  }

  public SpectrumConfig withMethod(Method m) {
    return builder().from(this).method(m).build();
  }

  public SpectrumConfig withCenter(boolean c) {
    return builder().from(this).center(c).build();
  }

  public SpectrumConfig withStandardize(boolean s) {
    return builder().from(this).standardize(s).build();
  }

  public SpectrumConfig withLanczos(int k, int m, long s) {
    return builder().from(this).probes(k).steps(m).seed(s).build();
  }

  /** A builder with {@code randnla spectrum}'s defaults; no output unless one is set (the run returns its result). */
  public static Builder builder() {
    return new Builder().probes(DEFAULT_PROBES).steps(DEFAULT_STEPS).top(DEFAULT_TOP).bins(DEFAULT_BINS).plot(true);
  }

  /** Builds a {@link SpectrumConfig}: a setter per component; {@link #build()} runs the constructor's checks. */
  public static final class Builder extends JobConfigBuilder.WithInput<SpectrumConfig, Builder> {
    public Builder method(Method method) { return set("method", method); }
    public Builder center(boolean center) { return set("center", center); }
    public Builder standardize(boolean standardize) { return set("standardize", standardize); }
    public Builder window(long window) { return set("window", window); }
    public Builder probes(int probes) { return set("probes", probes); }
    public Builder steps(int steps) { return set("steps", steps); }
    public Builder top(int top) { return set("top", top); }
    public Builder bins(int bins) { return set("bins", bins); }
    public Builder plot(boolean plot) { return set("plot", plot); }
    public Builder seed(long seed) { return set("seed", seed); }

    private Builder() {
      super(SpectrumConfig.class);
    }
  }
}
