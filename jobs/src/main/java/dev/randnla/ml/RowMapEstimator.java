package dev.randnla.ml;

import dev.randnla.ml.SharedParams.HasOutputCol;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.Param;
import org.apache.spark.sql.types.StructType;

/**
 * An Estimator whose model ({@link RowMapModel}) adds one vector column, {@code outputCol}, computed from
 * each row of {@code featuresCol}: a projection on eigenvectors, singular vectors or components, or a row of
 * Q. Holds that Param and the schema check of a fit. Public because Spark ML finds Params by reflection.
 *
 * @param <M> the model a fit returns
 * @param <E> the concrete Estimator (setters return it)
 */
public abstract class RowMapEstimator<M extends Model<M>, E extends RowMapEstimator<M, E>> extends RandnlaEstimator<M, E>
    implements HasOutputCol<E> {
  private static final long serialVersionUID = 1L;

  private final Param<String> outputCol;

  /** @param outputDoc what the model's output column holds */
  RowMapEstimator(String uid, String outputDoc, String defaultOutputCol) {
    super(uid);
    outputCol = MlSupport.column(this, "outputCol", "The model's output: " + outputDoc);
    setDefault(outputCol, defaultOutputCol);
  }

  public Param<String> outputCol() { return outputCol; }

  @Override
  public StructType transformSchema(StructType schema) {
    return MlSupport.withVectorOutput(schema, getFeaturesCol(), getOutputCol());
  }
}
