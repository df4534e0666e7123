package dev.randnla.spark;

import dev.randnla.io.CsvMatrices;
import dev.randnla.io.InputOptions;
import dev.randnla.io.OutputDirectory;
import dev.randnla.io.OutputOptions;
import dev.randnla.io.ReadStats;
import dev.randnla.io.Summary;
import dev.randnla.linalg.Matrix;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The life of one job run, shared by every job: the output directory (checked before any work,
 * committed atomically at the end, aborted on failure), the {@code summary.json} (input, params,
 * result, passes, timings, Spark and BLAS details, warnings), stage timings and progress output.
 *
 * <pre>
 * try (JobRun run = JobRun.start(spark, "scan", config.output(), config.quiet())) {
 *   MatrixInput input = run.open(config.input());
 *   ...
 *   run.finish(input);
 * }
 * </pre>
 * Closing a run that did not finish deletes its temporary output, so a failed job leaves nothing.
 */
public final class JobRun implements AutoCloseable {
  private final SparkSession spark;
  private final Summary summary;
  private final OutputDirectory output;
  private final OutputOptions outputOptions;
  private final long startNanos = System.nanoTime();
  private final Map<String, Double> stageSeconds = new LinkedHashMap<>();
  private final ProgressListener listener;
  private final boolean quiet;
  private boolean finished;
  private final Thread abortOnExit;

  private JobRun(SparkSession spark, String job, OutputOptions out, boolean quiet) {
    this.spark = spark;
    this.summary = new Summary(job);
    this.outputOptions = out;
    this.quiet = quiet;
    this.output = out.enabled() ? OutputDirectory.create(out.uri(), out.overwrite(), spark.sparkContext().hadoopConfiguration()) : null;
    // SIGTERM (a killed Airflow task, spark-submit --kill) runs shutdown hooks: leave no partial output
    this.abortOnExit = output == null ? null : new Thread(output::abort, "randnla-abort-output");
    if (abortOnExit != null) {
      Runtime.getRuntime().addShutdownHook(abortOnExit);
    }
    if (quiet) {
      this.listener = null;
    } else {
      this.listener = new ProgressListener();
      spark.sparkContext().addSparkListener(listener);
    }
    SparkContext sc = spark.sparkContext();
    summary.spark("appId", sc.applicationId());
    summary.spark("master", sc.master());
    summary.spark("version", sc.version());
    summary.spark("defaultParallelism", sc.defaultParallelism());
  }

  /** Starts a run: refuses an existing output (unless overwrite) before any work. */
  public static JobRun start(SparkSession spark, String job, OutputOptions out, boolean quiet) {
    return new JobRun(spark, job, out, quiet);
  }

  public SparkSession spark() {
    return spark;
  }

  public Summary summary() {
    return summary;
  }

  /** The output directory, or null when the run writes nothing. */
  public OutputDirectory output() {
    return output;
  }

  public OutputOptions outputOptions() {
    return outputOptions;
  }

  public boolean quiet() {
    return quiet;
  }

  /** Prints a progress line on stderr unless quiet. */
  public void log(String message) {
    if (!quiet) {
      double s = (System.nanoTime() - startNanos) / 1e9;
      System.err.println(String.format(java.util.Locale.ROOT, "[randnla %7.1fs] %s", s, message));
    }
  }

  /**
   * Opens the job's input as the stage "open": {@link MatrixSource#open} lists the files and learns
   * d, without a pass.
   */
  public MatrixInput open(InputOptions options) {
    return stage("open", () -> MatrixSource.open(spark, options));
  }

  /** Runs and times one stage; its seconds go to {@code summary.json}. */
  public <T> T stage(String name, Supplier<T> work) {
    long t0 = System.nanoTime();
    spark.sparkContext().setJobDescription(summary.get("job") + ": " + name);
    try {
      return work.get();
    } finally {
      stageSeconds.merge(name, (System.nanoTime() - t0) / 1e9, Double::sum);
    }
  }

  /** Runs and times a stage with no value. */
  public void stage(String name, Runnable work) {
    stage(name, () -> {
      work.run();
      return null;
    });
  }

  /** Records the input section of the summary from an input and its first full pass. */
  public void recordInput(MatrixInput input, Long nnz) {
    summary.input("uri", input.uri());
    summary.input("format", input.formatName());
    summary.input("files", input.files().size());
    summary.input("bytes", input.bytes());
    long compressed = input.files().stream().filter(f -> f.compressed()).count();
    if (compressed > 0) {
      summary.input("compressedFiles", compressed);
    }
    summary.input("partitions", input.numPartitions());
    ReadStats stats = input.firstPassStats();
    if (stats != null) {
      summary.input("rows", stats.rows());
    }
    summary.input("cols", input.cols());
    if (nnz != null) {
      summary.input("nnz", nnz);
    }
    if (stats != null) {
      summary.input("badRows", stats.badRows());
      if (stats.blankLines() > 0) {
        summary.input("blankLines", stats.blankLines());
      }
      if (stats.crlfLines() > 0) {
        summary.input("crlfLines", stats.crlfLines());
      }
      if (stats.byteOrderMarks() > 0) {
        summary.input("byteOrderMarks", stats.byteOrderMarks());
      }
      if (stats.badRows() > 0) {
        java.util.List<String> examples = new java.util.ArrayList<>();
        for (ReadStats.BadRow b : stats.sortedExamples()) {
          examples.add(describe(input, b));
        }
        summary.input("badRowExamples", examples);
        summary.warn(stats.badRows() + " bad row(s) were skipped (--bad-rows " + input.options().badRows().cliName()
            + "); the first: " + examples.get(0));
      }
      if (!stats.droppedFiles().isEmpty()) {
        summary.input("droppedFiles", stats.droppedFiles());
        summary.warn(stats.droppedFiles().size() + " file(s) were dropped whole (--bad-rows skip-files), their columns"
            + " differing from the first file's: " + String.join(", ", stats.droppedFiles().keySet()));
      }
    } else {
      summary.input("badRows", 0);
    }
    for (String note : input.notes()) {
      summary.warn(note);
    }
  }

  private String describe(MatrixInput input, ReadStats.BadRow b) {
    long line = b.line();
    boolean text = input.format().isText();
    if (line <= 0 && b.linesIntoSplit() > 0 && text) {
      long before = -1;
      try {
        before = dev.randnla.io.LineNumbers.newlinesBefore(b.file(), b.splitStart(), spark.sparkContext().hadoopConfiguration());
      } catch (java.io.IOException e) {
        before = -1;
      }
      line = before < 0 ? -1 : before + b.linesIntoSplit();
    }
    String where = text ? (line > 0 ? ", line " + line : ", byte " + b.position())
        : ", row " + b.linesIntoSplit();
    return b.file() + where + ": " + b.reason();
  }

  /** Writes a small dense matrix as CSV into the output. */
  public void writeMatrix(String name, Matrix m) {
    if (output != null) {
      output.writeText(name, CsvMatrices.format(m));
    }
  }

  /** Writes a vector as a one-column CSV into the output. */
  public void writeVector(String name, double[] v) {
    if (output != null) {
      output.writeText(name, CsvMatrices.formatColumn(v));
    }
  }

  /** Writes any text file into the output. */
  public void writeText(String name, String text) {
    if (output != null) {
      output.writeText(name, text);
    }
  }

  /**
   * Writes a data frame as Parquet part files at the top of the output (a matrix another job can
   * read as --input): written into a staging folder, then the *.parquet files are moved up, in the
   * frame's partition order (their names sort the same way).
   */
  public void writeParquetParts(org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> frame) {
    if (output == null) {
      return;
    }
    String staging = output.tempPath(".parquet-staging");
    frame.write().parquet(staging);
    try {
      org.apache.hadoop.fs.Path stagingPath = new org.apache.hadoop.fs.Path(staging);
      org.apache.hadoop.fs.FileSystem fs = stagingPath.getFileSystem(spark.sparkContext().hadoopConfiguration());
      for (org.apache.hadoop.fs.FileStatus f : fs.listStatus(stagingPath)) {
        String name = f.getPath().getName();
        if (name.endsWith(".parquet")) {
          fs.rename(f.getPath(), new org.apache.hadoop.fs.Path(output.tempUri(), RowOutputs.partName(name, "parquet")));
        }
      }
      fs.delete(stagingPath, true);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot move Parquet files into the output", e);
    }
  }

  /** Fills passes and timings, writes summary.json and commits the output. */
  public Summary finish(double passes) {
    summary.passes(passes);
    summary.seconds("total", (System.nanoTime() - startNanos) / 1e9);
    stageSeconds.forEach(summary::seconds);
    summary.status("succeeded");
    if (output != null) {
      output.writeText("summary.json", summary.toJson());
      output.commit();
      log("wrote " + output.uri());
    }
    finished = true;
    return summary;
  }

  /** Fills passes from the input's own count and finishes. */
  public Summary finish(MatrixInput input) {
    return finish(input.passes());
  }

  public boolean isFinished() {
    return finished;
  }

  @Override
  public void close() {
    if (abortOnExit != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(abortOnExit);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down: the hook runs (or ran) and aborts an unfinished output
        System.err.println("randnla: shutting down; unfinished output is removed");
      }
    }
    if (listener != null) {
      spark.sparkContext().removeSparkListener(listener);
    }
    if (!finished && output != null) {
      output.abort();
    }
    spark.sparkContext().setJobDescription(null);
  }
}
