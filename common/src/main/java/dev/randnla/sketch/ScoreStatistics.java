package dev.randnla.sketch;

import java.io.Serializable;

/**
 * Count, sum, largest and smallest of a stream of non-negative per-row scores, mergeable. The sum
 * is compensated (Neumaier), so Σ τᵢ = rank can be checked to ≈ 1e-13 relative even over 10⁹ rows;
 * merged in a fixed order ({@code DeterministicTree}) it is bitwise reproducible.
 *
 * <p>Invariants: {@code sum + compensation} is the running total; {@code max} is 0 and {@code min}
 * +∞ while empty. A plain class (it travels through Kryo).
 */
public final class ScoreStatistics implements Serializable {
  private static final long serialVersionUID = 1L;

  private long count;
  private long zeros;
  private double sum;
  private double compensation;
  private double max;
  private double min = Double.POSITIVE_INFINITY;

  public void add(double x) {
    count++;
    if (x == 0) {
      zeros++;
    }
    addToSum(x);
    if (x > max) {
      max = x;
    }
    if (x < min) {
      min = x;
    }
  }

  private void addToSum(double x) {
    double t = sum + x;
    if (Math.abs(sum) >= Math.abs(x)) {
      compensation += (sum - t) + x;
    } else {
      compensation += (x - t) + sum;
    }
    sum = t;
  }

  /** Folds other into this; returns this. */
  public ScoreStatistics merge(ScoreStatistics other) {
    if (other == this) {
      throw new IllegalArgumentException("cannot merge statistics into themselves");
    }
    count += other.count;
    zeros += other.zeros;
    addToSum(other.sum);
    addToSum(other.compensation);
    max = Math.max(max, other.max);
    min = Math.min(min, other.min);
    return this;
  }

  public long count() {
    return count;
  }

  /** Scores that were exactly zero. */
  public long zeros() {
    return zeros;
  }

  public double sum() {
    return sum + compensation;
  }

  /** The largest score (0 when empty). */
  public double max() {
    return max;
  }

  /** The smallest score (0 when empty). */
  public double min() {
    return count == 0 ? 0 : min;
  }
}
