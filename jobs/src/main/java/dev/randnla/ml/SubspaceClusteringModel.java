package dev.randnla.ml;

import dev.randnla.linalg.Matrix;
import dev.randnla.ml.SharedParams.HasKeyCol;
import dev.randnla.ml.SharedParams.HasPredictionCol;
import dev.randnla.spark.DatasetSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * What {@link SubspaceClustering} found: the cluster of every block key (clusters numbered 0, 1, … in the
 * order they were formed; a block stored as it is forms a cluster of its own), the basis of each compressed
 * cluster (d × r′ orthonormal columns, r′ = min(r, its rank), top singular direction first — the transpose of
 * the CLI's bases/ID.csv), the compression ratio and the fit's summary (summary.json's content).
 *
 * <p>{@code transform} adds {@code predictionCol} (int): the cluster of the row's {@code keyCol} value (its
 * string form, as in the fit). A key the fit did not see, or a null key, gives null rather than an error:
 * the row belongs to no cluster the model knows, and a lazy transform cannot fail cleanly mid-query.
 * Saved as Spark ML metadata plus one Parquet row (keys, cluster ids, bases).
 */
public final class SubspaceClusteringModel extends FittedModel<SubspaceClusteringModel>
    implements HasKeyCol<SubspaceClusteringModel>, HasPredictionCol<SubspaceClusteringModel> {
  private static final long serialVersionUID = 1L;

  private final int cols;
  private final Map<String, Integer> assignments;
  private final Map<Integer, Matrix> bases;
  private final double compressionRatio;
  private final String summaryJson;
  private final Param<String> keyCol;
  private final Param<String> predictionCol;

  SubspaceClusteringModel(String uid, int cols, Map<String, Integer> assignments, Map<Integer, Matrix> bases,
      double compressionRatio, String summaryJson) {
    super(uid);
    this.cols = cols;
    this.assignments = Collections.unmodifiableMap(new LinkedHashMap<>(assignments));
    Map<Integer, Matrix> copies = new LinkedHashMap<>();
    bases.forEach((id, basis) -> copies.put(id, basis.copy()));
    this.bases = Collections.unmodifiableMap(copies);
    this.compressionRatio = compressionRatio;
    this.summaryJson = summaryJson;
    keyCol = MlSupport.column(this, "keyCol", "The block key of each row: a string or numeric column.");
    predictionCol = MlSupport.column(this, "predictionCol",
        "The cluster id of each row's block (an int; null for a key the fit did not see).");
    setDefault(keyCol, "key");
    setDefault(predictionCol, "prediction");
  }

  // the Params: Spark ML lists them by reflection (public, no arguments, returning a Param)
  public Param<String> keyCol() { return keyCol; }
  public Param<String> predictionCol() { return predictionCol; }

  /** Block key → cluster id, for every block of the fit (read-only). */
  public Map<String, Integer> assignments() { return assignments; }

  /** The cluster of a block key, or null when the fit did not see it. */
  public Integer clusterOf(String key) { return assignments.get(key); }

  /** How many clusters the fit formed (singletons and blocks stored as they are included). */
  public int numClusters() { return (int) assignments.values().stream().distinct().count(); }

  /** Cluster id → its basis (d × r′, orthonormal columns) for every compressed cluster. */
  public Map<Integer, org.apache.spark.ml.linalg.Matrix> bases() {
    Map<Integer, org.apache.spark.ml.linalg.Matrix> out = new LinkedHashMap<>();
    bases.forEach((id, b) -> out.put(id, MlSupport.dense(b)));
    return out;
  }

  /** The raw size d·Σc_k over the stored size of all clusters (docs/algorithms.md, cluster). */
  public double compressionRatio() { return compressionRatio; }

  /** The fit's summary: what {@code randnla cluster} writes as summary.json. */
  public String summaryJson() { return summaryJson; }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    HashMap<String, Integer> clusterOf = new HashMap<>(assignments);
    UDF1<String, Integer> f = key -> key == null ? null : clusterOf.get(key);
    return dataset.withColumn(getPredictionCol(), functions.udf(f, DataTypes.IntegerType)
        .apply(dataset.col(getKeyCol()).cast(DataTypes.StringType)));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    DatasetSource.requireKeyColumn(schema, getKeyCol());
    return MlSupport.withNewColumn(schema, getPredictionCol(), DataTypes.IntegerType);
  }

  @Override
  public SubspaceClusteringModel copy(ParamMap extra) {
    return copied(new SubspaceClusteringModel(uid(), cols, assignments, bases, compressionRatio, summaryJson), extra);
  }

  @Override
  public MLWriter write() {
    List<String> keys = new ArrayList<>(assignments.keySet());
    double[] ids = keys.stream().mapToDouble(assignments::get).toArray();
    double[] basisIds = new double[bases.size()];
    double[] basisCols = new double[bases.size()];
    List<double[]> parts = new ArrayList<>();
    int i = 0;
    for (Map.Entry<Integer, Matrix> e : bases.entrySet()) {
      basisIds[i] = e.getKey();
      basisCols[i++] = e.getValue().cols();
      parts.add(e.getValue().data());
    }
    Map<String, double[]> data = new LinkedHashMap<>();
    data.put("cols", new double[] {cols});
    data.put("clusters", ids);
    data.put("basisIds", basisIds);
    data.put("basisCols", basisCols);
    data.put("bases", parts.stream().flatMapToDouble(Arrays::stream).toArray());
    data.put("compressionRatio", new double[] {compressionRatio});
    return MlSupport.writer(this, data, Map.of("keys", keys), summaryJson);
  }

  public static MLReader<SubspaceClusteringModel> read() {
    return MlSupport.reader(SubspaceClusteringModel.class, s -> {
      Map<String, double[]> a = s.arrays();
      int d = (int) a.get("cols")[0];
      List<String> keys = s.texts().get("keys");
      Map<String, Integer> assignments = new LinkedHashMap<>();
      for (int k = 0; k < keys.size(); k++) {
        assignments.put(keys.get(k), (int) a.get("clusters")[k]);
      }
      Map<Integer, Matrix> bases = new LinkedHashMap<>();
      double[] all = a.get("bases");
      int at = 0;
      for (int k = 0; k < a.get("basisIds").length; k++) {
        int r = (int) a.get("basisCols")[k];
        bases.put((int) a.get("basisIds")[k], new Matrix(d, r, Arrays.copyOfRange(all, at, at + d * r)));
        at += d * r;
      }
      return new SubspaceClusteringModel(s.uid(), d, assignments, bases, a.get("compressionRatio")[0], s.summaryJson());
    });
  }

  public static SubspaceClusteringModel load(String path) {
    return read().load(path);
  }
}
