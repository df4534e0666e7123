package dev.randnla.linalg;

import org.netlib.util.intW;

/**
 * Eigen-decomposition of a symmetric matrix S = V·diag(λ)·Vᵀ (LAPACK {@code dsyevr}, relatively
 * robust representations), eigenvalues in descending order, each eigenvector's sign fixed so its
 * largest-magnitude entry is positive (a deterministic choice). Flops ≈ 4n³/3 for the reduction
 * plus O(n²) per eigenpair. Eigenvalues are accurate to ≈ n·u·‖S‖ in absolute terms.
 */
public final class SymmetricEigen {
  private final double[] values;
  private final Matrix vectors;

  private SymmetricEigen(double[] values, Matrix vectors) {
    this.values = values;
    this.vectors = vectors;
  }

  /** Decomposes S (input, not modified; only the upper triangle is read). */
  public static SymmetricEigen of(Matrix s) {
    return top(s, s.rows());
  }

  /**
   * The k largest eigenpairs only (LAPACK {@code dsyevr} with an index range): the same reduction to
   * tridiagonal form (4n³/3 flops) but eigenvectors for k pairs only, several times faster than
   * {@link #of} when k ≪ n. Same ordering and sign convention; {@code values()} has k entries.
   *
   * @param s symmetric (input, not modified; only the upper triangle is read)
   * @param k pairs wanted, in [0, n]
   */
  public static SymmetricEigen top(Matrix s, int k) {
    int n = s.rows();
    if (s.cols() != n) {
      throw new IllegalArgumentException("matrix must be square: " + s.rows() + "x" + s.cols());
    }
    if (k < 0 || k > n) {
      throw new IllegalArgumentException("k must be in [0, n=" + n + "]: " + k);
    }
    if (k == 0) {
      return new SymmetricEigen(new double[0], Matrix.zeros(n, 0));
    }
    // the upper triangle only, like dsyevr: what is below the diagonal is never read
    for (int j = 0; j < n; j++) {
      for (int i = 0; i <= j; i++) {
        if (!Double.isFinite(s.get(i, j))) {
          throw new ArithmeticException("symmetric eigensolver: the matrix has a non-finite entry");
        }
      }
    }
    String range = k == n ? "A" : "I";
    double[] a = s.data().clone();
    double[] w = new double[n];
    double[] z = new double[n * k];
    int[] isuppz = new int[2 * n];
    intW m = new intW(0);
    intW info = new intW(0);
    double[] wq = new double[1];
    int[] iq = new int[1];
    int il = n - k + 1;
    Blas.lapack().dsyevr("V", range, "U", n, a, n, 0, 0, il, n, 0.0, m, w, z, n, isuppz, wq, -1, iq, -1, info);
    double[] work = new double[Lapack.workspace(wq)];
    int[] iwork = new int[Math.max(1, iq[0])];
    Blas.lapack().dsyevr("V", range, "U", n, a, n, 0, 0, il, n, 0.0, m, w, z, n, isuppz, work, work.length, iwork,
        iwork.length, info);
    Lapack.checkArgument("dsyevr", info);
    if (info.val > 0) {
      throw new ArithmeticException("dsyevr failed to converge (info=" + info.val + ")");
    }
    if (m.val != k) {
      throw new ArithmeticException("dsyevr returned " + m.val + " eigenpairs, asked for " + k);
    }
    return sorted(w, z, n, k);
  }

  /** Descending order and the sign convention, from ascending LAPACK output of k pairs. */
  private static SymmetricEigen sorted(double[] w, double[] z, int n, int k) {
    double[] values = new double[k];
    Matrix vectors = Matrix.zeros(n, k);
    for (int c = 0; c < k; c++) {
      int src = k - 1 - c;
      values[c] = w[src];
      int big = 0;
      for (int i = 1; i < n; i++) {
        if (Math.abs(z[i + src * n]) > Math.abs(z[big + src * n])) {
          big = i;
        }
      }
      double sign = z[big + src * n] < 0 ? -1 : 1;
      for (int i = 0; i < n; i++) {
        vectors.set(i, c, sign * z[i + src * n]);
      }
    }
    return new SymmetricEigen(values, vectors);
  }

  /** Eigenvalues, largest first. */
  public double[] values() {
    return values.clone();
  }

  /** Eigenvectors as columns, in the order of {@link #values()}. */
  public Matrix vectors() {
    return vectors;
  }

  /** Eigenvector k as a new array. */
  public double[] vector(int k) {
    return vectors.column(k);
  }
}
