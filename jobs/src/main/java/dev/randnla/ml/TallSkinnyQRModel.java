package dev.randnla.ml;

import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.RowTransform;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What {@link TallSkinnyQR} found: R (d × d, upper triangular, diag ≥ 0, A = QR), the map x ↦ x·R₁⁻¹·R₂⁻¹
 * that gives the rows of Q (two triangular solves by the method's two factors, R = R₂R₁; never an explicit
 * inverse) and the fit's summary (summary.json's content: condition estimates, the method's diagnostics).
 * {@code transform} adds {@code outputCol}, the row of Q of each row x (for a row not in A, x·R⁻¹); a null
 * vector maps to null. Saved as Spark ML metadata plus one Parquet row (R, the two factors, the summary).
 */
public final class TallSkinnyQRModel extends RowMapModel<TallSkinnyQRModel> {
  private static final long serialVersionUID = 1L;

  private final Matrix r;
  private final RowTransform q;
  private final String summaryJson;

  TallSkinnyQRModel(String uid, Matrix r, RowTransform q, String summaryJson) {
    super(uid, "The rows to map: a vector or array<double> column.", "Each row's row of Q = A·R⁻¹ (a vector column).",
        "q");
    this.r = r.copy();
    this.q = q;
    this.summaryJson = summaryJson;
  }

  /** R as a d × d column-major matrix (upper triangular, diag ≥ 0). */
  public org.apache.spark.ml.linalg.Matrix r() {
    return MlSupport.dense(r);
  }

  /** The fit's summary: what {@code randnla qr --q} writes as summary.json. */
  public String summaryJson() { return summaryJson; }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    return MlSupport.mapRows(dataset, getFeaturesCol(), getOutputCol(), q);
  }

  @Override
  public TallSkinnyQRModel copy(ParamMap extra) {
    return copied(new TallSkinnyQRModel(uid(), r, q, summaryJson), extra);
  }

  @Override
  public MLWriter write() {
    Map<String, double[]> data = MlSupport.withMatrix(new HashMap<>(), "r", r);
    List<Matrix> factors = q.solveFactors();
    for (int i = 0; i < factors.size(); i++) {
      data.put("qFactor" + i, factors.get(i).data());
    }
    return MlSupport.writer(this, data, summaryJson);
  }

  public static MLReader<TallSkinnyQRModel> read() {
    return MlSupport.reader(TallSkinnyQRModel.class, s -> {
      Matrix r = s.matrix("r");
      int d = r.rows();
      RowTransform q = RowTransform.identity(d);
      for (int i = 0; s.arrays().containsKey("qFactor" + i); i++) {
        q = q.thenSolveUpper(new Matrix(d, d, s.arrays().get("qFactor" + i)));
      }
      return new TallSkinnyQRModel(s.uid(), r, q, s.summaryJson());
    });
  }

  public static TallSkinnyQRModel load(String path) {
    return read().load(path);
  }
}
