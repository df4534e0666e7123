package dev.randnla.jobs.regress.sparse;

import dev.randnla.linalg.Matrix;

/**
 * An unpenalised intercept c, profiled out of a factor of [X 1 y] (regress lays a row out as
 * [aᵢ 1 bᵢ]: the ones column at index d). Re-factoring with the columns in the order [1 X y] gives
 * R' = [[ρ, gᵀ, h], [0, R_c]], so for every w
 *
 * <pre>
 *   ‖X·w + c·1 − y‖² = (ρ·c + gᵀw − h)² + ‖R_c·[w; −1]‖²,
 * </pre>
 *
 * the best intercept is c(w) = (h − gᵀw)/ρ (= ȳ − x̄ᵀw, weighted means with a weight column) and R_c is
 * the factor of the centred [X y]. Every sparse solver then runs on R_c unchanged — the intercept is
 * never penalised — and the held-out rows of a fold are scored with the intercept of their training
 * rows ({@link #append}). Centring is done by orthogonal transformations of the (d+2)-wide factor,
 * never by subtracting means from the rows (sparse rows stay sparse in the pass).
 *
 * @param centred R_c, the factor of the centred [X y] ((d+1)×(d+1)), on the same rows
 * @param rho ρ, the norm of the ones column (√rows, or √Σwᵢ)
 * @param g gᵀ: Σᵢ xᵢ/ρ over the rows (d entries)
 * @param h Σᵢ yᵢ/ρ
 */
public record Intercept(Factor centred, double rho, double[] g, double h) {
  /**
   * Profiles the intercept out of a factor of [X 1 y] ((d+2)×(d+2); not modified) in O(d²): moving the ones column
   * to the front leaves R's other columns strictly above the diagonal, so d Givens rotations of neighbouring
   * rows, from the bottom up, zero the first column below its top entry and make the matrix upper triangular
   * again (each touches the first column and the columns right of the pair). A factor that carries its Gram
   * G (sparse rows) gives the centred one too, G_[X y] − v·vᵀ with v = (g, h) — the identity R'ᵀR' = G in
   * the new column order — so the solvers read it instead of forming R_cᵀR_c.
   */
  public static Intercept profile(Factor withOnes) {
    Matrix r = withOnes.r();
    int w = r.cols();
    int d = w - 2;
    double[] m = new double[w * w];
    // column order [1 X y]: the ones column (index d) first
    System.arraycopy(r.data(), d * w, m, 0, w);
    System.arraycopy(r.data(), 0, m, w, d * w);
    System.arraycopy(r.data(), (d + 1) * w, m, (d + 1) * w, w);
    for (int i = d; i >= 1; i--) {
      double a = m[i - 1];
      double b = m[i];
      if (b == 0) {
        continue;
      }
      double h = Math.hypot(a, b);
      double c = a / h;
      double s = b / h;
      m[i - 1] = h;
      m[i] = 0;
      for (int k = i; k < w; k++) {
        double x = m[i - 1 + k * w];
        double y = m[i + k * w];
        m[i - 1 + k * w] = c * x + s * y;
        m[i + k * w] = c * y - s * x;
      }
    }
    dev.randnla.linalg.TsqrKernel.normalizeSigns(m, w);
    int v = d + 1;
    double[] centred = new double[v * v];
    for (int j = 0; j < v; j++) {
      System.arraycopy(m, (j + 1) * w + 1, centred, j * v, v);
    }
    double[] g = new double[d];
    for (int j = 0; j < d; j++) {
      g[j] = m[(j + 1) * w];
    }
    double h = m[(d + 1) * w];
    return new Intercept(new Factor(new Matrix(v, v, centred), withOnes.rows(), centredGram(withOnes, g, h)), m[0], g,
        h);
  }

  /** G_[X y] − v·vᵀ, v = (g, h): the Gram of the centred [X y] from the factor's Gram of [X 1 y], or null without one. */
  private static Matrix centredGram(Factor withOnes, double[] g, double h) {
    Matrix gram = withOnes.augmentedGram();
    if (gram == null) {
      return null;
    }
    int d = g.length;
    int v = d + 1;
    double[] out = new double[v * v];
    for (int j = 0; j < v; j++) {
      int src = j < d ? j : d + 1;
      double vj = j < d ? g[j] : h;
      for (int i = 0; i < v; i++) {
        double vi = i < d ? g[i] : h;
        out[i + j * v] = gram.get(i < d ? i : d + 1, src) - vi * vj;
      }
    }
    return new Matrix(v, v, out);
  }

  /** The best intercept for w: (h − gᵀw)/ρ; 0 for a factor without rows (ρ = 0). */
  public double of(double[] w) {
    if (rho == 0) {
      return 0;
    }
    double s = h;
    for (int j = 0; j < g.length; j++) {
      s -= g[j] * w[j];
    }
    return s / rho;
  }

  /** [w; c(w)]: the coefficients of [X 1], as the factors and Grams of un-centred rows take them. */
  public double[] append(double[] w) {
    double[] out = java.util.Arrays.copyOf(w, w.length + 1);
    out[w.length] = of(w);
    return out;
  }
}
