package dev.randnla.sketch;

/**
 * A buffer of up to {@code capacity} dense rows of d columns, so sketches fold rows in with
 * level-3 BLAS instead of one rank-one update per row. Two layouts: row-major (the block is then
 * the column-major d×b matrix Bᵀ, what a Gram update wants) or column-major (B itself with
 * leading dimension {@code capacity}, what Householder QR wants).
 */
public final class RowBlock {
  private final int d;
  private final int capacity;
  private final boolean columnMajor;
  private final double[] data;
  private int size;

  public RowBlock(int d, int capacity, boolean columnMajor) {
    this.d = d;
    this.capacity = capacity;
    this.columnMajor = columnMajor;
    this.data = new double[Math.max(1, d * capacity)];
  }

  /** A block size that keeps the buffer near 8 MB and BLAS-3 efficient: 64 to 2048 rows. */
  public static int defaultCapacity(int d) {
    long rowsFor8Mb = (8L << 20) / (8L * Math.max(1, d));
    return (int) Math.max(64, Math.min(2048, rowsFor8Mb));
  }

  public boolean isFull() {
    return size == capacity;
  }

  public int size() {
    return size;
  }

  public int capacity() {
    return capacity;
  }

  public double[] data() {
    return data;
  }

  public void add(double[] row) {
    if (columnMajor) {
      int base = size;
      for (int j = 0; j < d; j++) {
        data[base + j * capacity] = row[j];
      }
    } else {
      System.arraycopy(row, 0, data, size * d, d);
    }
    size++;
  }

  public void add(int[] indices, double[] values) {
    if (columnMajor) {
      for (int j = 0; j < d; j++) {
        data[size + j * capacity] = 0.0;
      }
      for (int k = 0; k < indices.length; k++) {
        data[size + indices[k] * capacity] = values[k];
      }
    } else {
      int base = size * d;
      java.util.Arrays.fill(data, base, base + d, 0.0);
      for (int k = 0; k < indices.length; k++) {
        data[base + indices[k]] = values[k];
      }
    }
    size++;
  }

  public void clear() {
    size = 0;
  }

  /**
   * For a row-major block B (b rows) and a d×k matrix X: T = B·X into {@code t} (b×k, column-major,
   * leading dimension b; reallocated when too small) and Y += Bᵀ·T — two dgemm calls.
   *
   * @return the array holding T
   */
  double[] productInto(double[] x, int k, double[] t, double[] y) {
    if (columnMajor) {
      throw new IllegalStateException("productInto needs a row-major block");
    }
    int b = size;
    double[] out = t == null || t.length < capacity * k ? new double[capacity * k] : t;
    // the block is the column-major d×b matrix Bᵀ; T = B·X is b×k = (Bᵀ)ᵀ·X
    dev.randnla.linalg.Blas.blas().dgemm("T", "N", b, k, d, 1.0, data, d, x, d, 0.0, out, b);
    dev.randnla.linalg.Blas.blas().dgemm("N", "N", d, k, b, 1.0, data, d, out, b, 1.0, y, d);
    return out;
  }

  /**
   * Buffers one dense row for {@link #productInto}: appends it to {@code block} (made on first use,
   * row-major, at most 1024 rows) and adds it to the column {@code sums}.
   *
   * @return the block, new when {@code block} was null
   */
  static RowBlock addForProduct(RowBlock block, int d, double[] row, double[] sums) {
    RowBlock b = block != null ? block : new RowBlock(d, Math.min(1024, defaultCapacity(d)), false);
    b.add(row);
    for (int j = 0; j < d; j++) {
      sums[j] += row[j];
    }
    return b;
  }

  /**
   * The same product for one sparse row a (its nonzeros {@code indices}, {@code values}) of a
   * d-column matrix, without a block: t = aᵀX (k values), Y += a·tᵀ, and the row added to the
   * column {@code sums}. X and Y are d×k column-major.
   *
   * @return t
   */
  static double[] sparseProductInto(int[] indices, double[] values, double[] x, int d, int k, double[] y,
      double[] sums) {
    double[] t = new double[k];
    for (int a = 0; a < indices.length; a++) {
      int i = indices[a];
      double v = values[a];
      for (int c = 0; c < k; c++) {
        t[c] += v * x[i + c * d];
      }
      sums[i] += v;
    }
    for (int a = 0; a < indices.length; a++) {
      int i = indices[a];
      double v = values[a];
      for (int c = 0; c < k; c++) {
        y[i + c * d] += v * t[c];
      }
    }
    return t;
  }
}
