package dev.randnla.sketch;

import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.TruncatedInverse;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;

/**
 * Leverage scores of rows against an R factor: τᵢ = ‖aᵢᵀ·T‖² for a p×k matrix T built on the driver
 * and broadcast to the tasks (the shared helper of {@code leverage} and {@code regress --solver sample}).
 *
 * <ul>
 *   <li>{@link #of(TruncatedInverse)}: T = N with (RᵀR)⁺ = N·Nᵀ, so τᵢ = aᵢᵀ(RᵀR)⁺aᵢ. With R the exact
 *       R of A (TSQR) these are the exact leverage scores (Σ τᵢ = rank A); with R from a subspace
 *       embedding S·A of distortion ε they are within [(1−ε)², (1+ε)²] of the exact ones.
 *       Cost p·r flops per dense row.
 *   <li>{@link #projected(TruncatedInverse, int, long)}: T = N·Π/√k with Π a k-column Gaussian
 *       (Johnson–Lindenstrauss; Drineas, Magdon-Ismail, Mahoney &amp; Woodruff, JMLR 2012): each
 *       score within 1 ± O(√(log(n/δ)/k)) of the unprojected one, at p·k flops per row.
 * </ul>
 * A ridge R (the R of [A; √λ·I]) gives ridge leverage scores aᵢᵀ(AᵀA + λI)⁻¹aᵢ.
 *
 * <p>Immutable; T is p×k doubles — broadcast it, do not capture it in a sketch's state.
 */
public final class LeverageScores implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final int p;
  private final int k;
  /** T row-major (p rows of k), so a sparse row touches only its own rows of T. */
  private final double[] t;

  private LeverageScores(Matrix tm) {
    this.p = tm.rows();
    this.k = tm.cols();
    this.t = new double[p * k];
    for (int i = 0; i < p; i++) {
      for (int c = 0; c < k; c++) {
        t[i * k + c] = tm.get(i, c);
      }
    }
  }

  /** τᵢ = aᵢᵀ(RᵀR)⁺aᵢ = ‖aᵢᵀN‖². */
  public static LeverageScores of(TruncatedInverse rInverse) {
    return new LeverageScores(rInverse.factor());
  }

  /** τᵢ ≈ ‖aᵢᵀ·N·Π‖²/k with Π (r×k) standard Gaussian from (seed, DRIVER_GAUSSIAN); exact N when k ≥ r. */
  public static LeverageScores projected(TruncatedInverse rInverse, int k, long seed) {
    if (k < 1) {
      throw new IllegalArgumentException("projection dimension must be positive: " + k);
    }
    Matrix n = rInverse.factor();
    int r = n.cols();
    if (k >= r) {
      return new LeverageScores(n);
    }
    Matrix pi = Matrix.zeros(r, k);
    RandomStream rs = RandomStream.of(seed, Purpose.DRIVER_GAUSSIAN, 0x1e7e7a6eL);
    double scale = 1 / Math.sqrt(k);
    double[] data = pi.data();
    for (int i = 0; i < data.length; i++) {
      data[i] = scale * rs.nextGaussian();
    }
    return new LeverageScores(n.times(pi));
  }

  /** Columns p of the rows this scores. */
  public int cols() {
    return p;
  }

  /** Columns k of T. */
  public int projection() {
    return k;
  }

  /** τ of a dense row of length p. */
  public double score(double[] row) {
    if (row.length != p) {
      throw new IllegalArgumentException("row has " + row.length + " entries, expected " + p);
    }
    double[] y = new double[k];
    for (int i = 0; i < p; i++) {
      double a = row[i];
      if (a != 0) {
        int base = i * k;
        for (int c = 0; c < k; c++) {
          y[c] += a * t[base + c];
        }
      }
    }
    return sumSquares(y);
  }

  /** τ of a sparse row (0-based strictly increasing indices below p). */
  public double score(int[] indices, double[] values) {
    double[] y = new double[k];
    for (int a = 0; a < indices.length; a++) {
      double v = values[a];
      int base = indices[a] * k;
      for (int c = 0; c < k; c++) {
        y[c] += v * t[base + c];
      }
    }
    return sumSquares(y);
  }

  private static double sumSquares(double[] y) {
    double s = 0;
    for (double v : y) {
      s += v * v;
    }
    return s;
  }
}
