package dev.randnla.jobs.tall;

import dev.randnla.io.InputOptions;
import dev.randnla.io.OutputOptions;
import dev.randnla.jobs.JobConfig;
import dev.randnla.jobs.JobConfigBuilder;
import dev.randnla.spark.TallSkinnyQr;
import java.util.Objects;

/**
 * What {@code qr} reads and computes.
 *
 * @param input the input matrix
 * @param output the output directory (or {@link OutputOptions#none()})
 * @param method tsqr (default), cholqr2 or randcholqr
 * @param q also write Q (one row per input row, with its id)
 * @param seed the seed of the randcholqr sketch (unused by the other methods)
 * @param quiet no progress output
 */
public record QrConfig(InputOptions input, OutputOptions output, TallSkinnyQr.Method method, boolean q, long seed,
    boolean quiet) implements JobConfig {
  public QrConfig {
    JobConfig.violations(input).throwIfAny();
    output = JobConfig.outputOrNone(output);
    method = Objects.requireNonNullElse(method, TallSkinnyQr.Method.TSQR);
  }

  /** A builder with {@code randnla qr}'s defaults; no output unless one is set (the run returns its result). */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link QrConfig}: a setter per component; {@link #build()} runs the constructor's checks. */
  public static final class Builder extends JobConfigBuilder.WithInput<QrConfig, Builder> {
    public Builder method(TallSkinnyQr.Method method) { return set("method", method); }
    public Builder q(boolean q) { return set("q", q); }
    public Builder seed(long seed) { return set("seed", seed); }

    private Builder() {
      super(QrConfig.class);
    }
  }
}
