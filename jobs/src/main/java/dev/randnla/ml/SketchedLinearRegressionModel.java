package dev.randnla.ml;

import dev.randnla.ml.SharedParams.HasPredictionCol;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What {@link SketchedLinearRegression} fitted: the coefficients x (one per feature), the intercept c
 * (0 when none was fitted) and the fit's summary (summary.json's content: residual, R², passes, the
 * solver's diagnostics). {@code transform} adds {@code predictionCol} = ⟨x, features⟩ + c (NaN for a null
 * vector). Saved as Spark ML metadata plus one Parquet row.
 */
public final class SketchedLinearRegressionModel extends RandnlaModel<SketchedLinearRegressionModel>
    implements HasPredictionCol<SketchedLinearRegressionModel> {
  private static final long serialVersionUID = 1L;

  private final double[] coefficients;
  private final double intercept;
  private final String summaryJson;
  private final Param<String> predictionCol;

  SketchedLinearRegressionModel(String uid, double[] coefficients, double intercept, String summaryJson) {
    super(uid, "The rows to predict: a vector or array<double> column.");
    this.coefficients = coefficients.clone();
    this.intercept = intercept;
    this.summaryJson = summaryJson;
    predictionCol = MlSupport.column(this, "predictionCol", "The fitted value (a double column).");
    setDefault(predictionCol, "prediction");
  }

  // the Params: Spark ML lists them by reflection (public, no arguments, returning a Param)
  public Param<String> predictionCol() { return predictionCol; }

  /** x, one coefficient per feature. */
  public Vector coefficients() { return Vectors.dense(coefficients.clone()); }

  /** c, or 0 when the fit had no intercept. */
  public double intercept() { return intercept; }

  /** The fit's summary: what {@code randnla regress} writes as summary.json. */
  public String summaryJson() { return summaryJson; }

  /** ⟨x, features⟩ + c. */
  public double predict(Vector features) { return MlSupport.dot(features, coefficients) + intercept; }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    double[] x = coefficients.clone();
    double c = intercept;
    UDF1<Object, Double> f = v -> MlSupport.dot(v, x) + c;
    return dataset.withColumn(getPredictionCol(),
        functions.udf(f, DataTypes.DoubleType).apply(dataset.col(getFeaturesCol())));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return MlSupport.withOutput(schema, getFeaturesCol(), getPredictionCol(), DataTypes.DoubleType);
  }

  @Override
  public SketchedLinearRegressionModel copy(ParamMap extra) {
    return copied(new SketchedLinearRegressionModel(uid(), coefficients, intercept, summaryJson), extra);
  }

  @Override
  public MLWriter write() {
    Map<String, double[]> data = new LinkedHashMap<>();
    data.put("coefficients", coefficients);
    data.put("intercept", new double[] {intercept});
    return MlSupport.writer(this, data, summaryJson);
  }

  public static MLReader<SketchedLinearRegressionModel> read() {
    return MlSupport.reader(SketchedLinearRegressionModel.class, s -> new SketchedLinearRegressionModel(s.uid(),
        s.arrays().get("coefficients"), s.arrays().get("intercept")[0], s.summaryJson()));
  }

  public static SketchedLinearRegressionModel load(String path) {
    return read().load(path);
  }
}
