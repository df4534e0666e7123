package dev.randnla.jobs.tall;

import dev.randnla.io.InputOptions;
import dev.randnla.io.OutputOptions;
import dev.randnla.jobs.JobConfig;

/**
 * What {@code gram} reads and computes.
 *
 * @param input the input matrix
 * @param output the output directory (or {@link OutputOptions#none()})
 * @param center compute the sample covariance (A − 1μᵀ)ᵀ(A − 1μᵀ)/(n − 1) instead of AᵀA
 * @param quiet no progress output
 */
public record GramConfig(InputOptions input, OutputOptions output, boolean center, boolean quiet) implements JobConfig {
  public GramConfig {
    JobConfig.violations(input).throwIfAny();
    output = JobConfig.outputOrNone(output);
  }
}
