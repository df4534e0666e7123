package dev.randnla.jobs.regress;

import dev.randnla.io.MatrixRow;
import dev.randnla.linalg.Matrix;
import dev.randnla.sketch.LeverageScores;
import dev.randnla.sketch.RowSampler;
import dev.randnla.sketch.TsqrSketch;

/**
 * The second pass of leverage-score sampling: each row's (approximate) leverage τᵢ against the
 * first pass's R, a keep decision with qᵢ = min(1, m·τᵢ/r) from (seed, row key), and the kept rows,
 * rescaled by qᵢ^(−1/2) (and by √wᵢ for a row weight), folded straight into a TSQR of [M b]: the sampled problem's R is all that
 * travels, never the rows.
 */
final class SampledTsqr implements RowAccumulator<SampledTsqr> {
  private static final long serialVersionUID = 1L;

  private final Design design;
  private final transient LeverageScores scores;
  private final RowSampler sampler;
  private final TsqrSketch tsqr;
  private final LabelMoments labels = new LabelMoments();
  private long kept;
  private double scoreSum;
  private transient double[] buf;

  /**
   * @param scores leverage against the first pass's R (p columns)
   * @param expected the expected sample size m
   * @param total the sum the scores are normalised by (the rank r)
   */
  SampledTsqr(Design design, LeverageScores scores, double expected, double total, long seed) {
    this.design = design;
    this.scores = scores;
    this.sampler = new RowSampler(expected, total, 2, seed);
    this.tsqr = new TsqrSketch(design.p() + 1);
  }

  @Override
  public void add(MatrixRow row) {
    if (!labels.addRow(row)) {
      return;
    }
    double b = row.label();
    // the weighted row √w·mᵢ has leverage w·τ(mᵢ) (w = 1: unchanged bit for bit)
    double tau = row.weight() * scores.score(design.denseM(row));
    scoreSum += tau;
    double q = sampler.probability(tau);
    if (q > 0 && sampler.keep(row.key(), q)) {
      if (buf == null) {
        buf = new double[design.p() + 1];
      }
      design.update(tsqr, row, b, true, sampler.scale(q) * Design.scale(row), buf);
      kept++;
    }
  }

  @Override
  public SampledTsqr merge(SampledTsqr other) {
    tsqr.merge(other.tsqr);
    labels.merge(other.labels);
    kept += other.kept;
    scoreSum += other.scoreSum;
    return this;
  }

  @Override
  public SampledTsqr compact() {
    tsqr.compact();
    return this;
  }

  /** R of the rescaled sampled rows of [M b]. */
  Matrix result() {
    return tsqr.result();
  }

  long kept() {
    return kept;
  }

  /** Σ τᵢ over all rows (≈ rank when the scores are accurate). */
  double scoreSum() {
    return scoreSum;
  }

  LabelMoments labels() {
    return labels;
  }
}
