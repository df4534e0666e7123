package dev.randnla.jobs.regress;

import dev.randnla.linalg.Compensated;
import java.io.Serializable;

/**
 * Count, sum and sum of squares of the labels, accumulated in double-double so the centred total
 * sum of squares Σb² − (Σb)²/n (the denominator of R²) keeps its digits even when the mean of b
 * dominates its spread.
 */
final class LabelMoments implements Serializable {
  private static final long serialVersionUID = 1L;

  private long rows;
  private final Compensated.Sum sum = new Compensated.Sum();
  private final Compensated.Sum squares = new Compensated.Sum();

  void add(double b) {
    rows++;
    sum.add(b);
    squares.addProduct(b, b);
  }

  void merge(LabelMoments other) {
    rows += other.rows;
    sum.add(other.sum);
    squares.add(other.squares);
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
    // (Σb)²/n with Σb as a double-double s = hi + lo: s²/n ≈ (hi² + 2·hi·lo)/n
    double hi = sum.hi();
    double lo = sum.lo();
    double h2 = hi * hi;
    double e = Compensated.twoProductError(hi, hi, h2) + 2 * hi * lo;
    double q = h2 / rows;
    double qe = (Math.fma(-q, rows, h2) + e) / rows;
    t.add(-q, -qe);
    return Math.max(0.0, t.value());
  }
}
