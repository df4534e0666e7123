package dev.randnla.jobs.regress;

import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.QrDecomposition;
import dev.randnla.linalg.TruncatedInverse;
import dev.randnla.linalg.TsqrKernel;

/**
 * The solution of a least-squares problem from the R factor of its augmented matrix [M b]
 * (R_aug = [[R, z], [0, ρ]], (p+1)×(p+1)): x = R⁺z, and ‖M·x − b‖ = ‖R_aug·[x; −1]‖. The ridge rows
 * √λ·[e_j 0] (j &lt; d) are folded into R_aug by the TSQR kernel, so a ridge problem is solved as the
 * least-squares problem it is, never through MᵀM + λI.
 *
 * @param x the coefficients (length p)
 * @param inverse R⁺ of the (ridge-augmented) R
 * @param residualSquares ‖R_aug·[x; −1]‖² with R_aug before the ridge rows: the data residual of
 *     the problem R_aug factors (exact for TSQR, the sketched residual for a sketch)
 */
record AugmentedFactor(double[] x, TruncatedInverse inverse, double residualSquares) {

  /**
   * @param rAug R of [M b] ((p+1)×(p+1), upper triangular; not modified)
   * @param rcond the rank tolerance of {@link TruncatedInverse}
   */
  static AugmentedFactor solve(Matrix rAug, Design design, double rcond) {
    return solve(rAug, design, rcond, false);
  }

  /**
   * @param ridgeFolded the ridge is already in rAug (the Cholesky factor of AᵀA + λP from
   *     {@link GramFactor}): not folded again
   */
  static AugmentedFactor solve(Matrix rAug, Design design, double rcond, boolean ridgeFolded) {
    int p = design.p();
    int w = p + 1;
    if (rAug.rows() != w || rAug.cols() != w) {
      throw new IllegalArgumentException("R_aug must be " + w + "x" + w + ": " + rAug.rows() + "x" + rAug.cols());
    }
    double[] r = rAug.data().clone();
    if (!ridgeFolded) {
      foldRidge(r, w, design);
    }
    Matrix rr = Matrix.zeros(p, p);
    double[] z = new double[p];
    for (int j = 0; j < p; j++) {
      for (int i = 0; i <= j; i++) {
        rr.set(i, j, r[i + j * w]);
      }
      z[j] = r[j + p * w];
    }
    TruncatedInverse inv = TruncatedInverse.of(rr, rcond);
    double[] x = inv.solve(z);
    return new AugmentedFactor(x, inv, residualSquares(rAug, x));
  }

  /** R⁺ of R(S·M) with the ridge rows folded in: the preconditioner of a sketch of M alone. */
  static TruncatedInverse sketchInverse(Matrix sketchedM, Design design, double rcond) {
    int p = design.p();
    Matrix r = QrDecomposition.rOnly(sketchedM);
    double[] data = r.data().clone();
    foldRidge(data, p, design);
    return TruncatedInverse.of(new Matrix(p, p, data), rcond);
  }

  /**
   * Folds the ridge rows √λ·e_jᵀ (j &lt; d; zero in the intercept and label columns) into the
   * upper-triangular w×w factor r (column-major, modified).
   */
  static void foldRidge(double[] r, int w, Design design) {
    if (design.ridge() > 0 && design.d() > 0) {
      int d = design.d();
      double[] block = new double[d * w];
      double s = Math.sqrt(design.ridge());
      for (int j = 0; j < d; j++) {
        block[j + j * d] = s;
      }
      TsqrKernel.update(r, w, block, d, d);
      TsqrKernel.normalizeSigns(r, w);
    }
  }

  /** ‖R_aug·[x; −1]‖². */
  static double residualSquares(Matrix rAug, double[] x) {
    return new dev.randnla.jobs.regress.sparse.Factor(rAug, 0).squares(x);
  }
}
