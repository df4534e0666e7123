package dev.randnla.jobs;

import dev.randnla.io.Summary;
import dev.randnla.spark.JobRun;
import dev.randnla.spark.MatrixInput;
import java.util.Objects;
import org.apache.spark.sql.SparkSession;

/**
 * The frame a job that reads a matrix runs in (docs/design.md §2, §11): start a {@link JobRun}, which
 * refuses an existing output before any work; open {@code config.input()}, unless the caller passes an
 * input already open; run the job's own body; and on any exit let the run abort an output it did not
 * finish, so a failed run leaves nothing.
 *
 * <p>A job's frame is its name and body ({@code JobFrame.of("xxx", XxxJob::compute)}) and the job's only two
 * doors, reached through the frame each job declares once as {@code XxxJob.FRAME}: the CLI's
 * {@link #run(SparkSession, JobConfig)} ({@code XxxJob.FRAME.run(spark, config)}, which the command, the
 * demos and programs call) and the library's {@link #run(JobConfig, MatrixInput)} (an Estimator's
 * DataFrame), whose errors reach the caller as the CLI classifies them ({@link LibraryCalls}).
 *
 * @param <C> the job's config
 * @param <R> the job's result
 */
public final class JobFrame<C extends JobConfig, R> {
  /** A job's own work, on its started run and its open input. */
  @FunctionalInterface
  public interface Body<C, R> {
    R run(JobRun run, C config, MatrixInput input);
  }

  private final String job;
  private final Body<C, R> body;

  private JobFrame(String job, Body<C, R> body) {
    this.job = Objects.requireNonNull(job, "job");
    this.body = Objects.requireNonNull(body, "body");
  }

  /**
   * The frame of the job {@code job} (its name in summary.json and in the Spark UI's job descriptions) whose
   * work is {@code body}.
   */
  public static <C extends JobConfig, R> JobFrame<C, R> of(String job, Body<C, R> body) {
    return new JobFrame<>(job, body);
  }

  /** The CLI's door: opens {@code config.input()} in the run and runs the job on it. */
  public R run(SparkSession spark, C config) {
    return frame(spark, config, null);
  }

  /**
   * The library's door: runs the job on an input already open, e.g. a DataFrame, a {@code JavaRDD<Vector>}
   * or MLlib's {@code RowMatrix} through {@link dev.randnla.spark.DatasetSource} ({@code config.input()} is
   * then {@code opened.options()}). The output directory is written only when {@code config.output()} names
   * one. An error in a task is rethrown as the CLI sees it ({@link LibraryCalls}): bad rows are an
   * {@code InvalidInputException}.
   */
  public R run(C config, MatrixInput opened) {
    return LibraryCalls.call(() -> frame(opened.spark(), config, opened));
  }

  private R frame(SparkSession spark, C config, MatrixInput opened) {
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
