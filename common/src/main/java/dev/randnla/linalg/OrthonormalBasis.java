package dev.randnla.linalg;

/**
 * Columns of an exactly orthonormal n×n basis, evaluated entry by entry with no storage, so a
 * matrix A = U·diag(s)·Vᵀ with exactly known singular values can be generated row by row at any n
 * (docs/algorithms.md, generate).
 *
 * <ul>
 *   <li>n a power of two: Walsh–Hadamard, U[i][j] = (−1)^popcount(i AND j) / √n (entries exact up
 *       to the rounding of 1/√n);
 *   <li>any other n: DCT-II, U[i][j] = √(2/n)·cos(π(2i+1)j / 2n) for j ≥ 1 (the angle is reduced
 *       modulo 2π in integer arithmetic, so entries are accurate to a few ulps at any n).
 * </ul>
 * Column 0 (constant) is never used by the generators, so the matrices have no mean direction.
 */
public final class OrthonormalBasis implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final long n;
  private final boolean hadamard;
  private final double scale;

  public OrthonormalBasis(long n) {
    if (n < 2) {
      throw new IllegalArgumentException("basis size must be at least 2: " + n);
    }
    this.n = n;
    this.hadamard = Long.bitCount(n) == 1;
    this.scale = hadamard ? 1.0 / Math.sqrt(n) : Math.sqrt(2.0 / n);
  }

  public long size() {
    return n;
  }

  /** "hadamard" or "dct". */
  public String kind() {
    return hadamard ? "hadamard" : "dct";
  }

  /** U[i][j] for 0 ≤ i < n and 1 ≤ j < n. */
  public double entry(long i, long j) {
    if (hadamard) {
      return (Long.bitCount(i & j) & 1) == 0 ? scale : -scale;
    }
    // angle π(2i+1)j/(2n) = (π/2n)·m with m = (2i+1)j reduced modulo 4n (a full period)
    long period = 4 * n;
    long m = Math.floorMod(Math.multiplyHigh(2 * i + 1, j) == 0 ? (2 * i + 1) * j : mulMod(2 * i + 1, j, period), period);
    return scale * Math.cos(Math.PI * m / (2.0 * n));
  }

  /** Fills out[k] = U[i][firstColumn + k]. */
  public void row(long i, long firstColumn, double[] out) {
    for (int k = 0; k < out.length; k++) {
      out[k] = entry(i, firstColumn + k);
    }
  }

  private static long mulMod(long a, long b, long mod) {
    return java.math.BigInteger.valueOf(a).multiply(java.math.BigInteger.valueOf(b)).mod(java.math.BigInteger.valueOf(mod)).longValue();
  }
}
