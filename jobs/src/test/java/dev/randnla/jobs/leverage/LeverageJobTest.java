package dev.randnla.jobs.leverage;

import static dev.randnla.jobs.JobTestSupport.cli;
import static dev.randnla.jobs.JobTestSupport.number;
import static dev.randnla.jobs.JobTestSupport.section;
import static dev.randnla.jobs.JobTestSupport.summary;
import static dev.randnla.jobs.JobTestSupport.truth;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.jobs.JobTestSupport.Cli;
import dev.randnla.linalg.Cholesky;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.Triangular;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code leverage} on the closed-form leverage matrix (docs/algorithms.md, generate): α·I_d stacked on
 * U·diag(s), AᵀA = diag(α² + s²), so every row's leverage is Σⱼ aⱼ²/(α² + sⱼ²) exactly.
 */
class LeverageJobTest {
  static final int ROWS = 3000;
  static final int COLS = 8;
  /** Exact scores: backward-stable TSQR and SVD at κ = 10, far inside 1e-8. */
  static final double EXACT_TOL = 1e-8;
  /** The acceptance bounds for approximate scores. */
  static final double APPROX_MEDIAN = 0.2;
  static final double APPROX_P99 = 0.6;

  @TempDir static Path shared;
  static Path data;
  static Map<Long, Double> exact;

  @BeforeAll
  static void generate() throws Exception {
    data = generateLeverage("leverage", ROWS, COLS, "csv", 5);
    exact = closedForm(data);
  }

  static Path generateLeverage(String name, int rows, int cols, String format, int seed) {
    Path dir = shared.resolve(name);
    Cli g = cli("generate", "--kind", "leverage", "--rows", Integer.toString(rows), "--cols", Integer.toString(cols),
        "--format", format, "--output", dir.toString(), "--seed", Integer.toString(seed), "--partitions", "3", "--quiet");
    assertEquals(0, g.code(), g.err());
    return dir;
  }

  /** τ(a) = Σⱼ aⱼ²/(α² + sⱼ²) for every row, from truth.json's α and s (and its identity rows checked). */
  @SuppressWarnings("unchecked")
  static Map<Long, Double> closedForm(Path dir) throws Exception {
    Map<String, Object> t = truth(dir);
    double alpha = number(t, "alpha");
    List<Number> s = (List<Number>) t.get("s");
    List<double[]> rows = LeverageTestData.csvRows(dir);
    Map<Long, Double> tau = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      double[] a = rows.get(i);
      double sum = 0;
      for (int j = 0; j < a.length; j++) {
        double sj = s.get(j).doubleValue();
        sum += a[j] * a[j] / (alpha * alpha + sj * sj);
      }
      tau.put((long) i, sum);
    }
    List<Number> positions = (List<Number>) t.get("identityRowPositions");
    List<Number> lev = (List<Number>) t.get("identityRowLeverage");
    for (int j = 0; j < positions.size(); j++) {
      assertEquals(lev.get(j).doubleValue(), tau.get(positions.get(j).longValue()), 1e-14, "truth.json identity row " + j);
    }
    return tau;
  }

  static Cli leverage(Path out, String... args) {
    String[] all = new String[args.length + 6];
    all[0] = "leverage";
    all[1] = "--output";
    all[2] = out.toString();
    all[3] = "--row-output-format";
    all[4] = "csv";
    all[5] = "--quiet";
    System.arraycopy(args, 0, all, 6, args.length);
    Cli c = cli(all);
    assertEquals(0, c.code(), c.err());
    return c;
  }

  static double percentile(double[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }

  @Test
  void exactScoresMatchTheClosedFormForEveryRow() throws Exception {
    Path out = shared.resolve("exact");
    leverage(out, "--input", data.toString());
    Map<Long, double[]> scores = LeverageTestData.rowOutput(out.resolve("scores"));
    assertEquals(ROWS, scores.size());
    double[] err = LeverageTestData.relativeErrors(exact, scores);
    assertTrue(err[err.length - 1] <= EXACT_TOL, "largest relative error " + err[err.length - 1]);
    Map<String, Object> s = summary(out);
    assertEquals(2, number(s, "passes"));
    Map<String, Object> r = section(s, "result");
    assertEquals(COLS, number(r, "numericalRank"));
    assertEquals(COLS, number(r, "sum"), 1e-10 * COLS);
    double max = exact.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    assertEquals(max, number(r, "max"), 1e-10 * max);
    assertEquals(ROWS * max / COLS, number(r, "coherence"), 1e-8 * ROWS * max / COLS);
    @SuppressWarnings("unchecked")
    Map<String, Object> sumCheck = (Map<String, Object>) section(r, "healthChecks").get("scoreSum");
    assertEquals(Boolean.TRUE, sumCheck.get("ok"));
    assertTrue(((List<?>) s.get("warnings")).isEmpty(), s.get("warnings").toString());
  }

  /** The same matrix as LIBSVM (sparse rows, zeros dropped) and as Parquet gives the same scores. */
  @Test
  void libsvmAndParquetInputsGiveTheSameScores() throws Exception {
    for (String format : new String[] {"libsvm", "parquet"}) {
      Path copy = generateLeverage("leverage-" + format, ROWS, COLS, format, 5);
      Path out = shared.resolve("exact-" + format);
      leverage(out, "--input", copy.toString(), "--cols", Integer.toString(COLS));
      double[] err = LeverageTestData.relativeErrors(exact, LeverageTestData.rowOutput(out.resolve("scores")));
      assertTrue(err[err.length - 1] <= EXACT_TOL, format + ": largest relative error " + err[err.length - 1]);
    }
  }

  /**
   * Scores are bitwise identical on re-runs with the same partitioning and agree to rounding across
   * partitionings: exact (the TSQR merge tree differs) and approx (the sketch is a sum whose terms
   * depend on row keys only, added in another order).
   */
  @Test
  void scoresAreReproducibleAndAgreeAcrossPartitionings() throws Exception {
    Path a = shared.resolve("part-a");
    Path b = shared.resolve("part-b");
    Path c = shared.resolve("part-c");
    leverage(a, "--input", data.toString(), "--min-partitions", "5");
    leverage(b, "--input", data.toString(), "--min-partitions", "5");
    leverage(c, "--input", data.toString(), "--min-partitions", "1");
    Map<Long, double[]> sa = LeverageTestData.rowOutput(a.resolve("scores"));
    Map<Long, double[]> sb = LeverageTestData.rowOutput(b.resolve("scores"));
    Map<Long, double[]> sc = LeverageTestData.rowOutput(c.resolve("scores"));
    assertTrue(number(section(summary(a), "input"), "partitions") >= 5);
    for (long id = 0; id < ROWS; id++) {
      assertArrayEquals(sa.get(id), sb.get(id), 0.0, "re-run, row " + id);
      assertEquals(sa.get(id)[0], sc.get(id)[0], 1e-12 * sa.get(id)[0], "1 vs 5 partitions, row " + id);
    }
    Path x = shared.resolve("part-x");
    Path y = shared.resolve("part-y");
    leverage(x, "--input", data.toString(), "--min-partitions", "5", "--method", "approx", "--seed", "4");
    leverage(y, "--input", data.toString(), "--min-partitions", "1", "--method", "approx", "--seed", "4");
    Map<Long, double[]> sx = LeverageTestData.rowOutput(x.resolve("scores"));
    Map<Long, double[]> sy = LeverageTestData.rowOutput(y.resolve("scores"));
    for (long id = 0; id < ROWS; id++) {
      assertEquals(sx.get(id)[0], sy.get(id)[0], 1e-11 * sx.get(id)[0], "approx, 1 vs 5 partitions, row " + id);
    }
  }

  /** Approximate scores meet median ≤ 0.2 and 99th percentile ≤ 0.6 for every seed (CountSketch at d = 8). */
  @Test
  void approxScoresMeetTheErrorBoundsWithCountSketch() throws Exception {
    for (int seed = 1; seed <= 4; seed++) {
      Path out = shared.resolve("approx-" + seed);
      leverage(out, "--input", data.toString(), "--method", "approx", "--seed", Integer.toString(seed));
      double[] err = LeverageTestData.relativeErrors(exact, LeverageTestData.rowOutput(out.resolve("scores")));
      double median = percentile(err, 0.5);
      double p99 = percentile(err, 0.99);
      assertTrue(median <= APPROX_MEDIAN && p99 <= APPROX_P99, "seed " + seed + ": median " + median + ", p99 " + p99);
      Map<String, Object> s = summary(out);
      assertEquals(2, number(s, "passes"));
      Map<String, Object> r = section(s, "result");
      assertEquals("countsketch", section(s, "params").get("sketch"));
      assertEquals(256, number(section(s, "params"), "sketchRows"));
      double sum = number(r, "sum");
      assertTrue(Math.abs(sum / COLS - 1) <= 0.2, "seed " + seed + ": health check sum/d = " + sum / COLS);
    }
  }

  /** At d = 32 the default is OSNAP (s = 4); with --k 12 &lt; d the Gaussian projection runs too. */
  @Test
  void approxScoresWithOsnapAndWithTheGaussianProjection() throws Exception {
    Path wide = generateLeverage("leverage-32", 4096, 32, "csv", 9);
    Map<Long, Double> truth = closedForm(wide);
    for (int seed = 1; seed <= 2; seed++) {
      Path out = shared.resolve("approx32-" + seed);
      leverage(out, "--input", wide.toString(), "--method", "approx", "--seed", Integer.toString(seed));
      double[] err = LeverageTestData.relativeErrors(truth, LeverageTestData.rowOutput(out.resolve("scores")));
      assertTrue(percentile(err, 0.5) <= APPROX_MEDIAN && percentile(err, 0.99) <= APPROX_P99,
          "seed " + seed + ": median " + percentile(err, 0.5) + ", p99 " + percentile(err, 0.99));
      Map<String, Object> s = summary(out);
      assertEquals("osnap", section(s, "params").get("sketch"));
      assertEquals(Boolean.FALSE, section(s, "result").get("gaussianProjection"));
    }
    Path out = shared.resolve("approx32-jl");
    leverage(out, "--input", wide.toString(), "--method", "approx", "--seed", "3", "--k", "12");
    Map<String, Object> r = section(summary(out), "result");
    assertEquals(Boolean.TRUE, r.get("gaussianProjection"));
    assertEquals(12, number(r, "projectionColumns"));
    // the bias-corrected sketch and the projection are (nearly) unbiased: the sum of r·k squared
    // Gaussians fluctuates by √(2/(32·12)) ≈ 0.07, well inside the 1 ± 0.2 health check
    assertTrue(Math.abs(number(r, "sum") / 32 - 1) <= 0.2, "health check " + number(r, "sum") / 32);
    double[] err = LeverageTestData.relativeErrors(truth, LeverageTestData.rowOutput(out.resolve("scores")));
    // JL with k = 12: relative standard deviation √(2/k) ≈ 0.41 per row, on top of the sketch's error
    assertTrue(percentile(err, 0.5) <= 0.45, "median with k = 12: " + percentile(err, 0.5));
  }

  /** Ridge scores against the dense solve aᵀ(AᵀA + λI)⁻¹a, and d_eff = Σ σ²/(σ² + λ) exactly. */
  @Test
  void ridgeScoresAndEffectiveDimension() throws Exception {
    double lambda = 2.0;
    List<double[]> rows = LeverageTestData.csvRows(data);
    Matrix a = Matrix.fromRows(rows.toArray(new double[0][]));
    Matrix c = Cholesky.of(a.transposeTimes(a).plus(Matrix.identity(COLS).scale(lambda))).r();
    Map<Long, Double> ref = new HashMap<>();
    double total = 0;
    for (int i = 0; i < rows.size(); i++) {
      double[] z = Triangular.solveUpperTranspose(c, rows.get(i));
      double t = 0;
      for (double v : z) {
        t += v * v;
      }
      ref.put((long) i, t);
      total += t;
    }
    Path out = shared.resolve("ridge");
    leverage(out, "--input", data.toString(), "--method", "ridge", "--lambda", Double.toString(lambda));
    double[] err = LeverageTestData.relativeErrors(ref, LeverageTestData.rowOutput(out.resolve("scores")));
    assertTrue(err[err.length - 1] <= EXACT_TOL, "ridge: largest relative error " + err[err.length - 1]);
    Map<String, Object> r = section(summary(out), "result");
    // AᵀA = diag(α² + s²) with α = 1: d_eff = Σ (1 + sⱼ²)/(1 + sⱼ² + λ)
    @SuppressWarnings("unchecked")
    List<Number> s = (List<Number>) truth(data).get("s");
    double deff = 0;
    for (Number sj : s) {
      double l = 1 + sj.doubleValue() * sj.doubleValue();
      deff += l / (l + lambda);
    }
    assertEquals(deff, number(r, "effectiveDimension"), 1e-12 * deff);
    assertEquals(total, number(r, "sum"), 1e-10 * total);
    assertEquals(deff, number(r, "sum"), 1e-10 * deff);
  }

  /**
   * A rank-3 matrix with 6 columns (lowrank kind, Hadamard basis): the pseudo-inverse gives every
   * row leverage 3/n, the reported numerical rank is 3, and a warning says so.
   */
  @Test
  void rankDeficientInputUsesThePseudoInverse() throws Exception {
    Path low = shared.resolve("lowrank");
    int n = 1024;
    assertEquals(0, cli("generate", "--kind", "lowrank", "--rows", Integer.toString(n), "--cols", "6", "--rank", "3",
        "--kappa", "1000", "--output", low.toString(), "--seed", "2", "--quiet").code());
    for (String method : new String[] {"exact", "approx"}) {
      Path out = shared.resolve("lowrank-" + method);
      leverage(out, "--input", low.toString(), "--method", method, "--seed", "1");
      Map<String, Object> s = summary(out);
      assertEquals(3, number(section(s, "result"), "numericalRank"), method);
      assertTrue(s.get("warnings").toString().contains("rank deficient"), s.get("warnings").toString());
      if (method.equals("exact")) {
        for (double[] v : LeverageTestData.rowOutput(out.resolve("scores")).values()) {
          assertEquals(3.0 / n, v[0], 1e-9 * 3.0 / n);
        }
        assertEquals(3.0, number(section(s, "result"), "sum"), 1e-10);
      }
    }
  }
}
