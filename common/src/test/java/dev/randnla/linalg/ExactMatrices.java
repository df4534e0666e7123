package dev.randnla.linalg;

/**
 * Test matrices whose factorizations are known exactly and whose entries are exact in floating
 * point (docs/algorithms.md, generate), for the conformance tests of the dense kernels.
 *
 * <p>The orthogonal factors are Walsh–Hadamard matrices of order m = 4ʲ scaled by 2⁻ʲ = 1/√m, so
 * every entry is ±2⁻ʲ and the columns are orthonormal with no rounding at all. A product
 * U·diag(s)·Vᵀ of two of them is a sum of terms ±2⁻ᵃ⁻ᵇ·sₖ; when every sₖ is a small integer or a power
 * of two in [2⁻⁴⁰, 1], the terms of one entry span fewer than 53 bits, so the product is exact in any
 * summation order (with or without fused multiply-add) and its singular values are exactly |s|.
 */
final class ExactMatrices {
  /** log₂ of the condition number of {@link #graded}: 2⁴⁰ ≈ 1.1e12. */
  static final int GRADED_OCTAVES = 40;

  private ExactMatrices() {}

  /** The first k columns of the m×m scaled Walsh–Hadamard matrix: exactly orthonormal; m a power of 4. */
  static Matrix hadamardColumns(int m, int k) {
    if (m <= 0 || Integer.bitCount(m) != 1 || (Integer.numberOfTrailingZeros(m) & 1) == 1) {
      throw new IllegalArgumentException("Hadamard order must be a power of 4: " + m);
    }
    if (k < 0 || k > m) {
      throw new IllegalArgumentException("k must be in [0, m=" + m + "]: " + k);
    }
    double entry = Math.scalb(1.0, -Integer.numberOfTrailingZeros(m) / 2);
    Matrix h = Matrix.zeros(m, k);
    for (int c = 0; c < k; c++) {
      for (int i = 0; i < m; i++) {
        h.set(i, c, (Integer.bitCount(i & c) & 1) == 0 ? entry : -entry);
      }
    }
    return h;
  }

  /**
   * A = H_m[:, :k]·diag(s)·H_n[:, :k]ᵀ, m×n with k = s.length ≤ min(m, n): exact singular values |sᵢ|,
   * left vectors ± the Hadamard columns of order m, right vectors those of order n (m, n powers of 4).
   */
  static Matrix withSingularValues(int m, int n, double[] s) {
    return orthonormalTimesDiagonal(m, s).timesTranspose(hadamardColumns(n, s.length));
  }

  /** A = H_m[:, :n]·diag(d), m×n: its thin QR is Q = H_m[:, :n]·sign(d), R = diag(|d|). */
  static Matrix orthonormalTimesDiagonal(int m, double[] d) {
    Matrix a = hadamardColumns(m, d.length);
    for (int j = 0; j < d.length; j++) {
      for (int i = 0; i < m; i++) {
        a.set(i, j, a.get(i, j) * d[j]);
      }
    }
    return a;
  }

  /** An m×n matrix with d (length min(m, n)) on its diagonal and zeros elsewhere. */
  static Matrix rectangularDiagonal(int m, int n, double[] d) {
    Matrix a = Matrix.zeros(m, n);
    for (int i = 0; i < d.length; i++) {
      a.set(i, i, d[i]);
    }
    return a;
  }

  /** k powers of two falling from 1 to 2⁻⁴⁰ (κ = 2⁴⁰ ≈ 1.1e12 when k ≥ 2), largest first. */
  static double[] graded(int k) {
    double[] s = new double[k];
    for (int i = 0; i < k; i++) {
      s[i] = Math.scalb(1.0, -(int) Math.round((double) GRADED_OCTAVES * i / Math.max(1, k - 1)));
    }
    return s;
  }

  /** k distinct integers k, k−1, …, 1, largest first: a well-conditioned spectrum (κ = k). */
  static double[] integers(int k) {
    double[] s = new double[k];
    for (int i = 0; i < k; i++) {
      s[i] = k - i;
    }
    return s;
  }

  /** {@link #integers} with the last ⌈k/2⌉ entries set to zero: rank ⌊k/2⌋. */
  static double[] rankDeficient(int k) {
    double[] s = integers(k);
    for (int i = k / 2; i < k; i++) {
      s[i] = 0;
    }
    return s;
  }
}
