package dev.randnla.jobs.regress.sparse;

import dev.randnla.linalg.Matrix;

/**
 * Cyclic coordinate descent for min ½·wᵀHw − qᵀw + λ‖w‖₁ (H symmetric positive semidefinite, d×d): each
 * coordinate is set to its exact minimiser S(ρ_j, λ)/H_jj with ρ_j = q_j − Σ_{k≠j} H_jk w_k and S the soft
 * threshold. The gradient part g = q − H·w is kept up to date by one column axpy per coordinate that moves
 * (the covariance form of glmnet), and three devices bring the work per sweep from d towards the support's
 * size: warm starts along a decreasing λ path; the sequential strong rule, which leaves out of the working
 * set every zero coordinate with |g_j| &lt; 2λ − λ_previous (at the previous λ's solution); and active-set
 * iteration, which sweeps only the working set's nonzero coordinates until they settle (at most {@link #ROUNDS}
 * times in a row), sweeps the working set again, and only then brings g up to date outside it. A working
 * set of at most d/2 coordinates is swept on a contiguous copy of its block of H, g updated on it alone
 * (O(|working set|) per move instead of O(d)); a larger one in place (copying would cost more than it saves).
 *
 * <p>The answer is the plain full-sweep one: the solver stops only after a sweep over all d coordinates
 * (with the exact g) in which no coordinate moved by more than {@link #TOL} times the largest |w_j|·√H_jj,
 * the same test on the same quantity as sweeping everything every time. That sweep is the check of the
 * Lasso's KKT conditions: a screened coordinate that should be nonzero moves in it and joins the working
 * set. Converges for any PSD H; the number of sweeps grows with the conditioning of H on the active set,
 * which is why an ill-conditioned design needs many (and why the preconditioned Lasso helps).
 */
public final class CoordinateDescent {
  /**
   * Sweeps per λ before giving up (reported as unconverged): every sweep counts one, whether it visits the
   * active set, the working set or all d coordinates.
   */
  public static final int MAX_SWEEPS = 2000;
  /** Stop when no coordinate moved by more than this times the largest |w_j|·√H_jj in a sweep over all d. */
  public static final double TOL = 1e-10;
  /** At most this many sweeps of the active set per sweep of the working set, and as many of those per full sweep. */
  static final int ROUNDS = 10;

  private CoordinateDescent() {}

  /**
   * Minimises from the given w (modified) with g = q − H·w (modified; pass q − H·w of the start), screening
   * by the strong rule against the previous λ of a path ({@code previous} = λ for a cold start).
   *
   * @return true when it converged within {@link #MAX_SWEEPS}
   */
  public static boolean solve(Matrix h, double lambda, double previous, double[] w, double[] g) {
    int d = w.length;
    double[] hd = h.data();
    double cut = 2 * lambda - previous;
    boolean[] working = new boolean[d];
    for (int j = 0; j < d; j++) {
      working[j] = hd[j + j * d] > 0 && (w[j] != 0 || Math.abs(g[j]) >= cut);
    }
    int sweeps = 0;
    int[] set = null;
    double[] block = null;
    while (sweeps < MAX_SWEEPS) {
      // a working set of at most half the columns is copied out (its block of H, w and g, contiguous), so that a
      // move costs one axpy of its length; a larger one is swept in place, keeping all of g up to date
      int[] next = indices(d, working);
      boolean copy = 2 * next.length <= d;
      if (copy && !java.util.Arrays.equals(next, set)) {
        block = block(hd, d, next);
      }
      set = next;
      int m = set.length;
      double[] hs = copy ? block : hd;
      double[] ws = copy ? gather(w, set) : w;
      double[] gs = copy ? gather(g, set) : g;
      int[] visit = copy ? indices(m, null) : set;
      // a bounded number of rounds, so that coordinates outside the active or the working set can enter even
      // while the inner iterations have not met the tolerance
      for (int round = 0; round < ROUNDS && sweeps < MAX_SWEEPS; round++) {
        sweeps++;
        if (sweep(hs, lambda, ws, gs, visit)) {
          break;
        }
        // iterate on the nonzero coordinates alone until they settle, then sweep the working set again
        int[] active = nonzero(visit, ws);
        for (int inner = 0; inner < ROUNDS && sweeps < MAX_SWEEPS; inner++) {
          sweeps++;
          if (sweep(hs, lambda, ws, gs, active)) {
            break;
          }
        }
      }
      // back into w and g, g brought up to date outside the set; then every coordinate (the KKT conditions)
      for (int a = 0; copy && a < m; a++) {
        int k = set[a];
        double delta = ws[a] - w[k];
        g[k] = gs[a];
        w[k] = ws[a];
        if (delta != 0) {
          for (int i = 0, off = k * d; i < d; i++) {
            if (!working[i]) {
              g[i] -= delta * hd[off + i];
            }
          }
        }
      }
      if (sweeps >= MAX_SWEEPS) {
        return false;
      }
      sweeps++;
      if (sweep(hd, lambda, w, g, indices(d, null))) {
        return true;
      }
      for (int j = 0; j < d; j++) {
        working[j] |= w[j] != 0;
      }
    }
    return false;
  }

  /**
   * Plain cyclic coordinate descent, every coordinate in every sweep (the reference the screened solver must
   * agree with; same arguments as {@link #solve}).
   */
  static boolean solveFullSweeps(Matrix h, double lambda, double[] w, double[] g) {
    int[] all = indices(w.length, null);
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      if (sweep(h.data(), lambda, w, g, all)) {
        return true;
      }
    }
    return false;
  }

  /**
   * One sweep over the coordinates {@code visit} of the problem with the m×m quadratic form {@code hd} (column
   * major, m = w.length), keeping all of g up to date.
   *
   * @return whether no coordinate moved by more than {@link #TOL}·max |w_j|·√H_jj (over the visited ones)
   */
  private static boolean sweep(double[] hd, double lambda, double[] w, double[] g, int[] visit) {
    int m = w.length;
    double moved = 0;
    double size = 0;
    for (int j : visit) {
      double hjj = hd[j + j * m];
      if (!(hjj > 0)) {
        continue;
      }
      double next = soft(g[j] + hjj * w[j], lambda) / hjj;
      double delta = next - w[j];
      if (delta != 0) {
        w[j] = next;
        for (int i = 0, off = j * m; i < m; i++) {
          g[i] -= delta * hd[off + i];
        }
        moved = Math.max(moved, Math.abs(delta) * Math.sqrt(hjj));
      }
      size = Math.max(size, Math.abs(w[j]) * Math.sqrt(hjj));
    }
    return moved <= TOL * size;
  }

  /** H[set, set] (column major) of the d×d hd. */
  private static double[] block(double[] hd, int d, int[] set) {
    int m = set.length;
    double[] out = new double[m * m];
    for (int a = 0; a < m; a++) {
      for (int b = 0; b < m; b++) {
        out[b + a * m] = hd[set[b] + set[a] * d];
      }
    }
    return out;
  }

  /** v[set]. */
  private static double[] gather(double[] v, int[] set) {
    double[] out = new double[set.length];
    for (int a = 0; a < set.length; a++) {
      out[a] = v[set[a]];
    }
    return out;
  }

  /** The j with mask[j] (every j for a null mask), increasing. */
  private static int[] indices(int d, boolean[] mask) {
    return java.util.stream.IntStream.range(0, d).filter(j -> mask == null || mask[j]).toArray();
  }

  /** The entries j of {@code set} with w_j ≠ 0. */
  private static int[] nonzero(int[] set, double[] w) {
    return java.util.Arrays.stream(set).filter(j -> w[j] != 0).toArray();
  }

  /** sign(x)·max(|x| − t, 0). */
  static double soft(double x, double t) {
    return x > t ? x - t : x < -t ? x + t : 0.0;
  }

  /**
   * The warm-started path over decreasing λ: one coefficient vector per λ, each screened against the one before.
   *
   * @param unconverged receives, in its first entry, how many λ hit {@link #MAX_SWEEPS}
   */
  public static double[][] path(Matrix h, double[] q, double[] lambdas, int[] unconverged) {
    int d = q.length;
    double[] w = new double[d];
    double[] g = q.clone();
    double[][] out = new double[lambdas.length][];
    for (int i = 0; i < lambdas.length; i++) {
      if (!solve(h, lambdas[i], i == 0 ? lambdas[i] : lambdas[i - 1], w, g)) {
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
