package dev.randnla.spark;

import dev.randnla.io.MatrixRow;
import dev.randnla.sketch.RowBlock;
import java.util.Iterator;

/**
 * Reads a partition's rows into dense column-major blocks ({@link RowBlock}, leading dimension
 * {@code capacity}), keeping each row's key and id. Every pass that blocks a partition with the same
 * capacity sees the same block boundaries, which is what makes a
 * {@link dev.randnla.linalg.RowTransform} reproduce its rows bitwise from one pass to the next.
 * Sparse rows are densified into the block only.
 */
final class RowBlocks {
  private final RowBlock block;
  private final long[] keys;
  private final long[] ids;

  RowBlocks(int d, int capacity) {
    this.block = new RowBlock(d, capacity, true);
    this.keys = new long[capacity];
    this.ids = new long[capacity];
  }

  /** The rows per block every mapped pass uses for rows of d entries mapped to k: ≈ 8 MB, 64 to 2048 rows. */
  static int capacity(int d, int k) {
    return RowBlock.defaultCapacity(Math.max(d, k));
  }

  /** Reads the next block; false when the partition is exhausted. */
  boolean fill(Iterator<MatrixRow> rows) {
    block.clear();
    while (!block.isFull() && rows.hasNext()) {
      MatrixRow r = rows.next();
      keys[block.size()] = r.key();
      ids[block.size()] = r.id();
      if (r.isSparse()) {
        block.add(r.indices(), r.values());
      } else {
        block.add(r.values());
      }
    }
    return block.size() > 0;
  }

  int size() {
    return block.size();
  }

  int capacity() {
    return block.capacity();
  }

  /** The block (overwritten by in-place transforms; refilled by the next {@link #fill}). */
  double[] data() {
    return block.data();
  }

  long key(int i) {
    return keys[i];
  }

  long id(int i) {
    return ids[i];
  }

  /** Row i of a column-major block with leading dimension {@code capacity} and k columns, as a new array. */
  double[] row(double[] data, int i, int k) {
    int ld = block.capacity();
    double[] out = new double[k];
    for (int j = 0; j < k; j++) {
      out[j] = data[i + j * ld];
    }
    return out;
  }
}
