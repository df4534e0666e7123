package dev.randnla.ml;

import dev.randnla.ml.SharedParams.HasFeaturesCol;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLWritable;

/**
 * What every randnla model that reads rows shares: its uid, the {@code featuresCol} it reads (a vector or
 * {@code array<double>} column, {@code features} by default; each model says in its doc what it does with
 * the rows) and copying its param values and parent. Public because Spark ML finds a model's Params by
 * reflection.
 *
 * @param <M> the concrete model (setters return it)
 */
public abstract class RandnlaModel<M extends RandnlaModel<M>> extends Model<M>
    implements HasFeaturesCol<M>, MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> featuresCol;

  /** @param featuresDoc the doc of {@code featuresCol} */
  RandnlaModel(String uid, String featuresDoc) {
    this.uid = uid;
    featuresCol = MlSupport.column(this, "featuresCol", featuresDoc);
    setDefault(featuresCol, "features");
  }

  @Override
  public String uid() { return uid; }

  public Param<String> featuresCol() { return featuresCol; }

  /** A copy of this model's param values and parent on {@code copy}. */
  M copied(M copy, ParamMap extra) {
    copy.setParent(parent());
    return copyValues(copy, extra);
  }
}
