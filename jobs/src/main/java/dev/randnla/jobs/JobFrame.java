package dev.randnla.jobs;

import dev.randnla.io.Summary;
import dev.randnla.spark.JobRun;
import dev.randnla.spark.MatrixInput;
import org.apache.spark.sql.SparkSession;

/**
 * The frame every job that reads a matrix runs in (docs/design.md §2, §11): start a {@link JobRun}, which
 * refuses an existing output before any work; open {@code config.input()}, unless the caller passes an
 * input already open; run the job's own body; and on any exit let the run abort an output it did not
 * finish, so a failed run leaves nothing. A job has two doors into it: the CLI's
 * {@code run(spark, config)} and the library's {@code run(config, opened)}, whose errors reach the
 * caller as the CLI classifies them ({@link LibraryCalls}).
 */
public final class JobFrame {
  private JobFrame() {}

  /** A job's own work, on its started run and its open input. */
  @FunctionalInterface
  public interface Body<C, R> {
    R run(JobRun run, C config, MatrixInput input);
  }

  /** The CLI's door: opens {@code config.input()} in the run and runs {@code body} on it. */
  public static <C extends JobConfig, R> R run(SparkSession spark, String job, C config, Body<C, R> body) {
    return frame(spark, job, config, null, body);
  }

  /**
   * The library's door: runs {@code body} on an input already open (e.g. a DataFrame through
   * {@link dev.randnla.spark.DatasetSource}); an error in a task is rethrown as the CLI sees it.
   */
  public static <C extends JobConfig, R> R run(String job, C config, MatrixInput opened, Body<C, R> body) {
    return LibraryCalls.call(() -> frame(opened.spark(), job, config, opened, body));
  }

  private static <C extends JobConfig, R> R frame(SparkSession spark, String job, C config, MatrixInput opened,
      Body<C, R> body) {
    try (JobRun run = JobRun.start(spark, job, config.output(), config.quiet())) {
      MatrixInput input = opened != null ? opened : run.open(config.input());
      return body.run(run, config, input);
    }
  }

  /** The whole run's wall-clock seconds, from a summary {@link JobRun#finish} returned. */
  public static double seconds(Summary done) {
    return ((Number) ((java.util.Map<?, ?>) done.get("seconds")).get("total")).doubleValue();
  }
}
