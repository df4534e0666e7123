package dev.randnla.spark;

import dev.randnla.sketch.GramSketch;
import org.apache.spark.SparkContext;

/**
 * The Gram pass shared by {@code gram}, {@code eigen --method exact} and {@code spectrum --method
 * exact}: the memory checks, one {@link GramSketch} pass and the read statistics, in one place.
 *
 * <p>Cost: one pass, 2·d² flops per dense row (nnz² per sparse row); per task the d×d Gram and an
 * 8 MB row buffer; on the driver {@link #DRIVER_COPIES} d×d matrices (the Gram and what the job
 * computes from it: a centred copy, a factorization, eigenvectors).
 */
public final class GramPass {
  /** d×d matrices a job holds on the driver at once after the Gram pass. */
  public static final int DRIVER_COPIES = 4;
  /** The row buffer of one task. */
  private static final long TASK_BUFFER_BYTES = 8L << 20;

  private GramPass() {}

  /** Bytes one task needs: the Gram and its row buffer. */
  public static long taskBytes(int d) {
    return Resources.denseBytes(d, d) + TASK_BUFFER_BYTES;
  }

  /** Bytes the driver needs: {@link #DRIVER_COPIES} d×d matrices. */
  public static long driverBytes(int d) {
    return DRIVER_COPIES * Resources.denseBytes(d, d);
  }

  /** The pass alone, for callers that make their own checks (qr --method cholqr2, svd/pca --method gram). */
  public static PartitionResult<GramSketch> aggregate(MatrixInput input, String description) {
    int d = input.cols();
    return SketchPass.aggregate(input, () -> new GramSketch(d), GramSketch.serializedBytes(d), description);
  }

  /**
   * Checks that the Gram fits a task and the driver (exit code 4 with {@code advice} otherwise),
   * runs the pass as the run's stage "gram" and records the input's read statistics.
   *
   * @param job the job's name, for the Spark job description
   * @param what what the driver holds, for the messages (e.g. "the 784x784 Gram and its eigendecomposition")
   * @param advice what to run instead when d is too large
   */
  public static GramSketch.Gram run(JobRun run, MatrixInput input, String job, String what, String advice) {
    int d = input.cols();
    SparkContext sc = input.spark().sparkContext();
    Resources.requireDriver(sc, what, driverBytes(d), advice);
    Resources.requireTask(sc, what + " (a Gram per task)", taskBytes(d), advice);
    GramSketch.Gram g = run.stage("gram", () -> aggregate(input, job + ": Gram pass")).value().result();
    run.recordInput(input, g.nnz());
    return g;
  }
}
