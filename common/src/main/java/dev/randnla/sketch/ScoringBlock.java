package dev.randnla.sketch;

import dev.randnla.io.MatrixRow;
import dev.randnla.linalg.Blas;

/**
 * A buffer of rows scored together by one or more {@link LeverageScores}: dense rows are packed
 * into a column-major block B and scored with one dgemm Y = B·T per scorer (level 3, instead of one
 * dgemv per row); sparse rows are scored one by one in O(nnz·k). A per-task object (not
 * thread-safe, not serialisable); the rows themselves are kept by reference until {@link #clear}.
 *
 * <p>Invariants: {@code rows[0..size)} are the buffered rows in arrival order; the dense ones are
 * packed, in the same order, in the first {@code denseCount} rows of {@code packed} (leading
 * dimension {@code capacity}), {@code denseSlot[j]} giving the buffer position of packed row j.
 */
public final class ScoringBlock {
  /** Rows per block: large enough for dgemm to run near its peak, small enough to stay in cache. */
  public static final int DEFAULT_CAPACITY = 256;

  private final int d;
  private final int capacity;
  private final MatrixRow[] rows;
  private final double[] packed;
  private final int[] denseSlot;
  private int size;
  private int denseCount;
  private double[] y = new double[0];

  public ScoringBlock(int d) {
    this(d, DEFAULT_CAPACITY);
  }

  public ScoringBlock(int d, int capacity) {
    if (d < 1 || capacity < 1) {
      throw new IllegalArgumentException("need d ≥ 1 and capacity ≥ 1: d=" + d + ", capacity=" + capacity);
    }
    this.d = d;
    this.capacity = capacity;
    this.rows = new MatrixRow[capacity];
    this.packed = new double[capacity * d];
    this.denseSlot = new int[capacity];
  }

  /** Buffers a row; returns true when the block is full (score it, then {@link #clear}). */
  public boolean add(MatrixRow row) {
    if (size == capacity) {
      throw new IllegalStateException("block is full: score and clear it first");
    }
    if (!row.isSparse()) {
      double[] v = row.values();
      if (v.length != d) {
        throw new IllegalArgumentException("row has " + v.length + " entries, the block has " + d + " columns");
      }
      int j = denseCount++;
      for (int c = 0; c < d; c++) {
        packed[j + c * capacity] = v[c];
      }
      denseSlot[j] = size;
    }
    rows[size++] = row;
    return size == capacity;
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** Buffered row i (0 ≤ i &lt; size). */
  public MatrixRow row(int i) {
    return rows[i];
  }

  /** Writes the score of every buffered row into out[0..size). */
  public void score(LeverageScores scores, double[] out) {
    if (scores.cols() != d) {
      throw new IllegalArgumentException("scores are for " + scores.cols() + " columns, the block has " + d);
    }
    int k = scores.width();
    if (y.length < capacity * Math.max(1, k)) {
      y = new double[capacity * Math.max(1, k)];
    }
    if (k == 0) {
      java.util.Arrays.fill(out, 0, size, 0.0);
      return;
    }
    double[] tT = scores.transposed();
    if (denseCount > 0) {
      // Y (denseCount×k) = B (denseCount×d, ld capacity) · T, with T given as Tᵀ (k×d, ld k)
      Blas.blas().dgemm("N", "T", denseCount, k, d, 1.0, packed, capacity, tT, k, 0.0, y, denseCount);
      for (int j = 0; j < denseCount; j++) {
        double s = 0;
        for (int c = 0; c < k; c++) {
          double v = y[j + c * denseCount];
          s += v * v;
        }
        out[denseSlot[j]] = s;
      }
    }
    if (denseCount < size) {
      for (int i = 0; i < size; i++) {
        MatrixRow r = rows[i];
        if (r.isSparse()) {
          out[i] = scores.score(r.indices(), r.values(), y);
        }
      }
    }
  }

  /** Empties the buffer (drops the row references). */
  public void clear() {
    java.util.Arrays.fill(rows, 0, size, null);
    size = 0;
    denseCount = 0;
  }
}
