package dev.randnla.jobs.leverage;

import dev.randnla.sketch.LeverageScores;
import dev.randnla.sketch.LewisWeights;
import dev.randnla.sketch.RowSampler;
import dev.randnla.spark.RowSampling;
import java.io.Serializable;
import java.util.List;

/**
 * What the last pass of {@code leverage} applies to every row, fixed by the passes before it: the scorers
 * (the method's scores; for {@code lewis} with {@code --sample-rule mixed} also the leverage), the rule that
 * turns a row's raw scores into its output values — the score, and for {@code lewis} the Lewis weight wᵢ then
 * the ℓp sensitivity bound f·wᵢ — and its sampling score uᵢ, and U, the exact total of the sampling scores.
 * Small (d×k doubles per scorer) and serialisable: a {@code LeverageScoresModel} (dev.randnla.ml) holds one
 * and scores any rows with it as the job's last pass does.
 *
 * <p>Invariants: {@code scorers} holds one scorer, or two (Lewis weights, leverage) for the mixed rule;
 * {@code p} is NaN for the leverage methods; {@code samplingTotal} = Σ uᵢ in exact arithmetic.
 */
public final class RowScoring implements Serializable {
  private static final long serialVersionUID = 1L;

  private final LeverageScores[] scorers;
  private final double p;
  private final double sensitivityFactor;
  private final double samplingTotal;

  private RowScoring(LeverageScores[] scorers, double p, double sensitivityFactor, double samplingTotal) {
    this.scorers = scorers.clone();
    this.p = p;
    this.sensitivityFactor = sensitivityFactor;
    this.samplingTotal = samplingTotal;
  }

  /** Exact, ridge or approximate leverage: the score is the output and the sampling score, U its exact total. */
  static RowScoring leverage(LeverageScores s) {
    return new RowScoring(new LeverageScores[] {s}, Double.NaN, 1.0, s.expectedTotal());
  }

  /**
   * ℓp Lewis weights from the last iteration's scores; sampled by the sensitivity bound sᵢ, or by sᵢ + τᵢ when
   * {@code leverage} is given (the mixed rule, Munteanu &amp; Omlor 2024).
   */
  static RowScoring lewis(LeverageScores weights, LeverageScores leverage, double p) {
    int rank = weights.rank();
    double factor = LewisWeights.sensitivityFactor(p, rank);
    LeverageScores[] s = leverage == null ? new LeverageScores[] {weights} : new LeverageScores[] {weights, leverage};
    return new RowScoring(s, p, factor, factor * rank + (leverage == null ? 0 : leverage.rank()));
  }

  /**
   * A scoring as {@link #scorers}, {@link #p}, {@link #sensitivityFactor} and {@link #samplingTotal} reported
   * it (a saved model).
   */
  public static RowScoring restore(LeverageScores[] scorers, double p, double sensitivityFactor, double samplingTotal) {
    boolean lewis = !Double.isNaN(p);
    if (scorers.length != 1 && !(lewis && scorers.length == 2)) {
      throw new IllegalArgumentException("one scorer, or two for Lewis weights with the mixed rule: " + scorers.length);
    }
    if (!(samplingTotal >= 0) || !(sensitivityFactor > 0) || (lewis && !(p >= 1))) {
      throw new IllegalArgumentException("need p ≥ 1 or NaN, a positive sensitivity factor and a total ≥ 0: p " + p
          + ", factor " + sensitivityFactor + ", total " + samplingTotal);
    }
    return new RowScoring(scorers, p, sensitivityFactor, samplingTotal);
  }

  /** The scorers (a copy of the array). */
  public LeverageScores[] scorers() {
    return scorers.clone();
  }

  /** Columns d of the rows scored. */
  public int cols() {
    return scorers[0].cols();
  }

  /** The Lewis p, or NaN for the leverage methods. */
  public double p() {
    return p;
  }

  public boolean isLewis() {
    return !Double.isNaN(p);
  }

  /** f in the ℓp sensitivity bound f·wᵢ (1 for p ≤ 2 and for the leverage methods). */
  public double sensitivityFactor() {
    return sensitivityFactor;
  }

  /** U, the exact total of the sampling scores. */
  public double samplingTotal() {
    return samplingTotal;
  }

  /** What the scores sum to in exact arithmetic: the rank, d_eff(λ), or the rank for Lewis weights. */
  public double expectedSum() {
    return isLewis() ? scorers[0].rank() : scorers[0].expectedTotal();
  }

  /** The names of the output values, in order (the columns of {@code scores/}). */
  public List<String> columns() {
    return isLewis() ? List.of("score", "sensitivity") : List.of("score");
  }

  /** The rule of the last pass (fills {@code columns().size()} values). */
  public RowSampling.Rule rule() {
    if (!isLewis()) {
      return (raw, out) -> {
        out[0] = raw[0];
        return raw[0];
      };
    }
    double q = p;
    double factor = sensitivityFactor;
    boolean mixed = scorers.length == 2;
    return (raw, out) -> {
      double w = LewisWeights.weight(raw[0], q);
      double s = factor * w;
      out[0] = w;
      out[1] = s;
      return mixed ? s + raw[1] : s;
    };
  }

  /** The sampler of an expected m rows: q = min(1, m·uᵢ/U), rescale exponent p (2 for leverage). */
  public RowSampler sampler(long m, long seed) {
    return new RowSampler(m, samplingTotal, isLewis() ? p : 2.0, seed);
  }
}
