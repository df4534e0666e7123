package dev.randnla.spark;

import org.apache.spark.SparkContext;

import dev.randnla.io.MatrixRow;
import dev.randnla.sketch.RowSketch;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;

/**
 * One pass that folds every row into a {@link RowSketch}: one sketch per partition (made in the
 * task), merged by {@link DeterministicTree} in partition order, so the result is bitwise the same
 * on every run for the same partitioning. The pass's read statistics are recorded on the input
 * (row counts per partition give later passes their row ids).
 *
 * <p>Cost: one pass; per task the sketch's own memory; on the driver at most {@code fanIn}
 * sketches at once (from {@code spark.driver.maxResultSize}).
 */
public final class SketchPass {
  private SketchPass() {}

  /**
   * @param sketchBytes the serialised size of one sketch, for the merge tree's fan-in
   * @param description the Spark job description shown in the UI and progress lines
   */
  public static <S extends RowSketch<S, ?>> PartitionResult<S> aggregate(MatrixInput input, SketchFactory<S> factory,
      long sketchBytes, String description) {
    requireSketch(input.spark().sparkContext(), sketchBytes, description);
    input.spark().sparkContext().setJobDescription(description);
    JavaRDD<PartitionResult<S>> perPartition = input.mapPartitions((p, rows) -> {
      S sketch = factory.create();
      while (rows.hasNext()) {
        MatrixRow r = rows.next();
        if (r.isSparse()) {
          sketch.update(r.key(), r.indices(), r.values());
        } else {
          sketch.update(r.key(), r.values());
        }
      }
      return sketch.compact();
    });
    int fanIn = Resources.fanIn(input.spark().sparkContext(), sketchBytes);
    PartitionResult<S> result = DeterministicTree.reduce(perPartition, (a, b) -> a.merge(b), fanIn);
    input.recordFullPass(result.stats());
    return result;
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
