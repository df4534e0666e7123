package dev.randnla.ml;

import dev.randnla.io.CliEnums;
import dev.randnla.jobs.eigen.EigenConfig;
import dev.randnla.jobs.eigen.EigenJob;
import dev.randnla.jobs.eigen.EigenMethod;
import dev.randnla.jobs.eigen.EigenResult;
import dev.randnla.ml.SharedParams.HasCenter;
import dev.randnla.ml.SharedParams.HasMethod;
import dev.randnla.ml.SharedParams.HasSeed;
import dev.randnla.spark.MatrixInput;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;

/**
 * The top k eigenpairs of AᵀA (or of the centred cross-product) for the rows A of a DataFrame's vector
 * column — {@code randnla eigen} as a Spark ML Estimator. {@link #fit} runs the same job code as the
 * command line ({@link EigenJob}) on the DataFrame's own partitions, with no files: the same rows in the
 * same partitioning give bitwise the CLI's eigenpairs (docs/algorithms.md, eigen, for each method's
 * passes, cost and guarantee). The model's {@code transform} adds the projection x ↦ Vᵀx on the k
 * eigenvectors as a vector column.
 *
 * <p>Input: {@code featuresCol} holds ml Vectors (dense or sparse) or {@code array<double>}; a row with
 * NaN, ±Inf or a null vector fails the fit with an {@code InvalidInputException} naming the column,
 * partition and row, or is dropped with {@code badRows = skip}.
 */
public final class TopEigenvector extends RowMapEstimator<TopEigenvectorModel, TopEigenvector>
    implements HasMethod<TopEigenvector>, HasCenter<TopEigenvector>, HasSeed<TopEigenvector> {
  private static final long serialVersionUID = 1L;

  private final Param<String> method;
  private final IntParam k;
  private final BooleanParam center;
  private final BooleanParam verify;
  private final LongParam seed;

  public TopEigenvector() {
    this(Identifiable.randomUID("topEigenvector"));
  }

  public TopEigenvector(String uid) {
    super(uid, "the projection on the k eigenvectors.", "projection");
    method = MlSupport.choice(this, "method", "How to compute (--method): auto picks exact or stream by a cost model.",
        EigenMethod.class);
    k = new IntParam(this, "k", "Eigenpairs wanted (--k), the top k of AᵀA; oja computes k = 1 only.",
        ParamValidators.gtEq(1));
    center = new BooleanParam(this, "center", "Use the centred matrix A − 1μᵀ (PCA) (--center).");
    verify = new BooleanParam(this, "verify",
        "One more pass: residual and Rayleigh quotient of the answer (--verify).");
    seed = seeded(new LongParam(this, "seed", "The seed of every random choice (--seed)."));
    setDefault(method, EigenMethod.AUTO.cliName());
    setDefault(k, 1);
    setDefault(center, false);
    setDefault(verify, false);
  }

  // the Params (with featuresCol, outputCol and badRows): Spark ML lists them by reflection (public, no arguments)
  public Param<String> method() { return method; }
  public IntParam k() { return k; }
  public BooleanParam center() { return center; }
  public BooleanParam verify() { return verify; }
  public LongParam seed() { return seed; }

  public int getK() { return (Integer) getOrDefault(k); }
  public boolean getVerify() { return (Boolean) getOrDefault(verify); }

  public TopEigenvector setK(int value) { set(k, value); return this; }
  public TopEigenvector setVerify(boolean value) { set(verify, value); return this; }

  /** The job's configuration for an input opened from a DataFrame (no output: nothing is written). */
  EigenConfig config(MatrixInput input) {
    return EigenConfig.builder().input(input.options()).method(CliEnums.parse(EigenMethod.class, "method", getMethod()))
        .k(getK()).center(getCenter()).verify(getVerify()).seed(getSeed()).quiet(true).build();
  }

  @Override
  public TopEigenvectorModel fit(Dataset<?> dataset) {
    MatrixInput input = open(dataset, null);
    EigenResult r = EigenJob.FRAME.run(config(input), input);
    TopEigenvectorModel model = new TopEigenvectorModel(uid(), r.eigenvalues(), r.eigenvectors(), r.passes(),
        r.summaryJson());
    return fitted(model);
  }

  public static MLReader<TopEigenvector> read() {
    return new DefaultParamsReader<>();
  }

  public static TopEigenvector load(String path) {
    return read().load(path);
  }
}
