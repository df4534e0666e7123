package dev.randnla.ml;

import dev.randnla.io.CliEnums;
import dev.randnla.jobs.regress.RegressConfig;
import dev.randnla.jobs.regress.RegressJob;
import dev.randnla.jobs.regress.RegressResult;
import dev.randnla.jobs.regress.Solver;
import dev.randnla.ml.SharedParams.HasPredictionCol;
import dev.randnla.ml.SharedParams.HasSeed;
import dev.randnla.sketch.SketchKind;
import dev.randnla.spark.DatasetSource;
import dev.randnla.spark.MatrixInput;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Least squares min ‖A·x (+ c) − b‖² + λ‖x‖² by randomized sketching — {@code randnla regress} as a
 * Spark ML Estimator ({@code featuresCol} the rows of A, {@code labelCol} b). {@link #fit} runs the same
 * job code as the command line ({@link RegressJob}) on the DataFrame's own partitions, with no files: the
 * same rows in the same partitioning give bitwise the CLI's coefficients (docs/algorithms.md, regress,
 * for each solver's passes, cost and guarantee). Usable in a Pipeline after a {@code VectorAssembler}.
 *
 * <p>Unset {@code solver} and {@code sketch} mean the CLI's defaults: precondition (sketch with
 * {@code guarantee = linf}) and the solver's default sketch. A row with NaN, ±Inf, a null vector or a null
 * label fails the fit with an {@code InvalidInputException} naming the column, partition and row, or is
 * dropped with {@code badRows = skip}.
 */
public final class SketchedLinearRegression
    extends RandnlaEstimator<SketchedLinearRegressionModel, SketchedLinearRegression>
    implements HasPredictionCol<SketchedLinearRegression>, HasSeed<SketchedLinearRegression> {
  private static final long serialVersionUID = 1L;

  private final Param<String> labelCol;
  private final Param<String> weightCol;
  private final Param<String> predictionCol;
  private final Param<String> solver;
  private final Param<String> sketch;
  private final DoubleParam ridge;
  private final BooleanParam intercept;
  private final Param<String> guarantee;
  private final LongParam seed;

  public SketchedLinearRegression() {
    this(Identifiable.randomUID("sketchedLinReg"));
  }

  public SketchedLinearRegression(String uid) {
    super(uid);
    labelCol = MlSupport.column(this, "labelCol", "The response b: a numeric column.");
    weightCol = MlSupport.column(this, "weightCol", "Row weights w (--weight-col): minimise Σ wᵢ(aᵢ·x (+ c) − bᵢ)²; "
        + "a numeric column, finite and >= 0 (0 leaves the row out). Unset or empty: every weight is 1.");
    predictionCol = MlSupport.column(this, "predictionCol", "The model's output: the fitted value A·x (+ c).");
    solver = MlSupport.choice(this, "solver", "The solver (--solver); unset: precondition, or sketch with "
        + "guarantee linf.", Solver.class);
    sketch = MlSupport.choice(this, "sketch", "The sketch (--sketch); unset: the solver's default (osnap; gaussian "
        + "for linf; for precondition the exact TSQR R when p <= 4096).", SketchKind.class, "tsqr");
    ridge = new DoubleParam(this, "ridge", "λ >= 0, the ridge penalty (--ridge); the intercept is not penalised.",
        ParamValidators.gtEq(0));
    intercept = new BooleanParam(this, "intercept", "Fit an intercept c (--intercept).");
    guarantee = new Param<>(this, "guarantee", "l2: the solver's usual guarantee; linf: a Gaussian sketch-and-solve "
        + "sized for the entrywise bound (--guarantee).", ParamValidators.inArray(java.util.List.of("l2", "linf")));
    seed = seeded(new LongParam(this, "seed", "The seed of every random choice (--seed)."));
    setDefault(labelCol, "label");
    setDefault(predictionCol, "prediction");
    setDefault(ridge, 0.0);
    setDefault(intercept, false);
    setDefault(guarantee, "l2");
  }

  // the Params (with featuresCol and badRows): Spark ML lists them by reflection (public, no arguments)
  public Param<String> labelCol() { return labelCol; }
  public Param<String> weightCol() { return weightCol; }
  public Param<String> predictionCol() { return predictionCol; }
  public Param<String> solver() { return solver; }
  public Param<String> sketch() { return sketch; }
  public DoubleParam ridge() { return ridge; }
  public BooleanParam intercept() { return intercept; }
  public Param<String> guarantee() { return guarantee; }
  public LongParam seed() { return seed; }

  public String getLabelCol() { return getOrDefault(labelCol); }

  /** The weight column, or null when unset or empty (every weight 1, as MLlib's LinearRegression). */
  public String getWeightCol() {
    String w = isDefined(weightCol) ? getOrDefault(weightCol) : null;
    return w == null || w.isEmpty() ? null : w;
  }

  /** The solver, or null when unset (the CLI's default). */
  public String getSolver() { return isDefined(solver) ? getOrDefault(solver) : null; }

  /** The sketch, or null when unset (the solver's default). */
  public String getSketch() { return isDefined(sketch) ? getOrDefault(sketch) : null; }
  public double getRidge() { return (Double) getOrDefault(ridge); }
  public boolean getIntercept() { return (Boolean) getOrDefault(intercept); }
  public String getGuarantee() { return getOrDefault(guarantee); }

  public SketchedLinearRegression setLabelCol(String value) { set(labelCol, value); return this; }
  public SketchedLinearRegression setWeightCol(String value) { set(weightCol, value); return this; }
  public SketchedLinearRegression setSolver(String value) { set(solver, value); return this; }
  public SketchedLinearRegression setSketch(String value) { set(sketch, value); return this; }
  public SketchedLinearRegression setRidge(double value) { set(ridge, value); return this; }
  public SketchedLinearRegression setIntercept(boolean value) { set(intercept, value); return this; }
  public SketchedLinearRegression setGuarantee(String value) { set(guarantee, value); return this; }

  /** The job's configuration for an input opened from a DataFrame (no output: nothing is written). */
  RegressConfig config(MatrixInput input) {
    String s = getSketch();
    boolean tsqr = "tsqr".equals(s);
    return RegressConfig.builder().input(input.options())
        .solver(getSolver() == null ? null : CliEnums.parse(Solver.class, "solver", getSolver()))
        .sketch(s == null || tsqr ? null : CliEnums.parse(SketchKind.class, "sketch", s)).tsqr(tsqr)
        .ridge(getRidge()).intercept(getIntercept()).linf("linf".equals(getGuarantee())).seed(getSeed()).quiet(true)
        .build();
  }

  @Override
  public SketchedLinearRegressionModel fit(Dataset<?> dataset) {
    MatrixInput input = open(dataset, getLabelCol(), getWeightCol());
    RegressResult r = RegressJob.FRAME.run(config(input), input);
    SketchedLinearRegressionModel model = new SketchedLinearRegressionModel(uid(), r.coefficients(),
        Double.isNaN(r.intercept()) ? 0 : r.intercept(), r.summaryJson());
    return fitted(model);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    DatasetSource.requireNumericColumn(schema, getLabelCol());
    if (getWeightCol() != null) {
      DatasetSource.requireNumericColumn(schema, getWeightCol());
    }
    return MlSupport.withOutput(schema, getFeaturesCol(), getPredictionCol(), DataTypes.DoubleType);
  }

  public static MLReader<SketchedLinearRegression> read() {
    return new DefaultParamsReader<>();
  }

  public static SketchedLinearRegression load(String path) {
    return read().load(path);
  }
}
