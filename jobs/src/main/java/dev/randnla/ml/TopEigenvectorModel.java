package dev.randnla.ml;

import dev.randnla.linalg.Matrix;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;

/**
 * What {@link TopEigenvector} found: the top k eigenvalues of AᵀA (largest first) and the d × k
 * eigenvectors V (orthonormal columns, each with its largest-magnitude entry positive), the passes the
 * fit read and its summary (summary.json's content). {@code transform} adds {@code outputCol}, the
 * projection Vᵀx of each row on the eigenvectors (x as given: no centring, like Spark's PCAModel); a
 * null vector projects to null. Saved as Spark ML metadata plus one Parquet row (eigenvalues, V).
 */
public final class TopEigenvectorModel extends ProjectionModel<TopEigenvectorModel> {
  private static final long serialVersionUID = 1L;

  private final double[] eigenvalues;
  private final double passes;
  private final String summaryJson;

  TopEigenvectorModel(String uid, double[] eigenvalues, Matrix eigenvectors, double passes, String summaryJson) {
    super(uid, eigenvectors, "projection");
    this.eigenvalues = eigenvalues.clone();
    this.passes = passes;
    this.summaryJson = summaryJson;
  }

  /** The top k eigenvalue estimates, largest first (a copy). */
  public double[] eigenvalues() { return eigenvalues.clone(); }

  /** The eigenvectors as a d × k column-major matrix. */
  public org.apache.spark.ml.linalg.Matrix eigenvectors() {
    return basisMatrix();
  }

  /** Full reads of the data the fit made. */
  public double passes() { return passes; }

  /** The fit's summary: what {@code randnla eigen} writes as summary.json. */
  public String summaryJson() { return summaryJson; }

  @Override
  public TopEigenvectorModel copy(ParamMap extra) {
    return copied(new TopEigenvectorModel(uid(), eigenvalues, basis, passes, summaryJson), extra);
  }

  @Override
  public MLWriter write() {
    Map<String, double[]> data = MlSupport.withMatrix(new LinkedHashMap<>(), "eigenvectors", basis);
    data.put("eigenvalues", eigenvalues);
    data.put("passes", new double[] {passes});
    return MlSupport.writer(this, data, summaryJson);
  }

  public static MLReader<TopEigenvectorModel> read() {
    return MlSupport.reader(TopEigenvectorModel.class, s -> new TopEigenvectorModel(s.uid(), s.arrays().get("eigenvalues"),
        s.matrix("eigenvectors"), s.arrays().get("passes")[0], s.summaryJson()));
  }

  public static TopEigenvectorModel load(String path) {
    return read().load(path);
  }
}
