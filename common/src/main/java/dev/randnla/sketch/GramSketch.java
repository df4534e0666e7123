package dev.randnla.sketch;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import dev.randnla.linalg.Blas;
import dev.randnla.linalg.Matrix;

/**
 * The Gram matrix AᵀA, the column sums and the row and nonzero counts of a stream of rows: the
 * exact one-pass summary behind {@code gram}, {@code eigen --method exact}, covariance and PCA.
 *
 * <p>Invariants: {@code gram} (d×d column-major; after {@link #compact} {@code packed}: its upper
 * triangle, column by column) holds in its upper triangle Σ aᵢaᵢᵀ over every row folded in except
 * those still buffered; {@code sums} holds Σ aᵢ over all rows, buffered
 * or not; {@code rows} and {@code nnz} count all rows. Dense rows are buffered and folded with one
 * level-3 call per block ({@link Blas#gramUpdate}); sparse rows with few nonzeros update the
 * triangle at O(nnz²), directly or, when the triangle is larger than a cache and the row spreads its
 * nonzeros over few tiles, buffered and folded tile by tile ({@link SparseTiles}).
 *
 * <p>Cost: 2·d² flops per dense row (dgemm) or d² (dsyrk, native), nnz² per sparse row; memory
 * d² + 8 MB of buffer per task; the driver holds d² doubles. Squares the condition number: the
 * eigenvalues of the result are accurate to ≈ d·u·‖A‖², so singular values below ≈ 1e-8·σ₁ are lost.
 */
@DefaultSerializer(JavaSerializer.class)
public final class GramSketch extends AbstractRowSketch<GramSketch, GramSketch.Gram> {
  private static final long serialVersionUID = 1L;

  /** The d×d accumulator, or after {@link #compact} its upper triangle column by column ({@code packed}). */
  private double[] gram;
  private boolean packed;
  private final double[] sums;
  private long nnz;
  private transient RowBlock block;
  /** Buffered sparse rows for the tiled update ({@link #flushSparse}); null until the first one. */
  private transient SparseTiles tiles;

  /** An upper bound on the serialized size of a d-column sketch: the d×d Gram, the column sums, a header. */
  public static long serializedBytes(int d) {
    return 8L * d * d + 8L * d + 64;
  }

  public GramSketch(int d) {
    super(d);
    if (d < 0) {
      throw new IllegalArgumentException("cols must be non-negative: " + d);
    }
    if ((long) d * d > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("a " + d + "x" + d + " Gram does not fit one Java array");
    }
    this.gram = new double[d * d];
    this.sums = new double[d];
  }

  /** The result: AᵀA (full, symmetric), column sums, counts. */
  public record Gram(long rows, long nnz, Matrix gram, double[] columnSums) implements java.io.Serializable {
    /** ‖A‖_F² = trace(AᵀA). */
    public double frobeniusSquared() {
      double t = 0;
      for (int i = 0; i < gram.rows(); i++) {
        t += gram.get(i, i);
      }
      return t;
    }

    /** Column means (zero for an empty matrix). */
    public double[] columnMeans() {
      double[] m = new double[columnSums.length];
      if (rows > 0) {
        for (int j = 0; j < m.length; j++) {
          m[j] = columnSums[j] / rows;
        }
      }
      return m;
    }

    /**
     * The centred cross-product (A − 1μᵀ)ᵀ(A − 1μᵀ) = AᵀA − n·μμᵀ, by the rank-one correction
     * (sparse rows stay sparse). Loses accuracy when the mean dominates the spread; the
     * {@code summary.json} of jobs that use it reports ‖nμμᵀ‖/‖C‖.
     */
    public Matrix centered() {
      int n = columnSums.length;
      Matrix c = gram.copy();
      if (rows == 0) {
        return c;
      }
      double[] mu = columnMeans();
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < n; i++) {
          c.set(i, j, c.get(i, j) - rows * mu[i] * mu[j]);
        }
      }
      return c;
    }
  }

  /** The accumulator, unpacked if the sketch arrived packed. */
  private double[] gram() {
    if (packed) {
      double[] full = new double[d * d];
      int at = 0;
      for (int j = 0; j < d; j++) {
        System.arraycopy(gram, at, full, j * d, j + 1);
        at += j + 1;
      }
      gram = full;
      packed = false;
    }
    return gram;
  }

  /**
   * Keeps only the upper triangle, packed: what travels from a task to the merge is then half the d²
   * doubles (16 MB instead of 32 at d = 2000). Done in {@link #compact}, before the sketch leaves its
   * task; a merged sketch travels in whichever form it has (both are plain fields, as Kryo wants).
   */
  private void pack() {
    if (packed) {
      return;
    }
    double[] p = new double[(int) ((long) d * (d + 1) / 2)];
    int at = 0;
    for (int j = 0; j < d; j++) {
      System.arraycopy(gram, j * d, p, at, j + 1);
      at += j + 1;
    }
    gram = p;
    packed = true;
  }

  @Override
  public void update(long rowKey, double[] row) {
    checkLength(row.length);
    if (block == null) {
      block = new RowBlock(d, RowBlock.defaultCapacity(d), false);
    }
    block.add(row);
    for (int j = 0; j < d; j++) {
      double v = row[j];
      sums[j] += v;
      if (v != 0) {
        nnz++;
      }
    }
    rows++;
    if (block.isFull()) {
      flush();
    }
  }

  @Override
  public void update(long rowKey, int[] indices, double[] values) {
    int k = indices.length;
    boolean dense = k * 8 > d;
    // blocks touched, when the triangle spans more than two tiles (else tiling cannot pay)
    int segments = !dense && d > SparseTiles.TILE * 2 ? SparseTiles.segmentCount(indices) : 0;
    if (dense) {
      if (block == null) {
        block = new RowBlock(d, RowBlock.defaultCapacity(d), false);
      }
      block.add(indices, values);
      if (block.isFull()) {
        flush();
      }
    } else if (segments > 0 && SparseTiles.worthTiling(k, segments)) {
      if (tiles == null) {
        tiles = new SparseTiles(d);
      }
      if (!tiles.add(indices, values, segments)) {
        tiles.flush(gram());
        tiles.add(indices, values, segments);
      }
    } else {
      double[] gram = gram();
      for (int a = 0; a < k; a++) {
        int col = indices[a] * d;
        double va = values[a];
        for (int b = 0; b <= a; b++) {
          gram[indices[b] + col] += values[b] * va;
        }
      }
    }
    for (int a = 0; a < k; a++) {
      sums[indices[a]] += values[a];
      if (values[a] != 0) {
        nnz++;
      }
    }
    rows++;
  }

  private void flush() {
    if (block != null && block.size() > 0) {
      Blas.gramUpdate(gram(), d, block.data(), block.size());
      block.clear();
    }
    flushSparse();
  }

  private void flushSparse() {
    if (tiles != null) {
      tiles.flush(gram());
    }
  }

  @Override
  protected void foldBuffered() {
    flush();
    pack();
  }

  @Override
  public GramSketch merge(GramSketch other) {
    requireMergeable(other);
    flush();
    other.flush();
    double[] mine = gram();
    double[] theirs = other.gram;
    int at = 0;
    for (int j = 0; j < d; j++) {
      int col = j * d;
      if (other.packed) {
        for (int i = 0; i <= j; i++) {
          mine[i + col] += theirs[at + i];
        }
        at += j + 1;
      } else {
        for (int i = 0; i <= j; i++) {
          mine[i + col] += theirs[i + col];
        }
      }
      sums[j] += other.sums[j];
    }
    rows += other.rows;
    nnz += other.nnz;
    return this;
  }

  @Override
  public Gram result() {
    flush();
    Matrix g = new Matrix(d, d, gram().clone());
    g.symmetrizeFromUpper();
    return new Gram(rows, nnz, g, sums.clone());
  }


  private void checkLength(int length) {
    if (length != d) {
      throw new IllegalArgumentException("row has " + length + " entries, sketch has " + d + " columns");
    }
  }

}
