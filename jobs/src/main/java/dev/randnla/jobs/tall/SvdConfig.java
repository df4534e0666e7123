package dev.randnla.jobs.tall;

import dev.randnla.io.InputOptions;
import dev.randnla.io.OutputOptions;
import dev.randnla.spark.TallSkinnySvd;

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
    boolean quiet) {
  public SvdConfig {
    TallJobs.checkInputAndK(input, k);
    if (output == null) {
      output = OutputOptions.none();
    }
    if (method == null) {
      method = TallSkinnySvd.Method.TSQR;
    }
  }
}
