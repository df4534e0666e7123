package dev.randnla.sketch;

import dev.randnla.linalg.Matrix;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;

/**
 * S·A for a sparse embedding S (m × n) with s nonzeros ±1/√s per column: row i of A is added, with
 * a random sign, into s distinct buckets — one in each of s equal blocks of the m rows (the block
 * construction of OSNAP, Nelson &amp; Nguyễn 2013, which makes the buckets distinct). s = 1 is
 * CountSketch (Clarkson &amp; Woodruff, STOC 2013). Buckets and signs are a pure function of
 * (seed, purpose, row key), so S is the same however rows are partitioned, and A and b sketched
 * in one pass (as columns of one row) see the same S.
 *
 * <p>Invariants: {@code sa} (m×d, row-major) holds Σ_i S[:, i]·aᵢᵀ over the rows folded in.
 * Cost: O(s·nnz) per row; memory m·d doubles per task and on the driver.
 */
abstract class HashedSketch<S extends HashedSketch<S>> extends AbstractRowSketch<S, Matrix> {
  private static final long serialVersionUID = 1L;

  private final int m;
  private final int s;
  private final long seed;
  private final Purpose purpose;
  private final double[] sa;

  /** An upper bound on the serialized size of an m×d sketch: S·A, a header. */
  public static long serializedBytes(int m, int d) {
    return 8L * m * d + 64;
  }

  HashedSketch(int m, int d, int s, long seed, Purpose purpose) {
    super(d);
    if (m < 1 || d < 0 || s < 1 || s > m) {
      throw new IllegalArgumentException("need m ≥ 1, d ≥ 0 and 1 ≤ s ≤ m: m=" + m + ", d=" + d + ", s=" + s);
    }
    if ((long) m * d > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("an " + m + "x" + d + " sketch does not fit one Java array");
    }
    this.m = m;
    this.s = s;
    this.seed = seed;
    this.purpose = purpose;
    this.sa = new double[m * d];
  }

  /** Sketch rows m. */
  public int sketchRows() {
    return m;
  }

  /** Bucket of the t-th nonzero of the row with this key (in block t of the m rows). */
  private int bucket(long word, int t) {
    int lo = (int) ((long) t * m / s);
    int hi = (int) ((long) (t + 1) * m / s);
    long r = (word >>> 32) * (hi - lo);
    return lo + (int) (r >>> 32);
  }

  @Override
  public void update(long rowKey, double[] row) {
    requireRowLength(row);
    double scale = 1 / Math.sqrt(s);
    for (int t = 0; t < s; t++) {
      long w = RandomStream.word(seed, purpose, rowKey, t);
      int base = bucket(w, t) * d;
      double sign = (w & 1) == 0 ? scale : -scale;
      for (int j = 0; j < d; j++) {
        sa[base + j] += sign * row[j];
      }
    }
    rows++;
  }

  @Override
  public void update(long rowKey, int[] indices, double[] values) {
    double scale = 1 / Math.sqrt(s);
    for (int t = 0; t < s; t++) {
      long w = RandomStream.word(seed, purpose, rowKey, t);
      int base = bucket(w, t) * d;
      double sign = (w & 1) == 0 ? scale : -scale;
      for (int k = 0; k < indices.length; k++) {
        sa[base + indices[k]] += sign * values[k];
      }
    }
    rows++;
  }

  @Override
  @SuppressWarnings("unchecked")
  public S merge(S other) {
    HashedSketch<S> o = other;
    requireMergeable(other, o.m == m && o.d == d && o.s == s && o.seed == seed && o.purpose == purpose,
        () -> "cannot merge sketches with different shapes, sparsity or seeds");
    for (int i = 0; i < sa.length; i++) {
      sa[i] += o.sa[i];
    }
    rows += o.rows;
    return (S) this;
  }

  /** S·A as an m×d matrix. */
  @Override
  public Matrix result() {
    Matrix out = Matrix.zeros(m, d);
    double[] o = out.data();
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < d; j++) {
        o[i + j * m] = sa[i * d + j];
      }
    }
    return out;
  }

  /** Nothing is buffered: every row is folded in as it arrives. */
  @Override
  protected void foldBuffered() {}
}
