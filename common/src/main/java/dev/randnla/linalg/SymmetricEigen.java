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
    int n = s.rows();
    if (s.cols() != n) {
      throw new IllegalArgumentException("matrix must be square: " + s.rows() + "x" + s.cols());
    }
    if (n == 0) {
      return new SymmetricEigen(new double[0], Matrix.zeros(0, 0));
    }
    for (double v : s.data()) {
      if (!Double.isFinite(v)) {
        throw new ArithmeticException("symmetric eigensolver: the matrix has a non-finite entry");
      }
    }
    double[] a = s.data().clone();
    double[] w = new double[n];
    double[] z = new double[n * n];
    int[] isuppz = new int[2 * n];
    intW m = new intW(0);
    intW info = new intW(0);
    double[] wq = new double[1];
    int[] iq = new int[1];
    Blas.lapack().dsyevr("V", "A", "U", n, a, n, 0, 0, 0, 0, 0.0, m, w, z, n, isuppz, wq, -1, iq, -1, info);
    double[] work = new double[Lapack.workspace(wq)];
    int[] iwork = new int[Math.max(1, iq[0])];
    Blas.lapack().dsyevr("V", "A", "U", n, a, n, 0, 0, 0, 0, 0.0, m, w, z, n, isuppz, work, work.length, iwork, iwork.length, info);
    Lapack.checkArgument("dsyevr", info);
    if (info.val > 0) {
      throw new ArithmeticException("dsyevr failed to converge (info=" + info.val + ")");
    }
    double[] values = new double[n];
    Matrix vectors = Matrix.zeros(n, n);
    for (int k = 0; k < n; k++) {
      int src = n - 1 - k;
      values[k] = w[src];
      int big = 0;
      for (int i = 1; i < n; i++) {
        if (Math.abs(z[i + src * n]) > Math.abs(z[big + src * n])) {
          big = i;
        }
      }
      double sign = z[big + src * n] < 0 ? -1 : 1;
      for (int i = 0; i < n; i++) {
        vectors.set(i, k, sign * z[i + src * n]);
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
