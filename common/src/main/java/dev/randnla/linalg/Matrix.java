package dev.randnla.linalg;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A small dense matrix held on one machine, column-major with leading dimension {@code rows}
 * (the layout BLAS and LAPACK take). It is the driver-side and per-partition workhorse: a Gram,
 * an R factor, a sketch, a basis. Operations that return a matrix allocate a new one; operations
 * named {@code …InPlace} modify this one.
 */
public final class Matrix implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int rows;
  private final int cols;
  private final double[] data;

  /** Wraps {@code data} (column-major, length rows·cols) without copying. */
  public Matrix(int rows, int cols, double[] data) {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("matrix shape must be non-negative: " + rows + "x" + cols);
    }
    if (data.length != (long) rows * cols) {
      throw new IllegalArgumentException(
          "data length " + data.length + " does not match shape " + rows + "x" + cols);
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  public static Matrix zeros(int rows, int cols) {
    long size = (long) rows * cols;
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "a " + rows + "x" + cols + " dense matrix does not fit one Java array");
    }
    return new Matrix(rows, cols, new double[(int) size]);
  }

  public static Matrix identity(int n) {
    Matrix m = zeros(n, n);
    for (int i = 0; i < n; i++) {
      m.data[i + i * n] = 1.0;
    }
    return m;
  }

  /** From row arrays (each of the same length). */
  public static Matrix fromRows(double[][] rowArrays) {
    int m = rowArrays.length;
    int n = m == 0 ? 0 : rowArrays[0].length;
    Matrix a = zeros(m, n);
    for (int i = 0; i < m; i++) {
      if (rowArrays[i].length != n) {
        throw new IllegalArgumentException(
            "row " + i + " has " + rowArrays[i].length + " entries, expected " + n);
      }
      for (int j = 0; j < n; j++) {
        a.data[i + j * m] = rowArrays[i][j];
      }
    }
    return a;
  }

  /** A diagonal matrix with the given diagonal. */
  public static Matrix diagonal(double[] diag) {
    Matrix m = zeros(diag.length, diag.length);
    for (int i = 0; i < diag.length; i++) {
      m.data[i + i * diag.length] = diag[i];
    }
    return m;
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** The backing column-major array (not a copy). */
  public double[] data() {
    return data;
  }

  public double get(int i, int j) {
    return data[i + j * rows];
  }

  public void set(int i, int j, double v) {
    data[i + j * rows] = v;
  }

  public Matrix copy() {
    return new Matrix(rows, cols, data.clone());
  }

  public Matrix transpose() {
    Matrix t = zeros(cols, rows);
    for (int j = 0; j < cols; j++) {
      for (int i = 0; i < rows; i++) {
        t.data[j + i * cols] = data[i + j * rows];
      }
    }
    return t;
  }

  /** Column j as a new array. */
  public double[] column(int j) {
    return Arrays.copyOfRange(data, j * rows, (j + 1) * rows);
  }

  /** Row i as a new array. */
  public double[] row(int i) {
    double[] r = new double[cols];
    for (int j = 0; j < cols; j++) {
      r[j] = data[i + j * rows];
    }
    return r;
  }

  /** The leading {@code k} columns as a new matrix. */
  public Matrix leadingColumns(int k) {
    if (k < 0 || k > cols) {
      throw new IllegalArgumentException("k must be in [0, cols=" + cols + "]: " + k);
    }
    return new Matrix(rows, k, Arrays.copyOf(data, rows * k));
  }

  /** Rows as arrays. */
  public double[][] toRowArrays() {
    double[][] out = new double[rows][];
    for (int i = 0; i < rows; i++) {
      out[i] = row(i);
    }
    return out;
  }

  /** this · other (dgemm). */
  public Matrix times(Matrix other) {
    return Blas.multiply(this, false, other, false);
  }

  /** thisᵀ · other (dgemm). */
  public Matrix transposeTimes(Matrix other) {
    return Blas.multiply(this, true, other, false);
  }

  /** this · otherᵀ (dgemm). */
  public Matrix timesTranspose(Matrix other) {
    return Blas.multiply(this, false, other, true);
  }

  /** this · x. */
  public double[] times(double[] x) {
    return Blas.multiply(this, false, x);
  }

  /** thisᵀ · x. */
  public double[] transposeTimes(double[] x) {
    return Blas.multiply(this, true, x);
  }

  public Matrix minus(Matrix other) {
    checkSameShape(other);
    double[] out = data.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] -= other.data[i];
    }
    return new Matrix(rows, cols, out);
  }

  public Matrix plus(Matrix other) {
    checkSameShape(other);
    double[] out = data.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += other.data[i];
    }
    return new Matrix(rows, cols, out);
  }

  public void addInPlace(Matrix other) {
    checkSameShape(other);
    for (int i = 0; i < data.length; i++) {
      data[i] += other.data[i];
    }
  }

  public Matrix scale(double alpha) {
    double[] out = data.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] *= alpha;
    }
    return new Matrix(rows, cols, out);
  }

  public double frobeniusNorm() {
    return Vectors.norm2(data);
  }

  /** The largest absolute entry. */
  public double maxAbs() {
    double m = 0;
    for (double v : data) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  /** Copies the upper triangle onto the lower one (for a symmetric matrix kept in one triangle). */
  public void symmetrizeFromUpper() {
    if (rows != cols) {
      throw new IllegalStateException("not square: " + rows + "x" + cols);
    }
    for (int j = 0; j < cols; j++) {
      for (int i = j + 1; i < rows; i++) {
        data[i + j * rows] = data[j + i * rows];
      }
    }
  }

  /** Sets the strict lower triangle to zero. */
  public void zeroStrictLower() {
    for (int j = 0; j < cols; j++) {
      for (int i = j + 1; i < rows; i++) {
        data[i + j * rows] = 0.0;
      }
    }
  }

  private void checkSameShape(Matrix other) {
    if (other.rows != rows || other.cols != cols) {
      throw new IllegalArgumentException(
          "shape mismatch: " + rows + "x" + cols + " vs " + other.rows + "x" + other.cols);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Matrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rows + cols) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(rows).append('x').append(cols).append(" matrix");
    int shown = Math.min(rows, 6);
    for (int i = 0; i < shown; i++) {
      sb.append("\n ");
      for (int j = 0; j < Math.min(cols, 6); j++) {
        sb.append(String.format(" %12.5g", get(i, j)));
      }
      if (cols > 6) {
        sb.append(" …");
      }
    }
    if (rows > shown) {
      sb.append("\n  …");
    }
    return sb.toString();
  }
}
