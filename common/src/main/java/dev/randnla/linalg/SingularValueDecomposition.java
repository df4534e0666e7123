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

  /**
   * Decomposes A (input, not modified). A tall A is first reduced by QR (A = QR, R = U_R Σ Vᵀ,
   * U = Q U_R), a wide one is decomposed through its transpose, so LAPACK only ever sees a square
   * matrix (netlib's bounds check for {@code dgesdd} with jobz = 'S' on rectangular input is wrong).
   */
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
    if (m > n) {
      QrDecomposition qr = QrDecomposition.of(a);
      SingularValueDecomposition inner = square(qr.r());
      return new SingularValueDecomposition(qr.q().times(inner.u), inner.sigma, inner.v);
    }
    if (m < n) {
      SingularValueDecomposition t = of(a.transpose());
      return canonical(t.v, t.sigma, t.u);
    }
    return square(a);
  }

  /**
   * Singular values only, largest first (LAPACK {@code dgesdd} with jobz = 'N' on the square R of a
   * tall matrix, the transpose of a wide one): about 5× faster than {@link #of} for a square matrix
   * and as accurate (≈ u·σ₁ absolute).
   */
  public static double[] values(Matrix a) {
    int m = a.rows();
    int n = a.cols();
    if (Math.min(m, n) == 0) {
      return new double[0];
    }
    for (double x : a.data()) {
      if (!Double.isFinite(x)) {
        throw new ArithmeticException("SVD: the matrix has a non-finite entry");
      }
    }
    if (m < n) {
      return values(a.transpose());
    }
    double[] work1 = (m > n ? QrDecomposition.rOnly(a) : a).data().clone();
    double[] s = new double[n];
    int[] iwork = new int[8 * n];
    intW info = new intW(0);
    double[] query = new double[1];
    double[] none = new double[1];
    Blas.lapack().dgesdd("N", n, n, work1, n, s, none, 1, none, 1, query, -1, iwork, info);
    double[] work = new double[Lapack.workspace(query)];
    Blas.lapack().dgesdd("N", n, n, work1, n, s, none, 1, none, 1, work, work.length, iwork, info);
    Lapack.checkArgument("dgesdd", info);
    if (info.val > 0) {
      throw new ArithmeticException("dgesdd failed to converge (info=" + info.val + ")");
    }
    return s;
  }

  private static SingularValueDecomposition square(Matrix a) {
    int n = a.rows();
    double[] work1 = a.data().clone();
    double[] s = new double[n];
    double[] uu = new double[n * n];
    double[] vt = new double[n * n];
    int[] iwork = new int[8 * n];
    intW info = new intW(0);
    double[] query = new double[1];
    Blas.lapack().dgesdd("A", n, n, work1, n, s, uu, n, vt, n, query, -1, iwork, info);
    double[] work = new double[Lapack.workspace(query)];
    Blas.lapack().dgesdd("A", n, n, work1, n, s, uu, n, vt, n, work, work.length, iwork, info);
    Lapack.checkArgument("dgesdd", info);
    if (info.val > 0) {
      throw new ArithmeticException("dgesdd failed to converge (info=" + info.val + ")");
    }
    return canonical(new Matrix(n, n, uu), s, new Matrix(n, n, vt).transpose());
  }

  /** Fixes each pair's sign so the right vector's largest-magnitude entry is positive. */
  private static SingularValueDecomposition canonical(Matrix u, double[] s, Matrix v) {
    int k = s.length;
    Matrix uo = u.copy();
    Matrix vo = v.copy();
    for (int c = 0; c < k; c++) {
      int big = 0;
      for (int j = 1; j < vo.rows(); j++) {
        if (Math.abs(vo.get(j, c)) > Math.abs(vo.get(big, c))) {
          big = j;
        }
      }
      if (vo.get(big, c) < 0) {
        for (int j = 0; j < vo.rows(); j++) {
          vo.set(j, c, -vo.get(j, c));
        }
        for (int i = 0; i < uo.rows(); i++) {
          uo.set(i, c, -uo.get(i, c));
        }
      }
    }
    return new SingularValueDecomposition(uo, s, vo);
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
    return numericalRank(sigma, tol);
  }

  /** The number of σᵢ &gt; tol·σ₁ in singular values sorted largest first (0 when σ₁ = 0 or there are none). */
  public static int numericalRank(double[] sigma, double tol) {
    if (sigma.length == 0 || !(sigma[0] > 0)) {
      return 0;
    }
    int r = 0;
    for (double s : sigma) {
      if (s > tol * sigma[0]) {
        r++;
      }
    }
    return r;
  }
}
