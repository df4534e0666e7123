package dev.randnla.jobs.regress;

import dev.randnla.io.MatrixRow;
import dev.randnla.linalg.Compensated;
import java.io.Serializable;

/**
 * Count, sum and sum of squares of the labels, accumulated in double-double so the centred total
 * sum of squares Σb² − (Σb)²/n (the denominator of R²) keeps its digits even when the mean of b
 * dominates its spread. With row weights ({@code --weight-col}) the moments are weighted: Σw, Σw·b,
 * Σw·b², so R² is that of the weighted problem.
 */
final class LabelMoments implements Serializable {
  private static final long serialVersionUID = 1L;

  private long rows;
  private final Compensated.Sum sum = new Compensated.Sum();
  private final Compensated.Sum squares = new Compensated.Sum();
  /** Σw over the rows, used instead of the row count once a row weighed other than 1. */
  private final Compensated.Sum weights = new Compensated.Sum();
  private boolean weighted;

  /**
   * The rule every regression pass starts a row with: reads its label (refusing a row without one, even
   * of weight zero) and, unless its weight is zero, adds it here.
   *
   * @return whether the row takes part in the problem (a zero weight leaves it out)
   */
  boolean addRow(MatrixRow row) {
    double b = Design.label(row);
    if (row.weight() == 0) {
      return false;
    }
    add(b, row.weight());
    return true;
  }

  /** A row of weight w > 0 (1 unless the input has a weight column). */
  void add(double b, double w) {
    rows++;
    weights.add(w);
    if (w == 1) {
      sum.add(b);
      squares.addProduct(b, b);
    } else {
      weighted = true;
      double wb = w * b;
      sum.add(wb);
      squares.addProduct(wb, b);
    }
  }

  void merge(LabelMoments other) {
    rows += other.rows;
    sum.add(other.sum);
    squares.add(other.squares);
    weights.add(other.weights);
    weighted |= other.weighted;
  }

  long rows() {
    return rows;
  }

  double sum() {
    return sum.value();
  }

  /** ‖b‖². */
  double squares() {
    return squares.value();
  }

  /** Σ(bᵢ − b̄)². */
  double centeredSquares() {
    if (rows == 0) {
      return 0;
    }
    Compensated.Sum t = new Compensated.Sum();
    t.add(squares.hi(), squares.lo());
    // (Σb)²/n with Σb as a double-double s = hi + lo: s²/n ≈ (hi² + 2·hi·lo)/n (weighted: n = Σw)
    double n = weighted ? weights.value() : rows;
    double hi = sum.hi();
    double lo = sum.lo();
    double h2 = hi * hi;
    double e = Compensated.twoProductError(hi, hi, h2) + 2 * hi * lo;
    double q = h2 / n;
    double qe = (Math.fma(-q, n, h2) + e) / n;
    t.add(-q, -qe);
    return Math.max(0.0, t.value());
  }
}
