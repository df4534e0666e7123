package dev.randnla.jobs.scan;

import dev.randnla.io.Summary;
import dev.randnla.jobs.InputParams;
import dev.randnla.jobs.JobFrame;
import dev.randnla.sketch.ColumnStatsSketch;
import dev.randnla.spark.JobRun;
import dev.randnla.spark.MatrixInput;
import dev.randnla.spark.PartitionResult;
import dev.randnla.spark.Resources;
import dev.randnla.spark.SketchPass;

/**
 * {@code scan}: one read of the input — rows, columns, nonzeros, column norms and means, the
 * Frobenius norm, the smallest and largest row norms, and the bad-row report. It is the read
 * floor every other job is measured against (bench/RESULTS.md).
 *
 * <p>Cost: one pass, O(nnz) flops; 2d doubles per task and on the driver.
 */
public final class ScanJob {
  private ScanJob() {}

  /** The job's doors ({@link JobFrame}). */
  public static final JobFrame<ScanConfig, ScanResult> FRAME = JobFrame.of("scan", ScanJob::compute);

  private static ScanResult compute(JobRun run, ScanConfig config, MatrixInput input) {
    int d = input.cols();
    Resources.requireTask(run.spark().sparkContext(), "scan: the column statistics of " + d + " columns", 16L * d,
        "no per-column statistics of this width fit: check --cols (LIBSVM) or split the columns");
    Resources.requireDriver(run.spark().sparkContext(), "scan: the column statistics of " + d + " columns", 2 * 16L * d,
        "no per-column statistics of this width fit: check --cols (LIBSVM) or split the columns");
    PartitionResult<ColumnStatsSketch> pass = run.stage("read", () ->
        SketchPass.aggregate(input, () -> new ColumnStatsSketch(d), 16L * d + 256, "scan: read"));
    ColumnStatsSketch.Stats s = pass.value().result();
    Summary summary = InputParams.record(run, input, s.nnz());
    summary.result("rows", s.rows());
    summary.result("cols", d);
    summary.result("nnz", s.nnz());
    summary.result("density", s.rows() == 0 ? 0.0 : s.nnz() / ((double) s.rows() * d));
    summary.result("frobeniusNorm", s.frobeniusNorm());
    summary.result("minRowNorm", s.minRowNorm());
    summary.result("maxRowNorm", s.maxRowNorm());
    summary.result("zeroRows", s.zeroRows());
    if (s.rows() == 0) {
      summary.warn("The input has no valid rows.");
    }
    run.writeVector("column-norms.csv", s.columnNorms());
    run.writeVector("column-means.csv", s.columnMeans());
    Summary done = run.finish(input);
    double seconds = JobFrame.seconds(done);
    return new ScanResult(s.rows(), d, s.nnz(), s.frobeniusNorm(), s.columnNorms(), s.columnMeans(),
        s.minRowNorm(), s.maxRowNorm(), s.zeroRows(), pass.stats().badRows(), input.passes(), seconds);
  }
}
