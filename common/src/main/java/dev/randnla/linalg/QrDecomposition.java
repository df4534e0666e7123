package dev.randnla.linalg;

import org.netlib.util.intW;

/**
 * Thin Householder QR of a local m×n matrix with m ≥ n (LAPACK {@code dgeqrf} + {@code dorgqr}),
 * normalised so that diag(R) ≥ 0; for full-rank A this is the unique QR. Flops: 4mn² − 4n³/3.
 * For an R factor alone of a tall matrix, {@link #rOnly} runs the faster blocked TSQR kernel.
 * Backward stable: Q is orthonormal to ≈ n·u and QR = A + E with ‖E‖ ≤ c·n·u·‖A‖.
 */
public final class QrDecomposition {
  private final Matrix q;
  private final Matrix r;

  private QrDecomposition(Matrix q, Matrix r) {
    this.q = q;
    this.r = r;
  }

  /** Factors A (input, not modified). */
  public static QrDecomposition of(Matrix a) {
    int m = a.rows();
    int n = a.cols();
    if (m < n) {
      throw new IllegalArgumentException("QR needs rows >= cols, got " + m + "x" + n);
    }
    if (n == 0) {
      return new QrDecomposition(Matrix.zeros(m, 0), Matrix.zeros(0, 0));
    }
    double[] qa = a.data().clone();
    double[] tau = new double[n];
    intW info = new intW(0);
    double[] query = new double[1];
    Blas.lapack().dgeqrf(m, n, qa, m, tau, query, -1, info);
    double[] work = new double[Lapack.workspace(query)];
    Blas.lapack().dgeqrf(m, n, qa, m, tau, work, work.length, info);
    Lapack.checkArgument("dgeqrf", info);
    Matrix r = Matrix.zeros(n, n);
    for (int j = 0; j < n; j++) {
      for (int i = 0; i <= j; i++) {
        r.set(i, j, qa[i + j * m]);
      }
    }
    Blas.lapack().dorgqr(m, n, n, qa, m, tau, query, -1, info);
    work = new double[Math.max(work.length, Lapack.workspace(query))];
    Blas.lapack().dorgqr(m, n, n, qa, m, tau, work, work.length, info);
    Lapack.checkArgument("dorgqr", info);
    Matrix q = new Matrix(m, n, qa);
    for (int i = 0; i < n; i++) {
      if (r.get(i, i) < 0) {
        for (int j = i; j < n; j++) {
          r.set(i, j, -r.get(i, j));
        }
        for (int k = 0; k < m; k++) {
          q.set(k, i, -q.get(k, i));
        }
      }
    }
    return new QrDecomposition(q, r);
  }

  /** The R factor of A (m×n, any m) with diag(R) ≥ 0, by the TSQR kernel; n×n. */
  public static Matrix rOnly(Matrix a) {
    int n = a.cols();
    double[] r = new double[n * n];
    TsqrKernel.update(r, n, a.data().clone(), a.rows(), Math.max(1, a.rows()));
    TsqrKernel.normalizeSigns(r, n);
    return new Matrix(n, n, r);
  }

  /** m×n with orthonormal columns. */
  public Matrix q() {
    return q;
  }

  /** n×n upper triangular with non-negative diagonal. */
  public Matrix r() {
    return r;
  }
}
