package dev.randnla.jobs.regress.sparse;

import dev.randnla.linalg.Matrix;

/**
 * ‖X·w − y‖² = wᵀ(XᵀX)w − 2wᵀXᵀy + yᵀy from the Gram of [X y] ((d+1)×(d+1)): the held-out error of a fold
 * of sparse rows, whose Gram may be singular (fewer rows than columns) and so has no Cholesky factor.
 * Loses the digits of ‖y‖² that the residual does not have (absolute error ≈ u·‖y‖²); clamped at 0.
 */
public record GramResidual(Matrix gram, double rows) implements Residual {
  @Override
  public double squares(double[] w) {
    int d = gram.cols() - 1;
    double quad = 0;
    double lin = 0;
    for (int j = 0; j < d; j++) {
      if (w[j] == 0) {
        continue;
      }
      double s = 0;
      for (int i = 0; i < d; i++) {
        s += gram.get(i, j) * w[i];
      }
      quad += w[j] * s;
      lin += w[j] * gram.get(j, d);
    }
    return Math.max(0, quad - 2 * lin + gram.get(d, d));
  }
}
