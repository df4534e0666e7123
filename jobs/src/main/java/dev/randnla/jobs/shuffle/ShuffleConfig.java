package dev.randnla.jobs.shuffle;

import dev.randnla.io.InputOptions;
import dev.randnla.io.MatrixFormat;
import dev.randnla.io.OutputOptions;
import dev.randnla.io.Violations;
import dev.randnla.jobs.JobConfig;
import dev.randnla.jobs.JobConfigBuilder;

/**
 * What {@code shuffle} reads and writes.
 *
 * @param input the input matrix
 * @param output the output directory (required)
 * @param outputFormat the output format (null: the input's)
 * @param files output files (0: as many as the input has partitions)
 * @param seed the seed of the order
 * @param quiet no progress output
 */
public record ShuffleConfig(InputOptions input, OutputOptions output, MatrixFormat outputFormat, int files, long seed,
    boolean quiet) implements JobConfig {
  public ShuffleConfig {
    Violations v = JobConfig.violations(input);
    v.require(output != null && output.enabled(), "--output is required");
    v.require(files >= 0, "--files must be non-negative: " + files);
    if (input != null) {
      String conflict = libsvmOutputConflict(input, outputFormat != null ? outputFormat : input.format());
      if (conflict != null) {
        v.add(conflict);
      }
    }
    v.throwIfAny();
  }

  /**
   * Why rows of {@code input} cannot be written as {@code format} (LIBSVM has no place for an id or
   * key column), or null when they can or the format is not known yet (detected when the job opens
   * the input).
   */
  static String libsvmOutputConflict(InputOptions input, MatrixFormat format) {
    if (format != MatrixFormat.LIBSVM || (input.idCol() == null && input.keyCol() == null)) {
      return null;
    }
    return "LIBSVM output cannot hold the input's " + (input.idCol() != null ? "--id-col" : "--key-col")
        + " column; choose --output-format csv, tsv or parquet";
  }

  /** A builder with {@code randnla shuffle}'s defaults; no output unless one is set (the run returns its result). */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ShuffleConfig}: a setter per component; {@link #build()} runs the constructor's checks. */
  public static final class Builder extends JobConfigBuilder.WithInput<ShuffleConfig, Builder> {
    public Builder outputFormat(MatrixFormat outputFormat) { return set("outputFormat", outputFormat); }
    public Builder files(int files) { return set("files", files); }
    public Builder seed(long seed) { return set("seed", seed); }

    private Builder() {
      super(ShuffleConfig.class);
    }
  }
}
