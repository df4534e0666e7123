package dev.randnla.jobs.scan;

import dev.randnla.io.InputOptions;
import dev.randnla.io.OutputOptions;
import dev.randnla.jobs.JobConfig;

/**
 * What {@code scan} reads and where it writes.
 *
 * @param input the input matrix
 * @param output the output directory (or {@link OutputOptions#none()})
 * @param quiet no progress output
 */
public record ScanConfig(InputOptions input, OutputOptions output, boolean quiet) implements JobConfig {
  public ScanConfig {
    JobConfig.violations(input).throwIfAny();
    output = JobConfig.outputOrNone(output);
  }
}
