package dev.randnla.jobs.eigen;

import dev.randnla.io.InputFile;
import dev.randnla.io.MatrixFormat;
import dev.randnla.io.MatrixRow;
import dev.randnla.io.ResourceLimitException;
import dev.randnla.linalg.Blas;
import dev.randnla.spark.GramPass;
import dev.randnla.spark.MatrixInput;
import dev.randnla.spark.Resources;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkContext;

/**
 * {@code --method auto} (docs/algorithms.md, eigen --method auto): exact when its extra work beyond reading the input is
 * small, stream otherwise. Both read the input once; exact adds the Gram's flops per row, the merge
 * of P d×d partial Grams and the d×d eigensolver on the driver, and needs d² memory per task.
 *
 * <p>Accuracy first where the stream method cannot work at all: a segment of fewer than d rows has
 * a singular Gram and is no spectral approximation, so with fewer than
 * {@value SegmentPlan#MIN_SEGMENTS}·d rows ({@link RowEstimate}, before any pass) auto takes exact, or
 * lanczos when the Gram does not fit, whatever the cost. Between that and 8·10·d·ln d rows the cost
 * model decides and the stream method, if chosen, warns that its segments are below the size its
 * guarantee needs (measured: 8 segments of ≈ 10.7·d rows of a gap-4 matrix gave correlation 0.998).
 * Likewise when the input cannot be split into {@value SegmentPlan#MIN_SEGMENTS} partitions, since the
 * stream method makes one power step per segment and a segment is at least one partition: data held in
 * memory ({@link MatrixInput#inMemory()}) keeps its own partitioning, and a compressed text file is read
 * whole by one task. Measured: Fashion-MNIST as a cached 3-partition DataFrame gave 3 power steps and a top
 * eigenvalue 18% above the exact one.
 *
 * <pre>
 *   overhead = gram seconds per row / read seconds per row  +  (eigensolver + merge seconds) / read seconds
 *   exact  if the Gram fits in task and driver memory and overhead ≤ 0.3, else stream
 * </pre>
 * Gram flops per row: 2·d² for a dense row (dgemm on row blocks; d² with native dsyrk), nnz² for a
 * sparse row with nnz ≤ d/8. The read cost per row is nnz × the parse cost per value. Nonzeros per row
 * of LIBSVM and Parquet input come from the first {@value #PROBE_ROWS} rows (a partial read of the
 * first partition; counted as a pass only for the partitions it reads to the end).
 * The constants are CPU-time measurements on the project machine (one core; bench/RESULTS.md, eigen
 * section) and fixed, so the choice does not depend on the load of the moment: the same input and
 * cluster size always give the same method.
 */
final class AutoChoice {
  /** Rows read to learn the nonzeros per row of LIBSVM and Parquet input (CSV/TSV rows are dense). */
  static final int PROBE_ROWS = 64;
  /** Largest tolerated extra cost of exact, relative to the read. */
  static final double MAX_OVERHEAD = 0.3;
  /** Read cost per stored value: CSV/TSV and LIBSVM text (measured: scan of 60 000 × 784 4-digit CSV, 42 ns CPU). */
  static final double TEXT_SECONDS_PER_VALUE = 40e-9;
  /** Parse cost per value of Parquet (columnar decoding, no text). */
  static final double PARQUET_SECONDS_PER_VALUE = 8e-9;
  /** Read cost per input byte for text (measured 4.6 ns/byte in the same scan), for the whole-input read time. */
  static final double TEXT_SECONDS_PER_BYTE = 4.5e-9;
  /** Parquet bytes are compressed binary: more values per byte. */
  static final double PARQUET_SECONDS_PER_BYTE = 4e-9;
  /** Gram update rate per core: Java dgemm (measured 31 GFLOP/s on a 784×512 block) or native dsyrk. */
  static final double JAVA_GRAM_FLOPS = 30e9;
  static final double NATIVE_GRAM_FLOPS = 40e9;
  /** Dense symmetric eigensolver rate on the driver (F2J dsyevr measured ≈ 5 GFLOP/s at d = 784, counting 4d³). */
  static final double EIGEN_FLOPS = 5e9;
  /** Serialising and merging partial Grams. */
  static final double MERGE_BYTES_PER_SECOND = 500e6;

  /**
   * @param method exact or stream
   * @param reason one sentence for summary.json
   * @param costs the model's numbers
   */
  record Decision(EigenMethod method, String reason, Map<String, Object> costs) {}

  private AutoChoice() {}

  /**
   * What the decision needs to know about the input and the cluster.
   *
   * @param d columns
   * @param rows estimated rows (NaN: unknown)
   * @param nonzerosPerRow mean stored values per row
   * @param gramFlopsPerRow mean Gram flops per row
   * @param parquet whether the input is Parquet (cheaper to decode than text)
   * @param bytes input bytes
   * @param partitions input partitions
   * @param cores default parallelism
   * @param gramDoesNotFit why the exact method's Gram does not fit in memory (null when it fits)
   * @param nativeBlas whether BLAS is native
   * @param maxSteps the most partitions, hence power steps, the stream method can have ({@link #maxSteps};
   *     {@link Integer#MAX_VALUE} when the input can be split as finely as it asks)
   * @param whyFewSteps why there are no more steps than {@code maxSteps} (null when unbounded)
   */
  record Facts(int d, double rows, double nonzerosPerRow, double gramFlopsPerRow, boolean parquet, long bytes,
      int partitions, int cores, String gramDoesNotFit, boolean nativeBlas, int maxSteps, String whyFewSteps) {

    /** Facts for an input that can be split as finely as the stream method asks. */
    Facts(int d, double rows, double nonzerosPerRow, double gramFlopsPerRow, boolean parquet, long bytes,
        int partitions, int cores, String gramDoesNotFit, boolean nativeBlas) {
      this(d, rows, nonzerosPerRow, gramFlopsPerRow, parquet, bytes, partitions, cores, gramDoesNotFit, nativeBlas,
          Integer.MAX_VALUE, null);
    }
  }

  static Decision choose(MatrixInput input, EigenConfig config) {
    int d = input.cols();
    SparkContext sc = input.spark().sparkContext();
    String fits = null;
    try {
      Resources.requireTask(sc, "the Gram", GramPass.taskBytes(d), "");
      Resources.requireDriver(sc, "the Gram", GramPass.driverBytes(d), "");
    } catch (ResourceLimitException e) {
      fits = e.getMessage().replaceAll(";.*", "");
    }
    boolean nativeBlas = Blas.isNative();
    double nnz = d;
    double gramFlops = (nativeBlas ? 1.0 : 2.0) * d * d;
    if (input.format() == MatrixFormat.LIBSVM || input.format() == MatrixFormat.PARQUET) {
      sc.setJobDescription("eigen: auto probe of the first rows");
      List<MatrixRow> probe = input.rows().take(PROBE_ROWS);
      if (!probe.isEmpty()) {
        nnz = 0;
        gramFlops = 0;
        for (MatrixRow r : probe) {
          int stored = r.values().length;
          nnz += stored;
          gramFlops += r.isSparse() && stored * 8 <= d ? (double) stored * stored : (nativeBlas ? 1.0 : 2.0) * d * d;
        }
        nnz /= probe.size();
        gramFlops /= probe.size();
      }
    }
    int steps = maxSteps(input);
    return decide(new Facts(d, RowEstimate.rows(input), nnz, gramFlops, input.format() == MatrixFormat.PARQUET,
        input.bytes(), input.numPartitions(), Math.max(1, sc.defaultParallelism()), fits, nativeBlas, steps,
        steps == Integer.MAX_VALUE ? null : input.inMemory()
            ? "data held in memory keeps its " + steps + " partition(s)"
            : "the input is " + steps + " compressed file(s), each read whole by one task"));
  }

  /**
   * The most partitions the input can be read in: its own for data in memory (its row keys are tied to
   * them), one per file when every file is compressed (a codec stream is not split), else unbounded.
   */
  static int maxSteps(MatrixInput input) {
    if (input.inMemory()) {
      return input.numPartitions();
    }
    boolean allCompressed = !input.files().isEmpty() && input.format() != MatrixFormat.PARQUET
        && input.files().stream().allMatch(InputFile::compressed);
    return allCompressed ? input.files().size() : Integer.MAX_VALUE;
  }

  /** The decision itself (no Spark; see the class comment). */
  static Decision decide(Facts f) {
    int d = f.d();
    Map<String, Object> costs = new LinkedHashMap<>();
    double streamRows = (double) SegmentPlan.MIN_SEGMENTS * d;
    costs.put("estimatedRows", Double.isNaN(f.rows()) ? "unknown" : (Object) f.rows());
    if (f.rows() < streamRows) {
      String few = String.format(Locale.ROOT, "about %.0f rows, fewer than the %.0f the stream method needs for %d "
          + "segments of at least d = %d rows", f.rows(), streamRows, SegmentPlan.MIN_SEGMENTS, d);
      return withoutStream(f, few, costs);
    }
    if (f.maxSteps() < SegmentPlan.MIN_SEGMENTS) {
      String few = String.format(Locale.ROOT, "%s, so the stream method could make only %d power step(s), fewer "
          + "than the %d it needs to converge", f.whyFewSteps(), f.maxSteps(), SegmentPlan.MIN_SEGMENTS);
      return withoutStream(f, few, costs);
    }
    if (f.gramDoesNotFit() != null) {
      return new Decision(EigenMethod.STREAM, "stream: the " + d + "x" + d + " Gram of the exact method does not fit ("
          + f.gramDoesNotFit() + ")", costs);
    }
    double readPerRow = Math.max(1, f.nonzerosPerRow()) * (f.parquet() ? PARQUET_SECONDS_PER_VALUE : TEXT_SECONDS_PER_VALUE);
    double gramPerRow = f.gramFlopsPerRow() / (f.nativeBlas() ? NATIVE_GRAM_FLOPS : JAVA_GRAM_FLOPS);
    double readSeconds = f.bytes() * (f.parquet() ? PARQUET_SECONDS_PER_BYTE : TEXT_SECONDS_PER_BYTE) / f.cores();
    double eigenSeconds = 4.0 * d * d * (double) d / EIGEN_FLOPS;
    double mergeSeconds = (double) f.partitions() * Resources.denseBytes(d, d) / MERGE_BYTES_PER_SECOND;
    double overhead = gramPerRow / readPerRow + (eigenSeconds + mergeSeconds) / Math.max(1e-3, readSeconds);
    costs.put("nonzerosPerRow", f.nonzerosPerRow());
    costs.put("readSecondsPerRow", readPerRow);
    costs.put("gramSecondsPerRow", gramPerRow);
    costs.put("readSeconds", readSeconds);
    costs.put("eigensolverSeconds", eigenSeconds);
    costs.put("mergeSeconds", mergeSeconds);
    costs.put("exactOverhead", overhead);
    String numbers = String.format(Locale.ROOT, "d = %d, %.0f nonzeros per row: the Gram costs %.2fx the read per row, "
        + "the eigensolver and merge %.1f s against an estimated %.1f s read", d, f.nonzerosPerRow(),
        gramPerRow / readPerRow, eigenSeconds + mergeSeconds, readSeconds);
    if (overhead <= MAX_OVERHEAD) {
      return new Decision(EigenMethod.EXACT, "exact: " + numbers + " (together " + pct(overhead) + " <= "
          + pct(MAX_OVERHEAD) + " extra), so the exact Gram is nearly free", costs);
    }
    return new Decision(EigenMethod.STREAM, "stream: " + numbers + " (together " + pct(overhead) + " > "
        + pct(MAX_OVERHEAD) + " extra), so the one-pass stream method is cheaper", costs);
  }

  /** Exact, or lanczos when the exact method's Gram does not fit: for inputs the stream method cannot serve. */
  private static Decision withoutStream(Facts f, String why, Map<String, Object> costs) {
    return f.gramDoesNotFit() == null
        ? new Decision(EigenMethod.EXACT, "exact: " + why, costs)
        : new Decision(EigenMethod.LANCZOS, "lanczos: " + why + ", and the exact method's Gram does not fit ("
            + f.gramDoesNotFit() + ")", costs);
  }

  private static String pct(double x) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * x);
  }
}
