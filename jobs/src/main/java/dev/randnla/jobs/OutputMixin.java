package dev.randnla.jobs;

import dev.randnla.io.CliEnums;
import dev.randnla.io.OutputOptions;
import picocli.CommandLine.Option;

/** The output options every job shares (docs/design.md §6). */
public final class OutputMixin {
  @Option(names = "--output", paramLabel = "DIR", required = true,
      description = "Output directory (any Hadoop URI). Written into a temporary sibling and renamed into place "
          + "at the end, with _SUCCESS last: a failed run leaves nothing.")
  String output;

  @Option(names = "--overwrite", description = "Replace an existing output (atomically). Without it an existing output is an error.")
  boolean overwrite;

  @Option(names = "--row-output-format", paramLabel = "FMT", defaultValue = "parquet",
      description = "Per-row results (scores, Q, U, residuals): parquet (default) or csv (part-NNNNN.csv files of id,value… lines, no header).")
  String rowOutputFormat;

  public OutputOptions toOptions() {
    return new OutputOptions(output, overwrite,
        CliEnums.parse(OutputOptions.RowFormat.class, "--row-output-format", rowOutputFormat));
  }
}
