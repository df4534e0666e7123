package dev.randnla.jobs.spectrum;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A discrete spectral measure: eigenvalues (or quadrature nodes) with weights in eigenvalue counts
 * (summing to d), sorted ascending. The exact spectrum has unit weights; stochastic Lanczos
 * quadrature gives nodes with weights d·τ/k. Negative values (rounding of a positive
 * semi-definite spectrum) are clamped to zero.
 */
final class SpectralMeasure implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] values;
  private final double[] weights;
  private final double total;

  SpectralMeasure(double[] values, double[] weights) {
    if (values.length != weights.length) {
      throw new IllegalArgumentException("values and weights differ in length: " + values.length + " vs " + weights.length);
    }
    Integer[] order = new Integer[values.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
    this.values = new double[values.length];
    this.weights = new double[values.length];
    double t = 0;
    for (int i = 0; i < order.length; i++) {
      this.values[i] = Math.max(0.0, values[order[i]]);
      this.weights[i] = weights[order[i]];
      t += this.weights[i];
    }
    this.total = t;
  }

  /** Unit weights. */
  static SpectralMeasure of(double[] eigenvalues) {
    double[] w = new double[eigenvalues.length];
    Arrays.fill(w, 1.0);
    return new SpectralMeasure(eigenvalues, w);
  }

  int size() {
    return values.length;
  }

  /** Values, ascending (a copy). */
  double[] values() {
    return values.clone();
  }

  /** Weights of {@link #values()} (a copy). */
  double[] weights() {
    return weights.clone();
  }

  /** Σ weights (d). */
  double total() {
    return total;
  }

  /** The largest value (0 when empty). */
  double max() {
    return values.length == 0 ? 0.0 : values[values.length - 1];
  }

  /** The weight strictly above x. */
  double weightAbove(double x) {
    double s = 0;
    for (int i = values.length - 1; i >= 0 && values[i] > x; i--) {
      s += weights[i];
    }
    return s;
  }

  /** Σ w·λ over values strictly above x. */
  double massAbove(double x) {
    double s = 0;
    for (int i = values.length - 1; i >= 0 && values[i] > x; i--) {
      s += weights[i] * values[i];
    }
    return s;
  }

  /** Σ w·λ. */
  double firstMoment() {
    return massAbove(-1.0);
  }

  /**
   * The q-quantile: the smallest value whose cumulative weight reaches q·total; when the target
   * falls exactly on a boundary between two values (an even number of unit weights at the median),
   * the midpoint of the two.
   */
  double quantile(double q) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double target = q * total;
    double cum = 0;
    double eps = 1e-9 * total;
    for (int i = 0; i < values.length; i++) {
      cum += weights[i];
      if (cum >= target - eps) {
        if (Math.abs(cum - target) <= eps && i + 1 < values.length) {
          return 0.5 * (values[i] + values[i + 1]);
        }
        return values[i];
      }
    }
    return values[values.length - 1];
  }

  /**
   * The Kolmogorov–Smirnov distance sup |F(x) − G(x)| between this measure (normalized) and a
   * distribution G given by its CDF, continuous except possibly for an atom at 0 of mass
   * {@code atomAtZero}. Both one-sided limits are compared at each value.
   */
  double ksDistance(java.util.function.DoubleUnaryOperator cdf, double atomAtZero) {
    double d = 0;
    double cum = 0;
    for (int i = 0; i < values.length; i++) {
      double x = values[i];
      double g = cdf.applyAsDouble(x);
      double gLeft = x == 0 ? g - atomAtZero : g;
      d = Math.max(d, Math.abs(cum / total - gLeft));
      cum += weights[i];
      while (i + 1 < values.length && values[i + 1] == x) {
        cum += weights[++i];
      }
      d = Math.max(d, Math.abs(cum / total - g));
    }
    return d;
  }
}
