package dev.randnla.ml;

import dev.randnla.linalg.Matrix;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A model whose {@code transform} projects each row x of {@code featuresCol} on the k orthonormal
 * columns of a d × k basis V: {@code outputCol} = Vᵀx, a vector column (x as given, not centred, like
 * Spark's PCAModel; null for a null vector). The base of {@link TopEigenvectorModel} and
 * {@link TallSkinnyPCAModel}. Public because Spark ML finds a model's Params by reflection.
 *
 * @param <M> the concrete model (setters return it)
 */
public abstract class ProjectionModel<M extends ProjectionModel<M>> extends Model<M> implements MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  /** The basis V (d × k). */
  final Matrix basis;
  private final Param<String> featuresCol;
  private final Param<String> outputCol;

  ProjectionModel(String uid, Matrix basis, String defaultOutputCol) {
    this.uid = uid;
    this.basis = basis.copy();
    featuresCol = MlSupport.column(this, "featuresCol", "The rows to project: a vector or array<double> column.");
    outputCol = MlSupport.column(this, "outputCol", "The projection on the k basis vectors (a vector column).");
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
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    return MlSupport.project(dataset, getFeaturesCol(), getOutputCol(), basis);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return MlSupport.withVectorOutput(schema, getFeaturesCol(), getOutputCol());
  }

  /** A copy of this model's param values and parent on {@code copy}. */
  M copied(M copy, org.apache.spark.ml.param.ParamMap extra) {
    copy.setParent(parent());
    return copyValues(copy, extra);
  }
}
