package dev.randnla.jobs.tall;

import dev.randnla.io.InputOptions;
import dev.randnla.io.OutputOptions;
import dev.randnla.jobs.JobConfig;
import dev.randnla.jobs.JobConfigBuilder;
import dev.randnla.spark.TallSkinnySvd;
import java.util.Objects;

/**
 * What {@code svd} reads and computes.
 *
 * @param input the input matrix
 * @param output the output directory (or {@link OutputOptions#none()})
 * @param k singular vectors to write (V.csv, U); null for all d
 * @param u also write U (k columns, one row per input row, with its id)
 * @param method tsqr (default) or gram
 * @param quiet no progress output
 */
public record SvdConfig(InputOptions input, OutputOptions output, Integer k, boolean u, TallSkinnySvd.Method method,
    boolean quiet) implements JobConfig {
  public SvdConfig {
    TallJobs.checkInputAndK(input, k);
    output = JobConfig.outputOrNone(output);
    method = Objects.requireNonNullElse(method, TallSkinnySvd.Method.TSQR);
  }

  /** A builder with {@code randnla svd}'s defaults; no output unless one is set (the run returns its result). */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SvdConfig}: a setter per component; {@link #build()} runs the constructor's checks. */
  public static final class Builder extends JobConfigBuilder.WithInput<SvdConfig, Builder> {
    public Builder k(Integer k) { return set("k", k); }
    public Builder u(boolean u) { return set("u", u); }
    public Builder method(TallSkinnySvd.Method method) { return set("method", method); }

    private Builder() {
      super(SvdConfig.class);
    }
  }
}
