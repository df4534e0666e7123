package dev.randnla.ml;

import dev.randnla.linalg.Matrix;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;

/**
 * What {@link TallSkinnySVD} found: all d singular values σ₁ ≥ … ≥ σ_d of A (the CLI's
 * singular-values.csv), the k right singular vectors V (d × k, orthonormal columns; the CLI's V.csv) and
 * the fit's summary (summary.json's content: rank, condition number, the method's diagnostics).
 * {@code transform} adds {@code outputCol} = Vᵀx for each row x (for a row of A, σ times its row of U);
 * a null vector projects to null. Saved as Spark ML metadata plus one Parquet row (σ, V, the summary).
 */
public final class TallSkinnySVDModel extends ProjectionModel<TallSkinnySVDModel> {
  private static final long serialVersionUID = 1L;

  private final double[] singularValues;
  private final String summaryJson;

  TallSkinnySVDModel(String uid, double[] singularValues, Matrix v, String summaryJson) {
    super(uid, v, "projection");
    this.singularValues = singularValues.clone();
    this.summaryJson = summaryJson;
  }

  /** All d singular values, descending (a copy); the first k go with the columns of {@link #v()}. */
  public double[] singularValues() { return singularValues.clone(); }

  /** The right singular vectors as a d × k column-major matrix. */
  public org.apache.spark.ml.linalg.Matrix v() { return basisMatrix(); }

  /** The fit's summary: what {@code randnla svd} writes as summary.json. */
  public String summaryJson() { return summaryJson; }

  @Override
  public TallSkinnySVDModel copy(ParamMap extra) {
    return copied(new TallSkinnySVDModel(uid(), singularValues, basis, summaryJson), extra);
  }

  @Override
  public MLWriter write() {
    Map<String, double[]> data = MlSupport.withMatrix(new HashMap<>(), "v", basis);
    data.put("singularValues", singularValues);
    return MlSupport.writer(this, data, summaryJson);
  }

  public static MLReader<TallSkinnySVDModel> read() {
    return MlSupport.reader(TallSkinnySVDModel.class,
        s -> new TallSkinnySVDModel(s.uid(), s.arrays().get("singularValues"), s.matrix("v"), s.summaryJson()));
  }

  public static TallSkinnySVDModel load(String path) {
    return read().load(path);
  }
}
