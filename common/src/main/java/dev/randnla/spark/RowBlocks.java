package dev.randnla.spark;

import dev.randnla.io.MatrixRow;
import java.util.Iterator;

/**
 * Reads a partition's rows into dense column-major blocks of at most {@code capacity} rows
 * (leading dimension {@code capacity}), keeping each row's key and id. Every pass that blocks a
 * partition with the same capacity sees the same block boundaries, which is what makes a
 * {@link dev.randnla.linalg.RowTransform} reproduce its rows bitwise from one pass to the next.
 * Sparse rows are densified into the block only.
 */
final class RowBlocks {
  private final int d;
  private final int capacity;
  private final double[] data;
  private final long[] keys;
  private final long[] ids;
  private int size;

  RowBlocks(int d, int capacity) {
    this.d = d;
    this.capacity = capacity;
    this.data = new double[Math.max(1, d * capacity)];
    this.keys = new long[capacity];
    this.ids = new long[capacity];
  }

  /** The rows per block that every mapped pass uses for rows of d entries mapped to k: ≈ 8 MB, 64 to 2048 rows. */
  static int capacity(int d, int k) {
    long rows = (8L << 20) / (8L * Math.max(1, Math.max(d, k)));
    return (int) Math.max(64, Math.min(2048, rows));
  }

  /** Reads the next block; false when the partition is exhausted. */
  boolean fill(Iterator<MatrixRow> rows) {
    size = 0;
    while (size < capacity && rows.hasNext()) {
      MatrixRow r = rows.next();
      double[] v = r.values();
      if (r.isSparse()) {
        for (int j = 0; j < d; j++) {
          data[size + j * capacity] = 0.0;
        }
        int[] idx = r.indices();
        for (int k = 0; k < idx.length; k++) {
          data[size + idx[k] * capacity] = v[k];
        }
      } else {
        if (v.length != d) {
          throw new IllegalArgumentException("row has " + v.length + " entries, expected " + d);
        }
        for (int j = 0; j < d; j++) {
          data[size + j * capacity] = v[j];
        }
      }
      keys[size] = r.key();
      ids[size] = r.id();
      size++;
    }
    return size > 0;
  }

  int size() {
    return size;
  }

  int capacity() {
    return capacity;
  }

  /** The block (overwritten by in-place transforms; refilled by the next {@link #fill}). */
  double[] data() {
    return data;
  }

  long key(int i) {
    return keys[i];
  }

  long id(int i) {
    return ids[i];
  }

  /** Row i of a column-major block with leading dimension {@code capacity} and k columns, as a new array. */
  double[] row(double[] block, int i, int k) {
    double[] out = new double[k];
    for (int j = 0; j < k; j++) {
      out[j] = block[i + j * capacity];
    }
    return out;
  }
}
