package dev.randnla.sketch;

/**
 * Per-column and per-row statistics in one pass: row and nonzero counts, column sums and sums of
 * squares (column means and norms), the Frobenius norm, and the smallest and largest row norms.
 * The summary behind {@code scan}, the read floor every job is measured against.
 *
 * <p>Invariants: every array has d entries and covers all rows folded in; {@code minRowSq} is
 * +∞ and {@code maxRowSq} is 0 while empty. Cost: O(nnz) per row; memory 2d doubles.
 */
public final class ColumnStatsSketch extends AbstractRowSketch<ColumnStatsSketch, ColumnStatsSketch.Stats> {
  private static final long serialVersionUID = 1L;

  private final double[] sums;
  private final double[] squares;
  private long nnz;
  private double minRowSq = Double.POSITIVE_INFINITY;
  private double maxRowSq;
  private long zeroRows;

  public ColumnStatsSketch(int d) {
    super(d);
    if (d < 0) {
      throw new IllegalArgumentException("cols must be non-negative: " + d);
    }
    this.sums = new double[d];
    this.squares = new double[d];
  }

  /** The statistics. */
  public record Stats(long rows, long nnz, double[] columnSums, double[] columnSquares, double minRowNorm,
      double maxRowNorm, long zeroRows) implements java.io.Serializable {
    public double frobeniusNorm() {
      double t = 0;
      for (double s : columnSquares) {
        t += s;
      }
      return Math.sqrt(t);
    }

    public double[] columnNorms() {
      double[] n = new double[columnSquares.length];
      for (int j = 0; j < n.length; j++) {
        n[j] = Math.sqrt(columnSquares[j]);
      }
      return n;
    }

    public double[] columnMeans() {
      double[] m = new double[columnSums.length];
      for (int j = 0; j < m.length && rows > 0; j++) {
        m[j] = columnSums[j] / rows;
      }
      return m;
    }
  }

  @Override
  public void update(long rowKey, double[] row) {
    requireRowLength(row);
    double sq = 0;
    for (int j = 0; j < d; j++) {
      double v = row[j];
      if (v != 0) {
        nnz++;
        sums[j] += v;
        double v2 = v * v;
        squares[j] += v2;
        sq += v2;
      }
    }
    finishRow(sq);
  }

  @Override
  public void update(long rowKey, int[] indices, double[] values) {
    double sq = 0;
    for (int k = 0; k < indices.length; k++) {
      double v = values[k];
      if (v != 0) {
        nnz++;
        int j = indices[k];
        sums[j] += v;
        double v2 = v * v;
        squares[j] += v2;
        sq += v2;
      }
    }
    finishRow(sq);
  }

  private void finishRow(double sq) {
    rows++;
    minRowSq = Math.min(minRowSq, sq);
    maxRowSq = Math.max(maxRowSq, sq);
    if (sq == 0) {
      zeroRows++;
    }
  }

  @Override
  public ColumnStatsSketch merge(ColumnStatsSketch other) {
    requireMergeable(other);
    for (int j = 0; j < d; j++) {
      sums[j] += other.sums[j];
      squares[j] += other.squares[j];
    }
    rows += other.rows;
    nnz += other.nnz;
    minRowSq = Math.min(minRowSq, other.minRowSq);
    maxRowSq = Math.max(maxRowSq, other.maxRowSq);
    zeroRows += other.zeroRows;
    return this;
  }

  @Override
  public Stats result() {
    return new Stats(rows, nnz, sums.clone(), squares.clone(),
        rows == 0 ? 0 : Math.sqrt(minRowSq), Math.sqrt(maxRowSq), zeroRows);
  }

  /** Nothing is buffered: every row is folded in as it arrives. */
  @Override
  protected void foldBuffered() {}
}
