package dev.randnla.ml;

import dev.randnla.io.CliEnums;
import dev.randnla.jobs.leverage.LeverageConfig;
import dev.randnla.jobs.leverage.LeverageConfig.Method;
import dev.randnla.jobs.leverage.LeverageConfig.SampleRule;
import dev.randnla.jobs.leverage.LeverageConfig.SketchType;
import dev.randnla.jobs.leverage.LeverageJob;
import dev.randnla.jobs.leverage.LeverageResult;
import dev.randnla.ml.SharedParams.HasMethod;
import dev.randnla.ml.SharedParams.HasSeed;
import dev.randnla.spark.MatrixInput;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Leverage scores, ridge leverage scores or ℓp Lewis weights of the rows of a DataFrame's vector column, and
 * a weighted coreset drawn by them — {@code randnla leverage} as a Spark ML Estimator.
 *
 * <p>Why an Estimator and not a plain Transformer: a row's score depends on every row (τᵢ = ‖R⁻ᵀaᵢ‖² needs
 * the R of all of A; a Lewis weight needs the fixed point over all rows), so, as for Spark's
 * {@code StandardScaler}, the passes over the whole data are a {@link #fit}, and what they leave — the
 * scoring matrices, the rule and the exact score total U, small (d×k doubles) — is the
 * {@link LeverageScoresModel}, which scores rows in one pass. {@code fit} runs the CLI's job code
 * ({@link LeverageJob}) on the DataFrame's own partitions with no files (every pass of
 * {@code randnla leverage}, so the model's {@code summaryJson()} is the CLI's summary.json, with its health
 * checks); the model's {@code transform} and {@code sample} run the job's last pass with the fitted
 * scoring: the same rows in the same partitioning give bitwise the CLI's {@code scores/} and
 * {@code coreset/} rows (docs/algorithms.md, leverage, for each method's passes, cost and guarantee).
 *
 * <p>{@code transform} adds {@code scoreCol} (the score: leverage, ridge leverage or the Lewis weight),
 * for {@code method = lewis} {@code sensitivityCol} (the ℓp sensitivity bound), and with {@code sampleSize}
 * {@code probabilityCol} qᵢ = min(1, m·uᵢ/U). {@code sample} returns the rows kept with probability qᵢ, as
 * given, with {@code weightCol} = 1/qᵢ: the weighted problem min Σ wᵢ·|aᵢx − bᵢ|^p estimates the full one
 * without bias (for leverage scores, m ≥ C·d·log(d/δ)/ε² rows make the weighted Gram a (1 ± ε)
 * approximation of AᵀA with probability ≥ 1 − δ).
 *
 * <p>Params mirror {@code randnla leverage}'s options (named in each Param's doc); unset method options mean
 * the CLI's defaults, and an option of another method is refused with the CLI's message. A row with NaN,
 * ±Inf or a null vector fails with an {@code InvalidInputException} naming the column, partition and row,
 * or is dropped with {@code badRows = skip}.
 */
public final class LeverageScores extends RandnlaEstimator<LeverageScoresModel, LeverageScores>
    implements HasMethod<LeverageScores>, HasSeed<LeverageScores> {
  private static final long serialVersionUID = 1L;
  /** The default seed of the Estimator and its model. */
  static final long DEFAULT_SEED = defaultSeed(LeverageScores.class);
  // the docs of the output columns, shared with the model
  static final String SCORE_DOC = "The score of each row: its leverage, ridge leverage or Lewis weight (scores/ score).";
  static final String SENSITIVITY_DOC = "lewis: the lp sensitivity upper bound of each row (scores/ sensitivity).";
  static final String PROBABILITY_DOC = "With sampleSize: the probability q_i that sample keeps the row "
      + "(scores/ probability).";
  static final String WEIGHT_DOC = "sample: the importance weight 1/q_i of a kept row (coreset/ weight).";

  private final Param<String> method;
  private final DoubleParam lambda;
  private final DoubleParam p;
  private final Param<String> sketch;
  private final IntParam sketchRows;
  private final IntParam sketchNonzeros;
  private final IntParam k;
  private final DoubleParam rankTol;
  private final DoubleParam tol;
  private final IntParam maxIterations;
  private final DoubleParam damping;
  private final LongParam sampleSize;
  private final Param<String> sampleRule;
  private final LongParam seed;
  private final Param<String> scoreCol;
  private final Param<String> sensitivityCol;
  private final Param<String> probabilityCol;
  private final Param<String> weightCol;

  public LeverageScores() {
    this(Identifiable.randomUID("leverageScores"));
  }

  public LeverageScores(String uid) {
    super(uid);
    method = MlSupport.choice(this, "method", "The scores (--method): exact leverage from a stable TSQR R, approx from "
        + "a CountSketch/OSNAP sketch and a Gaussian projection, ridge leverage, or lp Lewis weights (lewis).",
        Method.class);
    lambda = new DoubleParam(this, "lambda", "ridge: the regularisation lambda > 0, in the units of |A|^2 (--lambda; "
        + "required with method ridge).", ParamValidators.gt(0));
    p = new DoubleParam(this, "p", "lewis: the exponent p >= 1 of the lp norm (--p; required with method lewis). "
        + "p = 2 gives the leverage scores.", ParamValidators.gtEq(1));
    sketch = MlSupport.choice(this, "sketch", "approx: the sketch of the rows (--sketch); unset: auto (countsketch "
        + "below 16 columns, osnap from 16 on).", SketchType.class);
    sketchRows = new IntParam(this, "sketchRows", "approx: rows r1 of the sketch (--sketch-rows); unset: "
        + "max(10*d, 256).", ParamValidators.gtEq(1));
    sketchNonzeros = new IntParam(this, "sketchNonzeros", "approx with osnap: nonzeros per input row "
        + "(--sketch-nonzeros); unset: 4.", ParamValidators.gtEq(1));
    k = new IntParam(this, "k", "approx: columns of the Gaussian projection, the work per row (--k); unset: 100; "
        + "when k >= rank the projection is skipped.", ParamValidators.gtEq(1));
    rankTol = new DoubleParam(this, "rankTol", "Relative rank tolerance: singular values <= rankTol*sigma_1 count as "
        + "zero, a pseudo-inverse (--rank-tol); unset: 100*d*u.", ParamValidators.inRange(0, 1, true, false));
    tol = new DoubleParam(this, "tol", "lewis: stop when the bound on max |log w_i - log w_i*| is <= tol (--tol); "
        + "unset: 1e-6.", ParamValidators.gt(0));
    maxIterations = new IntParam(this, "maxIterations", "lewis: at most this many iteration passes "
        + "(--max-iterations); unset: 100.", ParamValidators.gtEq(1));
    damping = new DoubleParam(this, "damping", "lewis: damping beta in (0, 1] (--damping); unset: 1 for p < 4, "
        + "4/(p+2) from 4 on.", ParamValidators.inRange(0, 1, false, true));
    sampleSize = sampleSize(this);
    sampleRule = MlSupport.choice(this, "sampleRule", "What u_i is (--sample-rule; needs sampleSize): score (the "
        + "method's score, the sensitivity bound for lewis) or mixed (lewis only: sensitivity bound plus leverage).",
        SampleRule.class);
    seed = seeded(seed(this));
    scoreCol = MlSupport.column(this, "scoreCol", SCORE_DOC);
    sensitivityCol = MlSupport.column(this, "sensitivityCol", SENSITIVITY_DOC);
    probabilityCol = MlSupport.column(this, "probabilityCol", PROBABILITY_DOC);
    weightCol = MlSupport.column(this, "weightCol", WEIGHT_DOC);
    setDefault(method, Method.EXACT.cliName());
    setDefault(scoreCol, "score");
    setDefault(sensitivityCol, "sensitivity");
    setDefault(probabilityCol, "probability");
    setDefault(weightCol, "weight");
  }

  /** The {@code sampleSize} Param of the Estimator and of its model. */
  static LongParam sampleSize(org.apache.spark.ml.param.Params parent) {
    return new LongParam(parent, "sampleSize", "Expected coreset size m (--sample): row i is kept with probability "
        + "q_i = min(1, m u_i / U), u_i its sampling score and U their exact total; unset: no sampling.",
        ParamValidators.gtEq(1));
  }

  /** The {@code seed} Param of the Estimator and of its model. */
  static LongParam seed(org.apache.spark.ml.param.Params parent) {
    return new LongParam(parent, "seed", "The seed of every random choice: the approx sketch and the keep decisions, "
        + "drawn from (seed, row id) (--seed).");
  }

  // the Params (with featuresCol and badRows): Spark ML lists them by reflection (public, no arguments)
  public Param<String> method() { return method; }
  public DoubleParam lambda() { return lambda; }
  public DoubleParam p() { return p; }
  public Param<String> sketch() { return sketch; }
  public IntParam sketchRows() { return sketchRows; }
  public IntParam sketchNonzeros() { return sketchNonzeros; }
  public IntParam k() { return k; }
  public DoubleParam rankTol() { return rankTol; }
  public DoubleParam tol() { return tol; }
  public IntParam maxIterations() { return maxIterations; }
  public DoubleParam damping() { return damping; }
  public LongParam sampleSize() { return sampleSize; }
  public Param<String> sampleRule() { return sampleRule; }
  public LongParam seed() { return seed; }
  public Param<String> scoreCol() { return scoreCol; }
  public Param<String> sensitivityCol() { return sensitivityCol; }
  public Param<String> probabilityCol() { return probabilityCol; }
  public Param<String> weightCol() { return weightCol; }

  // unset method options read as null: the CLI's default
  public Double getLambda() { return (Double) orNull(lambda); }
  public Double getP() { return (Double) orNull(p); }
  public String getSketch() { return (String) orNull(sketch); }
  public Integer getSketchRows() { return (Integer) orNull(sketchRows); }
  public Integer getSketchNonzeros() { return (Integer) orNull(sketchNonzeros); }
  public Integer getK() { return (Integer) orNull(k); }
  public Double getRankTol() { return (Double) orNull(rankTol); }
  public Double getTol() { return (Double) orNull(tol); }
  public Integer getMaxIterations() { return (Integer) orNull(maxIterations); }
  public Double getDamping() { return (Double) orNull(damping); }
  public Long getSampleSize() { return (Long) orNull(sampleSize); }
  public String getSampleRule() { return (String) orNull(sampleRule); }
  public String getScoreCol() { return getOrDefault(scoreCol); }
  public String getSensitivityCol() { return getOrDefault(sensitivityCol); }
  public String getProbabilityCol() { return getOrDefault(probabilityCol); }
  public String getWeightCol() { return getOrDefault(weightCol); }

  public LeverageScores setLambda(double value) { set(lambda, value); return this; }
  public LeverageScores setP(double value) { set(p, value); return this; }
  public LeverageScores setSketch(String value) { set(sketch, value); return this; }
  public LeverageScores setSketchRows(int value) { set(sketchRows, value); return this; }
  public LeverageScores setSketchNonzeros(int value) { set(sketchNonzeros, value); return this; }
  public LeverageScores setK(int value) { set(k, value); return this; }
  public LeverageScores setRankTol(double value) { set(rankTol, value); return this; }
  public LeverageScores setTol(double value) { set(tol, value); return this; }
  public LeverageScores setMaxIterations(int value) { set(maxIterations, value); return this; }
  public LeverageScores setDamping(double value) { set(damping, value); return this; }
  public LeverageScores setSampleSize(long value) { set(sampleSize, value); return this; }
  public LeverageScores setSampleRule(String value) { set(sampleRule, value); return this; }
  public LeverageScores setScoreCol(String value) { set(scoreCol, value); return this; }
  public LeverageScores setSensitivityCol(String value) { set(sensitivityCol, value); return this; }
  public LeverageScores setProbabilityCol(String value) { set(probabilityCol, value); return this; }
  public LeverageScores setWeightCol(String value) { set(weightCol, value); return this; }

  private Object orNull(Param<?> param) {
    return isDefined(param) ? getOrDefault(param) : null;
  }

  /** The job's configuration for an input opened from a DataFrame (no output: nothing is written). */
  LeverageConfig config(MatrixInput input) {
    return LeverageConfig.builder().input(input.options()).method(CliEnums.parse(Method.class, "method", getMethod()))
        .lambda(getLambda()).p(getP())
        .sketch(getSketch() == null ? null : CliEnums.parse(SketchType.class, "sketch", getSketch()))
        .sketchRows(getSketchRows()).sketchNonzeros(getSketchNonzeros()).k(getK()).rankTolerance(getRankTol())
        .tol(getTol()).maxIterations(getMaxIterations()).damping(getDamping()).sampleSize(getSampleSize())
        .sampleRule(getSampleRule() == null ? null : CliEnums.parse(SampleRule.class, "sampleRule", getSampleRule()))
        .seed(getSeed()).quiet(true).build();
  }

  /** Every pass of {@code randnla leverage} on the DataFrame's rows; the model holds what the last pass applies. */
  @Override
  public LeverageScoresModel fit(Dataset<?> dataset) {
    MatrixInput input = open(dataset, null);
    LeverageResult r = LeverageJob.FRAME.run(config(input), input);
    return fitted(new LeverageScoresModel(uid(), r.scoring(), r.summaryJson()));
  }

  /** {@code fit(dataset).sample(dataset)}: the weighted coreset of the DataFrame (needs {@code sampleSize}). */
  public Dataset<Row> sample(Dataset<?> dataset) {
    LeverageScoresModel.requireSampleSize(getSampleSize());
    return fit(dataset).sample(dataset);
  }

  /** The schema {@code transform} of the fitted model gives. */
  @Override
  public StructType transformSchema(StructType schema) {
    return ScoredFrame.schema(schema, getFeaturesCol(), getScoreCol(),
        Method.LEWIS.cliName().equals(getMethod()) ? getSensitivityCol() : null,
        getSampleSize() != null ? getProbabilityCol() : null);
  }

  public static MLReader<LeverageScores> read() {
    return new DefaultParamsReader<>();
  }

  public static LeverageScores load(String path) {
    return read().load(path);
  }
}
