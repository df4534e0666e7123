package dev.randnla.jobs.regress.sparse;

import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.QrDecomposition;
import dev.randnla.linalg.TruncatedInverse;

/**
 * The upper-triangular factor R of [X y] ((d+1)×(d+1)) of a group of rows: ‖X·w − y‖² = ‖R·[w; −1]‖²
 * exactly (RᵀR = [X y]ᵀ[X y]), so every sparse solver works on R alone and evaluates residuals without
 * the cancellation of the Gram form.
 *
 * @param r the factor (not modified)
 * @param rows rows behind it (Σ weights with a weight column)
 * @param augmentedGram [X y]ᵀ[X y] as the pass summed it, when R is its Cholesky factor (sparse rows), else
 *     null: then {@link #gram()} and {@link #xty()} read it instead of forming RᵀR again (d³ flops a factor)
 */
public record Factor(Matrix r, double rows, Matrix augmentedGram) implements Residual {
  /** A factor from a QR (no Gram behind it). */
  public Factor(Matrix r, double rows) {
    this(r, rows, null);
  }

  /** Columns d of X. */
  public int d() {
    return r.cols() - 1;
  }

  @Override
  public double squares(double[] w) {
    int d = d();
    double total = 0;
    for (int i = 0; i <= d; i++) {
      double s = -r.get(i, d);
      for (int j = i; j < d; j++) {
        s += r.get(i, j) * w[j];
      }
      total += s * s;
    }
    return total;
  }

  /** XᵀX (d×d): the pass's Gram when there is one, else R_Xᵀ·R_X. */
  public Matrix gram() {
    int d = d();
    if (augmentedGram != null) {
      double[] out = new double[d * d];
      for (int j = 0; j < d; j++) {
        System.arraycopy(augmentedGram.data(), j * (d + 1), out, j * d, d);
      }
      return new Matrix(d, d, out);
    }
    Matrix rx = r.leadingColumns(d);
    return rx.transposeTimes(rx);
  }

  /** Xᵀy: from the pass's Gram when there is one, else R_Xᵀ·R[:, d]. */
  public double[] xty() {
    if (augmentedGram != null) {
      return java.util.Arrays.copyOf(augmentedGram.column(d()), d());
    }
    return r.leadingColumns(d()).transposeTimes(r.column(d()));
  }

  /** ‖X e_j‖ for every j: the column norms of R_X. */
  public double[] columnNorms() {
    int d = d();
    double[] out = new double[d];
    for (int j = 0; j < d; j++) {
      double s = 0;
      for (int i = 0; i <= j; i++) {
        s += r.get(i, j) * r.get(i, j);
      }
      out[j] = Math.sqrt(s);
    }
    return out;
  }

  /** The d×d R_X and z = first d entries of R[:, d], so that ‖X·w − y‖² = ‖R_X·w − z‖² + ρ². */
  public Matrix rx() {
    int d = d();
    double[] out = new double[d * d];
    for (int j = 0; j < d; j++) {
      System.arraycopy(r.data(), j * (d + 1), out, j * d, d);
    }
    return new Matrix(d, d, out);
  }

  /** The first d entries of R[:, d]. */
  public double[] z() {
    return java.util.Arrays.copyOf(r.column(d()), d());
  }

  /** The factor of the stacked rows of several factors (the QR of [R₁; R₂; …], in the given order). */
  public static Factor stack(java.util.List<Factor> parts) {
    int w = parts.get(0).r().cols();
    double[] data = new double[parts.size() * w * w];
    int m = parts.size() * w;
    double rows = 0;
    for (int p = 0; p < parts.size(); p++) {
      Matrix part = parts.get(p).r();
      for (int j = 0; j < w; j++) {
        for (int i = 0; i < w; i++) {
          data[p * w + i + j * m] = part.get(i, j);
        }
      }
      rows += parts.get(p).rows();
    }
    return new Factor(QrDecomposition.rOnly(new Matrix(m, w, data)), rows);
  }

  /**
   * Least squares on the columns {@code support} alone (the refit of a selected support): the R of
   * [R[:, S] R[:, d]] gives the coefficients, their (RᵀR)⁻¹ for standard errors, and the residual.
   *
   * @param rcond rank tolerance of the support's factor (minimum-norm solution below it)
   */
  public Refit refit(int[] support, double rcond) {
    int d = d();
    int s = support.length;
    int w = d + 1;
    double[] data = new double[w * (s + 1)];
    for (int k = 0; k <= s; k++) {
      int col = k < s ? support[k] : d;
      for (int i = 0; i <= Math.min(col, d); i++) {
        data[i + k * w] = r.get(i, col);
      }
    }
    Matrix rs = QrDecomposition.rOnly(new Matrix(w, s + 1, data));
    double[] coef = new double[d];
    if (s == 0) {
      return new Refit(support, coef, null, squares(coef));
    }
    // rs is the factor of [X_S y]: the same split into R_S and z
    Factor sub = new Factor(rs, rows);
    TruncatedInverse inv = TruncatedInverse.of(sub.rx(), rcond);
    double[] x = inv.solve(sub.z());
    for (int k = 0; k < s; k++) {
      coef[support[k]] = x[k];
    }
    return new Refit(support, coef, inv, squares(coef));
  }

  /**
   * A least-squares fit restricted to a support.
   *
   * @param support the columns, increasing
   * @param coefficients d entries, zero off the support
   * @param inverse R⁺ of the support's factor (null for the empty support)
   * @param residualSquares ‖X·w − y‖² of the fit on the factor's rows
   */
  public record Refit(int[] support, double[] coefficients, TruncatedInverse inverse, double residualSquares) {
    /** Rank of X restricted to the support. */
    public int rank() {
      return inverse == null ? 0 : inverse.rank();
    }
  }

  /** The indices of the nonzero entries of w, increasing. */
  public static int[] support(double[] w) {
    return java.util.stream.IntStream.range(0, w.length).filter(j -> w[j] != 0).toArray();
  }
}
