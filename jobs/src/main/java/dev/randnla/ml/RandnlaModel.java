package dev.randnla.ml;

import dev.randnla.ml.SharedParams.HasFeaturesCol;
import org.apache.spark.ml.param.Param;

/**
 * What every randnla model that reads rows shares besides what every model does ({@link FittedModel}): the
 * {@code featuresCol} it reads (a vector or {@code array<double>} column, {@code features} by default; each
 * model says in its doc what it does with the rows). Public because Spark ML finds a model's Params by
 * reflection.
 *
 * @param <M> the concrete model (setters return it)
 */
public abstract class RandnlaModel<M extends RandnlaModel<M>> extends FittedModel<M>
    implements HasFeaturesCol<M> {
  private static final long serialVersionUID = 1L;

  private final Param<String> featuresCol;

  /** @param featuresDoc the doc of {@code featuresCol} */
  RandnlaModel(String uid, String featuresDoc) {
    super(uid);
    featuresCol = MlSupport.column(this, "featuresCol", featuresDoc);
    setDefault(featuresCol, "features");
  }

  public Param<String> featuresCol() { return featuresCol; }
}
