package dev.randnla.ml;

import dev.randnla.linalg.Matrix;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A model whose {@code transform} projects each row x of {@code featuresCol} on the k orthonormal
 * columns of a d × k basis V: {@code outputCol} = Vᵀx, a vector column (x as given, not centred, like
 * Spark's PCAModel; null for a null vector). The base of {@link TopEigenvectorModel},
 * {@link TallSkinnyPCAModel} and {@link TallSkinnySVDModel}. Public because Spark ML finds a model's
 * Params by reflection.
 *
 * @param <M> the concrete model (setters return it)
 */
public abstract class ProjectionModel<M extends ProjectionModel<M>> extends RowMapModel<M> {
  private static final long serialVersionUID = 1L;

  /** The basis V (d × k). */
  final Matrix basis;

  ProjectionModel(String uid, Matrix basis, String defaultOutputCol) {
    super(uid, "The rows to project: a vector or array<double> column.",
        "The projection on the k basis vectors (a vector column).", defaultOutputCol);
    this.basis = basis.copy();
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    return MlSupport.project(dataset, getFeaturesCol(), getOutputCol(), basis);
  }

  /** V as Spark ML's d × k column-major matrix (a copy). */
  org.apache.spark.ml.linalg.DenseMatrix basisMatrix() {
    return MlSupport.dense(basis);
  }
}
