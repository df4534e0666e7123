package dev.randnla.jobs.leverage;

import static dev.randnla.jobs.JobTestSupport.cli;
import static dev.randnla.jobs.JobTestSupport.number;
import static dev.randnla.jobs.JobTestSupport.section;
import static dev.randnla.jobs.JobTestSupport.summary;
import static dev.randnla.jobs.JobTestSupport.truth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.jobs.JobTestSupport.Cli;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code leverage --method lewis} on the duplicated-directions matrix ({@code generate --kind
 * duplicated}): every copy of direction j has ℓp Lewis weight and sensitivity 1/mⱼ for every p.
 */
class LewisWeightsJobTest {
  static final int ROWS = 60;
  static final int COLS = 5;
  /** The acceptance tolerance on the weights. */
  static final double WEIGHT_TOL = 1e-6;

  @TempDir static Path shared;
  static Path data;
  /** 1/m of the direction of every row (by row id). */
  static double[] expected;
  static long[] multiplicities;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void generate() throws Exception {
    data = shared.resolve("duplicated");
    Cli g = cli("generate", "--kind", "duplicated", "--rows", Integer.toString(ROWS), "--cols", Integer.toString(COLS),
        "--output", data.toString(), "--seed", "3", "--partitions", "2", "--quiet");
    assertEquals(0, g.code(), g.err());
    Map<String, Object> t = truth(data);
    List<Number> m = (List<Number>) t.get("multiplicities");
    List<List<Number>> directions = (List<List<Number>>) t.get("directions");
    multiplicities = m.stream().mapToLong(Number::longValue).toArray();
    List<double[]> rows = LeverageTestData.csvRows(data);
    assertEquals(ROWS, rows.size());
    expected = new double[ROWS];
    long[] seen = new long[COLS];
    for (int i = 0; i < ROWS; i++) {
      int best = -1;
      for (int j = 0; j < COLS; j++) {
        double dot = 0;
        for (int c = 0; c < COLS; c++) {
          dot += rows.get(i)[c] * directions.get(j).get(c).doubleValue();
        }
        if (Math.abs(dot - 1) < 1e-12) {
          best = j;
        }
      }
      assertTrue(best >= 0, "row " + i + " is not one of the directions");
      seen[best]++;
      expected[i] = 1.0 / multiplicities[best];
    }
    for (int j = 0; j < COLS; j++) {
      assertEquals(multiplicities[j], seen[j], "copies of direction " + j);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void generatorTruthIsConsistent() throws Exception {
    Map<String, Object> t = truth(data);
    long total = 0;
    long min = Long.MAX_VALUE;
    long max = 0;
    for (long m : multiplicities) {
      total += m;
      min = Math.min(min, m);
      max = Math.max(max, m);
    }
    assertEquals(ROWS, total);
    assertTrue(max / (double) min >= 3 && max / (double) min <= 5, "multiplicity ratio ≈ κ² = 4: " + max + "/" + min);
    assertEquals(Math.sqrt((double) max / min), number(t, "conditionNumber"), 1e-12);
    List<Number> w = (List<Number>) t.get("lewisWeights");
    for (int j = 0; j < COLS; j++) {
      assertEquals(1.0 / multiplicities[j], w.get(j).doubleValue(), 0.0);
    }
    assertEquals(COLS, number(t, "totalSensitivity"));
  }

  static Map<Long, double[]> lewis(Path out, String... args) throws Exception {
    String[] base = {"leverage", "--input", data.toString(), "--output", out.toString(), "--row-output-format", "csv",
        "--quiet", "--method", "lewis"};
    String[] all = new String[base.length + args.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(args, 0, all, base.length, args.length);
    Cli c = cli(all);
    assertEquals(0, c.code(), c.err());
    return LeverageTestData.rowOutput(out.resolve("scores"));
  }

  /** Lewis weights 1/mⱼ to 1e-6 for p ∈ {1, 1.5, 3} (undamped, certified), and p = 6 (damped). */
  @ParameterizedTest
  @ValueSource(doubles = {1, 1.5, 3, 6})
  void lewisWeightsAreOneOverTheMultiplicity(double p) throws Exception {
    Path out = shared.resolve("lewis-" + p);
    Map<Long, double[]> scores = lewis(out, "--p", Double.toString(p), "--tol", "1e-8");
    assertEquals(ROWS, scores.size());
    double factor = p <= 2 ? 1.0 : Math.pow(COLS, p / 2 - 1);
    for (int i = 0; i < ROWS; i++) {
      double[] v = scores.get((long) i);
      assertEquals(expected[i], v[0], WEIGHT_TOL * expected[i], "p = " + p + ", row " + i);
      assertEquals(factor * v[0], v[1], 1e-14 * v[1], "p = " + p + ", sensitivity bound of row " + i);
    }
    Map<String, Object> s = summary(out);
    Map<String, Object> r = section(s, "result");
    assertEquals(Boolean.TRUE, r.get("converged"));
    assertEquals(p < 4, r.get("errorBoundCertified"));
    assertTrue(number(r, "errorBound") <= 1e-8);
    assertEquals(COLS, number(r, "sum"), 1e-7);
    assertEquals(factor * COLS, number(r, "totalSensitivityBound"), 1e-7 * factor * COLS);
    assertEquals(number(r, "iterations") + 2, number(s, "passes"), "one TSQR pass, the iterations, one scoring pass");
    List<?> history = (List<?>) r.get("iterationHistory");
    assertEquals((int) number(r, "iterations"), history.size());
    assertEquals(p < 4 ? 1.0 : 4 / (p + 2), number(r, "damping"), 1e-15);
  }

  /** p = 2: the Lewis weights are the leverage scores; no iteration pass is spent. */
  @Test
  void pTwoIsLeverageInTwoPasses() throws Exception {
    Path out = shared.resolve("lewis-2");
    Map<Long, double[]> scores = lewis(out, "--p", "2");
    for (int i = 0; i < ROWS; i++) {
      assertEquals(expected[i], scores.get((long) i)[0], 1e-12 * expected[i]);
    }
    Map<String, Object> s = summary(out);
    assertEquals(2, number(s, "passes"));
    assertEquals(0, number(section(s, "result"), "iterations"));
  }

  /** A budget too small for the tolerance: the job finishes, says so, and reports the bound reached. */
  @Test
  void unconvergedIterationIsReported() throws Exception {
    Path out = shared.resolve("lewis-budget");
    lewis(out, "--p", "1", "--tol", "1e-12", "--max-iterations", "3");
    Map<String, Object> s = summary(out);
    Map<String, Object> r = section(s, "result");
    assertEquals(Boolean.FALSE, r.get("converged"));
    assertEquals(3, number(r, "iterations"));
    assertEquals(5, number(s, "passes"));
    assertTrue(s.get("warnings").toString().contains("did not reach --tol"), s.get("warnings").toString());
  }
}
