package dev.randnla.jobs.regress.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.SymmetricEigen;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The screened, active-set coordinate descent ({@link CoordinateDescent#path}) against plain full sweeps on an
 * equicorrelated design, where the strong rule and the active set are most often wrong about which coordinates
 * matter: both must stop at the same Lasso solution up to the stopping tolerance, and that solution must satisfy
 * the KKT conditions within the bound the stopping rule implies.
 */
class CoordinateDescentTest {
  @Test
  void screenedPathMatchesFullSweepsAndSatisfiesKkt() {
    int n = 300;
    int d = 60;
    double rho = 0.9;
    Random rnd = new Random(7);
    double[] xd = new double[n * d];
    double[] y = new double[n];
    double[] wStar = new double[d];
    for (int j = 0; j < d; j += 7) {
      wStar[j] = (j % 2 == 0 ? 1 : -1) * (1 + j / 10.0);
    }
    for (int i = 0; i < n; i++) {
      double common = rnd.nextGaussian();
      for (int j = 0; j < d; j++) {
        xd[i + j * n] = Math.sqrt(rho) * common + Math.sqrt(1 - rho) * rnd.nextGaussian();
        y[i] += xd[i + j * n] * wStar[j];
      }
      y[i] += 0.5 * rnd.nextGaussian();
    }
    Matrix x = new Matrix(n, d, xd);
    Matrix h = x.transposeTimes(x).scale(1.0 / n);
    double[] q = x.transposeTimes(y);
    for (int j = 0; j < d; j++) {
      q[j] /= n;
    }
    double[] lambdas = CoordinateDescent.grid(CoordinateDescent.lambdaMax(q), 1e-2, 20);
    int[] unconverged = new int[1];
    double[][] fast = CoordinateDescent.path(h, q, lambdas, unconverged);
    assertEquals(0, unconverged[0]);
    // the smallest eigenvalue of H: the Lasso objective is that strongly convex
    double[] eig = SymmetricEigen.of(h).values();
    double mu = eig[eig.length - 1];
    assertTrue(mu > 0);
    double[] plain = new double[d];
    double[] plainG = q.clone();
    for (int p = 0; p < lambdas.length; p++) {
      assertTrue(CoordinateDescent.solveFullSweeps(h, lambdas[p], plain, plainG));
      double rFast = kktResidual(h, q, lambdas[p], fast[p]);
      double rPlain = kktResidual(h, q, lambdas[p], plain);
      // ‖w − w*‖ ≤ dist(0, ∂F(w))/μ for each, so they differ by at most the sum
      double diff = 0;
      for (int j = 0; j < d; j++) {
        diff += (fast[p][j] - plain[j]) * (fast[p][j] - plain[j]);
      }
      assertTrue(Math.sqrt(diff) <= (rFast + rPlain) / mu, "point " + p + ": |fast - plain| = " + Math.sqrt(diff)
          + " > " + (rFast + rPlain) / mu);
      assertKkt(h, q, lambdas[p], fast[p], "fast point " + p);
    }
    // the path runs from the empty model to one holding the true support
    assertEquals(0, Factor.support(fast[0]).length);
    for (int j = 0; j < d; j++) {
      assertTrue(wStar[j] == 0 || fast[lambdas.length - 1][j] != 0, "column " + j + " of the support");
    }
  }

  /** g = q − H·w computed afresh. */
  private static double[] gradient(Matrix h, double[] q, double[] w) {
    double[] hw = h.times(w);
    double[] g = new double[q.length];
    for (int j = 0; j < q.length; j++) {
      g[j] = q[j] - hw[j];
    }
    return g;
  }

  /** dist(0, ∂F(w)) for F = ½wᵀHw − qᵀw + λ‖w‖₁: the norm of the smallest subgradient. */
  private static double kktResidual(Matrix h, double[] q, double lambda, double[] w) {
    double[] g = gradient(h, q, w);
    double s = 0;
    for (int j = 0; j < w.length; j++) {
      double v = w[j] != 0 ? g[j] - lambda * Math.signum(w[j]) : Math.max(0, Math.abs(g[j]) - lambda);
      s += v * v;
    }
    return Math.sqrt(s);
  }

  /**
   * |g_j| ≤ λ off the support and g_j = λ·sign(w_j) on it, within the bound the stopping rule gives: every
   * coordinate was exactly optimal when the last sweep set it, and the later moves δ_k (each with
   * √H_kk·|δ_k| ≤ TOL·max_k |w_k|·√H_kk) change g_j by Σ_k H_jk·δ_k ≤ d·√H_jj·TOL·max_k |w_k|·√H_kk
   * (|H_jk| ≤ √(H_jj·H_kk) for PSD H); plus rounding of g, kept up to date over the path, of a few
   * 1e-13 of the terms q_j and Σ_k |H_jk·w_k|.
   */
  private static void assertKkt(Matrix h, double[] q, double lambda, double[] w, String what) {
    int d = w.length;
    double[] g = gradient(h, q, w);
    double size = 0;
    for (int k = 0; k < d; k++) {
      size = Math.max(size, Math.abs(w[k]) * Math.sqrt(h.get(k, k)));
    }
    for (int j = 0; j < d; j++) {
      double terms = Math.abs(q[j]);
      for (int k = 0; k < d; k++) {
        terms += Math.abs(h.get(j, k) * w[k]);
      }
      double tol = d * Math.sqrt(h.get(j, j)) * CoordinateDescent.TOL * size + 1e-13 * terms;
      if (w[j] != 0) {
        assertEquals(lambda * Math.signum(w[j]), g[j], tol, what + ", column " + j + " on the support");
      } else {
        assertTrue(Math.abs(g[j]) <= lambda + tol, what + ", column " + j + ": |g| = " + Math.abs(g[j]) + " > " + lambda);
      }
    }
  }
}
