package dev.randnla.ml;

import dev.randnla.jobs.tall.PcaConfig;
import dev.randnla.jobs.tall.PcaJob;
import dev.randnla.jobs.tall.PcaResult;
import dev.randnla.spark.MatrixInput;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;

/**
 * Principal components of a DataFrame's vector column — {@code randnla pca} as a Spark ML Estimator: the
 * SVD of the centred rows A − 1μᵀ from one stable TSQR pass (or the Gram with {@code method = gram}),
 * run by the same job code as the command line ({@link PcaJob}) on the DataFrame's partitions. The
 * model holds the principal components V (d × k), the explained variances σᵢ²/(n − 1) and their ratios,
 * and the column means; {@code transform} adds the projection Vᵀx (x as given, like Spark's PCAModel).
 * Unset {@code k} keeps all d components (the CLI's default).
 */
public final class TallSkinnyPCA extends TallSkinnySvdEstimator<TallSkinnyPCAModel, TallSkinnyPCA> {
  private static final long serialVersionUID = 1L;

  public TallSkinnyPCA() {
    this(Identifiable.randomUID("tallSkinnyPCA"));
  }

  public TallSkinnyPCA(String uid) {
    super(uid, "principal components", "tsqr: SVD of the TSQR R (stable); gram: of the Gram", "pcaFeatures");
  }

  @Override
  public TallSkinnyPCAModel fit(Dataset<?> dataset) {
    MatrixInput input = open(dataset, null);
    PcaResult r = PcaJob.FRAME.run(new PcaConfig(input.options(), null, getK(), parsedMethod(), true), input);
    TallSkinnyPCAModel model = new TallSkinnyPCAModel(uid(), r.components(), r.explainedVariance(),
        r.explainedVarianceRatio(), r.mean());
    return fitted(model);
  }

  public static MLReader<TallSkinnyPCA> read() {
    return new DefaultParamsReader<>();
  }

  public static TallSkinnyPCA load(String path) {
    return read().load(path);
  }
}
