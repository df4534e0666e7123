package dev.randnla.ml;

import dev.randnla.io.Summary;
import dev.randnla.jobs.spectrum.SpectrumResult;
import dev.randnla.spark.DatasetSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * What {@link SpectrumAnalyzer} found: the spectrum of C (largest first: all d eigenvalues for exact, the top
 * Ritz values for slq), its descriptors as typed getters — each the number summary.json's result holds under
 * the same name — and the whole summary ({@link #summaryJson()}, {@link #descriptors()} for the rest: the MP
 * bulk edges, the spikes' population eigenvalues, the power-law fit's details, SLQ standard errors).
 *
 * <p>{@code transform} returns the rows unchanged after checking {@code featuresCol}: the spectrum job computes
 * no eigenvectors, so there is nothing to project on (see {@link SpectrumAnalyzer}). Saved as Spark ML metadata
 * plus one Parquet row.
 */
public final class SpectrumAnalyzerModel extends RandnlaModel<SpectrumAnalyzerModel> {
  private static final long serialVersionUID = 1L;

  private final String method;
  /** Every number of the result by name; a scalar is an array of one. */
  private final Map<String, double[]> values;
  private final String summaryJson;

  SpectrumAnalyzerModel(String uid, String method, Map<String, double[]> values, String summaryJson) {
    super(uid, "The rows: a vector or array<double> column (checked only).");
    this.method = method;
    Map<String, double[]> copies = new LinkedHashMap<>();
    values.forEach((name, v) -> copies.put(name, v.clone()));
    this.values = Collections.unmodifiableMap(copies);
    this.summaryJson = summaryJson;
  }

  /** The model of a spectrum job's result. */
  static SpectrumAnalyzerModel of(String uid, SpectrumResult r) {
    Map<String, double[]> v = new LinkedHashMap<>();
    v.put("rows", new double[] {r.rows()});
    v.put("cols", new double[] {r.cols()});
    v.put("eigenvalues", r.eigenvalues());
    v.put("spectralEntropy", new double[] {r.spectralEntropy()});
    v.put("effectiveRank", new double[] {r.effectiveRank()});
    v.put("stableRank", new double[] {r.stableRank()});
    v.put("conditionNumber", new double[] {r.conditionNumber()});
    v.put("sigma2", new double[] {r.sigma2()});
    v.put("upperEdge", new double[] {r.upperEdge()});
    v.put("spikeEigenvalues", r.spikeEigenvalues());
    v.put("populationSpikes", r.populationSpikes());
    v.put("mpKsDistance", new double[] {r.mpKsDistance()});
    v.put("powerLawAlpha", new double[] {r.powerLawAlpha()});
    v.put("nuclearNorm", new double[] {r.nuclearNorm()});
    v.put("nuclearNormStandardError", new double[] {r.nuclearNormStandardError()});
    v.put("columnNormBound", new double[] {r.columnNormBound()});
    v.put("passes", new double[] {r.passes()});
    return new SpectrumAnalyzerModel(uid, r.method(), v, r.summaryJson());
  }

  // the Params: Spark ML lists them by reflection (public, no arguments, returning a Param)

  private double scalar(String name) {
    return values.get(name)[0];
  }

  /** exact or slq: the method that ran (auto resolved). */
  public String method() { return method; }

  /** n, the rows read. */
  public long rows() { return (long) scalar("rows"); }

  /** d, the columns. */
  public int cols() { return (int) scalar("cols"); }

  /** The spectrum of C, largest first (exact: all d; slq: the top Ritz values). */
  public double[] eigenvalues() { return values.get("eigenvalues").clone(); }

  /** H = −Σ pⱼ ln pⱼ with pⱼ = λⱼ/Σλ. */
  public double spectralEntropy() { return scalar("spectralEntropy"); }

  /** e^H. */
  public double effectiveRank() { return scalar("effectiveRank"); }

  /** Σλ/λ₁. */
  public double stableRank() { return scalar("stableRank"); }

  /** √(λ₁/λ_d), infinite when C is singular. */
  public double conditionNumber() { return scalar("conditionNumber"); }

  /** The Marchenko–Pastur noise variance σ² (NaN when it could not be fitted). */
  public double sigma2() { return scalar("sigma2"); }

  /** The MP upper bulk edge σ²(1 + √γ)². */
  public double upperEdge() { return scalar("upperEdge"); }

  /** The eigenvalues above the 1% Tracy–Widom spike threshold, largest first. */
  public double[] spikeEigenvalues() { return values.get("spikeEigenvalues").clone(); }

  /** Each spike's BBP population value ℓ in σ² units. */
  public double[] populationSpikes() { return values.get("populationSpikes").clone(); }

  /** The Kolmogorov–Smirnov distance of the spectrum from MP(γ, σ²). */
  public double mpKsDistance() { return scalar("mpKsDistance"); }

  /** The power-law tail exponent α. */
  public double powerLawAlpha() { return scalar("powerLawAlpha"); }

  /** ‖A‖_* of A after centring and standardization. */
  public double nuclearNorm() { return scalar("nuclearNorm"); }

  /** 0 for exact; the SLQ standard error over the probes. */
  public double nuclearNormStandardError() { return scalar("nuclearNormStandardError"); }

  /** Σⱼ ‖A eⱼ‖ ≥ ‖A‖_*, the one-pass bound. */
  public double columnNormBound() { return scalar("columnNormBound"); }

  /** Full reads of the data the fit made. */
  public double passes() { return scalar("passes"); }

  /** The fit's summary: what {@code randnla spectrum} writes as summary.json. */
  public String summaryJson() { return summaryJson; }

  /** Every descriptor by name: summary.json's result section (parsed from {@link #summaryJson()}). */
  @SuppressWarnings("unchecked")
  public Map<String, Object> descriptors() {
    return (Map<String, Object>) Summary.parse(summaryJson).get("result");
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    return dataset.toDF();
  }

  @Override
  public StructType transformSchema(StructType schema) {
    DatasetSource.requireVectorColumn(schema, getFeaturesCol());
    return schema;
  }

  @Override
  public SpectrumAnalyzerModel copy(ParamMap extra) {
    return copied(new SpectrumAnalyzerModel(uid(), method, values, summaryJson), extra);
  }

  @Override
  public MLWriter write() {
    return MlSupport.writer(this, values, Map.of("method", List.of(method)), summaryJson);
  }

  public static MLReader<SpectrumAnalyzerModel> read() {
    return MlSupport.reader(SpectrumAnalyzerModel.class,
        s -> new SpectrumAnalyzerModel(s.uid(), s.texts().get("method").get(0), s.arrays(), s.summaryJson()));
  }

  public static SpectrumAnalyzerModel load(String path) {
    return read().load(path);
  }
}
