package dev.randnla.jobs.regress;

import dev.randnla.jobs.regress.sparse.CoordinateDescent;
import dev.randnla.jobs.regress.sparse.Factor;
import dev.randnla.jobs.regress.sparse.PreconditionedLasso;
import dev.randnla.linalg.Cholesky;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.SingularValueDecomposition;
import dev.randnla.linalg.Triangular;

/**
 * An upper bound on the probability (over the noise) that the preconditioned Lasso path misses the exact signed
 * support at every τ and every λ of its grid, from the primal-dual witness conditions of the Lasso with Gaussian
 * noise (see {@code SparseRegressionTest#recoveryRateMeetsTheWitnessBound}). Test code: it re-derives, from the
 * factor, what the preconditioner builds (the same SVD of R_X·D⁻¹) to get the noise covariance.
 */
final class WitnessBound {
  private WitnessBound() {}

  /**
   * min over τ and grid λ of p(λ), capped at 1.
   *
   * @param full the full data's factor the path was fitted on
   * @param wStar the true coefficients (support {@code support}, sorted)
   * @param sigma the noise standard deviation
   */
  static double failure(Factor full, double[] wStar, int[] support, double sigma, RegressConfig c) {
    int d = full.d();
    double[] scale = full.columnNorms();
    PreconditionedLasso pre = new PreconditionedLasso(full, scale, c.rcond());
    Matrix a = full.rx();
    for (int j = 0; j < d; j++) {
      for (int i = 0; i <= j; i++) {
        a.set(i, j, a.get(i, j) / scale[j]);
      }
    }
    SingularValueDecomposition svd = SingularValueDecomposition.of(a);
    double[] s = svd.singularValues();
    Matrix v = svd.v();
    double[] u = new double[d];
    for (int j = 0; j < d; j++) {
      u[j] = scale[j] * wStar[j];
    }
    double best = 1;
    for (double tau : PreconditionedLasso.TAUS) {
      int r = 0;
      while (r < s.length && s[r] > c.rcond() * s[0] && s[r] * s[r] > tau) {
        r++;
      }
      // Cov(e)/σ² = V_r·diag(1/s²)·V_rᵀ
      double[][] cov = new double[d][d];
      for (int t = 0; t < r; t++) {
        double w = 1 / (s[t] * s[t]);
        for (int i = 0; i < d; i++) {
          for (int j = 0; j < d; j++) {
            cov[i][j] += v.get(i, t) * v.get(j, t) * w;
          }
        }
      }
      Matrix h = pre.h(tau);
      double[] grid = CoordinateDescent.grid(pre.lambdaMax(tau), RegressConfig.LAMBDA_RATIO, c.lambdas());
      for (double lambda : grid) {
        best = Math.min(best, atLambda(h, cov, u, support, sigma, lambda));
      }
    }
    return best;
  }

  /** p(λ): Σ of the Gaussian tail bounds of the witness conditions at one λ (1 when a condition cannot hold). */
  private static double atLambda(Matrix h, double[][] cov, double[] u, int[] support, double sigma, double lambda) {
    int d = u.length;
    int k = support.length;
    double[][] hss = new double[k][k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        hss[a][b] = h.get(support[a], support[b]);
      }
    }
    double[][] inv = inverse(hss);
    if (inv == null) {
      return 1;
    }
    double[] signs = new double[k];
    for (int a = 0; a < k; a++) {
      signs[a] = Math.signum(u[support[a]]);
    }
    double[] dir = times(inv, signs); // H_SS⁻¹σ_S
    double p = 0;
    // on the support: (H_SS⁻¹e_S)_a must stay below |u*_a| − λ|dir_a|
    for (int a = 0; a < k; a++) {
      double margin = Math.abs(u[support[a]]) - lambda * Math.abs(dir[a]);
      double var = 0;
      for (int b = 0; b < k; b++) {
        for (int e = 0; e < k; e++) {
          var += inv[a][b] * cov[support[b]][support[e]] * inv[a][e];
        }
      }
      p += twoSidedTail(margin, sigma * Math.sqrt(var));
    }
    // off the support: e_j − H_jS·H_SS⁻¹e_S must stay below λ(1 − |H_jS·dir|)
    boolean[] in = new boolean[d];
    for (int j : support) {
      in[j] = true;
    }
    for (int j = 0; j < d && p < 1; j++) {
      if (in[j]) {
        continue;
      }
      double[] row = new double[k];
      for (int a = 0; a < k; a++) {
        row[a] = h.get(j, support[a]);
      }
      double[] coef = new double[k]; // H_jS·H_SS⁻¹
      double gamma = 1;
      for (int a = 0; a < k; a++) {
        for (int b = 0; b < k; b++) {
          coef[b] += row[a] * inv[a][b];
        }
      }
      double incoherence = 0;
      for (int b = 0; b < k; b++) {
        incoherence += coef[b] * signs[b];
      }
      gamma -= Math.abs(incoherence);
      // c = e_j − Σ_b coef_b e_{S_b}: Var = cᵀ·Cov·c
      double var = cov[j][j];
      for (int b = 0; b < k; b++) {
        var -= 2 * coef[b] * cov[j][support[b]];
        for (int e = 0; e < k; e++) {
          var += coef[b] * coef[e] * cov[support[b]][support[e]];
        }
      }
      p += twoSidedTail(gamma * lambda, sigma * Math.sqrt(Math.max(0, var)));
    }
    return Math.min(1, p);
  }

  /** An upper bound on P(|Z| ≥ x) for Z ~ N(0, sd²): min(e^(−t²/2), 2φ(t)/t) with t = x/sd; 1 when x ≤ 0. */
  static double twoSidedTail(double x, double sd) {
    if (!(x > 0)) {
      return 1;
    }
    if (sd == 0) {
      return 0;
    }
    double t = x / sd;
    double chernoff = Math.exp(-t * t / 2);
    double mills = 2 * Math.exp(-t * t / 2) / (t * Math.sqrt(2 * Math.PI));
    return Math.min(1, Math.min(chernoff, mills));
  }

  private static double[] times(double[][] m, double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x.length; j++) {
        y[i] += m[i][j] * x[j];
      }
    }
    return y;
  }

  /** H_SS⁻¹ through the project's Cholesky factor (H_SS is positive semidefinite); null when it is singular. */
  private static double[][] inverse(double[][] m) {
    int k = m.length;
    Matrix h = Matrix.zeros(k, k);
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        h.set(i, j, m[i][j]);
      }
    }
    Cholesky c = Cholesky.of(h);
    if (!c.succeeded()) {
      return null;
    }
    double[][] inv = new double[k][];
    for (int i = 0; i < k; i++) {
      double[] e = new double[k];
      e[i] = 1;
      inv[i] = Triangular.solveUpper(c.r(), Triangular.solveUpperTranspose(c.r(), e)); // symmetric: row i = column i
    }
    return inv;
  }
}
