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
 * <p>Blocked and recursive: columns are factored in panels (of {@link #PANEL} when d is large); a panel is factored
 * recursively (halves, each half's block reflector applied to the other with {@code dgemm}), down
 * to {@link #LEAF}-column leaves where the reflectors are applied one by one (level 2); then the
 * panel's compact WY form I − U·T·Uᵀ is applied to the trailing columns with two {@code dgemm}
 * calls. The recursion pays for large d, where wider panels cut the trailing-update passes over B
 * (bench/RESULTS.md has the rates before and after). It exists because the F2J LAPACK that backs
 * netlib when no native library is present runs {@code dgeqrf} at ≈4.5 GFLOP/s on this machine,
 * while VectorBLAS {@code dgemm} runs at 25–40 (bench/RESULTS.md has the kernel measurements).
 *
 * <p>Backward stable like any Householder QR: the computed R is the exact R of [R; B] + E with
 * ‖E‖ ≤ c·d·u·‖[R; B]‖. The signs of diag(R) are whatever the reflectors give; callers that need
 * a canonical R flip rows with {@link #normalizeSigns}.
 */
public final class TsqrKernel {
  /**
   * Panel width for d &gt; {@link #NARROW}: the columns whose block reflector is applied to the trailing
   * matrix with two dgemm calls. Measured (CPU time, VectorBLAS, b ≈ 1300–2048): at d = 784 panels of
   * 64–128 with 32-column leaves run at ≈ 26 GFLOP/s against ≈ 20 for flat 32-column panels.
   */
  static final int PANEL = 128;
  /** Up to this d, flat 32-column panels are as fast or faster (≈ 14 GFLOP/s at d = 50; recursion costs there). */
  static final int NARROW = 128;
  /**
   * Columns at or below which a panel is factored column by column (level 2); wider panels recurse.
   * The level-2 updates run on columns of b ≥ 1000 rows with vectorised ddot/daxpy, so narrower leaves
   * only add small, slower dgemm calls (8-column leaves measured 30–40% slower at every d).
   */
  static final int LEAF = 32;

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
    int panel = d <= NARROW ? LEAF : PANEL;
    Workspace ws = new Workspace(Math.min(panel, d), d);
    for (int j0 = 0; j0 < d; j0 += panel) {
      int j1 = Math.min(d, j0 + panel);
      factorRecursive(r, d, block, b, ld, j0, j1, ws, 0, j1 < d);
      if (j1 < d) {
        applyReflectors(r, d, block, b, ld, j0, j1, ws.t, 0, ws.ldt, j1, d, ws.w);
      }
    }
  }

  /** Scratch space of one update: tau, the T factor of a panel, and W. */
  private static final class Workspace {
    final double[] tau;
    final double[] t;
    final int ldt;
    final double[] w;

    Workspace(int panel, int d) {
      this.tau = new double[panel];
      this.ldt = panel;
      this.t = new double[panel * panel];
      this.w = new double[panel * Math.max(1, d)];
    }
  }

  /**
   * Factors columns [j0, j1) of [R; B] (touching no other column) and writes the T of their compact
   * WY form into T[t0:t0+n, t0:t0+n] (the panel's T, leading dimension ldt). Recursive (Elmroth &amp;
   * Gustavson, "Applying recursion to serial and parallel QR factorization", IBM J. Res. Dev. 2000):
   * factor the left half, apply its block reflector to the right half (dgemm), factor the right half,
   * then join the two T's with T₁₂ = −T₁₁·(V₁ᵀV₂)·T₂₂ (skipped when no caller needs T), so the level-2 work is confined to
   * {@link #LEAF}-column leaves. The R parts of the reflectors are unit vectors e_j, orthogonal
   * between the halves, so only the B parts enter V₁ᵀV₂.
   */
  private static void factorRecursive(double[] r, int d, double[] block, int b, int ld, int j0, int j1, Workspace ws,
      int t0, boolean needT) {
    int n = j1 - j0;
    if (n <= LEAF) {
      factorPanel(r, d, block, b, ld, j0, j1, ws.tau, t0);
      if (needT) {
        formT(block, b, ld, j0, n, ws.tau, t0, ws.t, t0 + t0 * ws.ldt, ws.ldt);
      }
      return;
    }
    int n1 = n / 2;
    int mid = j0 + n1;
    int n2 = j1 - mid;
    factorRecursive(r, d, block, b, ld, j0, mid, ws, t0, true);
    // the right half's W (n1 × n2) goes after the part of ws.w the caller's trailing update does not use yet
    applyReflectors(r, d, block, b, ld, j0, mid, ws.t, t0 + t0 * ws.ldt, ws.ldt, mid, j1, ws.w);
    factorRecursive(r, d, block, b, ld, mid, j1, ws, t0 + n1, needT);
    if (!needT) {
      return;
    }
    // T12 = −T11 · (V1ᵀ V2) · T22, in place in T[t0:t0+n1, t0+n1:t0+n]
    double[] t = ws.t;
    int ldt = ws.ldt;
    int t12 = t0 + (t0 + n1) * ldt;
    Blas.blas().dgemm("T", "N", n1, n2, b, 1.0, block, j0 * ld, ld, block, mid * ld, ld, 0.0, t, t12, ldt);
    int t11 = t0 + t0 * ldt;
    for (int c = 0; c < n2; c++) {
      int col = t12 + c * ldt;
      for (int i = 0; i < n1; i++) {
        double s = 0;
        for (int k = i; k < n1; k++) {
          s += t[t11 + i + k * ldt] * t[col + k];
        }
        t[col + i] = s;
      }
    }
    int t22 = (t0 + n1) + (t0 + n1) * ldt;
    for (int i = 0; i < n1; i++) {
      for (int c = n2 - 1; c >= 0; c--) {
        double s = 0;
        for (int k = 0; k <= c; k++) {
          s += t[t12 + i + k * ldt] * t[t22 + k + c * ldt];
        }
        t[t12 + i + c * ldt] = -s;
      }
    }
  }

  /**
   * Applies Hᵀ = (I − U·T·Uᵀ)ᵀ of the reflectors of columns [j0, j1) to columns [c0, c1) of [R; B]:
   * W = R[j0:j1, c] + V_Bᵀ·B[:, c]; W = Tᵀ·W; R[j0:j1, c] −= W; B[:, c] −= V_B·W (two dgemm calls).
   */
  private static void applyReflectors(double[] r, int d, double[] block, int b, int ld, int j0, int j1, double[] t,
      int tOff, int ldt, int c0, int c1, double[] w) {
    int nb = j1 - j0;
    int cols = c1 - c0;
    for (int k = 0; k < cols; k++) {
      System.arraycopy(r, j0 + (c0 + k) * d, w, k * nb, nb);
    }
    BLAS blas = Blas.blas();
    blas.dgemm("T", "N", nb, cols, b, 1.0, block, j0 * ld, ld, block, c0 * ld, ld, 1.0, w, 0, nb);
    applyTTranspose(t, tOff, ldt, nb, w, cols);
    for (int k = 0; k < cols; k++) {
      int rc = j0 + (c0 + k) * d;
      int wc = k * nb;
      for (int i = 0; i < nb; i++) {
        r[rc + i] -= w[wc + i];
      }
    }
    blas.dgemm("N", "N", b, cols, nb, -1.0, block, j0 * ld, ld, w, 0, nb, 1.0, block, c0 * ld, ld);
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
  private static void factorPanel(double[] r, int d, double[] block, int b, int ld, int j0, int j1, double[] tau,
      int tauOff) {
    BLAS blas = Blas.blas();
    for (int j = j0; j < j1; j++) {
      int col = j * ld;
      double alpha = r[j + j * d];
      double xnorm = Vectors.norm2(block, col, col + b);
      if (xnorm == 0) {
        tau[tauOff + j - j0] = 0;
        continue;
      }
      double beta = -Math.copySign(hypot(alpha, xnorm), alpha);
      double tj = (beta - alpha) / beta;
      double scale = 1.0 / (alpha - beta);
      for (int i = 0; i < b; i++) {
        block[col + i] *= scale;
      }
      r[j + j * d] = beta;
      tau[tauOff + j - j0] = tj;
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
   * T of the compact WY form H_1⋯H_nb = I − U·T·Uᵀ (LAPACK {@code dlarft}, forward, columnwise) for the
   * nb reflectors of columns [j0, j0+nb), written at t[tOff…] with leading dimension ldt. The e_j parts
   * of the reflectors are mutually orthogonal, so only the B parts enter Uᵀu_i.
   */
  private static void formT(double[] block, int b, int ld, int j0, int nb, double[] tau, int tauOff, double[] t, int tOff,
      int ldt) {
    for (int c = 0; c < nb; c++) {
      java.util.Arrays.fill(t, tOff + c * ldt, tOff + c * ldt + nb, 0.0);
    }
    double[] z = new double[nb];
    for (int i = 0; i < nb; i++) {
      double ti = tau[tauOff + i];
      t[tOff + i + i * ldt] = ti;
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
          s += t[tOff + k + m * ldt] * z[m];
        }
        t[tOff + k + i * ldt] = s;
      }
    }
  }

  /** W ← Tᵀ·W for upper-triangular T (nb × nb at t[tOff…], leading dimension ldt), W nb × n with leading dimension nb. */
  private static void applyTTranspose(double[] t, int tOff, int ldt, int nb, double[] w, int n) {
    for (int c = 0; c < n; c++) {
      int wc = c * nb;
      for (int i = nb - 1; i >= 0; i--) {
        double s = 0;
        for (int k = 0; k <= i; k++) {
          s += t[tOff + k + i * ldt] * w[wc + k];
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
