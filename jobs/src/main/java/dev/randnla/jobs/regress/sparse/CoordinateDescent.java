package dev.randnla.jobs.regress.sparse;

import dev.randnla.linalg.Matrix;

/**
 * Cyclic coordinate descent for min ½·wᵀHw − qᵀw + λ‖w‖₁ (H symmetric positive semidefinite, d×d): each
 * coordinate is set to its exact minimiser S(ρ_j, λ)/H_jj with ρ_j = q_j − Σ_{k≠j} H_jk w_k and S the soft
 * threshold. The gradient part g = q − H·w is kept up to date, so a sweep costs O(d) plus O(d) per coordinate
 * that moves: zero coordinates that stay zero are one comparison. Warm starts (the previous λ of a path) make
 * most sweeps cheap. Converges for any PSD H; the number of sweeps grows with the conditioning of H on the
 * active set, which is why an ill-conditioned design needs many (and why the preconditioned Lasso helps).
 */
public final class CoordinateDescent {
  /** Sweeps per λ before giving up (reported as unconverged). */
  public static final int MAX_SWEEPS = 2000;
  /** Stop when no coordinate moved by more than this times the largest |w_j|·√H_jj. */
  public static final double TOL = 1e-10;

  private CoordinateDescent() {}

  /**
   * Minimises from the given w (modified) with g = q − H·w (modified; pass q − H·w of the start).
   *
   * @return true when it converged within {@link #MAX_SWEEPS}
   */
  public static boolean solve(Matrix h, double lambda, double[] w, double[] g) {
    int d = w.length;
    double[] hd = h.data();
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double moved = 0;
      double size = 0;
      for (int j = 0; j < d; j++) {
        double hjj = hd[j + j * d];
        if (!(hjj > 0)) {
          continue;
        }
        double rho = g[j] + hjj * w[j];
        double next = soft(rho, lambda) / hjj;
        double delta = next - w[j];
        if (delta != 0) {
          w[j] = next;
          int off = j * d;
          for (int i = 0; i < d; i++) {
            g[i] -= delta * hd[off + i];
          }
          moved = Math.max(moved, Math.abs(delta) * Math.sqrt(hjj));
        }
        size = Math.max(size, Math.abs(w[j]) * Math.sqrt(hjj));
      }
      if (moved <= TOL * size) {
        return true;
      }
    }
    return false;
  }

  /** sign(x)·max(|x| − t, 0). */
  static double soft(double x, double t) {
    return x > t ? x - t : x < -t ? x + t : 0.0;
  }

  /**
   * The warm-started path over decreasing λ: one coefficient vector per λ.
   *
   * @param unconverged receives, in its first entry, how many λ hit {@link #MAX_SWEEPS}
   */
  public static double[][] path(Matrix h, double[] q, double[] lambdas, int[] unconverged) {
    int d = q.length;
    double[] w = new double[d];
    double[] g = q.clone();
    double[][] out = new double[lambdas.length][];
    for (int i = 0; i < lambdas.length; i++) {
      if (!solve(h, lambdas[i], w, g)) {
        unconverged[0]++;
      }
      out[i] = w.clone();
    }
    return out;
  }

  /** λ_max·ratio^(i/(count−1)) for i = 0..count−1: a geometric grid from λ_max down to λ_max·ratio. */
  public static double[] grid(double lambdaMax, double ratio, int count) {
    double[] out = new double[count];
    for (int i = 0; i < count; i++) {
      out[i] = count == 1 ? lambdaMax : lambdaMax * Math.pow(ratio, (double) i / (count - 1));
    }
    return out;
  }

  /** ‖q‖∞: the smallest λ at which w = 0 is optimal. */
  public static double lambdaMax(double[] q) {
    return java.util.Arrays.stream(q).map(Math::abs).max().orElse(0);
  }
}
