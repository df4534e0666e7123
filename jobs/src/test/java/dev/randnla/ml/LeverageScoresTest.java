package dev.randnla.ml;

import static dev.randnla.jobs.JobTestSupport.cli;
import static dev.randnla.ml.FrameData.D;
import static dev.randnla.ml.FrameData.ROWS;
import static dev.randnla.ml.FrameData.arrays;
import static dev.randnla.ml.FrameData.frame;
import static dev.randnla.ml.FrameData.rows;
import static dev.randnla.ml.FrameData.sparse;
import static dev.randnla.ml.FrameData.spark;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.io.InvalidInputException;
import dev.randnla.jobs.JobTestSupport.Cli;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.QrDecomposition;
import dev.randnla.linalg.SingularValueDecomposition;
import dev.randnla.linalg.Triangular;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LeverageScores}: the CLI's scores and coreset from a DataFrame, the sampling bound, save and load. */
class LeverageScoresTest {
  /** What exact scores sum to beside the rank: the job's own health-check tolerance (LeverageJob.EXACT_SUM_TOLERANCE). */
  static final double SUM_TOLERANCE = 1e-8;
  /**
   * Sparse rows enter the TSQR through the sparse update and are scored one by one rather than in dgemm blocks
   * (other summation orders): scores agree to a few κ(A)²·d·u (κ ≤ 10 for columns of scales 6..1), checked at 1e-10.
   */
  static final double SPARSE_TOLERANCE = 1e-10;

  @TempDir Path tmp;

  static double[] column(Dataset<Row> scored, String name) {
    return scored.select(name).collectAsList().stream().mapToDouble(r -> r.getDouble(0)).toArray();
  }

  /** The CLI's {@code scores/} column in id order. */
  static double[] cliColumn(Path out, String name) {
    return column(spark().read().parquet(out.resolve("scores").toString()).orderBy("id"), name);
  }

  /** id, weight, label, x… lines of the CLI's CSV coreset, in id order. */
  static List<double[]> cliCoreset(Path out) throws Exception {
    List<double[]> rows = new ArrayList<>();
    try (Stream<Path> files = Files.list(out.resolve("coreset"))) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".csv")).toList()) {
        for (String line : Files.readAllLines(f)) {
          rows.add(Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray());
        }
      }
    }
    rows.sort((a, b) -> Double.compare(a[0], b[0]));
    return rows;
  }

  /**
   * The CLI on the same rows (one gzip CSV per partition) gives bitwise the model's scores, sensitivities,
   * probabilities and coreset: exact leverage, and Lewis weights (p = 2.5, a sensitivity factor r^{1/4}) with a sample.
   */
  @Test
  void equalsTheCliBitwiseOnDenseAndArrayColumns() throws Exception {
    Dataset<Row> frame = frame(rows(71));
    Path data = FrameData.csv(frame, tmp.resolve("csv"));
    Path exactOut = tmp.resolve("exact");
    Cli c = cli("leverage", "--input", data.toString(), "--label-col", "0", "--output", exactOut.toString(), "--quiet");
    assertEquals(0, c.code(), c.err());
    Path lewisOut = tmp.resolve("lewis");
    c = cli("leverage", "--input", data.toString(), "--label-col", "0", "--method", "lewis", "--p", "2.5", "--tol", "1e-4",
        "--sample", "150", "--seed", "9", "--output", lewisOut.toString(), "--quiet");
    assertEquals(0, c.code(), c.err());
    List<double[]> coreset = cliCoreset(lewisOut);
    for (Dataset<Row> input : List.of(frame, arrays(frame))) {
      LeverageScoresModel exact = new LeverageScores().fit(input);
      assertArrayEquals(cliColumn(exactOut, "score"), column(exact.transform(input), "score"), 0.0);
      assertEquals(D, exact.expectedSum());

      LeverageScores lewis = new LeverageScores().setMethod("lewis").setP(2.5).setTol(1e-4).setSampleSize(150)
          .setSeed(9);
      LeverageScoresModel model = lewis.fit(input);
      Dataset<Row> scored = model.transform(input);
      for (String name : List.of("score", "sensitivity", "probability")) {
        assertArrayEquals(cliColumn(lewisOut, name), column(scored, name), 0.0, name);
      }
      List<Row> kept = model.sample(input).collectAsList();
      assertEquals(coreset.size(), kept.size());
      for (int i = 0; i < kept.size(); i++) {
        double[] cli = coreset.get(i);
        Row r = kept.get(i);
        assertEquals(cli[1], r.getDouble(r.fieldIndex("weight")), 0.0, "weight of row " + (long) cli[0]);
        assertEquals(cli[2], r.getDouble(r.fieldIndex("label")), 0.0, "label of row " + (long) cli[0]);
      }
      assertEquals(kept, lewis.sample(input).collectAsList(), "the Estimator's sample is the model's");
    }
  }

  /**
   * Exact leverage sums to the rank: 6 for the full-rank frame (the same scores from sparse vectors), 5 when the
   * last column repeats the first; Lewis weights for p = 2 are the leverage scores.
   */
  @Test
  void scoresSumToTheRankOnDenseSparseAndRankDeficientRows() {
    List<Row> rows = rows(72);
    Dataset<Row> frame = frame(rows);
    double[] dense = column(new LeverageScores().fit(frame).transform(frame), "score");
    assertEquals(D, Arrays.stream(dense).sum(), SUM_TOLERANCE * D);
    Dataset<Row> sparse = sparse(rows);
    assertArrayEquals(dense, column(new LeverageScores().fit(sparse).transform(sparse), "score"), SPARSE_TOLERANCE);
    LeverageScoresModel lewis = new LeverageScores().setMethod("lewis").setP(2).fit(frame);
    assertArrayEquals(dense, column(lewis.transform(frame), "score"), SPARSE_TOLERANCE);

    Dataset<Row> arrays = arrays(frame);
    Dataset<Row> deficient = arrays.withColumn("features", functions.concat(arrays.col("features"),
        functions.array(arrays.col("features").getItem(0))));
    LeverageScoresModel model = new LeverageScores().fit(deficient);
    assertEquals(D, model.expectedSum(), "rank 6 of 7 columns");
    double[] scores = column(model.transform(deficient), "score");
    assertEquals(D, Arrays.stream(scores).sum(), SUM_TOLERANCE * D);
    assertTrue(model.summaryJson().contains("\"numericalRank\" : 6"), model.summaryJson());
  }

  /**
   * The weighted coreset of exact leverage sampling: every kept row has τᵢ/qᵢ ≤ L = rank/m, so by the matrix
   * Chernoff bound (Tropp 2012, Thm 1.1, for the independent terms wᵢ·R⁻ᵀaᵢaᵢᵀR⁻¹ whose sum has mean I) the
   * eigenvalues of R⁻ᵀ(Σ wᵢaᵢaᵢᵀ)R⁻¹ lie in [1 − ε₋, 1 + ε₊] except with probability δ = 1e-3 (half on each
   * side): d·(e^{−ε}/(1−ε)^{1−ε})^{1/L} = δ/2 and d·(e^{ε}/(1+ε)^{1+ε})^{1/L} = δ/2. That is the docs' (1 ± ε)
   * embedding with its constants. Checked for three seeds: the whole test fails with probability ≤ 3e-3.
   */
  @Test
  void sampleIsAWeightedCoresetWithinTheChernoffBound() {
    List<Row> rows = rows(73);
    Dataset<Row> frame = frame(rows);
    long m = 300;
    double l = (double) D / m;
    double delta = 1e-3;
    double lower = solve(e -> D * Math.exp(-(e + (1 - e) * Math.log1p(-e)) / l) - delta / 2, 0, 1 - 1e-12);
    double upper = solve(e -> D * Math.exp(-((1 + e) * Math.log1p(e) - e) / l) - delta / 2, 0, 10);
    Matrix a = matrix(rows.stream().map(r -> ((Vector) r.get(1)).toArray()).toList(), null);
    Matrix rInverse = Triangular.inverseUpper(QrDecomposition.rOnly(a));
    for (long seed = 1; seed <= 3; seed++) {
      List<Row> kept = new LeverageScores().setSampleSize(m).setSeed(seed).sample(frame).collectAsList();
      double[] w = kept.stream().mapToDouble(r -> r.getDouble(r.fieldIndex("weight"))).toArray();
      Matrix scaled = matrix(kept.stream().map(r -> ((Vector) r.get(1)).toArray()).toList(), w).times(rInverse);
      double[] sv = SingularValueDecomposition.of(scaled).singularValues();
      double top = sv[0] * sv[0];
      double bottom = sv[D - 1] * sv[D - 1];
      assertTrue(bottom >= 1 - lower && top <= 1 + upper, "seed " + seed + ": eigenvalues in [" + bottom + ", " + top
          + "], bound [" + (1 - lower) + ", " + (1 + upper) + "], " + kept.size() + " rows");
    }
  }

  /** The rows (n×d) with each row i scaled by √wᵢ (w null: unscaled). */
  static Matrix matrix(List<double[]> rows, double[] w) {
    double[][] a = new double[rows.size()][];
    for (int i = 0; i < a.length; i++) {
      a[i] = rows.get(i).clone();
      double s = w == null ? 1 : Math.sqrt(w[i]);
      for (int j = 0; j < a[i].length; j++) {
        a[i][j] *= s;
      }
    }
    return Matrix.fromRows(a);
  }

  /** The root of a decreasing f on [lo, hi] by bisection (f(lo) > 0 > f(hi)). */
  static double solve(java.util.function.DoubleUnaryOperator f, double lo, double hi) {
    for (int i = 0; i < 200; i++) {
      double mid = (lo + hi) / 2;
      if (f.applyAsDouble(mid) > 0) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }

  @Test
  void saveLoadGivesTheSameTransformAndSample() throws Exception {
    Dataset<Row> frame = frame(rows(74));
    LeverageScoresModel model = new LeverageScores().setMethod("lewis").setP(1.5).setTol(1e-4)
        .setSampleSize(100).setSampleRule("mixed").setScoreCol("w").fit(frame);
    assertTrue(model.isLewis());
    String path = tmp.resolve("model").toString();
    model.save(path);
    LeverageScoresModel loaded = LeverageScoresModel.load(path);
    assertEquals(List.of("w", 100L), List.of(loaded.getScoreCol(), loaded.getSampleSize()));
    assertEquals(model.summaryJson(), loaded.summaryJson());
    assertEquals(model.samplingTotal(), loaded.samplingTotal(), 0.0);
    assertEquals(model.transform(frame).collectAsList(), loaded.transform(frame).collectAsList());
    assertEquals(model.sample(frame).collectAsList(), loaded.sample(frame).collectAsList());

    String estimatorPath = tmp.resolve("estimator").toString();
    new LeverageScores().setMethod("ridge").setLambda(2.5).save(estimatorPath);
    LeverageScores estimator = LeverageScores.load(estimatorPath);
    assertEquals(List.of("ridge", 2.5), List.of(estimator.getMethod(), estimator.getLambda()));
  }

  /** Every Param that mirrors an option names it, and the option's default in --help is the Param's. */
  @Test
  void paramsMirrorTheCliHelpAndColumnErrorsNameTheColumn() {
    LeverageScores e = new LeverageScores();
    assertEquals(List.of("features", "score", "sensitivity", "probability", "weight", "exact", "fail"), List.of(
        e.getFeaturesCol(), e.getScoreCol(), e.getSensitivityCol(), e.getProbabilityCol(), e.getWeightCol(), e.getMethod(),
        e.getBadRows()));
    assertNull(e.getLambda(), "unset: the CLI's default");
    assertNull(e.getSampleSize(), "unset: no sample");
    Cli help = cli("leverage", "--help");
    String options = help.out().replaceAll("\\s+", " ");
    String[][] pairs = {{"method", "--method"}, {"lambda", "--lambda"}, {"p", "--p"}, {"sketch", "--sketch"},
        {"sketchRows", "--sketch-rows"}, {"sketchNonzeros", "--sketch-nonzeros"}, {"k", "--k"}, {"rankTol", "--rank-tol"},
        {"tol", "--tol"}, {"maxIterations", "--max-iterations"}, {"damping", "--damping"}, {"sampleSize", "--sample"},
        {"sampleRule", "--sample-rule"}, {"seed", "--seed"}};
    for (String[] pair : pairs) {
      assertTrue(options.contains(pair[1] + "="), pair[1] + " in --help");
      assertTrue(e.getParam(pair[0]).doc().contains("(" + pair[1]), pair[0] + ": " + e.getParam(pair[0]).doc());
    }
    for (String value : List.of("max(10*d, 256)", "100*d*u", "1e-6", "4/(p+2)", "min(1, M u_i / U)")) {
      assertTrue(options.contains(value), value + " in --help");
      assertTrue(e.explainParams().contains(value.replace("M u_i", "m u_i")), value + " in explainParams");
    }
    assertThrows(IllegalArgumentException.class, () -> e.setMethod("fast"));
    assertThrows(IllegalArgumentException.class, () -> e.setP(0.5));

    Dataset<Row> frame = frame(rows(75));
    assertTrue(refused(() -> new LeverageScores().setFeaturesCol("v").fit(frame)).startsWith("column 'v' does not exist"));
    assertTrue(refused(() -> new LeverageScores().setFeaturesCol("label").fit(frame))
        .startsWith("column 'label' must be a vector"));
    LeverageScoresModel model = new LeverageScores().fit(frame);
    assertEquals("output column 'label' already exists",
        refused(() -> model.copy(new org.apache.spark.ml.param.ParamMap()).setScoreCol("label").transform(frame)));
    assertTrue(refused(() -> model.sample(frame)).contains("sampleSize"));
    assertTrue(refused(() -> new LeverageScores().setMethod("ridge").fit(frame)).contains("--method ridge needs --lambda"));
  }

  /** The message of the IllegalArgumentException {@code call} throws. */
  static String refused(org.junit.jupiter.api.function.Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }

  @Test
  void badValuesFailLikeTheCliOrAreSkipped() {
    List<Row> rows = new ArrayList<>(rows(76));
    Dataset<Row> clean = frame(rows);
    LeverageScoresModel model = new LeverageScores().fit(clean);
    rows.set(3, RowFactory.create(1.0, Vectors.dense(1, 2, 3, Double.NaN, 5, 6)));
    rows.set(ROWS - 2, RowFactory.create(1.0, Vectors.dense(1, Double.NEGATIVE_INFINITY, 3, 4, 5, 6)));
    rows.set(ROWS / 2, RowFactory.create(1.0, null));
    Dataset<Row> bad = frame(rows);
    String nan = "bad row in DataFrame partition 0, row 4: NaN at entry 3 in column 'features'"
        + " (set badRows to skip to drop such rows)";
    InvalidInputException fit = assertThrows(InvalidInputException.class, () -> new LeverageScores().fit(bad));
    // the first task to meet its bad row reports it (as for the CLI, partitions are read in parallel)
    assertTrue(List.of(nan,
        "bad row in DataFrame partition 1, row 101: null vector in column 'features' (set badRows to skip to drop such rows)",
        "bad row in DataFrame partition 2, row 199: -Inf at entry 1 in column 'features'"
            + " (set badRows to skip to drop such rows)").contains(fit.getMessage()), fit.getMessage());
    InvalidInputException transform = assertThrows(InvalidInputException.class, () -> model.transform(bad));
    assertTrue(transform.getMessage().startsWith("bad row in DataFrame partition "), transform.getMessage());

    LeverageScoresModel skipping = new LeverageScores().setBadRows("skip").fit(bad);
    assertTrue(skipping.summaryJson().contains("\"badRows\" : 3"), skipping.summaryJson());
    Dataset<Row> scored = skipping.transform(bad);
    double[] scores = column(scored, "score");
    assertEquals(ROWS - 3, scores.length, "the bad rows are dropped");
    assertEquals(D, Arrays.stream(scores).sum(), SUM_TOLERANCE * D);
    List<Row> kept = scored.collectAsList();
    assertEquals(rows.get(4).get(1), kept.get(3).get(1), "row 5 follows row 3 once row 4 is dropped");
  }
}
