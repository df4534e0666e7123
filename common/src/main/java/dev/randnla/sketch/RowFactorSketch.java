package dev.randnla.sketch;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.TsqrKernel;
import java.util.Arrays;

/**
 * An exact factor F of a group of rows A (FᵀF = AᵀA) that costs no more than the rows themselves:
 * the rows are kept as they are while there are at most {@code rawLimit} of them, and beyond that
 * folded into the d×d R factor of a tall-skinny QR ({@link TsqrKernel}), so the memory is
 * min(rows, rawLimit)·d + (d² once folded) doubles. Made for many small groups at once (the blocks
 * of a clustering, the clusters of a verification), where a d×d Gram or R per group would be many
 * times the data.
 *
 * <p>Invariants: {@code raw[0 .. rawRows·d)} holds, row-major and in arrival order, the rows not
 * folded yet; {@code r} (null until the first fold) is the d×d upper-triangular R factor of every
 * folded row; {@code foldedSquares} is Σ‖aᵢ‖² over the folded rows; {@code rows} counts all rows.
 * Merging appends the other sketch's rows after this one's, so merging partition sketches in
 * partition order reproduces the input order: while a group has at most {@code rawLimit} rows its
 * result and {@link #sumOfSquares()} are bitwise the same under any partitioning; beyond that, the
 * same up to rounding (a different sequence of backward-stable QR steps).
 *
 * <p>Cost: d flops per row kept raw; ≈ 2·b·d² per fold of b rows. Backward stable:
 * ‖FᵀF − AᵀA‖ ≲ c·d·u·‖A‖², without the squared condition number of a Gram.
 */
@DefaultSerializer(JavaSerializer.class)
public final class RowFactorSketch extends AbstractRowSketch<RowFactorSketch, Matrix> {
  private static final long serialVersionUID = 1L;
  private static final int FIRST_CAPACITY = 8;

  private final int rawLimit;
  private double[] raw;
  private int rawRows;
  private double[] r;
  private double foldedSquares;

  /**
   * @param d columns
   * @param rawLimit rows kept as they are before folding into R (≥ 1; d keeps every group of at most
   *     d rows exact and partition-invariant)
   */
  public RowFactorSketch(int d, int rawLimit) {
    super(d);
    if (d < 0) {
      throw new IllegalArgumentException("cols must be non-negative: " + d);
    }
    if (rawLimit < 1) {
      throw new IllegalArgumentException("rawLimit must be positive: " + rawLimit);
    }
    if ((long) d * d > Integer.MAX_VALUE - 8 || (long) rawLimit * d > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("a factor of " + d + " columns (raw limit " + rawLimit
          + ") does not fit one Java array");
    }
    this.rawLimit = rawLimit;
    this.raw = new double[0];
  }

  @Override
  public void update(long rowKey, double[] row) {
    requireRowLength(row);
    if (rawRows == rawLimit) {
      fold();
    }
    System.arraycopy(row, 0, slot(), rawRows * d, d);
    rawRows++;
    rows++;
  }

  @Override
  public void update(long rowKey, int[] indices, double[] values) {
    if (rawRows == rawLimit) {
      fold();
    }
    double[] buffer = slot();
    int base = rawRows * d;
    Arrays.fill(buffer, base, base + d, 0.0);
    for (int k = 0; k < indices.length; k++) {
      buffer[base + indices[k]] = values[k];
    }
    rawRows++;
    rows++;
  }

  /** The buffer, grown (by doubling, up to rawLimit rows) so one more row fits. */
  private double[] slot() {
    if ((rawRows + 1) * d > raw.length) {
      int capacity = Math.min(rawLimit, Math.max(FIRST_CAPACITY, 2 * rawRows));
      raw = Arrays.copyOf(raw, Math.max(capacity * d, (rawRows + 1) * d));
    }
    return raw;
  }

  /** Folds the raw rows into R (allocating R if needed). */
  private void fold() {
    if (r == null) {
      r = new double[d * d];
    }
    if (rawRows == 0) {
      return;
    }
    foldedSquares += squares(raw, rawRows * d);
    TsqrKernel.update(r, d, columnMajor(raw, rawRows, d), rawRows, rawRows);
    rawRows = 0;
    raw = new double[0];
  }

  private static double squares(double[] a, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += a[i] * a[i];
    }
    return s;
  }

  /** Row-major m×d rows as a column-major m×d array. */
  private static double[] columnMajor(double[] rowMajor, int m, int d) {
    double[] out = new double[m * d];
    for (int i = 0; i < m; i++) {
      int src = i * d;
      for (int j = 0; j < d; j++) {
        out[i + j * m] = rowMajor[src + j];
      }
    }
    return out;
  }

  @Override
  public RowFactorSketch merge(RowFactorSketch other) {
    requireMergeable(other);
    if (other.rows == 0) {
      return this;
    }
    if (r == null && other.r == null && rawRows + other.rawRows <= rawLimit) {
      raw = Arrays.copyOf(raw, Math.max(raw.length, (rawRows + other.rawRows) * d));
      System.arraycopy(other.raw, 0, raw, rawRows * d, other.rawRows * d);
      rawRows += other.rawRows;
      rows += other.rows;
      return this;
    }
    fold();
    if (other.r != null) {
      TsqrKernel.update(r, d, other.r.clone(), d, Math.max(1, d));
      foldedSquares += other.foldedSquares;
    }
    if (other.rawRows > 0) {
      foldedSquares += squares(other.raw, other.rawRows * d);
      TsqrKernel.update(r, d, columnMajor(other.raw, other.rawRows, d), other.rawRows, other.rawRows);
    }
    rows += other.rows;
    return this;
  }

  /**
   * F with FᵀF = AᵀA: the rows themselves (m×d, in arrival order) while they were never folded,
   * else the d×d upper-triangular R with diag(R) ≥ 0.
   */
  @Override
  public Matrix result() {
    if (r == null) {
      return new Matrix(rawRows, d, columnMajor(raw, rawRows, d));
    }
    double[] out = r.clone();
    if (rawRows > 0) {
      TsqrKernel.update(out, d, columnMajor(raw, rawRows, d), rawRows, rawRows);
    }
    TsqrKernel.normalizeSigns(out, d);
    return new Matrix(d, d, out);
  }

  /** Whether {@link #result()} is the rows themselves (never folded). */
  public boolean isRaw() {
    return r == null;
  }

  /** ‖A‖_F², summed row by row in arrival order (exactly, not from R). */
  public double sumOfSquares() {
    return foldedSquares + squares(raw, rawRows * d);
  }

  /** Trims the raw buffer to the rows it holds (before the sketch leaves a task). */
  @Override
  protected void foldBuffered() {
    if (raw.length != rawRows * d) {
      raw = Arrays.copyOf(raw, rawRows * d);
    }
  }

}
