package dev.randnla.jobs.regress.sparse;

/**
 * Orthogonal matching pursuit (forward stepwise selection by correlation) on the factor: at each step the
 * column most correlated with the current residual, |x_jᵀr|/‖x_j‖ (computed as R[:, j]·(R[:, d] − R_X·w),
 * exact since RᵀR = [X y]ᵀ[X y]), joins the support and the coefficients are refitted by least squares on it.
 * A column that adds no rank to the support (refit rank below the support size) is dropped and never tried
 * again. Cost per step: O(d²) for the correlations plus O(d·k²) for the refit.
 */
public final class ForwardStepwise {
  private ForwardStepwise() {}

  /**
   * The fits after 1, 2, …, steps selections (fewer when the residual is orthogonal to every column left).
   *
   * @param rcond rank tolerance of the refits
   */
  public static double[][] path(Factor f, int steps, double rcond) {
    int d = f.d();
    double[] norms = f.columnNorms();
    boolean[] used = new boolean[d];
    int[] support = new int[0];
    double[] w = new double[d];
    java.util.List<double[]> out = new java.util.ArrayList<>();
    double yNorm = Math.sqrt(f.squares(w));
    while (out.size() < steps) {
      double[] e = residual(f, w);
      int best = -1;
      double bestCorr = 0;
      for (int j = 0; j < d; j++) {
        if (used[j] || !(norms[j] > 0)) {
          continue;
        }
        double c = 0;
        for (int i = 0; i <= j; i++) {
          c += f.r().get(i, j) * e[i];
        }
        c = Math.abs(c) / norms[j];
        if (c > bestCorr) {
          bestCorr = c;
          best = j;
        }
      }
      if (best < 0 || bestCorr <= 1e-15 * yNorm) {
        break;
      }
      used[best] = true;
      int[] next = java.util.Arrays.copyOf(support, support.length + 1);
      next[support.length] = best;
      java.util.Arrays.sort(next);
      Factor.Refit refit = f.refit(next, rcond);
      if (refit.rank() < next.length) {
        continue; // dependent on the support: leave it out
      }
      support = next;
      w = refit.coefficients();
      out.add(w);
    }
    return out.toArray(new double[0][]);
  }

  /** R·[w; −1] negated: R[:, d] − R_X·w (d+1 entries). */
  private static double[] residual(Factor f, double[] w) {
    int d = f.d();
    double[] e = new double[d + 1];
    for (int i = 0; i <= d; i++) {
      double s = f.r().get(i, d);
      for (int j = i; j < d; j++) {
        s -= f.r().get(i, j) * w[j];
      }
      e[i] = s;
    }
    return e;
  }
}
