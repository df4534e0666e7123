package dev.randnla.ml;

import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLWritable;

/**
 * What every randnla model shares, whatever columns it reads: its uid, and copying its param values and parent
 * ({@link #copied}). Models that read the rows of {@code featuresCol} extend {@link RandnlaModel}; a model
 * that reads other columns (e.g. {@link SubspaceClusteringModel}, a row's block key) extends this directly.
 * Public because Spark ML finds a model's Params by reflection.
 *
 * @param <M> the concrete model (setters return it)
 */
public abstract class FittedModel<M extends FittedModel<M>> extends Model<M> implements MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;

  FittedModel(String uid) {
    this.uid = uid;
  }

  @Override
  public String uid() { return uid; }

  /** A copy of this model's param values and parent on {@code copy}. */
  M copied(M copy, ParamMap extra) {
    copy.setParent(parent());
    return copyValues(copy, extra);
  }
}
