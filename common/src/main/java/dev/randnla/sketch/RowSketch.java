package dev.randnla.sketch;

import dev.randnla.io.MatrixRow;
import java.io.Serializable;

/**
 * A mergeable one-pass summary of the rows of a matrix: the contract every distributed
 * computation in randnla is built on (docs/design.md §3).
 *
 * <ul>
 *   <li>{@code update} folds one row in; {@code rowKey} is the row's stable key, the only source
 *       of any per-row randomness, so the result does not depend on how rows are partitioned.
 *   <li>{@code merge} folds {@code other} into this and returns this; merging an empty sketch is
 *       the identity; merging a sketch into itself throws.
 *   <li>{@code result} is an immutable snapshot, valid for an empty sketch too.
 *   <li>{@code compact} folds buffered rows into the state; callers invoke it before a sketch
 *       leaves a task, because buffers are not part of the serialized state.
 * </ul>
 *
 * @param <S> the implementing type
 * @param <R> the result type
 */
public interface RowSketch<S extends RowSketch<S, R>, R> extends Serializable {
  /** Folds in a dense row of length {@link #cols()}. */
  void update(long rowKey, double[] row);

  /**
   * Folds in a sparse row given by strictly increasing 0-based {@code indices} and their
   * {@code values}. The default densifies; sketches with an O(nnz) update override it.
   */
  default void update(long rowKey, int[] indices, double[] values) {
    double[] dense = new double[cols()];
    for (int k = 0; k < indices.length; k++) {
      dense[indices[k]] = values[k];
    }
    update(rowKey, dense);
  }

  /** Folds in one input row, dense or sparse (the sparse update keeps its O(nnz) cost). */
  default void update(MatrixRow row) {
    if (row.isSparse()) {
      update(row.key(), row.indices(), row.values());
    } else {
      update(row.key(), row.values());
    }
  }

  /** Folds other into this; returns this. */
  S merge(S other);

  /** An immutable snapshot of the summary. */
  R result();

  /** Rows folded in so far (including those of merged sketches). */
  long rows();

  /** The number of columns d the sketch was built for. */
  int cols();

  /** Folds buffered rows into the state; returns this. */
  @SuppressWarnings("unchecked")
  default S compact() {
    return (S) this;
  }

  /** The guard every {@code merge} starts with: a sketch cannot absorb itself (its state would be counted twice). */
  static void requireOther(RowSketch<?, ?> self, RowSketch<?, ?> other) {
    if (other == self) {
      throw new IllegalArgumentException("cannot merge a sketch into itself");
    }
  }
}
