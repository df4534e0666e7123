package dev.randnla.ml;

import dev.randnla.linalg.Matrix;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;

/**
 * What {@link TallSkinnyPCA} found: the principal components V (d × k, orthonormal columns, each with its
 * largest-magnitude entry positive), the explained variances σᵢ²/(n − 1), their ratios to the total
 * variance, and the column means μ. {@code transform} adds {@code outputCol} = Vᵀx (no centring, as in
 * Spark's PCAModel; subtract μ first for centred scores). Saved as Spark ML metadata plus one Parquet row.
 */
public final class TallSkinnyPCAModel extends ProjectionModel<TallSkinnyPCAModel> {
  private static final long serialVersionUID = 1L;

  private final double[] variance;
  private final double[] ratio;
  private final double[] mean;

  TallSkinnyPCAModel(String uid, Matrix components, double[] variance, double[] ratio, double[] mean) {
    super(uid, components, "pcaFeatures");
    this.variance = variance.clone();
    this.ratio = ratio.clone();
    this.mean = mean.clone();
  }

  /** The principal components, d × k column-major (Spark PCAModel's {@code pc}). */
  public DenseMatrix pc() {
    return basisMatrix();
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
  public TallSkinnyPCAModel copy(ParamMap extra) {
    return copied(new TallSkinnyPCAModel(uid(), basis, variance, ratio, mean), extra);
  }

  @Override
  public MLWriter write() {
    Map<String, double[]> data = MlSupport.withMatrix(new LinkedHashMap<>(), "components", basis);
    data.put("variance", variance);
    data.put("ratio", ratio);
    data.put("mean", mean);
    return MlSupport.writer(this, data, "");
  }

  public static MLReader<TallSkinnyPCAModel> read() {
    return MlSupport.reader(TallSkinnyPCAModel.class, s -> new TallSkinnyPCAModel(s.uid(), s.matrix("components"),
        s.arrays().get("variance"), s.arrays().get("ratio"), s.arrays().get("mean")));
  }

  public static TallSkinnyPCAModel load(String path) {
    return read().load(path);
  }
}
