package dev.randnla.jobs.shuffle;

import dev.randnla.io.CliEnums;
import dev.randnla.io.MatrixFormat;
import dev.randnla.jobs.Configs;
import dev.randnla.jobs.InputMixin;
import dev.randnla.jobs.OutputMixin;
import dev.randnla.jobs.RunMixin;
import dev.randnla.jobs.Sessions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code randnla shuffle}. */
@Command(name = "shuffle", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Copies the input with its rows in a seeded uniformly random order.",
    description = {"Writes a copy of the input with its rows in a seeded, uniformly random",
        "order: once per dataset, for data that is not in random order (sorted by",
        "time, key or label; grouped by source file), before running the",
        "random-order stream methods (eigen --method stream) on it. One read, one",
        "shuffle, one write; the output is complete or absent.",
        "",
        "Output: part-NNNNN.<format> files whose concatenation in name order is the",
        "shuffled matrix. CSV/TSV lines are [id,][key,][label,] then the d values",
        "(each leading field only when the input has that column; a header line",
        "'id,key,label,x0,...' when the input has --header), so read it back with",
        "the same --id-col, --key-col, --label-col names (with --header) or indices",
        "0, 1, 2 in that order. LIBSVM keeps the label; Parquet has columns id, key,",
        "label and 'values' (array<double>) or 'features' (ml Vector, sparse rows).",
        "Values are written in full precision (exact round trip)."})
public final class ShuffleCommand implements Callable<Integer> {
  @Option(names = "--output-format", paramLabel = "FMT",
      description = "csv, tsv, libsvm or parquet. Default: the input's format.")
  String outputFormat;

  @Option(names = "--files", paramLabel = "N", defaultValue = "0",
      description = "Output files (one task each). Default: as many as the input has partitions.")
  int files;

  @Mixin InputMixin input;
  @Mixin OutputMixin output;
  @Mixin RunMixin run;

  @Override
  public Integer call() {
    ShuffleConfig config = Configs.build(() -> new ShuffleConfig(input.toOptions(), output.toOptions(),
        outputFormat == null ? null : CliEnums.parse(MatrixFormat.class, "--output-format", outputFormat), files,
        run.seedOrDraw(), run.quiet()));
    ShuffleResult r = ShuffleJob.FRAME.run(Sessions.get("randnla shuffle"), config);
    run.report(() -> String.format(java.util.Locale.ROOT, "wrote %d x %d (%d nonzeros) in %d %s file(s)", r.rows(),
        r.cols(), r.nnz(), r.files(), r.format().cliName()));
    return 0;
  }
}
