package dev.randnla.linalg;

import org.netlib.util.intW;

/**
 * Thin SVD A = U·diag(σ)·Vᵀ of a local m×n matrix (LAPACK {@code dgesdd}, divide and conquer),
 * σ descending; each right singular vector's sign is fixed so its largest-magnitude entry is
 * positive and U follows. Singular values are accurate to ≈ u·σ₁ in absolute terms.
 */
public final class SingularValueDecomposition {
  private final Matrix u;
  private final double[] sigma;
  private final Matrix v;

  private SingularValueDecomposition(Matrix u, double[] sigma, Matrix v) {
    this.u = u;
    this.sigma = sigma;
    this.v = v;
  }

  /** Decomposes A (input, not modified). */
  public static SingularValueDecomposition of(Matrix a) {
    int m = a.rows();
    int n = a.cols();
    int k = Math.min(m, n);
    if (k == 0) {
      return new SingularValueDecomposition(Matrix.zeros(m, 0), new double[0], Matrix.zeros(n, 0));
    }
    for (double x : a.data()) {
      if (!Double.isFinite(x)) {
        throw new ArithmeticException("SVD: the matrix has a non-finite entry");
      }
    }
    double[] work1 = a.data().clone();
    double[] s = new double[k];
    double[] uu = new double[m * k];
    double[] vt = new double[k * n];
    int[] iwork = new int[8 * k];
    intW info = new intW(0);
    double[] query = new double[1];
    Blas.lapack().dgesdd("S", m, n, work1, m, s, uu, m, vt, k, query, -1, iwork, info);
    double[] work = new double[Lapack.workspace(query)];
    Blas.lapack().dgesdd("S", m, n, work1, m, s, uu, m, vt, k, work, work.length, iwork, info);
    Lapack.checkArgument("dgesdd", info);
    if (info.val > 0) {
      throw new ArithmeticException("dgesdd failed to converge (info=" + info.val + ")");
    }
    Matrix u = new Matrix(m, k, uu);
    Matrix v = Matrix.zeros(n, k);
    for (int c = 0; c < k; c++) {
      int big = 0;
      for (int j = 1; j < n; j++) {
        if (Math.abs(vt[c + j * k]) > Math.abs(vt[c + big * k])) {
          big = j;
        }
      }
      double sign = vt[c + big * k] < 0 ? -1 : 1;
      for (int j = 0; j < n; j++) {
        v.set(j, c, sign * vt[c + j * k]);
      }
      if (sign < 0) {
        for (int i = 0; i < m; i++) {
          u.set(i, c, -u.get(i, c));
        }
      }
    }
    return new SingularValueDecomposition(u, s, v);
  }

  /** m×k left singular vectors. */
  public Matrix u() {
    return u;
  }

  /** Singular values, largest first. */
  public double[] singularValues() {
    return sigma.clone();
  }

  /** n×k right singular vectors as columns. */
  public Matrix v() {
    return v;
  }

  /** Numerical rank: the number of σᵢ > tol·σ₁. */
  public int rank(double tol) {
    int r = 0;
    for (double s : sigma) {
      if (s > tol * sigma[0]) {
        r++;
      }
    }
    return r;
  }
}
