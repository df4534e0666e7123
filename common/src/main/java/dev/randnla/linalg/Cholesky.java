package dev.randnla.linalg;

import org.netlib.util.intW;

/**
 * Cholesky factorisation S = RᵀR of a symmetric positive definite matrix (LAPACK {@code dpotrf},
 * upper). Failure to be positive definite is a result, not an exception: {@link #succeeded()}
 * is false and {@link #failedAtColumn()} says where. Flops: n³/3.
 */
public final class Cholesky {
  private final Matrix r;
  private final int failedAt;

  private Cholesky(Matrix r, int failedAt) {
    this.r = r;
    this.failedAt = failedAt;
  }

  /** Factors S (input, not modified; upper triangle read). */
  public static Cholesky of(Matrix s) {
    int n = s.rows();
    if (s.cols() != n) {
      throw new IllegalArgumentException("matrix must be square: " + s.rows() + "x" + s.cols());
    }
    double[] a = s.data().clone();
    intW info = new intW(0);
    if (n > 0) {
      Blas.lapack().dpotrf("U", n, a, n, info);
      Lapack.checkArgument("dpotrf", info);
    }
    Matrix r = new Matrix(n, n, a);
    r.zeroStrictLower();
    return new Cholesky(r, info.val > 0 ? info.val - 1 : -1);
  }

  public boolean succeeded() {
    return failedAt < 0;
  }

  /** The 0-based column where positive definiteness failed, or −1. */
  public int failedAtColumn() {
    return failedAt;
  }

  /** The upper-triangular factor R (S = RᵀR); only meaningful when {@link #succeeded()}. */
  public Matrix r() {
    if (!succeeded()) {
      throw new IllegalStateException("matrix is not positive definite (column " + failedAt + ")");
    }
    return r;
  }
}
