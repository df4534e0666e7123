package dev.randnla.jobs.regress.sparse;

import dev.randnla.linalg.Cholesky;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.Triangular;

/**
 * Cyclic coordinate descent for min ½·wᵀHw − qᵀw + λ‖w‖₁ (H symmetric positive semidefinite, d×d): each
 * coordinate is set to its exact minimiser S(ρ_j, λ)/H_jj with ρ_j = q_j − Σ_{k≠j} H_jk w_k and S the soft
 * threshold. The gradient part g = q − H·w is kept up to date by one column axpy per coordinate that moves
 * (the covariance form of glmnet), and three devices bring the work per sweep from d towards the support's
 * size: warm starts along a decreasing λ path; the sequential strong rule, which leaves out of the working
 * set every zero coordinate with |g_j| &lt; 2λ − λ_previous (at the previous λ's solution); and active-set
 * iteration: after a sweep of the working set, its nonzero coordinates alone are swept until they settle (at
 * most {@link #ROUNDS} times in a row); when they do not, the problem on them with their signs held, a
 * quadratic, is solved exactly instead ({@link #settle}: one Cholesky of H on those coordinates, each step cut
 * where a coordinate reaches zero, which then leaves the set and the factor), when the sweeps still to go at
 * the observed rate would cost more than the factor; then the working set is swept again, and only then g
 * brought up to date outside it. Cyclic sweeps converge at a rate set by the conditioning of H on the active
 * set (thousands of sweeps on correlated pixels); the exact steps do not depend on it. They are not tried where
 * H on the set is not numerically positive definite (nor again at this λ on a set as large: a rank-deficient
 * H, as the preconditioned Lasso's projector). A working
 * set of at most d/2 coordinates is swept on a contiguous copy of its block of H, g updated on it alone
 * (O(|working set|) per move instead of O(d)); a larger one in place (copying would cost more than it saves).
 *
 * <p>The answer is the plain full-sweep one: the solver stops only after a sweep over all d coordinates
 * (with the exact g) in which no coordinate moved by more than {@link #TOL} times the largest |w_j|·√H_jj,
 * the same test on the same quantity as sweeping everything every time. That sweep is the check of the
 * Lasso's KKT conditions: a screened coordinate that should be nonzero moves in it and joins the working
 * set. Converges for any PSD H: every sweep and every exact step lowers the objective.
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
    // exact steps are not tried again on as many nonzeros as one that was skipped (H singular on them, typically)
    int failedAt = Integer.MAX_VALUE;
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
        // iterate on the nonzero coordinates alone until they settle; where they do not within ROUNDS sweeps (a
        // correlated set), solve on them with their signs held instead (exact steps), then sweep the working set
        int[] active = nonzero(visit, ws);
        double before = Double.NaN;
        double last = Double.NaN;
        for (int inner = 0; inner < ROUNDS && sweeps < MAX_SWEEPS && !(last <= TOL); inner++) {
          sweeps++;
          before = last;
          last = move(hs, lambda, ws, gs, active);
        }
        if (!(last <= TOL) && active.length < failedAt) {
          // the sweeps still to go at the rate of the last two, each |active|·m flops, against k³/3 for the factor
          double rate = last / before;
          double toGo = rate < 1 ? Math.log(TOL / last) / Math.log(rate) : Double.POSITIVE_INFINITY;
          failedAt = settle(hs, lambda, ws, gs, visit, toGo * active.length * ws.length, failedAt);
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
    return move(hd, lambda, w, g, visit) <= TOL;
  }

  /** {@link #sweep}, returning the largest move |δ_j|·√H_jj over max |w_j|·√H_jj (0 when nothing is nonzero). */
  private static double move(double[] hd, double lambda, double[] w, double[] g, int[] visit) {
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
    return moved == 0 ? 0 : moved / size;
  }

  /**
   * Exact steps on the nonzero coordinates A among {@code visit}: with the signs s of w on A held fixed, the
   * objective is the quadratic ½wᵀHw − qᵀw + λsᵀw on A, minimised by w_A + δ with H_AA·δ = g_A − λs (g = q − Hw).
   * Each step goes as far towards that minimiser as keeps every sign: to the first coordinate that reaches zero,
   * which is set to exactly zero and leaves A (its column is deleted from the Cholesky factor of H_AA by Givens
   * rotations, O(|A|²), and the next step solved), or all the way. The objective falls all along each step;
   * a step whose change of the objective, computed from the δ actually obtained, is not negative (an inaccurate
   * solve) is not taken. Nothing is done when the factor costs more than the sweeps it would save
   * ({@code budget} flops) or when H_AA is not numerically positive definite.
   *
   * @param failedAt the fewest nonzeros on which H_AA was found not positive definite so far
   * @return the same, lowered to |A| when that happens now
   */
  static int settle(double[] hd, double lambda, double[] w, double[] g, int[] visit, double budget, int failedAt) {
    int m = w.length;
    int[] active = nonzero(visit, w);
    int k = active.length;
    if (k == 0 || (double) k * k * k / 3 > budget) {
      return failedAt;
    }
    Cholesky chol = Cholesky.of(new Matrix(k, k, block(hd, m, active)));
    if (!chol.succeeded()) {
      return Math.min(failedAt, k);
    }
    double[] r = chol.r().data();
    while (k > 0) {
      double[] rhs = new double[k];
      for (int a = 0; a < k; a++) {
        rhs[a] = g[active[a]] - Math.copySign(lambda, w[active[a]]);
      }
      Matrix factor = new Matrix(k, k, r);
      double[] delta = Triangular.solveUpper(factor, Triangular.solveUpperTranspose(factor, rhs));
      double t = 1;
      int crossing = -1;
      for (int a = 0; a < k; a++) {
        double wa = w[active[a]];
        if (wa * (wa + delta[a]) <= 0 && -wa / delta[a] < t) {
          t = -wa / delta[a];
          crossing = a;
        }
      }
      // the change of the objective along tδ: −t·δᵀr + ½t²·δᵀH_AAδ
      double dr = 0;
      double dhd = 0;
      for (int a = 0; a < k; a++) {
        double hDelta = 0;
        for (int b = 0, off = active[a] * m; b < k; b++) {
          hDelta += hd[off + active[b]] * delta[b];
        }
        dr += delta[a] * rhs[a];
        dhd += delta[a] * hDelta;
      }
      if (!(t > 0 && -t * dr + 0.5 * t * t * dhd < 0)) {
        return failedAt;
      }
      for (int a = 0; a < k; a++) {
        int j = active[a];
        double next = a == crossing ? 0.0 : w[j] + t * delta[a];
        double moved = next - w[j];
        w[j] = next;
        for (int i = 0, off = j * m; i < m; i++) {
          g[i] -= moved * hd[off + i];
        }
      }
      if (crossing < 0) {
        return failedAt;
      }
      r = deleteColumn(r, k, crossing);
      int[] rest = new int[k - 1];
      System.arraycopy(active, 0, rest, 0, crossing);
      System.arraycopy(active, crossing + 1, rest, crossing, k - 1 - crossing);
      active = rest;
      k--;
    }
    return failedAt;
  }

  /**
   * The Cholesky factor of H with row and column p removed, from the k×k upper-triangular factor R of H (column
   * major): R without column p is upper Hessenberg from column p on; Givens rotations of rows (j, j+1), j ≥ p,
   * make it triangular again (an orthogonal change from the left, so RᵀR is unchanged). O(k²).
   */
  static double[] deleteColumn(double[] r, int k, int p) {
    int n = k - 1;
    double[] h = new double[k * n];
    for (int j = 0, src = 0; j < n; j++, src++) {
      if (src == p) {
        src++;
      }
      System.arraycopy(r, src * k, h, j * k, k);
    }
    for (int j = p; j < n; j++) {
      double a = h[j + j * k];
      double b = h[j + 1 + j * k];
      double rho = Math.hypot(a, b);
      if (rho == 0) {
        continue;
      }
      double c = a / rho;
      double s = b / rho;
      for (int col = j; col < n; col++) {
        double x = h[j + col * k];
        double y = h[j + 1 + col * k];
        h[j + col * k] = c * x + s * y;
        h[j + 1 + col * k] = -s * x + c * y;
      }
      h[j + 1 + j * k] = 0;
    }
    double[] out = new double[n * n];
    for (int j = 0; j < n; j++) {
      System.arraycopy(h, j * k, out, j * n, j + 1);
    }
    return out;
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
