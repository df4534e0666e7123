package dev.randnla.ml;

import dev.randnla.jobs.leverage.RowScoring;
import dev.randnla.linalg.Matrix;
import dev.randnla.ml.SharedParams.HasBadRows;
import dev.randnla.ml.SharedParams.HasSeed;
import dev.randnla.sketch.RowSampler;
import dev.randnla.spark.MatrixInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * What {@link LeverageScores} fitted: the scoring of {@code randnla leverage}'s last pass (scoring matrices
 * T, d×k each, the rule, the exact total U of the sampling scores) and the fit's summary (summary.json's
 * content: sum, max, coherence, rank, health checks). {@code transform} adds {@code scoreCol} (and, for Lewis
 * weights, {@code sensitivityCol}; with {@code sampleSize}, {@code probabilityCol} qᵢ) to every row;
 * {@link #sample} returns the rows kept with probability qᵢ, each with {@code weightCol} = 1/qᵢ. Both read the
 * DataFrame twice (a count, so rows carry the CLI's ids, then the scoring pass; see {@link ScoredFrame}) and
 * score each row exactly as the job does, so on the rows the model was fitted on, in the same partitioning,
 * they give bitwise the CLI's {@code scores/} and {@code coreset/}; on other rows, the rows' scores against
 * the fitted data (leverage scores of new rows can exceed 1). Saved as Spark ML metadata plus one Parquet row.
 */
public final class LeverageScoresModel extends RandnlaModel<LeverageScoresModel>
    implements HasBadRows<LeverageScoresModel>, HasSeed<LeverageScoresModel> {
  private static final long serialVersionUID = 1L;

  private final RowScoring scoring;
  private final String summaryJson;
  private final Param<String> badRows;
  private final Param<String> scoreCol;
  private final Param<String> sensitivityCol;
  private final Param<String> probabilityCol;
  private final Param<String> weightCol;
  private final LongParam sampleSize;
  private final LongParam seed;

  LeverageScoresModel(String uid, RowScoring scoring, String summaryJson) {
    super(uid, "The rows to score: a vector or array<double> column.");
    this.scoring = scoring;
    this.summaryJson = summaryJson;
    badRows = MlSupport.badRows(this);
    scoreCol = MlSupport.column(this, "scoreCol", LeverageScores.SCORE_DOC);
    sensitivityCol = MlSupport.column(this, "sensitivityCol", LeverageScores.SENSITIVITY_DOC);
    probabilityCol = MlSupport.column(this, "probabilityCol", LeverageScores.PROBABILITY_DOC);
    weightCol = MlSupport.column(this, "weightCol", LeverageScores.WEIGHT_DOC);
    sampleSize = LeverageScores.sampleSize(this);
    seed = LeverageScores.seed(this);
    setDefault(badRows, "fail");
    setDefault(scoreCol, "score");
    setDefault(sensitivityCol, "sensitivity");
    setDefault(probabilityCol, "probability");
    setDefault(weightCol, "weight");
    setDefault(seed, LeverageScores.DEFAULT_SEED);
  }

  // the Params: Spark ML lists them by reflection (public, no arguments, returning a Param)
  public Param<String> badRows() { return badRows; }
  public Param<String> scoreCol() { return scoreCol; }
  public Param<String> sensitivityCol() { return sensitivityCol; }
  public Param<String> probabilityCol() { return probabilityCol; }
  public Param<String> weightCol() { return weightCol; }
  public LongParam sampleSize() { return sampleSize; }
  public LongParam seed() { return seed; }

  public String getScoreCol() { return getOrDefault(scoreCol); }
  public String getSensitivityCol() { return getOrDefault(sensitivityCol); }
  public String getProbabilityCol() { return getOrDefault(probabilityCol); }
  public String getWeightCol() { return getOrDefault(weightCol); }
  /** m, or null when unset (no sampling). */
  public Long getSampleSize() { return isDefined(sampleSize) ? (Long) getOrDefault(sampleSize) : null; }

  public LeverageScoresModel setScoreCol(String value) { set(scoreCol, value); return this; }
  public LeverageScoresModel setSensitivityCol(String value) { set(sensitivityCol, value); return this; }
  public LeverageScoresModel setProbabilityCol(String value) { set(probabilityCol, value); return this; }
  public LeverageScoresModel setWeightCol(String value) { set(weightCol, value); return this; }
  public LeverageScoresModel setSampleSize(long value) { set(sampleSize, value); return this; }

  /** The fit's summary: what {@code randnla leverage} writes as summary.json. */
  public String summaryJson() { return summaryJson; }

  /** What the fitted rows' scores sum to in exact arithmetic: the rank, d_eff(λ), or the rank for Lewis weights. */
  public double expectedSum() { return scoring.expectedSum(); }

  /** U, the exact total of the fitted rows' sampling scores (qᵢ = min(1, m·uᵢ/U)). */
  public double samplingTotal() { return scoring.samplingTotal(); }

  /** Whether the scores are ℓp Lewis weights (then {@code transform} adds {@code sensitivityCol}). */
  public boolean isLewis() { return scoring.isLewis(); }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType schema = transformSchema(dataset.schema());
    return ScoredFrame.scores(dataset, open(dataset), scoring, sampler(), schema);
  }

  /**
   * The weighted coreset: the rows of {@code dataset} kept with probability qᵢ = min(1, m·uᵢ/U) (m =
   * {@code sampleSize}, decided from ({@code seed}, row id)), as given, with {@code weightCol} = 1/qᵢ appended.
   *
   * @throws IllegalArgumentException when {@code sampleSize} is not set, or naming a missing or wrongly typed column
   */
  public Dataset<Row> sample(Dataset<?> dataset) {
    requireSampleSize(getSampleSize());
    StructType schema = ScoredFrame.schema(dataset.schema(), getFeaturesCol(), getWeightCol());
    return ScoredFrame.coreset(dataset, open(dataset), scoring, sampler(), schema);
  }

  static void requireSampleSize(Long m) {
    if (m == null) {
      throw new IllegalArgumentException("sample needs sampleSize (--sample), the expected number of rows: set it");
    }
  }

  private MatrixInput open(Dataset<?> dataset) {
    return MlSupport.open(dataset, getFeaturesCol(), null, getBadRows());
  }

  private RowSampler sampler() {
    Long m = getSampleSize();
    return m == null ? null : scoring.sampler(m, getSeed());
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return ScoredFrame.schema(schema, getFeaturesCol(), getScoreCol(), isLewis() ? getSensitivityCol() : null,
        getSampleSize() != null ? getProbabilityCol() : null);
  }

  @Override
  public LeverageScoresModel copy(ParamMap extra) {
    return copied(new LeverageScoresModel(uid(), scoring, summaryJson), extra);
  }

  /**
   * Saved arrays: {@code scoring} = [p (NaN: leverage), sensitivity factor, U]; per scorer j, {@code scorerJ} =
   * [kind, d, k, rank, condition number, λ], {@code tJ} = T (d×k, column-major) and {@code sigmaJ} = the
   * factor's singular values (empty when none were computed).
   */
  @Override
  public MLWriter write() {
    Map<String, double[]> data = new LinkedHashMap<>();
    data.put("scoring", new double[] {scoring.p(), scoring.sensitivityFactor(), scoring.samplingTotal()});
    var scorers = scoring.scorers(); // dev.randnla.sketch.LeverageScores, whose name this package's Estimator shares
    for (int j = 0; j < scorers.length; j++) {
      var s = scorers[j];
      data.put("scorer" + j, new double[] {s.kind().ordinal(), s.cols(), s.width(), s.rank(), s.conditionNumber(),
          s.lambda()});
      data.put("t" + j, s.scoringMatrix().data());
      data.put("sigma" + j, s.hasSpectrum() ? s.singularValues() : new double[0]);
    }
    return MlSupport.writer(this, data, summaryJson);
  }

  public static MLReader<LeverageScoresModel> read() {
    return MlSupport.reader(LeverageScoresModel.class, s -> {
      Map<String, double[]> a = s.arrays();
      List<dev.randnla.sketch.LeverageScores> scorers = new ArrayList<>();
      for (int j = 0; a.containsKey("scorer" + j); j++) {
        scorers.add(scorer(a, j));
      }
      double[] g = a.get("scoring");
      RowScoring scoring = RowScoring.restore(scorers.toArray(dev.randnla.sketch.LeverageScores[]::new), g[0], g[1], g[2]);
      return new LeverageScoresModel(s.uid(), scoring, s.summaryJson());
    });
  }

  /** Scorer j as {@link #write} saved it. */
  private static dev.randnla.sketch.LeverageScores scorer(Map<String, double[]> a, int j) {
    double[] f = a.get("scorer" + j);
    double[] sigma = a.get("sigma" + j);
    var kind = dev.randnla.sketch.LeverageScores.Kind.values()[(int) f[0]];
    Matrix t = new Matrix((int) f[1], (int) f[2], a.get("t" + j));
    return dev.randnla.sketch.LeverageScores.restore(kind, (int) f[3], t, sigma.length == 0 ? null : sigma, f[4], f[5]);
  }

  public static LeverageScoresModel load(String path) {
    return read().load(path);
  }
}
