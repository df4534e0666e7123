package dev.randnla.ml;

import dev.randnla.io.CliEnums;
import dev.randnla.jobs.spectrum.SpectrumConfig;
import dev.randnla.jobs.spectrum.SpectrumJob;
import dev.randnla.ml.SharedParams.HasCenter;
import dev.randnla.ml.SharedParams.HasMethod;
import dev.randnla.ml.SharedParams.HasSeed;
import dev.randnla.spark.DatasetSource;
import dev.randnla.spark.MatrixInput;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * Spectral diagnostics of a DataFrame's vector column — {@code randnla spectrum} as a Spark ML Estimator:
 * the eigenvalue spectrum of C = AᵀA/n (centred: the sample covariance, divisor n − 1; standardized: unit
 * variance columns) and its descriptors — spectral entropy, effective and stable rank, condition number,
 * the Marchenko–Pastur fit with its spikes and their BBP population values, the power-law tail exponent,
 * the nuclear norm and its one-pass bound (docs/algorithms.md, spectrum, for the methods' passes, cost and
 * accuracy). {@link #fit} runs the same job code as the command line ({@link SpectrumJob}) on the
 * DataFrame's own partitions, with no files: the same rows in the same partitioning give bitwise the CLI's
 * spectrum and descriptors.
 *
 * <p>The model is a diagnosis, not a feature map: the job computes eigenvalues only (no eigenvectors to
 * project on; {@link TopEigenvector} gives the top directions), so its {@code transform} checks
 * {@code featuresCol} and returns the rows unchanged. The CLI's files (histogram.csv, spectrum.png,
 * windows.csv) have no counterpart: the histogram's bins, the plot and {@code --window} are not Params.
 *
 * <p>Input: {@code featuresCol} holds ml Vectors (dense or sparse) or {@code array<double>}; a row with
 * NaN, ±Inf or a null vector fails the fit with an {@code InvalidInputException} naming the column,
 * partition and row, or is dropped with {@code badRows = skip}.
 */
public final class SpectrumAnalyzer extends RandnlaEstimator<SpectrumAnalyzerModel, SpectrumAnalyzer>
    implements HasMethod<SpectrumAnalyzer>, HasCenter<SpectrumAnalyzer>, HasSeed<SpectrumAnalyzer> {
  private static final long serialVersionUID = 1L;

  private final Param<String> method;
  private final BooleanParam center;
  private final BooleanParam standardize;
  private final IntParam probes;
  private final IntParam steps;
  private final IntParam top;
  private final LongParam seed;

  public SpectrumAnalyzer() {
    this(Identifiable.randomUID("spectrumAnalyzer"));
  }

  public SpectrumAnalyzer(String uid) {
    super(uid);
    method = MlSupport.choice(this, "method", "How the spectrum is obtained (--method): exact = one Gram pass and a "
        + "dense eigensolver (all d eigenvalues); slq = stochastic Lanczos quadrature, 1 + steps passes; auto = exact "
        + "for d <= " + SpectrumConfig.AUTO_EXACT_MAX_COLS + " when the Gram fits, else slq.", SpectrumConfig.Method.class);
    center = new BooleanParam(this, "center", "Subtract the column means: the sample covariance, divisor n - 1 "
        + "(--center).");
    standardize = new BooleanParam(this, "standardize", "Scale every column to unit variance; with center, the "
        + "correlation matrix (--standardize). Zero-variance columns stay zero.");
    probes = new IntParam(this, "probes", "slq: Rademacher probe vectors; the standard error falls as 1/sqrt(probes) "
        + "(--probes).", ParamValidators.gtEq(1));
    steps = new IntParam(this, "steps", "slq: Lanczos steps, one pass each (--steps).", ParamValidators.gtEq(1));
    top = new IntParam(this, "top", "slq: how many top Ritz values to report (--top).", ParamValidators.gtEq(1));
    seed = seeded(new LongParam(this, "seed", "The seed of the slq probes (--seed)."));
    setDefault(method, SpectrumConfig.Method.AUTO.cliName());
    setDefault(center, false);
    setDefault(standardize, false);
    setDefault(probes, SpectrumConfig.DEFAULT_PROBES);
    setDefault(steps, SpectrumConfig.DEFAULT_STEPS);
    setDefault(top, SpectrumConfig.DEFAULT_TOP);
  }

  // the Params (with featuresCol and badRows): Spark ML lists them by reflection (public, no arguments)
  public Param<String> method() { return method; }
  public BooleanParam center() { return center; }
  public BooleanParam standardize() { return standardize; }
  public IntParam probes() { return probes; }
  public IntParam steps() { return steps; }
  public IntParam top() { return top; }
  public LongParam seed() { return seed; }

  public boolean getStandardize() { return (Boolean) getOrDefault(standardize); }
  public int getProbes() { return (Integer) getOrDefault(probes); }
  public int getSteps() { return (Integer) getOrDefault(steps); }
  public int getTop() { return (Integer) getOrDefault(top); }

  public SpectrumAnalyzer setStandardize(boolean value) { set(standardize, value); return this; }
  public SpectrumAnalyzer setProbes(int value) { set(probes, value); return this; }
  public SpectrumAnalyzer setSteps(int value) { set(steps, value); return this; }
  public SpectrumAnalyzer setTop(int value) { set(top, value); return this; }

  /** The job's configuration for an input opened from a DataFrame (no output, so no plot: nothing is written). */
  SpectrumConfig config(MatrixInput input) {
    return SpectrumConfig.builder().input(input.options())
        .method(CliEnums.parse(SpectrumConfig.Method.class, "method", getMethod())).center(getCenter())
        .standardize(getStandardize()).probes(getProbes()).steps(getSteps()).top(getTop()).plot(false).seed(getSeed())
        .quiet(true).build();
  }

  @Override
  public SpectrumAnalyzerModel fit(Dataset<?> dataset) {
    MatrixInput input = open(dataset, null);
    return fitted(SpectrumAnalyzerModel.of(uid(), SpectrumJob.FRAME.run(config(input), input)));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    DatasetSource.requireVectorColumn(schema, getFeaturesCol());
    return schema;
  }

  public static MLReader<SpectrumAnalyzer> read() {
    return new DefaultParamsReader<>();
  }

  public static SpectrumAnalyzer load(String path) {
    return read().load(path);
  }
}
