package dev.randnla.linalg;

import dev.ludovic.netlib.blas.BLAS;

/**
 * One step of tall-skinny QR: replaces the upper-triangular d×d factor R by the R factor of the
 * stacked matrix [R; B], where B is a dense block of b rows. This is the triangle-on-top-of-block
 * structure of LAPACK's {@code dtpqrt} (Demmel, Grigori, Hoemmen, Langou, "Communication-optimal
 * parallel and sequential QR and LU factorizations", SIAM J. Sci. Comput. 2012): each Householder
 * vector is e_j in the R part and dense only in the B part, so a step costs ≈ 2·b·d² flops
 * instead of the 2·(b+d)·d² of a plain QR of the stacked matrix.
 *
 * <p>Blocked: columns are factored in panels of {@code nb}; inside a panel the reflectors are
 * applied one by one (level 2), then the panel's compact WY form I − U·T·Uᵀ is applied to the
 * trailing columns with two {@code dgemm} calls. It exists because the F2J LAPACK that backs
 * netlib when no native library is present runs {@code dgeqrf} at ≈4.5 GFLOP/s on this machine,
 * while VectorBLAS {@code dgemm} runs at 25–40 (bench/RESULTS.md has the kernel measurements).
 *
 * <p>Backward stable like any Householder QR: the computed R is the exact R of [R; B] + E with
 * ‖E‖ ≤ c·d·u·‖[R; B]‖. The signs of diag(R) are whatever the reflectors give; callers that need
 * a canonical R flip rows with {@link #normalizeSigns}.
 */
public final class TsqrKernel {
  /** Panel width: wide enough for dgemm to run near its peak, narrow enough that the level-2 part is small. */
  static final int PANEL = 32;

  private TsqrKernel() {}

  /**
   * R ← R factor of [R; B].
   *
   * @param r d×d column-major, upper triangle used and updated (strict lower part must be zero)
   * @param d columns
   * @param block column-major b×d with leading dimension {@code ld}; overwritten (destroyed)
   * @param b rows of the block in use (≤ ld)
   * @param ld leading dimension of {@code block}
   */
  public static void update(double[] r, int d, double[] block, int b, int ld) {
    if (b == 0 || d == 0) {
      return;
    }
    BLAS blas = Blas.blas();
    double[] tau = new double[PANEL];
    double[] t = new double[PANEL * PANEL];
    double[] w = new double[PANEL * Math.max(1, d)];
    for (int j0 = 0; j0 < d; j0 += PANEL) {
      int j1 = Math.min(d, j0 + PANEL);
      int nb = j1 - j0;
      factorPanel(r, d, block, b, ld, j0, j1, tau);
      int trailing = d - j1;
      if (trailing == 0) {
        continue;
      }
      formT(block, b, ld, j0, nb, tau, t);
      // W = R[j0:j1, j1:d] + U_Bᵀ · B[:, j1:d]   (nb × trailing, leading dimension nb)
      for (int k = 0; k < trailing; k++) {
        System.arraycopy(r, j0 + (j1 + k) * d, w, k * nb, nb);
      }
      blas.dgemm("T", "N", nb, trailing, b, 1.0, block, j0 * ld, ld, block, j1 * ld, ld, 1.0, w, 0, nb);
      // W = Tᵀ · W   (T upper triangular nb × nb)
      applyTTranspose(t, nb, w, trailing);
      // R[j0:j1, j1:d] -= W ;  B[:, j1:d] -= U_B · W
      for (int k = 0; k < trailing; k++) {
        int rc = j0 + (j1 + k) * d;
        int wc = k * nb;
        for (int i = 0; i < nb; i++) {
          r[rc + i] -= w[wc + i];
        }
      }
      blas.dgemm("N", "N", b, trailing, nb, -1.0, block, j0 * ld, ld, w, 0, nb, 1.0, block, j1 * ld, ld);
    }
  }

  /** Dense convenience form: R ← R factor of [R; rows], rows given as row arrays. */
  public static void update(double[] r, int d, double[][] rows) {
    int b = rows.length;
    double[] block = new double[b * d];
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < d; j++) {
        block[i + j * b] = rows[i][j];
      }
    }
    update(r, d, block, b, Math.max(1, b));
  }

  /** Flips rows of the upper-triangular R so that diag(R) ≥ 0 (the unique R of a full-rank A). */
  public static void normalizeSigns(double[] r, int d) {
    for (int i = 0; i < d; i++) {
      if (r[i + i * d] < 0 || (r[i + i * d] == 0 && 1 / r[i + i * d] < 0)) {
        for (int j = i; j < d; j++) {
          r[i + j * d] = -r[i + j * d];
        }
      }
    }
  }

  /** Level-2 factorisation of columns [j0, j1): reflector vectors overwrite B's panel columns. */
  private static void factorPanel(double[] r, int d, double[] block, int b, int ld, int j0, int j1, double[] tau) {
    BLAS blas = Blas.blas();
    for (int j = j0; j < j1; j++) {
      int col = j * ld;
      double alpha = r[j + j * d];
      double xnorm = Vectors.norm2(block, col, col + b);
      if (xnorm == 0) {
        tau[j - j0] = 0;
        continue;
      }
      double beta = -Math.copySign(hypot(alpha, xnorm), alpha);
      double tj = (beta - alpha) / beta;
      double scale = 1.0 / (alpha - beta);
      for (int i = 0; i < b; i++) {
        block[col + i] *= scale;
      }
      r[j + j * d] = beta;
      tau[j - j0] = tj;
      // apply H_j = I − τ u uᵀ (u = [e_j; v]) to the rest of the panel
      for (int k = j + 1; k < j1; k++) {
        int kc = k * ld;
        double s = tj * (r[j + k * d] + blas.ddot(b, block, col, 1, block, kc, 1));
        r[j + k * d] -= s;
        blas.daxpy(b, -s, block, col, 1, block, kc, 1);
      }
    }
  }

  /**
   * T of the compact WY form H_1⋯H_nb = I − U·T·Uᵀ (LAPACK {@code dlarft}, forward, columnwise).
   * The e_j parts of the reflectors are mutually orthogonal, so only the B parts enter Uᵀu_i.
   */
  private static void formT(double[] block, int b, int ld, int j0, int nb, double[] tau, double[] t) {
    java.util.Arrays.fill(t, 0, nb * nb, 0.0);
    double[] z = new double[nb];
    for (int i = 0; i < nb; i++) {
      double ti = tau[i];
      t[i + i * nb] = ti;
      if (ti == 0 || i == 0) {
        continue;
      }
      int ci = (j0 + i) * ld;
      for (int k = 0; k < i; k++) {
        int ck = (j0 + k) * ld;
        z[k] = -ti * Blas.blas().ddot(b, block, ck, 1, block, ci, 1);
      }
      // T[0:i, i] = T[0:i, 0:i] · z   (upper triangular)
      for (int k = 0; k < i; k++) {
        double s = 0;
        for (int m = k; m < i; m++) {
          s += t[k + m * nb] * z[m];
        }
        t[k + i * nb] = s;
      }
    }
  }

  /** W ← Tᵀ·W for upper-triangular T (nb × nb), W nb × n with leading dimension nb. */
  private static void applyTTranspose(double[] t, int nb, double[] w, int n) {
    for (int c = 0; c < n; c++) {
      int wc = c * nb;
      for (int i = nb - 1; i >= 0; i--) {
        double s = 0;
        for (int k = 0; k <= i; k++) {
          s += t[k + i * nb] * w[wc + k];
        }
        w[wc + i] = s;
      }
    }
  }

  private static double hypot(double a, double b) {
    double x = Math.abs(a);
    double y = Math.abs(b);
    double m = Math.max(x, y);
    if (m == 0) {
      return 0;
    }
    double rx = x / m;
    double ry = y / m;
    return m * Math.sqrt(rx * rx + ry * ry);
  }
}
