package dev.randnla.ml;

import static dev.randnla.jobs.JobTestSupport.cli;
import static dev.randnla.jobs.JobTestSupport.section;
import static dev.randnla.ml.EstimatorChecks.rejects;
import static dev.randnla.ml.EstimatorChecks.savedAndLoaded;
import static dev.randnla.ml.FrameData.arrays;
import static dev.randnla.ml.FrameData.frame;
import static dev.randnla.ml.FrameData.sparse;
import static dev.randnla.ml.FrameData.withEntry;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.io.Summary;
import dev.randnla.jobs.JobTestSupport;
import dev.randnla.jobs.JobTestSupport.Cli;
import dev.randnla.jobs.cluster.ClusterCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SubspaceClustering}: blocks drawn from three planted 2-dimensional subspaces of R⁸ are grouped
 * exactly by subspace, as the CLI groups the same rows (bitwise); Spark ML's conventions, save and load.
 */
class SubspaceClusteringTest {
  private static final int COLS = 8;
  private static final int RANK = 2;
  private static final int GROUPS = 3;
  private static final int BLOCKS = 12;
  private static final int ROWS = FrameData.ROWS;
  private static final int BLOCK_ROWS = ROWS / BLOCKS;
  private static final StructType SCHEMA = new StructType()
      .add("key", DataTypes.StringType)
      .add("features", SQLDataTypes.VectorType());
  /**
   * How far a cluster's basis may leave its group's plane: the data have exact rank 2 but are rounded, so
   * the third singular value is about √n·u·σ₁ and the basis turns by that over σ₂ (σ₁/σ₂ ≤ 10 here, u = 1.1e-16,
   * n = 40): about 1e-13, checked at 1e-10. The same bound holds between dense and sparse fits.
   */
  private static final double PLANE_TOLERANCE = 1e-10;

  @TempDir Path tmp;

  /** Rows [key, features] in shuffled order and the planted plane (2 spanning vectors) of each group. */
  record Planted(List<Row> rows, double[][][] planes) {}

  /** Block k ("blk-kk") belongs to group k mod 3; group g's plane has zeros where (j + g) mod 4 = 0. */
  static Planted planted(long seed) {
    Random rnd = new Random(seed);
    double[][][] planes = new double[GROUPS][RANK][COLS];
    for (int g = 0; g < GROUPS; g++) {
      for (int t = 0; t < RANK; t++) {
        for (int j = 0; j < COLS; j++) {
          planes[g][t][j] = (j + g) % 4 == 0 ? 0 : rnd.nextGaussian();
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < BLOCKS; k++) {
      double[][] plane = planes[k % GROUPS];
      double scale = 0.5 + 1.5 * rnd.nextDouble();
      for (int i = 0; i < BLOCK_ROWS; i++) {
        double[] a = new double[COLS];
        for (int t = 0; t < RANK; t++) {
          double z = scale * rnd.nextGaussian();
          for (int j = 0; j < COLS; j++) {
            a[j] += z * plane[t][j];
          }
        }
        rows.add(RowFactory.create(String.format("blk-%02d", k), Vectors.dense(a)));
      }
    }
    Collections.shuffle(rows, rnd); // every block spans the partitions
    return new Planted(rows, planes);
  }

  static int group(String key) {
    return Integer.parseInt(key.substring(4)) % GROUPS;
  }

  /** Same group ⇔ same cluster, three clusters, each compressed with a basis spanning its group's plane. */
  static void checkRecovered(SubspaceClusteringModel model, double[][][] planes) {
    Map<String, Integer> a = model.assignments();
    assertEquals(BLOCKS, a.size());
    for (String k : a.keySet()) {
      for (String l : a.keySet()) {
        assertEquals(group(k) == group(l), a.get(k).equals(a.get(l)), k + " and " + l + " in " + a);
      }
    }
    assertEquals(GROUPS, model.numClusters());
    Map<Integer, Matrix> bases = model.bases();
    assertEquals(GROUPS, bases.size(), "every cluster compressed");
    for (Map.Entry<String, Integer> e : a.entrySet()) {
      Matrix v = bases.get(e.getValue());
      assertEquals(COLS, v.numRows());
      assertEquals(RANK, v.numCols());
      for (double[] u : planes[group(e.getKey())]) {
        double[] rest = u.clone();
        for (int t = 0; t < RANK; t++) {
          double c = 0;
          for (int j = 0; j < COLS; j++) {
            c += v.apply(j, t) * u[j];
          }
          for (int j = 0; j < COLS; j++) {
            rest[j] -= c * v.apply(j, t);
          }
        }
        assertTrue(Vectors.norm(Vectors.dense(rest), 2) <= PLANE_TOLERANCE * Vectors.norm(Vectors.dense(u), 2),
            "cluster " + e.getValue() + " leaves the plane of group " + group(e.getKey()));
      }
    }
  }

  /** assignments.csv of a CLI output (header key,cluster). */
  static Map<String, Integer> cliAssignments(Path out) throws Exception {
    List<String> lines = Files.readAllLines(out.resolve("assignments.csv"));
    assertEquals("key,cluster", lines.get(0));
    Map<String, Integer> m = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      m.put(f[0], Integer.parseInt(f[1]));
    }
    return m;
  }

  @Test
  void recoversThePlantedGroupsAndEqualsTheCliBitwise() throws Exception {
    Planted p = planted(31);
    Dataset<Row> frame = frame(p.rows(), SCHEMA);
    Path out = tmp.resolve("cluster");
    Cli c = cli("cluster", "--input", FrameData.csv(frame, tmp.resolve("csv")).toString(), "--key-col", "0",
        "--rank", "" + RANK, "--output", out.toString(), "--quiet");
    assertEquals(0, c.code(), c.err());
    Map<String, Object> cliResult = section(JobTestSupport.summary(out), "result");
    for (Dataset<Row> input : List.of(frame, arrays(frame))) {
      SubspaceClusteringModel model = new SubspaceClustering().setRank(RANK).fit(input);
      checkRecovered(model, p.planes());
      assertEquals(cliAssignments(out), model.assignments());
      for (Map.Entry<Integer, Matrix> e : model.bases().entrySet()) {
        // bases/ID.csv: one basis vector per line
        List<String> lines = Files.readAllLines(out.resolve("bases/" + e.getKey() + ".csv"));
        assertEquals(RANK, lines.size());
        for (int t = 0; t < RANK; t++) {
          double[] cliVector = java.util.Arrays.stream(lines.get(t).split(",")).mapToDouble(Double::parseDouble).toArray();
          double[] vector = new double[COLS];
          for (int j = 0; j < COLS; j++) {
            vector[j] = e.getValue().apply(j, t);
          }
          assertArrayEquals(cliVector, vector, 0.0, "cluster " + e.getKey() + " vector " + t);
        }
      }
      Map<String, Object> result = section(Summary.parse(model.summaryJson()), "result");
      assertEquals(cliResult, result);
      assertEquals(((Number) result.get("compressionRatio")).doubleValue(), model.compressionRatio(), 0.0);
    }
  }

  /** Sparse rows fold into the block factors in another order: the same clusters, the same planes to rounding. */
  @Test
  void sparseVectorsGiveTheSameClusters() {
    Planted p = planted(32);
    SubspaceClustering estimator = new SubspaceClustering().setRank(RANK);
    SubspaceClusteringModel dense = estimator.fit(frame(p.rows(), SCHEMA));
    SubspaceClusteringModel sparse = estimator.fit(sparse(p.rows(), SCHEMA));
    checkRecovered(sparse, p.planes());
    assertEquals(dense.assignments(), sparse.assignments());
    assertEquals(dense.bases().keySet(), sparse.bases().keySet());
  }

  @Test
  void transformAddsTheClusterOfEachKeySurvivesSaveAndLoadAndFitsInAPipeline() throws Exception {
    Planted p = planted(33);
    Dataset<Row> frame = frame(p.rows(), SCHEMA);
    SubspaceClusteringModel model = new SubspaceClustering().setRank(RANK).setPredictionCol("cluster").fit(frame);
    assertEquals("cluster", model.getPredictionCol());
    Dataset<Row> out = model.transform(frame);
    assertEquals(DataTypes.IntegerType, out.schema().apply("cluster").dataType());
    for (Row r : out.collectAsList()) {
      assertEquals(model.clusterOf(r.getString(0)), r.get(2), r.getString(0));
    }
    Vector x = (Vector) p.rows().get(0).get(1);
    List<Row> unknown = new ArrayList<>(List.of(RowFactory.create("blk-99", x), RowFactory.create(null, x)));
    for (Row r : model.transform(frame(unknown, SCHEMA)).collectAsList()) {
      assertNull(r.get(2), "an unseen or null key has no cluster: " + r);
    }
    // a numeric key column: its string form is the key, as in the fit
    StructType numeric = new StructType().add("key", DataTypes.IntegerType).add("features", SQLDataTypes.VectorType());
    List<Row> byNumber = new ArrayList<>();
    for (Row r : p.rows()) {
      byNumber.add(RowFactory.create(Integer.parseInt(r.getString(0).substring(4)), r.get(1)));
    }
    SubspaceClusteringModel numbered = new SubspaceClustering().setRank(RANK).fit(frame(byNumber, numeric));
    assertEquals(BLOCKS, numbered.assignments().size());
    for (Map.Entry<String, Integer> e : model.assignments().entrySet()) {
      assertEquals(e.getValue(), numbered.clusterOf(Integer.toString(Integer.parseInt(e.getKey().substring(4)))));
    }

    SubspaceClusteringModel loaded = savedAndLoaded(model, SubspaceClusteringModel::load, tmp.resolve("model"));
    assertEquals(model.assignments(), loaded.assignments());
    assertEquals(model.bases(), loaded.bases());
    assertEquals(model.compressionRatio(), loaded.compressionRatio(), 0.0);
    assertEquals(model.summaryJson(), loaded.summaryJson());
    assertEquals(out.collectAsList(), loaded.transform(frame).collectAsList());

    SubspaceClusteringModel staged = EstimatorChecks.fitsInAPipeline(new SubspaceClustering().setRank(RANK), frame,
        tmp.resolve("pipeline"));
    assertEquals(model.assignments(), staged.assignments());

    SubspaceClustering estimator = new SubspaceClustering().setKeyCol("block").setRank(3).setEps(0.1)
        .setAlgorithm("approximate").setOrder("norm").setPatience(2).setOversampling(1).setBlockRank(4)
        .setSearchSeconds(0);
    SubspaceClustering back = savedAndLoaded(estimator, SubspaceClustering::load, tmp.resolve("estimator"));
    assertEquals(List.of("block", 3, 0.1, "approximate", "norm", 2, 1, 4, 0.0), List.of(back.getKeyCol(), back.getRank(),
        back.getEps(), back.getAlgorithm(), back.getOrder(), back.getPatience(), back.getOversampling(),
        back.getBlockRank(), back.getSearchSeconds()));
  }

  @Test
  void followsSparkMlParamConventions() {
    SubspaceClustering e = new SubspaceClustering();
    assertEquals(List.of("key", "features", "prediction", 20, 0.05, "auto", "residual", 10, 5, 0, 60.0, "fail"),
        List.of(e.getKeyCol(), e.getFeaturesCol(), e.getPredictionCol(), e.getRank(), e.getEps(), e.getAlgorithm(),
            e.getOrder(), e.getPatience(), e.getOversampling(), e.getBlockRank(), e.getSearchSeconds(), e.getBadRows()));
    EstimatorChecks.explainsAndCopies(e, List.of("keyCol", "featuresCol", "predictionCol", "rank", "eps", "algorithm",
        "order", "patience", "oversampling", "blockRank", "searchSeconds", "badRows"), e.rank(), 4,
        SubspaceClustering::getRank);
    assertThrows(IllegalArgumentException.class, () -> e.setAlgorithm("kmeans"));
    assertThrows(IllegalArgumentException.class, () -> e.setEps(1.0));
    assertThrows(IllegalArgumentException.class, () -> e.setRank(0));
    assertThrows(IllegalArgumentException.class, () -> e.setSearchSeconds(-1));
  }

  @Test
  void paramsDocumentTheirCliOptionsWithTheCliDefaults() {
    SubspaceClustering e = new SubspaceClustering();
    Map<Param<?>, String> options = Map.of(e.keyCol(), "--key-col", e.rank(), "--rank", e.eps(), "--eps",
        e.algorithm(), "--algorithm", e.order(), "--order", e.patience(), "--patience", e.oversampling(),
        "--oversampling", e.blockRank(), "--block-rank", e.searchSeconds(), "--search-seconds");
    Set<Param<?>> sameDefault = new HashSet<>(options.keySet());
    sameDefault.remove(e.keyCol()); // the CLI has no default key column; MLlib-style "key" here
    FrameData.assertParamsMatchCli(new ClusterCommand(), options, sameDefault, e);
  }

  @Test
  void missingOrWronglyTypedColumnsAreNamed() {
    Dataset<Row> frame = frame(planted(34).rows(), SCHEMA);
    SubspaceClustering e = new SubspaceClustering().setRank(RANK);
    rejects("column 'block' does not exist", () -> e.copy(ParamMap.empty()).setKeyCol("block").fit(frame));
    rejects("column 'features' must be a string or a number (a block key), but is vector",
        () -> e.copy(ParamMap.empty()).setKeyCol("features").fit(frame));
    rejects("column 'key' must be a vector", () -> e.copy(ParamMap.empty()).setFeaturesCol("key").fit(frame));
    rejects("output column 'key' already exists",
        () -> e.copy(ParamMap.empty()).setPredictionCol("key").fit(frame));
    SubspaceClusteringModel model = e.fit(frame);
    rejects("column 'key' does not exist", () -> model.transform(frame.drop("key")));
  }

  /**
   * Row 201 (partition 1, row 2) made bad: NaN, ±Inf, a null vector or a null key fail the fit with the CLI's
   * exit-3 exception (the CLI exits 3 on the NaN row as text); with badRows = skip the row is dropped and counted.
   */
  @Test
  void badValuesFailLikeTheCliOrAreSkipped() throws Exception {
    Planted p = planted(35);
    int at = ROWS / 3 + 1;
    Row good = p.rows().get(at);
    String key = good.getString(0);
    Vector x = (Vector) good.get(1);
    List<Map.Entry<Row, String>> cases = List.of(
        Map.entry(RowFactory.create(key, withEntry(x, 2, Double.NaN)), "NaN at entry 2 in column 'features'"),
        Map.entry(RowFactory.create(key, withEntry(x, 5, Double.POSITIVE_INFINITY)), "+Inf at entry 5 in column 'features'"),
        Map.entry(RowFactory.create(key, null), "null vector in column 'features'"),
        Map.entry(RowFactory.create(null, x), "null block key in column 'key'"));
    for (Map.Entry<Row, String> c : cases) {
      List<Row> rows = new ArrayList<>(p.rows());
      rows.set(at, c.getKey());
      Dataset<Row> frame = frame(rows, SCHEMA);
      EstimatorChecks.badRowFailsOrIsSkipped(new SubspaceClustering().setRank(RANK), SubspaceClusteringModel::summaryJson,
          frame, "bad row in DataFrame partition 1, row 2: " + c.getValue() + " (set badRows to skip to drop such rows)");
      if (c.getValue().startsWith("NaN")) {
        Cli cli = cli("cluster", "--input", FrameData.csv(frame, tmp.resolve("bad")).toString(), "--key-col", "0",
            "--rank", "" + RANK, "--output", tmp.resolve("bad-out").toString(), "--quiet");
        assertEquals(3, cli.code(), cli.err());
        assertTrue(cli.err().contains("NaN"), cli.err());
      }
    }
  }
}
