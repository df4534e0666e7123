package dev.randnla.jobs.regress.sparse;

import dev.randnla.linalg.Matrix;

/**
 * Plain Lasso min (1/2N)‖X·w − y‖² + λ‖w‖₁ (the scaling of glmnet and of MLlib's {@code LinearRegression}
 * without standardization) by coordinate descent on H = XᵀX/N and q = Xᵀy/N from the factor: O(d²) to form
 * them, then O(d) per coordinate visit. The path runs over a fixed λ grid (from the full data's
 * λ_max = ‖Xᵀy‖∞/N), so every cross-validation fold solves the same problems on its training rows.
 */
public final class Lasso {
  private Lasso() {}

  /** λ_max = ‖Xᵀy‖∞/N of the factor's rows. */
  public static double lambdaMax(Factor f) {
    return CoordinateDescent.lambdaMax(f.xty()) / Math.max(1, f.rows());
  }

  /** The coefficients at every λ (decreasing) on the factor's rows; unconverged[0] counts λ that hit the sweep limit. */
  public static double[][] path(Factor f, double[] lambdas, int[] unconverged) {
    double n = Math.max(1, f.rows());
    Matrix h = f.gram().scale(1 / n);
    double[] q = f.xty();
    for (int j = 0; j < q.length; j++) {
      q[j] /= n;
    }
    return CoordinateDescent.path(h, q, lambdas, unconverged);
  }
}
