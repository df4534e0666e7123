package dev.randnla.ml;

import dev.randnla.ml.SharedParams.HasBadRows;
import dev.randnla.ml.SharedParams.HasFeaturesCol;
import dev.randnla.spark.MatrixInput;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Dataset;

/**
 * What every randnla Estimator shares: its uid, the {@code featuresCol} it reads (a vector or
 * {@code array<double>} column, MLlib's {@code features} by default), the {@code badRows} policy, copying
 * and saving its params. Public because Spark ML finds Params by reflection and loads an Estimator through
 * its public {@code (String uid)} constructor.
 *
 * @param <M> the model a fit returns
 * @param <E> the concrete Estimator (setters return it)
 */
public abstract class RandnlaEstimator<M extends Model<M>, E extends RandnlaEstimator<M, E>> extends Estimator<M>
    implements HasFeaturesCol<E>, HasBadRows<E>, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> featuresCol;
  private final Param<String> badRows;

  RandnlaEstimator(String uid) {
    this.uid = uid;
    featuresCol = MlSupport.column(this, "featuresCol", "The rows of A: a vector or array<double> column.");
    badRows = MlSupport.badRows(this);
    setDefault(featuresCol, "features");
    setDefault(badRows, "fail");
  }

  @Override
  public String uid() { return uid; }

  public Param<String> featuresCol() { return featuresCol; }
  public Param<String> badRows() { return badRows; }

  /**
   * {@code seed} ({@link SharedParams.HasSeed}) with its default set: {@link #defaultSeed} of this Estimator's
   * class, so that an Estimator left unseeded gives the same answer on every run, as Spark ML's do.
   */
  LongParam seeded(LongParam seed) {
    setDefault(seed, defaultSeed(getClass()));
    return seed;
  }

  /** The seed of an Estimator of class {@code type} (and of its model) when none is set: its name's hash. */
  static long defaultSeed(Class<?> type) {
    return type.getName().hashCode();
  }

  @SuppressWarnings("unchecked")
  E self() {
    return (E) this;
  }

  /** Checks the schema and opens {@code featuresCol} (and {@code labelCol}, or null) as the job's input. */
  MatrixInput open(Dataset<?> dataset, String labelCol) {
    return open(dataset, labelCol, null);
  }

  /** Checks the schema and opens {@code featuresCol} with {@code labelCol} and {@code weightCol} (each may be null). */
  MatrixInput open(Dataset<?> dataset, String labelCol, String weightCol) {
    transformSchema(dataset.schema());
    return MlSupport.open(dataset, getFeaturesCol(), labelCol, weightCol, getBadRows());
  }

  /** Sets the fitted model's parent and copies the params it shares with this Estimator. */
  M fitted(M model) {
    model.setParent(this);
    return copyValues(model, ParamMap.empty());
  }

  @Override
  public E copy(ParamMap extra) {
    return defaultCopy(extra);
  }
}
