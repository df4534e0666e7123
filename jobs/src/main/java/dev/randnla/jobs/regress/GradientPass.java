package dev.randnla.jobs.regress;

import dev.randnla.io.MatrixRow;
import dev.randnla.linalg.Compensated;

/**
 * One pass of an iterative solver: at the current x, the exact gradient g = Mᵀ(b − M·x) and the
 * residual sum of squares ‖b − M·x‖², both accumulated in double-double ({@link Compensated}); and,
 * for a search direction z, the operator product Mᵀ(M·z), also in double-double. Only p-vectors
 * leave the tasks. The accuracy (≈ u² relative to the terms rather than u) is what lets the
 * iteration refine past the κ·u accuracy of a backward-stable direct solve: near the solution the
 * gradient's components along M's small singular directions are ≈ κ⁻² times the others, and the
 * preconditioner (RᵀR)⁻¹ amplifies them back by κ², so rounding them to double (relative u) would
 * leave nothing to refine once κ²·u ≥ 1.
 *
 * <p>Row weights wᵢ ({@code --weight-col}) enter as g = Σ mᵢ·wᵢ(bᵢ − mᵢ·x), ‖·‖² = Σ wᵢ(bᵢ − mᵢ·x)² and
 * Σ mᵢ·wᵢ(mᵢ·z): the weight multiplies the double-double residual exactly (a product and its error),
 * so the weighted problem keeps the same accuracy; unit weights take the unweighted code.
 *
 * <p>Cost: ≈ 14 flops per nonzero for the gradient and as many for the product; 4p doubles of state.
 */
final class GradientPass implements RowAccumulator<GradientPass> {
  private static final long serialVersionUID = 1L;

  private final Design design;
  private final transient double[] x;
  private final transient double[] xLo;
  private final transient double[] z;
  private final Compensated.Vector gradient;
  private final Compensated.Sum rss = new Compensated.Sum();
  private final Compensated.Vector product;
  private final LabelMoments labels = new LabelMoments();
  private transient double[] residual;

  /**
   * @param x the coefficients (length p; not copied, not modified), or null for the product alone
   * @param xLo the low parts of double-double coefficients x + xLo, or null when x is a double vector
   * @param z a search direction (length p), or null for the gradient alone
   */
  GradientPass(Design design, double[] x, double[] xLo, double[] z) {
    this.design = design;
    this.x = x;
    this.xLo = xLo;
    this.z = z;
    this.gradient = new Compensated.Vector(design.p());
    this.product = z == null ? null : new Compensated.Vector(design.p());
  }

  @Override
  public void add(MatrixRow row) {
    if (!labels.addRow(row)) {
      return;
    }
    double b = row.label();
    double w = row.weight();
    if (x != null) {
      addGradient(row, b, w);
    }
    if (z != null) {
      addProduct(row, w);
    }
  }

  /** (hi + lo)·w as a double-double in out (exact up to the rounding of the low part). */
  private static void scale(double hi, double lo, double w, double[] out) {
    double p = hi * w;
    double e = Compensated.twoProductError(hi, w, p) + lo * w;
    double s = p + e;
    out[0] = s;
    out[1] = e - (s - p);
  }

  /** Mᵀ(M·z) in double-double: t = mᵢ·z exactly (Dot2), then Σ mᵢ·(w·t). */
  private void addProduct(MatrixRow row, double w) {
    if (residual == null) {
      residual = new double[2];
    }
    int d = design.d();
    // residual(…, b = 0) gives −mᵢ·z as a double-double
    Compensated.residual(row.indices(), row.values(), z, design.intercept() ? z[d] : 0.0, 0.0, residual);
    if (w != 1) {
      scale(residual[0], residual[1], w, residual);
    }
    double tHi = -residual[0];
    double tLo = -residual[1];
    accumulate(row, product, tHi, tLo);
  }

  /** acc += mᵢ·(tHi + tLo). */
  private void accumulate(MatrixRow row, Compensated.Vector acc, double tHi, double tLo) {
    double[] v = row.values();
    if (row.isSparse()) {
      int[] idx = row.indices();
      for (int k = 0; k < idx.length; k++) {
        acc.addScaled(idx[k], v[k], tHi, tLo);
      }
    } else {
      for (int j = 0; j < design.d(); j++) {
        acc.addScaled(j, v[j], tHi, tLo);
      }
    }
    if (design.intercept()) {
      acc.add(design.d(), tHi, tLo);
    }
  }

  private void addGradient(MatrixRow row, double b, double w) {
    if (residual == null) {
      residual = new double[2];
    }
    int d = design.d();
    Compensated.residual(row.indices(), row.values(), x, design.intercept() ? x[d] : 0.0, b, residual);
    double rHi = residual[0];
    double rLo = residual[1];
    if (xLo != null) {
      // b − m·(x + xLo): the low part's product needs no compensation (|xLo| ≤ u·|x|)
      double t = row.dot(xLo) + (design.intercept() ? xLo[d] : 0.0);
      double s = rHi + (rLo - t);
      rLo = (rLo - t) - (s - rHi);
      rHi = s;
    }
    if (w != 1) {
      // gradient term mᵢ·(w·r), squares r·(w·r)
      scale(rHi, rLo, w, residual);
      double wHi = residual[0];
      double wLo = residual[1];
      accumulate(row, gradient, wHi, wLo);
      double sq = rHi * wHi;
      rss.add(sq, Compensated.twoProductError(rHi, wHi, sq) + rHi * wLo + rLo * wHi);
      return;
    }
    accumulate(row, gradient, rHi, rLo);
    double sq = rHi * rHi;
    rss.add(sq, Compensated.twoProductError(rHi, rHi, sq) + 2 * rHi * rLo);
  }

  @Override
  public GradientPass merge(GradientPass other) {
    gradient.add(other.gradient);
    rss.add(other.rss);
    if (product != null) {
      product.add(other.product);
    }
    labels.merge(other.labels);
    return this;
  }

  /** g = Mᵀ(b − M·x) − λ·P·x at the pass's x (given again: x does not travel), in double-double. */
  Compensated.Vector gradient(Compensated.Vector xAtPass) {
    Compensated.Vector g = gradient.copy();
    for (int j = 0; j < design.d() && design.ridge() > 0; j++) {
      g.addScaled(j, -design.ridge(), xAtPass.hi(j), xAtPass.lo(j));
    }
    return g.normalize();
  }

  /** ‖b − M·x‖² (the data residual, without the ridge term). */
  double residualSquares() {
    return Math.max(0.0, rss.value());
  }

  /** Mᵀ(M·z) + λ·P·z for the pass's direction z (given again), in double-double. */
  Compensated.Vector product(double[] zAtPass) {
    Compensated.Vector out = product.copy();
    for (int j = 0; j < design.d() && design.ridge() > 0; j++) {
      out.addScaled(j, design.ridge(), zAtPass[j], 0.0);
    }
    return out.normalize();
  }

  LabelMoments labels() {
    return labels;
  }
}
