package dev.randnla.ml;

import dev.randnla.io.CliEnums;
import dev.randnla.jobs.tall.PcaConfig;
import dev.randnla.jobs.tall.PcaJob;
import dev.randnla.jobs.tall.PcaResult;
import dev.randnla.spark.MatrixInput;
import dev.randnla.spark.TallSkinnySvd;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * Principal components of a DataFrame's vector column — {@code randnla pca} as a Spark ML Estimator: the
 * SVD of the centred rows A − 1μᵀ from one stable TSQR pass (or the Gram with {@code method = gram}),
 * run by the same job code as the command line ({@link PcaJob}) on the DataFrame's partitions. The
 * model holds the principal components V (d × k), the explained variances σᵢ²/(n − 1) and their ratios,
 * and the column means; {@code transform} adds the projection Vᵀx (x as given, like Spark's PCAModel).
 * Unset {@code k} keeps all d components (the CLI's default).
 */
public final class TallSkinnyPCA extends RandnlaEstimator<TallSkinnyPCAModel, TallSkinnyPCA> {
  private static final long serialVersionUID = 1L;

  private final Param<String> outputCol;
  private final IntParam k;
  private final Param<String> method;

  public TallSkinnyPCA() {
    this(Identifiable.randomUID("tallSkinnyPCA"));
  }

  public TallSkinnyPCA(String uid) {
    super(uid);
    outputCol = MlSupport.column(this, "outputCol", "The model's output: the projection on the k components.");
    k = new IntParam(this, "k", "Principal components kept (--k); unset: all d.", ParamValidators.gtEq(1));
    method = MlSupport.choice(this, "method", "tsqr: SVD of the TSQR R (stable); gram: of the Gram (--method).",
        TallSkinnySvd.Method.class);
    setDefault(outputCol, "pcaFeatures");
    setDefault(method, TallSkinnySvd.Method.TSQR.cliName());
  }

  // the Params (with featuresCol and badRows): Spark ML lists them by reflection (public, no arguments)
  public Param<String> outputCol() { return outputCol; }
  public IntParam k() { return k; }
  public Param<String> method() { return method; }

  public String getOutputCol() { return getOrDefault(outputCol); }
  /** k, or null when unset (all components). */
  public Integer getK() { return isDefined(k) ? (Integer) getOrDefault(k) : null; }
  public String getMethod() { return getOrDefault(method); }

  public TallSkinnyPCA setOutputCol(String value) { set(outputCol, value); return this; }
  public TallSkinnyPCA setK(int value) { set(k, value); return this; }
  public TallSkinnyPCA setMethod(String value) { set(method, value); return this; }

  @Override
  public TallSkinnyPCAModel fit(Dataset<?> dataset) {
    MatrixInput input = open(dataset, null);
    PcaResult r = PcaJob.run(new PcaConfig(input.options(), null, getK(),
        CliEnums.parse(TallSkinnySvd.Method.class, "method", getMethod()), true), input);
    TallSkinnyPCAModel model = new TallSkinnyPCAModel(uid(), r.components(), r.explainedVariance(),
        r.explainedVarianceRatio(), r.mean());
    return fitted(model);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return MlSupport.withVectorOutput(schema, getFeaturesCol(), getOutputCol());
  }

  public static MLReader<TallSkinnyPCA> read() {
    return new DefaultParamsReader<>();
  }

  public static TallSkinnyPCA load(String path) {
    return read().load(path);
  }
}
