package dev.randnla.ml;

import dev.randnla.ml.SharedParams.HasOutputCol;
import org.apache.spark.ml.param.Param;
import org.apache.spark.sql.types.StructType;

/**
 * A model whose {@code transform} maps each row x of {@code featuresCol} (a vector or {@code array<double>}
 * column) to a new vector column {@code outputCol}: that Param and the schema check, beside what every model
 * shares ({@link RandnlaModel}). The base of {@link ProjectionModel} (x ↦ Vᵀx) and {@link TallSkinnyQRModel}
 * (x ↦ the row of Q). Public because Spark ML finds a model's Params by reflection.
 *
 * @param <M> the concrete model (setters return it)
 */
public abstract class RowMapModel<M extends RowMapModel<M>> extends RandnlaModel<M>
    implements HasOutputCol<M> {
  private static final long serialVersionUID = 1L;

  private final Param<String> outputCol;

  /**
   * @param featuresDoc the doc of {@code featuresCol}
   * @param outputDoc the doc of {@code outputCol}
   */
  RowMapModel(String uid, String featuresDoc, String outputDoc, String defaultOutputCol) {
    super(uid, featuresDoc);
    outputCol = MlSupport.column(this, "outputCol", outputDoc);
    setDefault(outputCol, defaultOutputCol);
  }

  public Param<String> outputCol() { return outputCol; }

  @Override
  public StructType transformSchema(StructType schema) {
    return MlSupport.withVectorOutput(schema, getFeaturesCol(), getOutputCol());
  }
}
