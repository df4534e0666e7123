package dev.randnla.jobs;

import dev.randnla.io.BadRowPolicy;
import dev.randnla.io.CliEnums;
import dev.randnla.io.InputOptions;
import dev.randnla.io.MatrixFormat;
import picocli.CommandLine.Option;

/** The options every job that reads a matrix shares (docs/design.md §5, §7). */
public final class InputMixin {
  @Option(names = "--input", paramLabel = "URI", required = true,
      description = "Input matrix: a file, a directory or a glob on any Hadoop file system (file://, hdfs://, …). "
          + "Files are read in sorted path order; names starting with _ or . and *.json files in directories are skipped.")
  String input;

  @Option(names = "--format", paramLabel = "FMT",
      description = "csv, tsv, libsvm or parquet. Default: from the file extension (.csv, .tsv, .libsvm/.svm, .parquet; "
          + "through .gz/.bz2). A text format on .parquet files, or parquet on text files, is refused.")
  String format;

  @Option(names = "--header", description = "CSV/TSV: the first line of every file is a header (column names usable in --*-col).")
  boolean header;

  @Option(names = "--id-col", paramLabel = "COL",
      description = "Column holding an integer row id (name or 0-based index). Default: the 0-based row number in input order.")
  String idCol;

  @Option(names = "--label-col", paramLabel = "COL",
      description = "Column holding the response b (regression); not part of the matrix. LIBSVM: always the label.")
  String labelCol;

  @Option(names = "--key-col", paramLabel = "COL",
      description = "Column holding a block key (clustering); not part of the matrix.")
  String keyCol;

  @Option(names = "--vector-col", paramLabel = "COL",
      description = "Parquet: the array<double> or ml Vector column holding the row. Default: the only such column, "
          + "else all numeric columns.")
  String vectorCol;

  @Option(names = "--cols", paramLabel = "D", defaultValue = "-1",
      description = "LIBSVM: the number of columns d. Default: detected with an extra read of the input.")
  int cols;

  @Option(names = "--bad-rows", paramLabel = "POLICY", defaultValue = "fail",
      description = "fail: stop with exit code 3 naming file, line and reason (default). "
          + "skip: drop malformed rows, count them and report the first ones in summary.json; "
          + "a file whose columns differ from the first file's is still an error. "
          + "skip-files: skip, and also drop such files whole (listed in summary.json, input.droppedFiles).")
  String badRows;

  @Option(names = "--min-partitions", paramLabel = "P", defaultValue = "0",
      description = "Split the input into at least P partitions. Default: Spark's default parallelism "
          + "(and at most one HDFS block per partition).")
  int minPartitions;

  /** The validated input options (throws IllegalArgumentException listing every problem). */
  public InputOptions toOptions() {
    return new InputOptions(input, format == null ? null : CliEnums.parse(MatrixFormat.class, "--format", format),
        header, emptyToNull(idCol), emptyToNull(labelCol), emptyToNull(keyCol), emptyToNull(vectorCol), cols,
        CliEnums.parse(BadRowPolicy.class, "--bad-rows", badRows), minPartitions);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
