package dev.randnla.sketch;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import dev.randnla.io.MatrixRow;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.Vectors;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * One step of the segmented power method (docs/algorithms.md, eigen --method stream; Kacham &amp; Woodruff, "Approximating
 * the Top Eigenvector in Random Order Streams", arXiv 2412.11963) over the rows of one partition:
 * the light-row product Y = Σ a·(aᵀX) for a fixed d×c block X, the heavy-row candidates, and the
 * statistics of the random-order test.
 *
 * <ul>
 *   <li>A row whose (centred) squared norm ‖a − μ‖² reaches {@code tau} is a heavy candidate. At
 *       most {@code capacity} candidates are kept, the heaviest first (ties by row key); a
 *       candidate pushed out, and every row below τ, is a light row. With τ = 0 every row is ranked,
 *       so the sketch keeps the {@code capacity} heaviest rows of the partition (the first segment,
 *       before τ is known); a provisional threshold (a factor times the squared norms read so far,
 *       see {@link #withProvisionalThreshold}) then keeps rows far below any plausible τ out of the
 *       ranking. Candidates leave the task as exact copies; the driver decides which of them join
 *       the side channel and folds the others back in as light rows.
 *   <li>Light rows are buffered into blocks B and folded as Y += Bᵀ(B·X) with two dgemm calls;
 *       sparse rows cost O(nnz·c). Column sums, counts and Σ‖a‖² of the light rows are kept for
 *       centring, the row-count estimate and the Frobenius-norm estimate behind τ.
 *   <li>Order statistics: light rows in stream order are grouped into chunks of consecutive rows,
 *       each split into its even- and odd-numbered rows; per half, the count and the sums of
 *       x = (aᵀp)² for two probe columns p of X. Between-chunk spread against within-chunk
 *       (even − odd) spread is an F statistic that is ≈ 1 when the rows are in random order.
 *       At most {@link #MAX_CHUNKS} chunks are kept per partition: when full, neighbours merge and
 *       the chunk length doubles.
 * </ul>
 *
 * <p>Invariants: {@code y}, {@code sums}, {@code rows}, {@code squaredNorms} cover the light rows
 * folded in except those still in {@code block}; {@code overTau} counts the rows that reached τ
 * (kept or not); the heap holds at most {@code capacity} candidates. X and μ are not part of the
 * serialized state (tasks get them from a broadcast), and neither are the buffers: call
 * {@link #compact()} before the sketch leaves its task.
 *
 * <p>Cost per light dense row: 4·d·c flops; per sparse row 4·nnz·c; per candidate O(nnz + log
 * capacity). Memory per task: d·c + d doubles, an 8 MB row buffer, and {@code capacity} rows.
 */
@DefaultSerializer(JavaSerializer.class)
public final class PowerStepSketch extends AbstractRowSketch<PowerStepSketch, PowerStepSketch.Result> {
  private static final long serialVersionUID = 1L;

  /** Chunks of consecutive rows kept per partition before neighbours are merged. */
  public static final int MAX_CHUNKS = 64;

  /** Layout of a chunk record: counts and probe sums of the even and the odd rows. */
  public static final int EVEN_ROWS = 0;
  public static final int ODD_ROWS = 1;
  public static final int EVEN_TOP = 2;
  public static final int ODD_TOP = 3;
  public static final int EVEN_FIXED = 4;
  public static final int ODD_FIXED = 5;

  private final int c;
  private final double tau;
  private final int capacity;
  private final int topProbe;
  private final int fixedProbe;
  private double provisional;
  private double seenSquared;
  private final double[] y;
  private final double[] sums;
  private double squaredNorms;
  private long overTau;
  private final ArrayList<Candidate> candidates = new ArrayList<>();
  private final ArrayList<double[]> chunks = new ArrayList<>();
  private int chunkRows;
  private transient Matrix x;
  private transient double[] mu;
  private transient double muSquared;
  private transient RowBlock block;
  private transient double[] bx;
  private transient PriorityQueue<Candidate> heap;
  private transient double[] open;

  /**
   * @param x the d×c block X (input, not modified, not copied)
   * @param mu the centre μ for the heavy-row test (null: uncentred)
   * @param tau the candidate threshold on ‖a − μ‖² (0: rank every row)
   * @param capacity the most candidates kept (0: no side channel)
   * @param chunkRows rows per order-statistics chunk at the start (≥ 2)
   * @param topProbe the column of X whose squared products are the first probe
   * @param fixedProbe the column of X whose squared products are the second probe
   */
  public PowerStepSketch(Matrix x, double[] mu, double tau, int capacity, int chunkRows, int topProbe, int fixedProbe) {
    super(x.rows());
    if (!(tau >= 0)) {
      throw new IllegalArgumentException("tau must be non-negative: " + tau);
    }
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be non-negative: " + capacity);
    }
    if (chunkRows < 2) {
      throw new IllegalArgumentException("chunkRows must be at least 2: " + chunkRows);
    }
    if (topProbe < 0 || topProbe >= x.cols() || fixedProbe < 0 || fixedProbe >= x.cols()) {
      throw new IllegalArgumentException("probe columns must be in [0, " + x.cols() + "): " + topProbe + ", " + fixedProbe);
    }
    if (mu != null && mu.length != x.rows()) {
      throw new IllegalArgumentException("mu has " + mu.length + " entries, X has " + x.rows() + " rows");
    }
    this.c = x.cols();
    this.x = x;
    this.mu = mu;
    if (mu != null) {
      for (double m : mu) {
        muSquared += m * m;
      }
    }
    this.tau = tau;
    this.capacity = capacity;
    this.chunkRows = chunkRows;
    this.topProbe = topProbe;
    this.fixedProbe = fixedProbe;
    this.y = new double[d * c];
    this.sums = new double[d];
  }

  /**
   * In ranking mode (τ = 0), treats a row as light when its squared norm is below {@code factor}
   * times the squared norms of the rows read so far: with factor = P/(8·d·ln d) for P partitions
   * that is a quarter of the τ that the partition's mass predicts for the whole input, so in
   * random order no heavy row is filtered out, while the ranking skips the bulk of the rows.
   *
   * @return this
   */
  public PowerStepSketch withProvisionalThreshold(double factor) {
    if (!(factor >= 0)) {
      throw new IllegalArgumentException("factor must be non-negative: " + factor);
    }
    this.provisional = factor;
    return this;
  }

  /** A row that reached τ: an exact copy, with where it came from. A plain class (Kryo). */
  public static final class Candidate implements Serializable, Comparable<Candidate> {
    private static final long serialVersionUID = 1L;
    private final long key;
    private final double centredSquared;
    private final double squared;
    private final MatrixRow row;
    private int partition = -1;

    Candidate(long key, double centredSquared, double squared, MatrixRow row) {
      this.key = key;
      this.centredSquared = centredSquared;
      this.squared = squared;
      this.row = row;
    }

    public long key() {
      return key;
    }

    /** ‖a − μ‖² with the μ of the step (‖a‖² when uncentred). */
    public double centredSquared() {
      return centredSquared;
    }

    /** ‖a‖². */
    public double squared() {
      return squared;
    }

    /** The input partition the row was read from (−1 before tagging). */
    public int partition() {
      return partition;
    }

    /** The row (dense or sparse). */
    public MatrixRow row() {
      return row;
    }

    /** ⟨a, v⟩ in O(nnz). */
    public double dot(double[] v) {
      return row.dot(v);
    }

    /** out[offset + j] += alpha·a_j in O(nnz). */
    public void axpyInto(double alpha, double[] out, int offset) {
      double[] values = row.values();
      int[] indices = row.indices();
      for (int t = 0; t < values.length; t++) {
        out[offset + (indices == null ? t : indices[t])] += alpha * values[t];
      }
    }

    /** Heaviest first, then by key (a total, partition-free order). */
    @Override
    public int compareTo(Candidate o) {
      int byNorm = Double.compare(centredSquared, o.centredSquared);
      return byNorm != 0 ? byNorm : Long.compare(key, o.key);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Candidate other && other.key == key && other.centredSquared == centredSquared;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(key) * 31 + Double.hashCode(centredSquared);
    }
  }

  /**
   * What a step found.
   *
   * @param product Y = Σ_light a·(aᵀX), d×c
   * @param columnSums Σ_light a
   * @param rows light rows
   * @param squaredNorms Σ_light ‖a‖²
   * @param overTau rows that reached τ (candidates kept, pushed out, or with no side channel)
   * @param candidates kept candidates, heaviest first
   * @param chunks order-statistics records (see the index constants), in partition and stream order
   */
  public record Result(Matrix product, double[] columnSums, long rows, double squaredNorms, long overTau,
      List<Candidate> candidates, List<double[]> chunks) {}

  @Override
  public void update(long rowKey, double[] row) {
    requireRowLength(row);
    double squared = 0;
    double dotMu = 0;
    for (int j = 0; j < d; j++) {
      double v = row[j];
      squared += v * v;
      if (mu != null) {
        dotMu += v * mu[j];
      }
    }
    double centred = candidateNorm(squared, dotMu);
    if (!Double.isNaN(centred)) {
      offer(new Candidate(rowKey, centred, squared, MatrixRow.dense(rowKey, MatrixRow.NO_ID, Double.NaN, null,
          row.clone())));
      return;
    }
    lightDense(row, squared);
  }

  @Override
  public void update(long rowKey, int[] indices, double[] values) {
    double squared = 0;
    double dotMu = 0;
    for (int t = 0; t < indices.length; t++) {
      double v = values[t];
      squared += v * v;
      if (mu != null) {
        dotMu += v * mu[indices[t]];
      }
    }
    double centred = candidateNorm(squared, dotMu);
    if (!Double.isNaN(centred)) {
      offer(new Candidate(rowKey, centred, squared, MatrixRow.sparse(rowKey, MatrixRow.NO_ID, Double.NaN, null,
          indices.clone(), values.clone())));
      return;
    }
    lightSparse(indices, values, squared);
  }

  /**
   * The heavy-row test of a row with ‖a‖² = {@code squared} and a·μ = {@code dotMu}, counting it in the
   * running totals: its ‖a − μ‖² when it reaches τ (and the provisional share of the energy seen) and
   * a candidate slot exists, else NaN (the row is folded as a light row).
   */
  private double candidateNorm(double squared, double dotMu) {
    double centred = mu == null ? squared : Math.max(0, squared - 2 * dotMu + muSquared);
    seenSquared += squared;
    if (centred >= tau && centred >= provisional * seenSquared) {
      overTau++;
      if (capacity > 0) {
        return centred;
      }
    }
    return Double.NaN;
  }

  private void offer(Candidate cand) {
    if (heap == null) {
      heap = new PriorityQueue<>();
    }
    if (heap.size() < capacity) {
      heap.add(cand);
      return;
    }
    Candidate lightest = heap.peek();
    if (cand.compareTo(lightest) > 0) {
      heap.poll();
      heap.add(cand);
      light(lightest);
    } else {
      light(cand);
    }
  }

  private void light(Candidate cand) {
    if (cand.row.isSparse()) {
      lightSparse(cand.row.indices(), cand.row.values(), cand.squared);
    } else {
      lightDense(cand.row.values(), cand.squared);
    }
  }

  private void lightDense(double[] row, double squared) {
    block = RowBlock.addForProduct(block, d, row, sums);
    rows++;
    squaredNorms += squared;
    if (block.isFull()) {
      flush();
    }
  }

  private void lightSparse(int[] indices, double[] values, double squared) {
    flush();
    double[] t = RowBlock.sparseProductInto(indices, values, x.data(), d, c, y, sums);
    rows++;
    squaredNorms += squared;
    observe(t[topProbe], t[fixedProbe]);
  }

  private void flush() {
    if (block == null || block.size() == 0) {
      return;
    }
    int b = block.size();
    bx = block.productInto(x.data(), c, bx, y);
    for (int i = 0; i < b; i++) {
      observe(bx[i + topProbe * b], bx[i + fixedProbe * b]);
    }
    block.clear();
  }

  /** Adds one light row's probe products to the open chunk. */
  private void observe(double top, double fixed) {
    if (open == null) {
      open = new double[6];
    }
    int half = ((long) (open[EVEN_ROWS] + open[ODD_ROWS]) & 1) == 0 ? 0 : 1;
    open[EVEN_ROWS + half] += 1;
    open[EVEN_TOP + half] += top * top;
    open[EVEN_FIXED + half] += fixed * fixed;
    if (open[EVEN_ROWS] + open[ODD_ROWS] >= chunkRows) {
      closeChunk();
    }
  }

  private void closeChunk() {
    chunks.add(open);
    open = null;
    if (chunks.size() >= MAX_CHUNKS) {
      ArrayList<double[]> merged = new ArrayList<>(MAX_CHUNKS / 2 + 1);
      for (int i = 0; i < chunks.size(); i += 2) {
        double[] a = chunks.get(i).clone();
        if (i + 1 < chunks.size()) {
          double[] b = chunks.get(i + 1);
          for (int f = 0; f < a.length; f++) {
            a[f] += b[f];
          }
        }
        merged.add(a);
      }
      chunks.clear();
      chunks.addAll(merged);
      chunkRows *= 2;
    }
  }

  /** Folds buffered rows in, closes the open chunk and lists the candidates heaviest first. */
  @Override
  protected void foldBuffered() {
    flush();
    if (open != null) {
      if (open[EVEN_ROWS] >= 1 && open[ODD_ROWS] >= 1 || chunks.isEmpty()) {
        chunks.add(open);
      } else {
        double[] last = chunks.get(chunks.size() - 1);
        for (int f = 0; f < last.length; f++) {
          last[f] += open[f];
        }
      }
      open = null;
    }
    if (heap != null) {
      candidates.addAll(heap);
      heap = null;
    }
    candidates.sort(Comparator.reverseOrder());
  }

  /** Records the partition the candidates came from (call in the task, after {@link #compact()}). */
  public PowerStepSketch tagPartition(int partition) {
    for (Candidate cand : candidates) {
      if (cand.partition < 0) {
        cand.partition = partition;
      }
    }
    return this;
  }

  @Override
  public PowerStepSketch merge(PowerStepSketch other) {
    beginMerge(other, other.d == d && other.c == c,
        () -> "cannot merge steps of shape " + d + "x" + c + " and " + other.d + "x" + other.c);
    Vectors.axpy(1.0, other.y, y);
    Vectors.axpy(1.0, other.sums, sums);
    rows += other.rows;
    squaredNorms += other.squaredNorms;
    overTau += other.overTau;
    candidates.addAll(other.candidates);
    candidates.sort(Comparator.reverseOrder());
    chunks.addAll(other.chunks);
    return this;
  }

  @Override
  public Result result() {
    compact();
    List<double[]> chunkCopies = new ArrayList<>(chunks.size());
    for (double[] ch : chunks) {
      chunkCopies.add(ch.clone());
    }
    return new Result(new Matrix(d, c, y.clone()), sums.clone(), rows, squaredNorms, overTau,
        List.copyOf(candidates), chunkCopies);
  }

}
