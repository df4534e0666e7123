package dev.randnla.sketch;

import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;

/**
 * Independent (Bernoulli) row sampling by importance scores, decided per row from (seed, row key) so
 * the sample does not depend on partitioning: row i is kept with probability qᵢ = min(1, m·uᵢ/U)
 * (uᵢ its score, U the total or an upper bound of it, m the expected sample size) and a kept row is
 * rescaled by qᵢ^(−1/p) so that the sampled ℓp objective is unbiased — q^(−1/2) for least squares.
 * Mixing the exponents (q^(−1) on an ℓ2 problem) is the classic bug this class exists to avoid.
 *
 * <p>With leverage scores (Σ uᵢ = d) and m = O(d·log(d/δ)/ε²), the rescaled sample S·A is an ε-subspace
 * embedding with probability ≥ 1 − δ (matrix Chernoff; Drineas, Mahoney &amp; Muthukrishnan 2006).
 */
public final class RowSampling {
  private RowSampling() {}

  /** qᵢ = min(1, m·score/total); 0 for a zero score. */
  public static double probability(double score, double expectedSize, double total) {
    if (!(total > 0)) {
      throw new IllegalArgumentException("total score must be positive: " + total);
    }
    if (!(score >= 0)) {
      throw new IllegalArgumentException("score must be non-negative: " + score);
    }
    return Math.min(1.0, expectedSize * score / total);
  }

  /** The keep decision for one row: uniform(seed, ROW_SAMPLING, rowKey) &lt; q. */
  public static boolean keep(long seed, long rowKey, double q) {
    if (q >= 1) {
      return true;
    }
    return RandomStream.toUnitDouble(RandomStream.word(seed, Purpose.ROW_SAMPLING, rowKey, 0)) < q;
  }

  /** The rescaling of a kept row for an ℓp objective: q^(−1/p); p = 2 for least squares. */
  public static double weight(double q, double p) {
    if (!(q > 0 && q <= 1)) {
      throw new IllegalArgumentException("probability must be in (0, 1]: " + q);
    }
    if (!(p >= 1)) {
      throw new IllegalArgumentException("p must be at least 1: " + p);
    }
    return p == 2 ? 1 / Math.sqrt(q) : Math.pow(q, -1 / p);
  }
}
