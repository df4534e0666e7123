package dev.randnla.sketch;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import dev.randnla.linalg.Blas;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.Vectors;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;

/**
 * A block subsampled randomized Hadamard transform S·A that streams and merges: a dense sketch whose
 * randomness is a pure function of (seed, row key), so S is the same however rows are partitioned.
 *
 * <p><b>Construction.</b> The m output rows are split into B blocks of r_β ≈ m/B rows. Row i (key k)
 * is hashed to a block β(k), a slot s(k) ∈ [0, 2⁶³) and a sign σ(k) = ±1. Inside block β the rows
 * are placed at their slots of a virtual vector of length H = 2⁶³, multiplied by the signs (the D
 * of an SRHT), transformed by the H×H Walsh–Hadamard matrix, and r_β of the H transformed rows are
 * kept, chosen uniformly at random (indices t_j ∈ [0, 2⁶³), drawn from (seed, j)), each scaled by
 * √(H/r_β). Since the Hadamard entry is H[t, s] = (−1)^popcount(t AND s)/√H, output j of block β is
 * <pre>  (S·A)_j = Σ_{i in β} σ(i)·(−1)^popcount(t_j AND s(i)) / √r_β · aᵢ,</pre>
 * a sum over rows that can be accumulated in any order and merged by addition. E[SᵀS] = I. The
 * transform is never formed: a row costs r_β·d flops (one dgemm per buffered block of rows) and r_β
 * popcounts; slot collisions (two rows of one block at one slot, probability ≈ n_β²/2⁶⁴) only add
 * the two rows, which keeps S linear and unbiased. Within one block this is exactly an SRHT of the
 * block's rows (zero-padded to length 2⁶³) sampled with replacement; B = 1 is the plain SRHT.
 * The plain SRHT mixes all n rows in O(n·d·log n) and cannot stream; the blocks trade its fast
 * transform for one-pass mergeability.
 *
 * <p><b>Guarantee.</b> Let U be an orthonormal basis of a d-dimensional subspace (e.g. range[A b]),
 * d_max the largest leverage mass Σ_{i in β} ‖Uᵢ‖² hashed into one block (≤ d/B + O(√(d/B·ln(B/δ))
 * + ln(B/δ)) by a Bernstein bound, since blocks are hashed), and r the smallest block. Conditioning
 * on the sampled indices t_j (independent of the signs), the flattening lemma for Rademacher sums
 * (Tropp, "Improved analysis of the subsampled randomized Hadamard transform", 2011, Lemma 3.3) bounds
 * every kept row by ‖e_tᵀHDU_β‖² ≤ (√d_max + √(8·ln(m/δ)))²/H with probability ≥ 1 − δ, and matrix
 * Chernoff over the m kept rows then gives singular values of S·U in [1 − ε, 1 + ε] with probability
 * ≥ 1 − 2δ once r ≥ c·(√d_max + √(8·ln(m/δ)))²·ln(2d/δ)/ε² for an absolute constant c. With B ≤
 * d/(8·ln(m/δ)) this is the SRHT's m = O(ε⁻²·(√d + √ln(m/δ))²·ln(d/δ)). Checked (tests): at m = 40d,
 * with one block or four, the singular values of S·U stay within the bound of a Gaussian sketch of the
 * same size, 1 ± (√(d/m) + 4/√m).
 *
 * <p>Invariants: {@code sa} (m×d, column-major) holds S·A over every row folded in except those
 * still buffered; {@code rows} counts all rows. Buffers are transient and flushed before the sketch
 * is serialized, merged or read.
 *
 * <p>Cost: m·d/B flops and m/B popcounts per dense row (dgemm on buffered rows of one block), m/B·nnz
 * per sparse row; memory m·d doubles plus ≈ 8 MB of buffers per task; m·d on the driver.
 */
@DefaultSerializer(JavaSerializer.class)
public final class BlockSrhtSketch extends AbstractRowSketch<BlockSrhtSketch, Matrix> {
  private static final long serialVersionUID = 1L;
  /** Index of the draw that places a row; sampled transform rows use another index. */
  private static final long DRAW_ROW = 0;
  private static final long DRAW_SLOT = 1;
  private static final long DRAW_SAMPLED = 2;

  private final int m;
  private final int blocks;
  private final long seed;
  private final double[] sa;
  private transient long[] sampled;
  private transient RowBlock[] buffers;
  private transient long[][] slots;
  private transient double[] g;
  private transient int capacity;

  /**
   * @param m sketch rows (≥ blocks)
   * @param d columns
   * @param blocks the number of blocks B (1 ≤ B ≤ m); see {@link #defaultBlocks}
   * @param seed the seed of every random choice
   */
  public BlockSrhtSketch(int m, int d, int blocks, long seed) {
    super(d);
    if (m < 1 || d < 0 || blocks < 1 || blocks > m) {
      throw new IllegalArgumentException("need m ≥ 1, d ≥ 0 and 1 ≤ blocks ≤ m: m=" + m + ", d=" + d + ", blocks=" + blocks);
    }
    if ((long) m * d > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("an " + m + "x" + d + " sketch does not fit one Java array");
    }
    this.m = m;
    this.blocks = blocks;
    this.seed = seed;
    this.sa = new double[m * d];
  }

  /** With {@link #defaultBlocks}(m, d) blocks. */
  public BlockSrhtSketch(int m, int d, long seed) {
    this(m, d, defaultBlocks(m, d), seed);
  }

  /**
   * B = d/128 (at least 1), and at most m/32 so every block keeps ≥ 32 rows: within the range
   * B ≤ d/(8·ln(m/δ)) where the guarantee matches the plain SRHT's for m up to ≈ 10⁶ and δ = 0.01.
   */
  public static int defaultBlocks(int m, int d) {
    return Math.max(1, Math.min(d / 128, m / 32));
  }

  public int sketchRows() {
    return m;
  }

  public int blocks() {
    return blocks;
  }

  /** First output row of block β (β = blocks gives m). */
  private int start(int beta) {
    return (int) ((long) beta * m / blocks);
  }

  private void ensureState() {
    if (sampled != null) {
      return;
    }
    sampled = new long[m];
    for (int j = 0; j < m; j++) {
      sampled[j] = RandomStream.word(seed, Purpose.SRHT, j, DRAW_SAMPLED) >>> 1;
    }
    // buffers of all blocks together hold about 8 MB (2^20 doubles)
    capacity = (int) Math.max(8, Math.min(256, (1L << 20) / ((long) blocks * Math.max(1, d))));
    buffers = new RowBlock[blocks];
    slots = new long[blocks][];
    int maxRows = 0;
    for (int beta = 0; beta < blocks; beta++) {
      maxRows = Math.max(maxRows, start(beta + 1) - start(beta));
    }
    g = new double[maxRows * capacity];
  }

  private int bucket(long word) {
    return (int) (((word >>> 32) * blocks) >>> 32);
  }

  @Override
  public void update(long rowKey, double[] row) {
    requireRowLength(row);
    ensureState();
    long w = RandomStream.word(seed, Purpose.SRHT, rowKey, DRAW_ROW);
    int beta = bucket(w);
    long slot = RandomStream.word(seed, Purpose.SRHT, rowKey, DRAW_SLOT) >>> 1;
    RowBlock buf = buffers[beta];
    if (buf == null) {
      buf = new RowBlock(d, capacity, true);
      buffers[beta] = buf;
      slots[beta] = new long[capacity];
    }
    // the sign σ rides on the slot's top bit so one long per buffered row carries both
    slots[beta][buf.size()] = (w & 1) == 0 ? slot : slot | Long.MIN_VALUE;
    buf.add(row);
    rows++;
    if (buf.isFull()) {
      flush(beta);
    }
  }

  @Override
  public void update(long rowKey, int[] indices, double[] values) {
    ensureState();
    long w = RandomStream.word(seed, Purpose.SRHT, rowKey, DRAW_ROW);
    int beta = bucket(w);
    long slot = RandomStream.word(seed, Purpose.SRHT, rowKey, DRAW_SLOT) >>> 1;
    double sign = (w & 1) == 0 ? 1.0 : -1.0;
    int lo = start(beta);
    int hi = start(beta + 1);
    double scale = sign / Math.sqrt(hi - lo);
    for (int j = lo; j < hi; j++) {
      double v = (Long.bitCount(sampled[j] & slot) & 1) == 0 ? scale : -scale;
      for (int k = 0; k < indices.length; k++) {
        sa[j + indices[k] * m] += v * values[k];
      }
    }
    rows++;
  }

  private void flush(int beta) {
    RowBlock buf = buffers[beta];
    if (buf == null || buf.size() == 0) {
      return;
    }
    int lo = start(beta);
    int r = start(beta + 1) - lo;
    int b = buf.size();
    double scale = 1 / Math.sqrt(r);
    long[] s = slots[beta];
    for (int c = 0; c < b; c++) {
      long slot = s[c] & Long.MAX_VALUE;
      double v = s[c] < 0 ? -scale : scale;
      int base = c * r;
      for (int j = 0; j < r; j++) {
        g[base + j] = (Long.bitCount(sampled[lo + j] & slot) & 1) == 0 ? v : -v;
      }
    }
    // SA[lo:lo+r, :] += G (r×b) · B (b×d, column-major with leading dimension capacity)
    Blas.blas().dgemm("N", "N", r, d, b, 1.0, g, 0, r, buf.data(), 0, buf.capacity(), 1.0, sa, lo, m);
    buf.clear();
  }

  private void flushAll() {
    if (buffers == null) {
      return;
    }
    for (int beta = 0; beta < blocks; beta++) {
      flush(beta);
    }
  }

  @Override
  protected void foldBuffered() {
    flushAll();
  }

  @Override
  public BlockSrhtSketch merge(BlockSrhtSketch other) {
    beginMerge(other, other.m == m && other.d == d && other.blocks == blocks && other.seed == seed,
        () -> "cannot merge block SRHT sketches with different shapes, blocks or seeds");
    Vectors.axpy(1.0, other.sa, sa);
    rows += other.rows;
    return this;
  }

  /** S·A as an m×d matrix. */
  @Override
  public Matrix result() {
    flushAll();
    return new Matrix(m, d, sa.clone());
  }

}
