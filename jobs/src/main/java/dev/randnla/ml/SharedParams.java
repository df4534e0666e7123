package dev.randnla.ml;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The Params that several Estimators and Models of this package share, one interface each, as MLlib's shared
 * params ({@code HasSeed}, {@code HasPredictionCol}, …): the interface reads and sets the Param's value the
 * same way everywhere; the class declares the Param itself, with its own doc and default, and returns it from
 * the public no-argument accessor Spark ML finds by reflection. Setters return the implementing class
 * {@code E}, so calls chain. Public because the getters and setters are part of each class's API.
 */
public final class SharedParams {
  private SharedParams() {}

  /** {@code featuresCol}: the rows read, a vector or {@code array<double>} column. */
  public interface HasFeaturesCol<E extends Params> extends Params {
    Param<String> featuresCol();

    default String getFeaturesCol() { return getOrDefault(featuresCol()); }

    @SuppressWarnings("unchecked")
    default E setFeaturesCol(String value) { set(featuresCol(), value); return (E) this; }
  }

  /** {@code badRows}: fail on a row with NaN, ±Inf or a null value, or skip it ({@link MlSupport#badRows}). */
  public interface HasBadRows<E extends Params> extends Params {
    Param<String> badRows();

    default String getBadRows() { return getOrDefault(badRows()); }

    @SuppressWarnings("unchecked")
    default E setBadRows(String value) { set(badRows(), value); return (E) this; }
  }

  /** {@code outputCol}: the vector column a model's {@code transform} adds. */
  public interface HasOutputCol<E extends Params> extends Params {
    Param<String> outputCol();

    default String getOutputCol() { return getOrDefault(outputCol()); }

    @SuppressWarnings("unchecked")
    default E setOutputCol(String value) { set(outputCol(), value); return (E) this; }
  }

  /** {@code predictionCol}: the column of a model's predictions. */
  public interface HasPredictionCol<E extends Params> extends Params {
    Param<String> predictionCol();

    default String getPredictionCol() { return getOrDefault(predictionCol()); }

    @SuppressWarnings("unchecked")
    default E setPredictionCol(String value) { set(predictionCol(), value); return (E) this; }
  }

  /** {@code keyCol}: the block key of each row. */
  public interface HasKeyCol<E extends Params> extends Params {
    Param<String> keyCol();

    default String getKeyCol() { return getOrDefault(keyCol()); }

    @SuppressWarnings("unchecked")
    default E setKeyCol(String value) { set(keyCol(), value); return (E) this; }
  }

  /** {@code method}: the job's {@code --method}, by its command-line name. */
  public interface HasMethod<E extends Params> extends Params {
    Param<String> method();

    default String getMethod() { return getOrDefault(method()); }

    @SuppressWarnings("unchecked")
    default E setMethod(String value) { set(method(), value); return (E) this; }
  }

  /** {@code center}: work on the centred matrix A − 1μᵀ ({@code --center}). */
  public interface HasCenter<E extends Params> extends Params {
    BooleanParam center();

    default boolean getCenter() { return (Boolean) getOrDefault(center()); }

    @SuppressWarnings("unchecked")
    default E setCenter(boolean value) { set(center(), value); return (E) this; }
  }

  /** {@code seed}: the job's {@code --seed}. */
  public interface HasSeed<E extends Params> extends Params {
    LongParam seed();

    default long getSeed() { return (Long) getOrDefault(seed()); }

    @SuppressWarnings("unchecked")
    default E setSeed(long value) { set(seed(), value); return (E) this; }
  }
}
