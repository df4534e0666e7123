package dev.randnla.ml;

import dev.randnla.linalg.Matrix;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * What {@link TallSkinnyPCA} found: the principal components V (d × k, orthonormal columns, each with its
 * largest-magnitude entry positive), the explained variances σᵢ²/(n − 1), their ratios to the total
 * variance, and the column means μ. {@code transform} adds {@code outputCol} = Vᵀx (no centring, as in
 * Spark's PCAModel; subtract μ first for centred scores). Saved as Spark ML metadata plus one Parquet row.
 */
public final class TallSkinnyPCAModel extends Model<TallSkinnyPCAModel> implements MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Matrix components;
  private final double[] variance;
  private final double[] ratio;
  private final double[] mean;
  private final Param<String> featuresCol;
  private final Param<String> outputCol;

  TallSkinnyPCAModel(String uid, Matrix components, double[] variance, double[] ratio, double[] mean) {
    this.uid = uid;
    this.components = components.copy();
    this.variance = variance.clone();
    this.ratio = ratio.clone();
    this.mean = mean.clone();
    featuresCol = MlSupport.column(this, "featuresCol", "The rows to project: a vector or array<double> column.");
    outputCol = MlSupport.column(this, "outputCol", "The projection on the k components (a vector column).");
    setDefault(featuresCol, "features");
    setDefault(outputCol, "pcaFeatures");
  }

  @Override
  public String uid() { return uid; }

  public Param<String> featuresCol() { return featuresCol; }
  public Param<String> outputCol() { return outputCol; }

  public String getFeaturesCol() { return getOrDefault(featuresCol); }
  public String getOutputCol() { return getOrDefault(outputCol); }

  public TallSkinnyPCAModel setFeaturesCol(String value) { set(featuresCol, value); return this; }
  public TallSkinnyPCAModel setOutputCol(String value) { set(outputCol, value); return this; }

  /** The principal components, d × k column-major (Spark PCAModel's {@code pc}). */
  public DenseMatrix pc() {
    return new DenseMatrix(components.rows(), components.cols(), components.data().clone());
  }

  /** The variances σᵢ²/(n − 1) along the k components. */
  public Vector explainedVariance() {
    return Vectors.dense(variance.clone());
  }

  /** The variances over the total variance (Spark PCAModel's {@code explainedVariance}). */
  public Vector explainedVarianceRatio() {
    return Vectors.dense(ratio.clone());
  }

  /** The column means μ. */
  public Vector mean() {
    return Vectors.dense(mean.clone());
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    return MlSupport.project(dataset, getFeaturesCol(), getOutputCol(), components);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return MlSupport.withVectorOutput(schema, getFeaturesCol(), getOutputCol());
  }

  @Override
  public TallSkinnyPCAModel copy(ParamMap extra) {
    TallSkinnyPCAModel copy = new TallSkinnyPCAModel(uid, components, variance, ratio, mean);
    copy.setParent(parent());
    return copyValues(copy, extra);
  }

  @Override
  public MLWriter write() {
    Map<String, double[]> data = new LinkedHashMap<>();
    data.put("shape", new double[] {components.rows(), components.cols()});
    data.put("components", components.data());
    data.put("variance", variance);
    data.put("ratio", ratio);
    data.put("mean", mean);
    return MlSupport.writer(this, data, "");
  }

  public static MLReader<TallSkinnyPCAModel> read() {
    return MlSupport.reader(TallSkinnyPCAModel.class, s -> {
      double[] shape = s.arrays().get("shape");
      return new TallSkinnyPCAModel(s.uid(), new Matrix((int) shape[0], (int) shape[1], s.arrays().get("components")),
          s.arrays().get("variance"), s.arrays().get("ratio"), s.arrays().get("mean"));
    });
  }

  public static TallSkinnyPCAModel load(String path) {
    return read().load(path);
  }
}
