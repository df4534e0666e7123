package dev.randnla.sketch;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import dev.randnla.linalg.Blas;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.Vectors;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;

/**
 * A dense Gaussian sketch S·A with S (m × n) having independent N(0, 1/m) entries: column i of S
 * is drawn from (seed, GAUSSIAN_SKETCH, row key), so S does not depend on partitioning. Rows are
 * buffered and folded as SA += G·B with one dgemm per block (G the m×b block of S). A subspace
 * embedding with m = O(d/ε²) rows; the sketch of choice when dense sketches are required
 * (ℓ∞ guarantees, docs/algorithms.md, regress --solver sketch). Cost: O(m·d) per row; memory m·d per task.
 */
@DefaultSerializer(JavaSerializer.class)
public final class GaussianSketch extends AbstractRowSketch<GaussianSketch, Matrix> {
  private static final long serialVersionUID = 1L;

  private final int m;
  private final long seed;
  private final double[] sa;
  private transient RowBlock block;
  private transient double[] g;

  public GaussianSketch(int m, int d, long seed) {
    super(d);
    if (m < 1 || d < 0) {
      throw new IllegalArgumentException("need m ≥ 1 and d ≥ 0: m=" + m + ", d=" + d);
    }
    if ((long) m * d > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("an " + m + "x" + d + " sketch does not fit one Java array");
    }
    this.m = m;
    this.seed = seed;
    this.sa = new double[m * d];
  }

  public int sketchRows() {
    return m;
  }

  @Override
  public void update(long rowKey, double[] row) {
    requireRowLength(row);
    ensureBlock();
    column(rowKey, block.size());
    block.add(row);
    rows++;
    if (block.isFull()) {
      flush();
    }
  }

  @Override
  public void update(long rowKey, int[] indices, double[] values) {
    ensureBlock();
    column(rowKey, block.size());
    block.add(indices, values);
    rows++;
    if (block.isFull()) {
      flush();
    }
  }

  private void ensureBlock() {
    if (block == null) {
      int cap = Math.max(16, Math.min(512, (int) ((8L << 20) / (8L * Math.max(1, Math.max(m, d))))));
      block = new RowBlock(d, cap, true);
      g = new double[m * cap];
    }
  }

  /** Column c of the buffered G: the row's column of S, N(0, 1/m). */
  private void column(long rowKey, int c) {
    RandomStream rs = RandomStream.of(seed, Purpose.GAUSSIAN_SKETCH, rowKey);
    double scale = 1 / Math.sqrt(m);
    int base = c * m;
    for (int i = 0; i < m; i++) {
      g[base + i] = scale * rs.nextGaussian();
    }
  }

  private void flush() {
    if (block == null || block.size() == 0) {
      return;
    }
    int b = block.size();
    // SA (m×d, column-major) += G (m×b) · B (b×d, column-major with leading dimension capacity)
    Blas.blas().dgemm("N", "N", m, d, b, 1.0, g, m, block.data(), block.capacity(), 1.0, sa, m);
    block.clear();
  }

  @Override
  protected void foldBuffered() {
    flush();
  }

  @Override
  public GaussianSketch merge(GaussianSketch other) {
    beginMerge(other, other.m == m && other.d == d && other.seed == seed,
        () -> "cannot merge Gaussian sketches with different shapes or seeds");
    Vectors.axpy(1.0, other.sa, sa);
    rows += other.rows;
    return this;
  }

  /** S·A as an m×d matrix. */
  @Override
  public Matrix result() {
    flush();
    return new Matrix(m, d, sa.clone());
  }

}
