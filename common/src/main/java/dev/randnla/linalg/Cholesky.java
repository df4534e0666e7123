package dev.randnla.linalg;

import org.netlib.util.intW;

/**
 * Cholesky factorisation S = RᵀR of a symmetric positive definite matrix, upper. Failure to be
 * positive definite is a result, not an exception: {@link #succeeded()} is false and
 * {@link #failedAtColumn()} says where. Flops: n³/3 (≈ n³/2 as executed, see below).
 *
 * <p>Recursive (Gustavson; Ahmed &amp; Pingali): with S = [S₁₁ S₁₂; · S₂₂], R₁₁ = chol(S₁₁),
 * R₁₂ = R₁₁⁻ᵀS₁₂, R₂₂ = chol(S₂₂ − R₁₂ᵀR₁₂), down to blocks of {@link #LEAF} columns that LAPACK's
 * {@code dpotrf} factors. The same arithmetic as the column algorithm, reordered, so the same backward
 * error bound; almost all flops land in {@code dgemm}. Why: without a native library the F2J
 * {@code dpotrf} runs its level-3 updates in scalar Java (≈ 2.5 GFLOP/s measured at n = 2000: 1.1 s),
 * while the Vector API {@code dgemm} runs at 25–40 even on the full square Schur update (0.1–0.2 s).
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
    int failed = n > 0 ? factor(a, n, 0, n) : -1;
    Matrix r = new Matrix(n, n, a);
    r.zeroStrictLower();
    return new Cholesky(r, failed);
  }

  /** Columns at or below which the recursion hands a diagonal block to {@code dpotrf}. */
  static final int LEAF = 64;

  /**
   * Factors the diagonal block [j0, j1) of the n×n column-major {@code a} in place (upper), its
   * Schur complement already applied; returns the 0-based failing column or −1.
   */
  private static int factor(double[] a, int n, int j0, int j1) {
    int w = j1 - j0;
    if (w <= LEAF) {
      double[] block = Triangular.copyBlock(a, n, j0, j0, w, w);
      intW info = new intW(0);
      Blas.lapack().dpotrf("U", w, block, w, info);
      Lapack.checkArgument("dpotrf", info);
      Triangular.putBlock(block, a, n, j0, j0, w, w);
      return info.val > 0 ? j0 + info.val - 1 : -1;
    }
    int mid = j0 + w / 2;
    int failed = factor(a, n, j0, mid);
    if (failed >= 0) {
      return failed;
    }
    int k = mid - j0;
    int m = j1 - mid;
    // R₁₂ = R₁₁⁻ᵀS₁₂, then S₂₂ ← S₂₂ − R₁₂ᵀR₁₂ (the whole square: dgemm beats dsyrk in the Java BLAS)
    Triangular.leftSolveUpperTranspose(a, n, j0, mid, a, j0 + mid * n, m, n);
    Blas.blas().dgemm("T", "N", m, m, k, -1.0, a, j0 + mid * n, n, a, j0 + mid * n, n, 1.0, a, mid + mid * n, n);
    return factor(a, n, mid, j1);
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
