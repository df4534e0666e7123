package dev.randnla.ml;

import dev.randnla.linalg.Matrix;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * What {@link TopEigenvector} found: the top k eigenvalues of AᵀA (largest first) and the d × k
 * eigenvectors V (orthonormal columns, each with its largest-magnitude entry positive), the passes the
 * fit read and its summary (summary.json's content). {@code transform} adds {@code outputCol}, the
 * projection Vᵀx of each row on the eigenvectors (x as given: no centring, like Spark's PCAModel); a
 * null vector projects to null. Saved as Spark ML metadata plus one Parquet row (eigenvalues, V).
 */
public final class TopEigenvectorModel extends Model<TopEigenvectorModel> implements MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final double[] eigenvalues;
  private final Matrix eigenvectors;
  private final double passes;
  private final String summaryJson;
  private final Param<String> featuresCol;
  private final Param<String> outputCol;

  TopEigenvectorModel(String uid, double[] eigenvalues, Matrix eigenvectors, double passes, String summaryJson) {
    this.uid = uid;
    this.eigenvalues = eigenvalues.clone();
    this.eigenvectors = eigenvectors.copy();
    this.passes = passes;
    this.summaryJson = summaryJson;
    featuresCol = MlSupport.column(this, "featuresCol", "The rows to project: a vector or array<double> column.");
    outputCol = MlSupport.column(this, "outputCol", "The projection on the k eigenvectors (a vector column).");
    setDefault(featuresCol, "features");
    setDefault(outputCol, "projection");
  }

  @Override
  public String uid() { return uid; }

  // the Params: Spark ML lists them by reflection (public, no arguments, returning a Param)
  public Param<String> featuresCol() { return featuresCol; }
  public Param<String> outputCol() { return outputCol; }

  public String getFeaturesCol() { return getOrDefault(featuresCol); }
  public String getOutputCol() { return getOrDefault(outputCol); }

  public TopEigenvectorModel setFeaturesCol(String value) { set(featuresCol, value); return this; }
  public TopEigenvectorModel setOutputCol(String value) { set(outputCol, value); return this; }

  /** The top k eigenvalue estimates, largest first (a copy). */
  public double[] eigenvalues() { return eigenvalues.clone(); }

  /** The eigenvectors as a d × k column-major matrix. */
  public org.apache.spark.ml.linalg.Matrix eigenvectors() { return new DenseMatrix(eigenvectors.rows(), eigenvectors.cols(), eigenvectors.data().clone()); }

  /** Full reads of the data the fit made. */
  public double passes() { return passes; }

  /** The fit's summary: what {@code randnla eigen} writes as summary.json. */
  public String summaryJson() { return summaryJson; }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    return MlSupport.project(dataset, getFeaturesCol(), getOutputCol(), eigenvectors);
  }

  @Override
  public StructType transformSchema(StructType schema) { return MlSupport.withVectorOutput(schema, getFeaturesCol(), getOutputCol()); }

  @Override
  public TopEigenvectorModel copy(ParamMap extra) {
    TopEigenvectorModel copy = new TopEigenvectorModel(uid, eigenvalues, eigenvectors, passes, summaryJson);
    copy.setParent(parent());
    return copyValues(copy, extra);
  }

  @Override
  public MLWriter write() {
    Map<String, double[]> data = new LinkedHashMap<>();
    data.put("eigenvalues", eigenvalues);
    data.put("shape", new double[] {eigenvectors.rows(), eigenvectors.cols()});
    data.put("eigenvectors", eigenvectors.data());
    data.put("passes", new double[] {passes});
    return MlSupport.writer(this, data, summaryJson);
  }

  public static MLReader<TopEigenvectorModel> read() {
    return MlSupport.reader(TopEigenvectorModel.class, s -> {
      double[] shape = s.arrays().get("shape");
      Matrix v = new Matrix((int) shape[0], (int) shape[1], s.arrays().get("eigenvectors"));
      return new TopEigenvectorModel(s.uid(), s.arrays().get("eigenvalues"), v, s.arrays().get("passes")[0],
          s.summaryJson());
    });
  }

  public static TopEigenvectorModel load(String path) {
    return read().load(path);
  }
}
