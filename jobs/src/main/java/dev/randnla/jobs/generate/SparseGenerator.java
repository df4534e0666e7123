package dev.randnla.jobs.generate;

import dev.randnla.io.MatrixRow;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomPermutation;
import dev.randnla.random.RandomStream;
import java.util.Map;

/**
 * A sparse matrix with a planted sparse top eigenvector and a certified eigen-gap, for large-d
 * streaming (docs/algorithms.md, generate; issue 4's sparse benchmark). Columns are split into a support S of
 * m columns and the d − m others. Even rows are spike rows ±c·u (u a fixed unit vector on S with
 * entries ±1/√m); odd rows are light rows with k entries ±1 on the other columns, placed by a cyclic
 * walk so every light column is hit exactly ⌊n_l·k/(d−m)⌋ or ⌈…⌉ times. Spike and light rows share
 * no columns, so AᵀA = (n_s·c²)·u·uᵀ ⊕ LᵀL exactly, and ‖LᵀL‖ ≤ ‖L‖₁‖L‖_∞ ≤ k·⌈n_l·k/(d−m)⌉.
 * Choosing c² = R·k·⌈n_l·k/(d−m)⌉ / n_s makes u the top eigenvector with eigenvalue n_s·c² and a
 * gap of at least R (the true gap is larger).
 */
final class SparseGenerator extends RowGenerator {
  private static final long serialVersionUID = 1L;

  private final int m;
  private final int k;
  private final int[] support;
  private final int[] lightColumns;
  private final double[] u;
  private final double c;
  private final long spikeRows;
  private final long lightRows;
  private final long maxColumnHits;
  private final double gap;

  SparseGenerator(long n, int d, long seed, int supportSize, int nnzPerRow, double gap) {
    super(n, d, seed);
    if (supportSize < 1 || supportSize >= d) {
      throw new IllegalArgumentException("--spike-support must be in [1, cols): " + supportSize);
    }
    if (nnzPerRow < 1 || nnzPerRow > d - supportSize) {
      throw new IllegalArgumentException("--nnz-per-row must be in [1, cols − spike-support = " + (d - supportSize) + "]: " + nnzPerRow);
    }
    if (n < 2) {
      throw new IllegalArgumentException("--rows must be at least 2 for the sparse kind: " + n);
    }
    this.m = supportSize;
    this.k = nnzPerRow;
    this.gap = gap;
    RandomPermutation perm = new RandomPermutation(d, seed, Purpose.GENERATE_BASIS);
    int[] cols = new int[d];
    for (int j = 0; j < d; j++) {
      cols[j] = (int) perm.apply(j);
    }
    this.support = java.util.Arrays.copyOfRange(cols, 0, m);
    java.util.Arrays.sort(support);
    this.lightColumns = java.util.Arrays.copyOfRange(cols, m, d);
    RandomStream rs = RandomStream.of(seed, Purpose.GENERATE_SOLUTION, 0);
    this.u = new double[m];
    for (int j = 0; j < m; j++) {
      u[j] = rs.nextSign() / Math.sqrt(m);
    }
    this.spikeRows = (n + 1) / 2;
    this.lightRows = n / 2;
    this.maxColumnHits = lightRows == 0 ? 0 : (lightRows * k + (d - m) - 1) / (d - m);
    this.c = Math.sqrt(gap * k * Math.max(1, maxColumnHits) / (double) spikeRows);
  }

  @Override
  public boolean sparse() {
    return true;
  }

  @Override
  public MatrixRow[] generate(long[] g, int count) {
    MatrixRow[] out = new MatrixRow[count];
    for (int i = 0; i < count; i++) {
      out[i] = row(g[i]);
    }
    return out;
  }

  private MatrixRow row(long g) {
    RandomStream rs = RandomStream.of(seed, Purpose.GENERATE_ROW, g);
    if (g % 2 == 0) {
      double sign = rs.nextSign();
      double[] values = new double[m];
      for (int j = 0; j < m; j++) {
        values[j] = sign * c * u[j];
      }
      return MatrixRow.sparse(g, g, Double.NaN, null, support.clone(), values);
    }
    long light = g / 2;
    int width = d - m;
    int[] idx = new int[k];
    for (int t = 0; t < k; t++) {
      idx[t] = lightColumns[(int) ((light * k + t) % width)];
    }
    java.util.Arrays.sort(idx);
    double[] values = new double[k];
    for (int t = 0; t < k; t++) {
      values[t] = rs.nextSign();
    }
    return MatrixRow.sparse(g, g, Double.NaN, null, idx, values);
  }

  @Override
  public void describe(Map<String, Object> truth, java.util.function.LongUnaryOperator positionOf) {
    double[] v = new double[d];
    for (int j = 0; j < m; j++) {
      v[support[j]] = u[j];
    }
    double lambda = spikeRows * c * c;
    truth.put("topEigenvalue", lambda);
    truth.put("topEigenvector", v);
    truth.put("gapLowerBound", gap);
    truth.put("lightSpectralNormSquaredBound", (double) k * maxColumnHits);
    truth.put("frobeniusNorm", Math.sqrt(lambda + (double) lightRows * k));
    truth.put("nnz", spikeRows * m + lightRows * k);
    truth.put("spikeSupport", support.clone());
    truth.put("construction", "sparse: even generated rows +-c u on the support, odd rows k entries +-1 on the other columns "
        + "by a cyclic walk; u is the top eigenvector of A^T A with eigenvalue topEigenvalue and gap >= gapLowerBound");
  }
}
