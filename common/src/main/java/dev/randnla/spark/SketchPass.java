package dev.randnla.spark;

import dev.randnla.io.MatrixRow;
import dev.randnla.sketch.RowSketch;
import java.util.Iterator;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;

/**
 * The pass: every read of the input that folds rows into one value per partition goes through
 * here. A value is made in the task for each partition, the values are merged by
 * {@link DeterministicTree} in partition order (so the result is bitwise the same on every run for
 * the same partitioning, under task retries too), and before any task starts the value's size is
 * checked against a task and the driver ({@link #requireSketch}). A full pass records its read
 * statistics on the input (row counts per partition give later passes their row ids; bad rows and
 * passes are reported from them). The fault hook of the reliability tests sits in the input's
 * partition reader and in the merge tree, so every pass has it.
 *
 * <p>Cost: one pass; per task one value; on the driver at most {@code fanIn} values at once (from
 * {@code spark.driver.maxResultSize} and the value's size).
 */
public final class SketchPass {
  private SketchPass() {}

  /**
   * One pass folding every row into a {@link RowSketch}, one per partition, compacted in the task.
   *
   * @param sketchBytes the serialised size of one sketch, for the checks and the merge tree's fan-in
   * @param description the Spark job description shown in the UI and progress lines
   */
  public static <S extends RowSketch<S, ?>> PartitionResult<S> aggregate(MatrixInput input, SketchFactory<S> factory,
      long sketchBytes, String description) {
    return fold(input, (p, rows) -> foldRows(factory.create(), rows).compact(), (a, b) -> a.merge(b), sketchBytes,
        description);
  }

  /**
   * One full pass: {@code perPartition} makes one value from each partition's rows, {@code merge}
   * combines them in partition order. Records the pass on the input.
   *
   * @param valueBytes the serialised size of one value
   */
  public static <T> PartitionResult<T> fold(MatrixInput input, PartitionFunction<T> perPartition, Merge<T> merge,
      long valueBytes, String description) {
    PartitionResult<T> result = foldPartitions(input, null, perPartition, merge, valueBytes, description);
    input.recordFullPass(result.stats());
    return result;
  }

  /**
   * A pass over some partitions only (a segment of a stream; {@code null} for all): like
   * {@link #fold} but nothing is recorded on the input, because the caller alone knows when the
   * segments add up to a full pass.
   */
  public static <T> PartitionResult<T> foldPartitions(MatrixInput input, int[] partitions,
      PartitionFunction<T> perPartition, Merge<T> merge, long valueBytes, String description) {
    SparkContext sc = input.spark().sparkContext();
    requireSketch(sc, valueBytes, description);
    sc.setJobDescription(description);
    JavaRDD<PartitionResult<T>> values = partitions == null
        ? input.mapPartitions(perPartition)
        : input.mapPartitions(partitions, perPartition);
    return DeterministicTree.reduce(values, merge, Resources.fanIn(sc, valueBytes), valueBytes);
  }

  /** Folds every row of {@code rows} into {@code sketch} (sparse rows through the sketch's sparse update); returns it. */
  public static <S extends RowSketch<S, ?>> S foldRows(S sketch, Iterator<MatrixRow> rows) {
    while (rows.hasNext()) {
      sketch.update(rows.next());
    }
    return sketch;
  }

  /**
   * The safety net under every pass (issue 9, limits): a sketch that one task cannot hold, or that the
   * driver cannot receive as a partial result, is refused (exit 4) before any task starts, rather than
   * failing tasks with OutOfMemoryError. Jobs check their own sizes first with better advice.
   */
  static void requireSketch(SparkContext sc, long sketchBytes, String description) {
    String advice = "use fewer columns, a smaller sketch, or a sketch-based method";
    Resources.requireTask(sc, description + " (one sketch per task)", sketchBytes, advice);
    Resources.requireDriver(sc, description + " (one partial result on the driver)", sketchBytes, advice);
  }
}
