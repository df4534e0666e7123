package dev.randnla.jobs.regress;

import dev.randnla.io.MatrixRow;
import java.io.Serializable;

/**
 * A mergeable one-pass summary of labelled rows: the {@link dev.randnla.sketch.RowSketch} contract
 * for work that needs more of a row than its values (the label, the key for sampling decisions).
 * One is made per partition in the task, rows are added in order, partitions merge in a fixed order.
 * Plain classes only (they travel as task results).
 */
interface RowAccumulator<T extends RowAccumulator<T>> extends Serializable {
  /** Folds one row in. */
  void add(MatrixRow row);

  /** Folds other into this and returns this; other is left unusable. */
  T merge(T other);

  /** Folds buffered work into the state before the accumulator leaves its task; returns this. */
  @SuppressWarnings("unchecked")
  default T compact() {
    return (T) this;
  }
}
