package dev.randnla.jobs.shuffle;

import dev.randnla.io.InputOptions;
import dev.randnla.io.MatrixFormat;
import dev.randnla.io.OutputOptions;

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
    boolean quiet) {
  public ShuffleConfig {
    StringBuilder e = new StringBuilder();
    if (input == null) {
      e.append("; --input is required");
    }
    if (output == null || !output.enabled()) {
      e.append("; --output is required");
    }
    if (files < 0) {
      e.append("; --files must be non-negative: ").append(files);
    }
    if (!e.isEmpty()) {
      throw new IllegalArgumentException(e.substring(2));
    }
  }
}
