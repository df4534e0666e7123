package dev.randnla.jobs.tall;

import dev.randnla.io.InputOptions;
import dev.randnla.io.OutputOptions;
import dev.randnla.jobs.JobConfig;
import dev.randnla.spark.TallSkinnySvd;
import java.util.Objects;

/**
 * What {@code pca} reads and computes.
 *
 * @param input the input matrix
 * @param output the output directory (or {@link OutputOptions#none()})
 * @param k principal components to write; null for all d
 * @param method tsqr (default: centred TSQR) or gram (covariance by the mean correction)
 * @param quiet no progress output
 */
public record PcaConfig(InputOptions input, OutputOptions output, Integer k, TallSkinnySvd.Method method, boolean quiet) implements JobConfig {
  public PcaConfig {
    TallJobs.checkInputAndK(input, k);
    output = JobConfig.outputOrNone(output);
    method = Objects.requireNonNullElse(method, TallSkinnySvd.Method.TSQR);
  }
}
