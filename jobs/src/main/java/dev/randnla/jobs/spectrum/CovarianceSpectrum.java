package dev.randnla.jobs.spectrum;

import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.SymmetricEigen;
import dev.randnla.sketch.GramSketch;
import java.io.Serializable;

/**
 * The exact spectrum of C = D·M·D/c from a Gram: M = AᵀA, or the centred cross-product
 * AᵀA − n·μμᵀ with {@code center} (then c = n − 1, the unbiased sample covariance; otherwise
 * c = n), and D = diag(√(c/Mⱼⱼ)) with {@code standardize} (unit-variance columns; a column with
 * Mⱼⱼ = 0 stays zero), else the identity. Also Σⱼ‖A eⱼ‖ of the transformed A, the one-pass bound of
 * its nuclear norm. Cost: O(d³) for the symmetric eigensolver; memory 3d² doubles.
 */
record CovarianceSpectrum(long rows, double divisor, double[] eigenvalues, double columnNormBound, int zeroColumns,
    double meanToSpread) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The divisor c for n rows. */
  static double divisor(long rows, boolean center) {
    return center ? rows - 1 : rows;
  }

  /**
   * The column scaling D from the diagonal of M: √(c/Mⱼⱼ), or 0 for a zero column (null when not
   * standardizing).
   */
  static double[] scaling(double[] diagonal, double divisor, boolean standardize) {
    if (!standardize) {
      return null;
    }
    double[] s = new double[diagonal.length];
    for (int j = 0; j < s.length; j++) {
      s[j] = diagonal[j] > 0 && divisor > 0 ? Math.sqrt(divisor / diagonal[j]) : 0.0;
    }
    return s;
  }

  static CovarianceSpectrum of(GramSketch.Gram g, boolean center, boolean standardize) {
    int d = g.gram().rows();
    long n = g.rows();
    double c = divisor(n, center);
    Matrix m = center ? g.centered() : g.gram().copy();
    double[] diag = new double[d];
    int zero = 0;
    for (int j = 0; j < d; j++) {
      diag[j] = Math.max(0.0, m.get(j, j));
      if (diag[j] == 0) {
        zero++;
      }
    }
    double[] s = scaling(diag, c, standardize);
    double bound = 0;
    double[] data = m.data();
    for (int j = 0; j < d; j++) {
      double sj = s == null ? 1.0 : s[j];
      bound += sj * Math.sqrt(diag[j]);
      for (int i = 0; i < d; i++) {
        double si = s == null ? 1.0 : s[i];
        data[i + j * d] *= si * sj / (c > 0 ? c : 1.0);
      }
    }
    double[] lambda = c > 0 ? SymmetricEigen.of(m).values() : new double[d];
    double ratio = Double.NaN;
    if (center && n > 0) {
      double[] mu = g.columnMeans();
      double mu2 = 0;
      for (double v : mu) {
        mu2 += v * v;
      }
      double spread = lambda.length == 0 ? 0.0 : lambda[0] * Math.max(c, 1.0);
      if (s == null) {
        ratio = spread > 0 ? n * mu2 / spread : (mu2 > 0 ? Double.POSITIVE_INFINITY : 0.0);
      } else {
        double top = 0;
        for (int j = 0; j < d; j++) {
          top = Math.max(top, diag[j]);
        }
        ratio = top > 0 ? n * mu2 / top : 0.0;
      }
    }
    return new CovarianceSpectrum(n, c, lambda, bound, zero, ratio);
  }

  SpectralDescriptors descriptors() {
    return SpectralDescriptors.exact(eigenvalues, rows, divisor, columnNormBound);
  }
}
