package dev.randnla.jobs;

import dev.randnla.io.InputOptions;
import dev.randnla.io.Summary;
import dev.randnla.spark.JobRun;
import dev.randnla.spark.MatrixInput;

/**
 * The input parameters every job that reads a matrix records in summary.json's {@code params}: where
 * ({@code input}, {@code format}) and how ({@code badRows}, {@code minPartitions}) it was read, from the
 * options the input was opened with. A job whose own parameters sit between the two records them
 * between {@link #putSource} and {@link #putReading}, so that its keys keep their order.
 */
public final class InputParams {
  private InputParams() {}

  /**
   * After the input's first full pass: its {@code input} section ({@link JobRun#recordInput}), then
   * {@link #put} its parameters; the run's summary, for the job's own parameters and results.
   */
  public static Summary record(JobRun run, MatrixInput input, Long nnz) {
    run.recordInput(input, nnz);
    put(run.summary(), input);
    return run.summary();
  }

  /** {@code input}, {@code format}, {@code badRows}, {@code minPartitions}. */
  public static void put(Summary summary, MatrixInput input) {
    putSource(summary, input);
    putReading(summary, input);
  }

  /** {@code input} (the URI as given) and {@code format} (as read: given or detected). */
  public static void putSource(Summary summary, MatrixInput input) {
    summary.param("input", input.uri());
    summary.param("format", input.formatName());
  }

  /** {@code badRows} and {@code minPartitions}. */
  public static void putReading(Summary summary, MatrixInput input) {
    InputOptions options = input.options();
    summary.param("badRows", options.badRows().cliName());
    summary.param("minPartitions", options.minPartitions());
  }
}
