package dev.randnla.jobs.regress.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

  /**
   * A nearly collinear design (equicorrelation 0.9999: H's smallest eigenvalue ≈ 1e-4 of its largest), where
   * cyclic sweeps alone converge at a rate set by that conditioning: the path with the exact active-set steps
   * converges at every λ and meets the KKT conditions, while plain full sweeps run out of their sweep limit.
   */
  @Test
  void exactStepsConvergeWhereSweepsAloneStall() {
    Problem p = equicorrelated(400, 30, 0.9999, 11);
    double[] lambdas = CoordinateDescent.grid(CoordinateDescent.lambdaMax(p.q), 1e-3, 10);
    int[] unconverged = new int[1];
    double[][] fast = CoordinateDescent.path(p.h, p.q, lambdas, unconverged);
    assertEquals(0, unconverged[0]);
    for (int i = 0; i < lambdas.length; i++) {
      assertKkt(p.h, p.q, lambdas[i], fast[i], "point " + i);
    }
    double[] plain = new double[p.q.length];
    double[] plainG = p.q.clone();
    boolean allConverged = true;
    for (double lambda : lambdas) {
      allConverged &= CoordinateDescent.solveFullSweeps(p.h, lambda, plain, plainG);
    }
    assertTrue(!allConverged, "full sweeps alone were expected to hit their limit on this design");
  }

  /**
   * Exact steps from a point with the optimum's signs land on the optimum (the KKT conditions hold to rounding);
   * from a point with a wrong sign they lower the objective, keep g = q − H·w, and end at the minimiser with the
   * remaining signs held (g_j = λ·sign(w_j) on the nonzeros), every coordinate that reached zero set exactly to 0.
   */
  @Test
  void exactStepsSolveTheSignedProblem() {
    Problem p = equicorrelated(200, 12, 0.5, 3);
    int d = p.q.length;
    double lambda = 0.05 * CoordinateDescent.lambdaMax(p.q);
    double[] opt = new double[d];
    double[] g = p.q.clone();
    assertTrue(CoordinateDescent.solveFullSweeps(p.h, lambda, opt, g));
    int[] support = Factor.support(opt);
    assertTrue(support.length >= 2, "support " + support.length);
    int[] all = java.util.stream.IntStream.range(0, d).toArray();
    double[] w = opt.clone();
    for (int j : support) {
      w[j] *= 1.2;
    }
    double[] gw = gradient(p.h, p.q, w);
    CoordinateDescent.settle(p.h.data(), lambda, w, gw, all, Double.POSITIVE_INFINITY, Integer.MAX_VALUE);
    for (int j = 0; j < d; j++) {
      assertEquals(opt[j], w[j], 1e-9 * (1 + Math.abs(opt[j])), "column " + j);
    }
    assertKkt(p.h, p.q, lambda, w, "after the exact step");
    double[] v = opt.clone();
    v[support[0]] = -0.5 * opt[support[0]];
    double[] gv = gradient(p.h, p.q, v);
    double before = objective(p.h, p.q, lambda, v);
    CoordinateDescent.settle(p.h.data(), lambda, v, gv, all, Double.POSITIVE_INFINITY, Integer.MAX_VALUE);
    assertTrue(objective(p.h, p.q, lambda, v) < before);
    assertEquals(0.0, v[support[0]], "the wrong-signed coordinate reaches zero first");
    double[] fresh = gradient(p.h, p.q, v);
    for (int j = 0; j < d; j++) {
      assertEquals(fresh[j], gv[j], 1e-12 * (1 + Math.abs(fresh[j])), "g kept up to date, column " + j);
      if (v[j] != 0) {
        assertEquals(lambda * Math.signum(v[j]), fresh[j], 1e-12, "signed minimiser, column " + j);
      }
    }
    // a budget below the factor's k³/3 flops leaves w alone
    double[] u = opt.clone();
    u[support[0]] *= 2;
    double[] before2 = u.clone();
    CoordinateDescent.settle(p.h.data(), lambda, u, gradient(p.h, p.q, u), all, 1, Integer.MAX_VALUE);
    assertArrayEquals(before2, u);
  }

  /** Deleting a column from a Cholesky factor gives a factor of H without that row and column (RᵀR equal to rounding). */
  @Test
  void deleteColumnKeepsTheFactorOfTheRest() {
    Problem p = equicorrelated(100, 9, 0.3, 5);
    int k = 9;
    double[] r = dev.randnla.linalg.Cholesky.of(p.h).r().data();
    for (int drop = 0; drop < k; drop++) {
      double[] out = CoordinateDescent.deleteColumn(r, k, drop);
      Matrix rr = new Matrix(k - 1, k - 1, out);
      Matrix back = rr.transposeTimes(rr);
      for (int a = 0, ia = 0; a < k; a++) {
        if (a == drop) {
          continue;
        }
        for (int b = 0, ib = 0; b < k; b++) {
          if (b == drop) {
            continue;
          }
          assertEquals(p.h.get(a, b), back.get(ia, ib), 1e-14, "drop " + drop + " entry " + a + "," + b);
          ib++;
        }
        assertTrue(rr.get(ia, ia) > 0, "positive diagonal");
        for (int i = ia + 1; i < k - 1; i++) {
          assertEquals(0.0, rr.get(i, ia), "upper triangular");
        }
        ia++;
      }
    }
  }

  private record Problem(Matrix h, double[] q) {}

  /** H = XᵀX/n, q = Xᵀy/n of n rows with equicorrelated columns (correlation rho) and a sparse truth. */
  private static Problem equicorrelated(int n, int d, double rho, long seed) {
    Random rnd = new Random(seed);
    double[] xd = new double[n * d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double common = rnd.nextGaussian();
      for (int j = 0; j < d; j++) {
        xd[i + j * n] = Math.sqrt(rho) * common + Math.sqrt(1 - rho) * rnd.nextGaussian();
        y[i] += j % 5 == 0 ? (j % 2 == 0 ? 1 : -1) * xd[i + j * n] : 0;
      }
      y[i] += 0.1 * rnd.nextGaussian();
    }
    Matrix x = new Matrix(n, d, xd);
    double[] q = x.transposeTimes(y);
    for (int j = 0; j < d; j++) {
      q[j] /= n;
    }
    return new Problem(x.transposeTimes(x).scale(1.0 / n), q);
  }

  /** ½wᵀHw − qᵀw + λ‖w‖₁. */
  private static double objective(Matrix h, double[] q, double lambda, double[] w) {
    double[] hw = h.times(w);
    double f = 0;
    for (int j = 0; j < w.length; j++) {
      f += 0.5 * w[j] * hw[j] - q[j] * w[j] + lambda * Math.abs(w[j]);
    }
    return f;
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
