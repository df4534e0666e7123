package dev.randnla.sketch;

import com.esotericsoftware.kryo.DefaultSerializer;
import dev.randnla.io.RecordSerializer;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import java.io.Serializable;

/**
 * Independent (Bernoulli) row sampling by importance scores, the sampling half of a weighted
 * coreset (docs/algorithms.md, leverage --sample): row i with score uᵢ ≥ 0 is kept with probability
 * qᵢ = min(1, m·uᵢ/U), where U is the total of the scores, and a kept row is rescaled by
 * qᵢ^{−1/p} so that Σ over kept rows of |scaled aᵢᵀx − scaled bᵢ|^p is an unbiased estimate of
 * ‖Ax − b‖_p^p (p = 2 for leverage-score sampling: the scale is q^{−1/2}; p for ℓp Lewis-weight or
 * sensitivity sampling — the two exponents must not be mixed).
 *
 * <p>The keep decision of a row is a pure function of (seed, row id): the same rows are kept on
 * every run and under any partitioning, provided the scores agree. The expected sample size is
 * Σ qᵢ ≤ m (equal to m when no probability is capped at 1).
 *
 * <p>Guarantee (leverage scores, p = 2, U = rank d): with m ≥ C·d·log(d/δ)/ε² the rescaled sample
 * S·A is a (1 ± ε) subspace embedding with probability ≥ 1 − δ (matrix Chernoff), and the sampled
 * least-squares residual is within 1 + O(ε) of the optimum (Drineas, Mahoney &amp; Muthukrishnan 2006).
 *
 * <p>It may travel inside a sketch, so Kryo reads it through {@link RecordSerializer}.
 *
 * @param sampleSize m, the expected sample size asked for (positive; need not be an integer)
 * @param total U, the sum of the scores over all rows (known before the pass that samples)
 * @param p the exponent of the rescaling q^{−1/p} (2 for leverage scores)
 * @param seed the seed of the keep decisions (purpose {@link Purpose#ROW_SAMPLING})
 */
@DefaultSerializer(RecordSerializer.class)
public record RowSampler(double sampleSize, double total, double p, long seed) implements Serializable {
  /** Refuses a sample size, total or exponent that is not finite and positive (non-negative for the total). */
  public RowSampler {
    if (!(sampleSize > 0) || Double.isInfinite(sampleSize)) {
      throw new IllegalArgumentException("sample size must be positive and finite: " + sampleSize);
    }
    if (!(total >= 0) || Double.isInfinite(total)) {
      throw new IllegalArgumentException("score total must be non-negative and finite: " + total);
    }
    if (!(p > 0) || Double.isInfinite(p)) {
      throw new IllegalArgumentException("p must be positive and finite: " + p);
    }
  }

  /** qᵢ = min(1, m·uᵢ/U) (0 for a zero or negative score, or when U = 0). */
  public double probability(double score) {
    if (!(score > 0) || !(total > 0)) {
      return 0.0;
    }
    return Math.min(1.0, sampleSize * score / total);
  }

  /** Whether row {@code rowId} is kept at probability q: one uniform draw from (seed, ROW_SAMPLING, rowId). */
  public boolean keep(long rowId, double q) {
    if (q >= 1) {
      return true;
    }
    return RandomStream.toUnitDouble(RandomStream.word(seed, Purpose.ROW_SAMPLING, rowId, 0)) < q;
  }

  /** The factor q^{−1/p} a kept row (and its label) is multiplied by. */
  public double scale(double q) {
    if (!(q > 0)) {
      throw new IllegalArgumentException("a kept row has a positive probability: " + q);
    }
    return q >= 1 ? 1.0 : Math.pow(q, -1.0 / p);
  }

  /** The importance weight 1/q of a kept row (= scale^p). */
  public static double weight(double q) {
    if (!(q > 0)) {
      throw new IllegalArgumentException("a kept row has a positive probability: " + q);
    }
    return 1.0 / q;
  }
}
