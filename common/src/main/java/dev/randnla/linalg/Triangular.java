package dev.randnla.linalg;

import org.netlib.util.doubleW;
import org.netlib.util.intW;

/** Solves with an upper-triangular n×n matrix R (BLAS {@code dtrsv}/{@code dtrsm}) and estimates its condition. */
public final class Triangular {
  private Triangular() {}

  /** x with R·x = b. */
  public static double[] solveUpper(Matrix r, double[] b) {
    return solve(r, b, "N");
  }

  /** x with Rᵀ·x = b. */
  public static double[] solveUpperTranspose(Matrix r, double[] b) {
    return solve(r, b, "T");
  }

  private static double[] solve(Matrix r, double[] b, String trans) {
    int n = checkSquare(r);
    if (b.length != n) {
      throw new IllegalArgumentException("right-hand side has " + b.length + " entries, R is " + n + "x" + n);
    }
    double[] x = b.clone();
    if (n > 0) {
      Blas.blas().dtrsv("U", trans, "N", n, r.data(), n, x, 1);
    }
    return x;
  }

  /**
   * X ← X·R⁻¹ in place for a block X of m rows stored column-major with leading dimension ld
   * (each row x becomes the solution q of q·R = x). Flops: m·n².
   */
  public static void rightSolveUpperInPlace(Matrix r, double[] x, int m, int ld) {
    int n = checkSquare(r);
    if (m < 0 || ld < Math.max(1, m) || (n > 0 && (long) ld * (n - 1) + m > x.length)) {
      throw new IllegalArgumentException("X must hold " + m + " rows and " + n + " columns with leading dimension ld >= "
          + "max(1, m): m=" + m + ", ld=" + ld + ", x.length=" + x.length);
    }
    if (m > 0 && n > 0) {
      rightSolve(r.data(), n, 0, n, x, m, ld);
    }
  }

  /** Columns at or below which the recursion hands over to {@code dtrsm}. */
  private static final int SOLVE_LEAF = 16;

  /**
   * X[:, j0:j1] ← X[:, j0:j1]·R[j0:j1, j0:j1]⁻¹, recursively: with X = [X₁ X₂] and
   * R = [R₁₁ R₁₂; 0 R₂₂], X₁ ← X₁R₁₁⁻¹ then X₂ ← (X₂ − X₁R₁₂)R₂₂⁻¹. Almost all flops land in
   * {@code dgemm}, which the Java BLAS runs 5–8× faster than its {@code dtrsm}; the result is the
   * same backward-stable substitution, only reordered.
   */
  private static void rightSolve(double[] a, int n, int j0, int j1, double[] x, int m, int ld) {
    int w = j1 - j0;
    if (w <= SOLVE_LEAF) {
      // the diagonal block is copied out: netlib's bounds check wants a full column of lda after the offset
      double[] diag = new double[w * w];
      for (int j = 0; j < w; j++) {
        System.arraycopy(a, j0 + (j0 + j) * n, diag, j * w, j + 1);
      }
      Blas.blas().dtrsm("R", "U", "N", "N", m, w, 1.0, diag, 0, w, x, j0 * ld, ld);
      return;
    }
    int mid = j0 + w / 2;
    rightSolve(a, n, j0, mid, x, m, ld);
    Blas.blas().dgemm("N", "N", m, j1 - mid, mid - j0, -1.0, x, j0 * ld, ld, a, j0 + mid * n, n, 1.0, x, mid * ld, ld);
    rightSolve(a, n, mid, j1, x, m, ld);
  }

  /**
   * B ← R⁻ᵀB for the diagonal block R = r[j0:j1, j0:j1] of the n×n column-major {@code r} and the
   * (j1−j0)×cols block B at {@code b[off]} with leading dimension ldb, recursively: X₁ = R₁₁⁻ᵀB₁,
   * X₂ = R₂₂⁻ᵀ(B₂ − R₁₂ᵀX₁). B may live in the same array as R when the two do not overlap.
   */
  static void leftSolveUpperTranspose(double[] r, int n, int j0, int j1, double[] b, int off, int cols, int ldb) {
    int w = j1 - j0;
    if (w <= SOLVE_LEAF * 4) {
      double[] diag = copyBlock(r, n, j0, j0, w, w);
      double[] x = copyBlock(b, ldb, off % ldb, off / ldb, w, cols);
      Blas.blas().dtrsm("L", "U", "T", "N", w, cols, 1.0, diag, 0, w, x, 0, w);
      putBlock(x, b, ldb, off % ldb, off / ldb, w, cols);
      return;
    }
    int mid = j0 + w / 2;
    int k = mid - j0;
    leftSolveUpperTranspose(r, n, j0, mid, b, off, cols, ldb);
    Blas.blas().dgemm("T", "N", j1 - mid, cols, k, -1.0, r, j0 + mid * n, n, b, off, ldb, 1.0, b, off + k, ldb);
    leftSolveUpperTranspose(r, n, mid, j1, b, off + k, cols, ldb);
  }

  /** The rows×cols block at (i0, j0) of a column-major array with leading dimension ld, as a new array. */
  static double[] copyBlock(double[] a, int ld, int i0, int j0, int rows, int cols) {
    double[] block = new double[rows * cols];
    for (int j = 0; j < cols; j++) {
      System.arraycopy(a, i0 + (j0 + j) * ld, block, j * rows, rows);
    }
    return block;
  }

  /** Writes a rows×cols column-major block back at (i0, j0). */
  static void putBlock(double[] block, double[] a, int ld, int i0, int j0, int rows, int cols) {
    for (int j = 0; j < cols; j++) {
      System.arraycopy(block, j * rows, a, i0 + (j0 + j) * ld, rows);
    }
  }

  /**
   * R⁻¹ as a new upper-triangular matrix; throws when R is exactly singular. Recursive: with
   * R = [R₁₁ R₁₂; 0 R₂₂], R⁻¹ = [X₁₁ −X₁₁R₁₂X₂₂; 0 X₂₂], down to blocks that LAPACK's {@code dtrtri}
   * inverts. The two products are {@code dgemm} on the triangles stored with zeros below (twice the
   * flops of {@code dtrmm}, still 5–10× faster in the Java BLAS); the error bound is that of LAPACK's
   * blocked {@code dtrtri}, which multiplies by inverted blocks the same way.
   */
  public static Matrix inverseUpper(Matrix r) {
    int n = checkSquare(r);
    Matrix inv = r.copy();
    inv.zeroStrictLower();
    if (n > 0) {
      invert(inv.data(), n, 0, n);
    }
    return inv;
  }

  private static void invert(double[] a, int n, int j0, int j1) {
    int w = j1 - j0;
    if (w <= Cholesky.LEAF) {
      double[] block = copyBlock(a, n, j0, j0, w, w);
      intW info = new intW(0);
      Blas.lapack().dtrtri("U", "N", w, block, w, info);
      Lapack.checkArgument("dtrtri", info);
      if (info.val > 0) {
        throw new ArithmeticException("R is exactly singular at diagonal " + (j0 + info.val - 1));
      }
      putBlock(block, a, n, j0, j0, w, w);
      return;
    }
    int mid = j0 + w / 2;
    int k = mid - j0;
    int m = j1 - mid;
    invert(a, n, mid, j1);
    double[] t = new double[k * m];
    // t = R₁₂·X₂₂, then R₁₂ ← −X₁₁·t
    Blas.blas().dgemm("N", "N", k, m, m, 1.0, a, j0 + mid * n, n, a, mid + mid * n, n, 0.0, t, 0, k);
    invert(a, n, j0, mid);
    Blas.blas().dgemm("N", "N", k, m, k, -1.0, a, j0 + j0 * n, n, t, 0, k, 0.0, a, j0 + mid * n, n);
  }

  /**
   * An estimate of the 1-norm condition number κ₁(R) = ‖R‖₁‖R⁻¹‖₁ (LAPACK {@code dtrcon}); within
   * a small factor of the truth and never below it by more than that factor. Infinite when R is
   * singular.
   */
  public static double conditionEstimate(Matrix r) {
    int n = checkSquare(r);
    if (n == 0) {
      return 1.0;
    }
    for (int i = 0; i < n; i++) {
      if (r.get(i, i) == 0) {
        return Double.POSITIVE_INFINITY;
      }
    }
    doubleW rcond = new doubleW(0);
    intW info = new intW(0);
    Blas.lapack().dtrcon("1", "U", "N", n, r.data(), n, rcond, new double[3 * n], new int[n], info);
    Lapack.checkArgument("dtrcon", info);
    return rcond.val == 0 ? Double.POSITIVE_INFINITY : 1.0 / rcond.val;
  }

  private static int checkSquare(Matrix r) {
    if (r.rows() != r.cols()) {
      throw new IllegalArgumentException("R must be square: " + r.rows() + "x" + r.cols());
    }
    return r.rows();
  }
}
