package dev.randnla.spark;

import dev.randnla.io.MatrixRow;
import dev.randnla.sketch.RowSketch;
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
}
