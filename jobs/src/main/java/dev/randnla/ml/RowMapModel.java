package dev.randnla.ml;

import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.sql.types.StructType;

/**
 * A model whose {@code transform} maps each row x of {@code featuresCol} (a vector or {@code array<double>}
 * column) to a new vector column {@code outputCol}: its uid, those two Params, the schema check and copying.
 * The base of {@link ProjectionModel} (x ↦ Vᵀx) and {@link TallSkinnyQRModel} (x ↦ the row of Q). Public
 * because Spark ML finds a model's Params by reflection.
 *
 * @param <M> the concrete model (setters return it)
 */
public abstract class RowMapModel<M extends RowMapModel<M>> extends Model<M> implements MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> featuresCol;
  private final Param<String> outputCol;

  /**
   * @param featuresDoc the doc of {@code featuresCol}
   * @param outputDoc the doc of {@code outputCol}
   */
  RowMapModel(String uid, String featuresDoc, String outputDoc, String defaultOutputCol) {
    this.uid = uid;
    featuresCol = MlSupport.column(this, "featuresCol", featuresDoc);
    outputCol = MlSupport.column(this, "outputCol", outputDoc);
    setDefault(featuresCol, "features");
    setDefault(outputCol, defaultOutputCol);
  }

  @Override
  public String uid() { return uid; }

  public Param<String> featuresCol() { return featuresCol; }
  public Param<String> outputCol() { return outputCol; }

  public String getFeaturesCol() { return getOrDefault(featuresCol); }
  public String getOutputCol() { return getOrDefault(outputCol); }

  public M setFeaturesCol(String value) { set(featuresCol, value); return self(); }
  public M setOutputCol(String value) { set(outputCol, value); return self(); }

  @SuppressWarnings("unchecked")
  private M self() {
    return (M) this;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return MlSupport.withVectorOutput(schema, getFeaturesCol(), getOutputCol());
  }

  /** A copy of this model's param values and parent on {@code copy}. */
  M copied(M copy, ParamMap extra) {
    copy.setParent(parent());
    return copyValues(copy, extra);
  }
}
