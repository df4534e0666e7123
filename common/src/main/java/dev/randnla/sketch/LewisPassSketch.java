package dev.randnla.sketch;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import dev.randnla.io.MatrixRow;
import dev.randnla.linalg.Matrix;

/**
 * One pass of the ℓp Lewis-weight fixed point (Cohen &amp; Peng, STOC 2015) as a row sketch: for the
 * current M = FᵀF (given as {@link LeverageScores}), each row gets its weight wᵢ = (aᵢᵀM⁺aᵢ)^{p/2},
 * and the row scaled by wᵢ^{1/2 − 1/p} = τᵢ^{(p−2)/4} is folded into a stable TSQR, whose R is a
 * factor of the next Gram G(M) = Σ wᵢ^{1−2/p} aᵢaᵢᵀ. So the weights of this pass and the matrix of
 * the next one come from a single read, and the d×d weighted Gram is never formed (its condition
 * number would be squared). Rows with τᵢ = 0 (zero rows) contribute nothing and are skipped.
 *
 * <p>Invariants: {@code tsqr} holds the R of the scaled rows scored so far; {@code weights} counts
 * and sums the wᵢ of the same rows; rows still in {@code block} are in neither. The scores are
 * transient: a task gets them from a broadcast, and the sketch that travels back holds d² + O(1)
 * doubles.
 *
 * <p>Cost per row: 2·d·r flops to score (dgemm in blocks) plus ≈ 2·d² for the TSQR.
 */
@DefaultSerializer(JavaSerializer.class)
public final class LewisPassSketch extends AbstractRowSketch<LewisPassSketch, LewisPassSketch.Result> {
  private static final long serialVersionUID = 1L;

  private final double p;
  private final TsqrSketch tsqr;
  private final ScoreStatistics weights = new ScoreStatistics();
  private transient LeverageScores scores;
  private transient ScoringBlock block;
  private transient double[] tau;
  private transient double[] scratch;

  /**
   * @param scores the current M⁺ as scores (input; shared, not modified)
   * @param p the exponent p ≥ 1 (validated by {@link LewisWeights#checkP})
   */
  public LewisPassSketch(LeverageScores scores, double p) {
    super(scores.cols());
    LewisWeights.checkP(p);
    this.p = p;
    this.scores = scores;
    this.tsqr = new TsqrSketch(d);
  }

  /** The R factor of the next weighted Gram and the statistics of this pass's weights. */
  public record Result(Matrix r, ScoreStatistics weights, long rows) {}

  @Override
  public void update(long rowKey, double[] row) {
    buffer(MatrixRow.dense(rowKey, MatrixRow.NO_ID, Double.NaN, null, row));
  }

  @Override
  public void update(long rowKey, int[] indices, double[] values) {
    buffer(MatrixRow.sparse(rowKey, MatrixRow.NO_ID, Double.NaN, null, indices, values));
  }

  private void buffer(MatrixRow row) {
    if (scores == null) {
      throw new IllegalStateException("a deserialised Lewis pass sketch cannot take rows");
    }
    if (block == null) {
      block = new ScoringBlock(d);
      tau = new double[ScoringBlock.DEFAULT_CAPACITY];
      scratch = new double[d];
    }
    rows++;
    if (block.add(row)) {
      flush();
    }
  }

  private void flush() {
    if (block == null || block.isEmpty()) {
      return;
    }
    block.score(scores, tau);
    for (int i = 0; i < block.size(); i++) {
      double t = tau[i];
      weights.add(LewisWeights.weight(t, p));
      if (t > 0) {
        double s = LewisWeights.rowScale(t, p);
        MatrixRow r = block.row(i);
        double[] v = r.values();
        if (r.isSparse()) {
          double[] scaled = new double[v.length];
          for (int j = 0; j < v.length; j++) {
            scaled[j] = s * v[j];
          }
          tsqr.update(r.key(), r.indices(), scaled);
        } else {
          for (int j = 0; j < d; j++) {
            scratch[j] = s * v[j];
          }
          tsqr.update(r.key(), scratch);
        }
      }
    }
    block.clear();
  }

  @Override
  protected void foldBuffered() {
    flush();
    tsqr.compact();
  }

  @Override
  public LewisPassSketch merge(LewisPassSketch other) {
    requireMergeable(other, other.d == d && other.p == p, () -> "cannot merge Lewis passes for different shapes or p");
    flush();
    other.flush();
    tsqr.merge(other.tsqr);
    weights.merge(other.weights);
    rows += other.rows;
    return this;
  }

  @Override
  public Result result() {
    flush();
    return new Result(tsqr.result(), weights, rows);
  }

}
