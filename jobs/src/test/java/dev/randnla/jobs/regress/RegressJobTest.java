package dev.randnla.jobs.regress;

import static dev.randnla.jobs.JobTestSupport.cli;
import static dev.randnla.jobs.JobTestSupport.number;
import static dev.randnla.jobs.JobTestSupport.section;
import static dev.randnla.jobs.JobTestSupport.summary;
import static dev.randnla.jobs.JobTestSupport.truth;
import static dev.randnla.linalg.Vectors.relativeDistance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.io.MatrixRow;
import dev.randnla.jobs.JobTestSupport.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code randnla regress} end to end on local Spark: formats, options, outputs, exit codes. */
class RegressJobTest {
  @TempDir Path tmp;

  Path generate(String name, String format, long rows, int cols, double kappa, double residual, long seed) {
    Path out = tmp.resolve(name);
    Cli g = cli("generate", "--kind", "regression", "--rows", "" + rows, "--cols", "" + cols, "--kappa", "" + kappa,
        "--residual", "" + residual, "--format", format, "--output", out.toString(), "--seed", "" + seed,
        "--partitions", "3", "--quiet");
    assertEquals(0, g.code(), g.err());
    return out;
  }

  static Cli regress(Path input, Path output, String... more) {
    List<String> args = new ArrayList<>(List.of("regress", "--input", input.toString(), "--output", output.toString(),
        "--seed", "5", "--quiet"));
    args.addAll(List.of(more));
    return cli(args.toArray(new String[0]));
  }

  static double[] vector(Path csv) throws IOException {
    return Files.readAllLines(csv).stream().mapToDouble(Double::parseDouble).toArray();
  }

  static double[] doubles(Object list) {
    return ((List<?>) list).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
  }

  /** The rows of a generated CSV (label in field 0), for the exact reference. */
  static List<MatrixRow> csvRows(Path dir) throws IOException {
    List<MatrixRow> rows = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
        for (String line : Files.readAllLines(f)) {
          String[] t = line.split(",");
          double[] v = new double[t.length - 1];
          for (int j = 1; j < t.length; j++) {
            v[j - 1] = Double.parseDouble(t[j]);
          }
          rows.add(MatrixRow.dense(rows.size(), rows.size(), Double.parseDouble(t[0]), null, v));
        }
      }
    }
    return rows;
  }

  /** The default solver on a CSV: x* to 1e-10, ρ, R², and every summary field the issue asks for. */
  @Test
  void defaultSolverOnCsvReportsEverything() throws Exception {
    Path data = generate("csv", "csv", 4096, 8, 1e4, 1e-3, 3);
    Path out = tmp.resolve("out");
    Cli r = regress(data, out, "--label-col", "0");
    assertEquals(0, r.code(), r.err());
    Map<String, Object> truth = truth(data);
    Map<String, Object> s = summary(out);
    Map<String, Object> result = section(s, "result");
    double[] x = vector(out.resolve("coefficients.csv"));
    double[] xStar = doubles(truth.get("xStar"));
    assertTrue(relativeDistance(x, xStar) <= 1e-10, "vs x*: " + relativeDistance(x, xStar));
    assertEquals(1e-3, number(result, "residualNorm"), 1e-12);
    assertEquals(1e-3 / number(truth, "bNorm"), number(result, "relativeResidual"), 1e-12);
    assertEquals(number(truth, "rSquaredUncentered"), number(result, "rSquared"), 1e-12);
    assertEquals(4096, number(result, "rows"));
    assertTrue(number(result, "relativeNormalResidual") <= RegressConfig.DEFAULT_TOL);
    assertEquals(1e4, number(result, "conditionEstimate"), 1e2);
    assertEquals(8, doubles(result.get("standardErrors")).length);
    assertTrue(result.containsKey("preconditionedConditionEstimate"));
    assertTrue(result.containsKey("iterations"));
    double passes = number(s, "passes");
    assertTrue(passes >= 2 && passes <= 6, "tsqr-preconditioned refinement passes: " + passes);
    assertEquals("tsqr", section(s, "params").get("sketch"));
    assertEquals(List.of(), s.get("warnings"));
  }

  /**
   * κ = 1e10, ρ = 1: the one-pass exact solve warns that it may lose everything (u·κ²·tanθ ≈ 1e4) and
   * precondition still meets 1e-10 against the exact solution of the rows as written, within 60 passes,
   * with the TSQR R (default) and with an OSNAP sketch.
   */
  @Test
  void illConditioned() throws Exception {
    Path data = generate("k10", "csv", 2048, 6, 1e10, 1, 4);
    double[] ref = RegressionProblem.reference(csvRows(data), 6, false, 0);
    Path exact = tmp.resolve("exact");
    assertEquals(0, regress(data, exact, "--label-col", "0", "--solver", "exact").code());
    List<?> warnings = (List<?>) summary(exact).get("warnings");
    assertTrue(warnings.stream().anyMatch(w -> w.toString().contains("κ²")), "exact should warn: " + warnings);
    for (String sketch : new String[] {"tsqr", "osnap"}) {
      Path out = tmp.resolve("pre-" + sketch);
      Cli r = regress(data, out, "--label-col", "0", "--sketch", sketch);
      assertEquals(0, r.code(), r.err());
      double[] x = vector(out.resolve("coefficients.csv"));
      assertTrue(relativeDistance(x, ref) <= 1e-10, sketch + ": error " + relativeDistance(x, ref));
      assertTrue(number(summary(out), "passes") <= 60, sketch + ": passes " + number(summary(out), "passes"));
    }
  }

  /**
   * LIBSVM (sparse rows) and CSV of the same matrix give the same answer, with and without an
   * intercept: exact to rounding; the iterative solvers to their tolerance (their sketches differ:
   * row keys are byte positions in the files, which differ between the formats).
   */
  @Test
  void libsvmEqualsDense() throws Exception {
    Path csv = generate("d-csv", "csv", 2048, 6, 1e3, 0.5, 9);
    Path svm = generate("d-svm", "libsvm", 2048, 6, 1e3, 0.5, 9);
    for (String[] opts : new String[][] {{"--solver", "exact"}, {"--sketch", "osnap", "--intercept"},
        {"--solver", "ihs", "--ridge", "0.01"}}) {
      String tag = String.join("", opts).replace("--", "-");
      Path a = tmp.resolve("csv" + tag);
      Path b = tmp.resolve("svm" + tag);
      List<String> csvArgs = new ArrayList<>(List.of("--label-col", "0"));
      csvArgs.addAll(List.of(opts));
      assertEquals(0, regress(csv, a, csvArgs.toArray(new String[0])).code());
      Cli r = regress(svm, b, opts);
      assertEquals(0, r.code(), r.err());
      double[] xa = vector(a.resolve("coefficients.csv"));
      double[] xb = vector(b.resolve("coefficients.csv"));
      double tol = opts[1].equals("exact") ? 1e-12 : 10 * RegressConfig.DEFAULT_TOL;
      assertTrue(relativeDistance(xb, xa) <= tol, tag + ": libsvm vs csv " + relativeDistance(xb, xa));
      if (List.of(opts).contains("--intercept")) {
        assertEquals(number(section(summary(a), "result"), "intercept"), number(section(summary(b), "result"), "intercept"), 1e-12);
      }
    }
  }

  /**
   * The default preconditioner follows the rows: sparse rows (LIBSVM) take the Cholesky factor of
   * the Gram of [A b] (O(nnz²) per row) when κ(A) allows — two passes here, the answer equal to the
   * exact TSQR solve to the refinement tolerance — and fall back to the sketch when AᵀA is too
   * ill-conditioned for it (κ = 1e9: p·u·κ² ≫ 1e-2); dense rows keep the exact TSQR R.
   */
  @Test
  void preconditionerFollowsTheRowsAndTheConditioning() throws Exception {
    Path well = generate("g-well", "libsvm", 3000, 12, 10, 0.5, 21);
    Path ill = generate("g-ill", "libsvm", 3000, 12, 1e9, 1e-6, 22);
    Path dense = generate("g-dense", "csv", 3000, 12, 10, 0.5, 21);
    Path exact = tmp.resolve("g-exact");
    assertEquals(0, regress(well, exact, "--solver", "exact").code());
    Path gram = tmp.resolve("g-gram");
    Cli r = regress(well, gram);
    assertEquals(0, r.code(), r.err());
    Map<String, Object> res = section(summary(gram), "result");
    assertTrue(String.valueOf(res.get("preconditioner")).startsWith("gram"), String.valueOf(res.get("preconditioner")));
    assertTrue(String.valueOf(res.get("gramPreconditioner")).startsWith("used"));
    assertEquals("gram", choice(res).get("chosen"));
    assertEquals("sparse (LIBSVM)", choice(res).get("rows"));
    assertTrue(number(summary(gram), "passes") <= 3, "passes " + summary(gram).get("passes"));
    // the model's pass count for the path it chose is what ran: the Gram pass, then its refinement passes
    @SuppressWarnings("unchecked")
    Map<String, Object> gramCost = (Map<String, Object>) ((Map<String, Object>) choice(res).get("flopsPerRow")).get("gram");
    assertEquals(number(summary(gram), "passes"), 1 + number(gramCost, "refinementPasses"), 1e-12, String.valueOf(gramCost));
    double gap = relativeDistance(vector(gram.resolve("coefficients.csv")), vector(exact.resolve("coefficients.csv")));
    assertTrue(gap <= 1e-12, "gram-preconditioned vs exact TSQR: " + gap);

    Path illOut = tmp.resolve("g-ill-out");
    r = regress(ill, illOut);
    assertEquals(0, r.code(), r.err());
    Map<String, Object> illRes = section(summary(illOut), "result");
    assertTrue(String.valueOf(illRes.get("gramPreconditioner")).startsWith("refused"), String.valueOf(illRes.get("gramPreconditioner")));
    assertTrue(String.valueOf(illRes.get("preconditioner")).contains("sketch"), String.valueOf(illRes.get("preconditioner")));
    assertEquals("sketch (gram refused)", choice(illRes).get("chosen"));
    double[] xStar = doubles(truth(ill).get("xStar"));
    Path illExact = tmp.resolve("g-ill-exact");
    assertEquals(0, regress(ill, illExact, "--solver", "exact").code());
    double illGap = relativeDistance(vector(illOut.resolve("coefficients.csv")), vector(illExact.resolve("coefficients.csv")));
    assertTrue(illGap <= 1e-6, "sketch-preconditioned vs exact at kappa 1e9: " + illGap + " (x* distance "
        + relativeDistance(vector(illExact.resolve("coefficients.csv")), xStar) + ")");

    Path denseOut = tmp.resolve("g-dense-out");
    assertEquals(0, regress(dense, denseOut, "--label-col", "0").code());
    Map<String, Object> denseRes = section(summary(denseOut), "result");
    assertTrue(String.valueOf(denseRes.get("preconditioner")).startsWith("tsqr"));
    assertEquals("tsqr", choice(denseRes).get("chosen"));
    assertEquals("dense", choice(denseRes).get("rows"));
    assertEquals(13.0, number(choice(denseRes), "nonzerosPerRow"), 1e-12); // 12 columns and b
  }

  /**
   * --ridge on sparse rows: the Gram path factors AᵀA + λP, which stays positive definite when A is
   * rank deficient (here column 5 repeats column 4), and reaches the exact solver's ridge solution.
   */
  @Test
  void ridgeKeepsTheGramPathOnRankDeficientSparseRows() throws Exception {
    Path data = tmp.resolve("ridge-deficient.libsvm");
    java.util.Random rnd = new java.util.Random(5);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      double[] x = new double[6];
      for (int j = 0; j < 5; j++) {
        x[j] = rnd.nextDouble() < 0.5 ? 0 : rnd.nextGaussian();
      }
      x[5] = x[4];
      double b = x[0] - 2 * x[1] + 0.5 * x[4] + 0.1 * rnd.nextGaussian();
      text.append(b);
      for (int j = 0; j < 6; j++) {
        if (x[j] != 0) {
          text.append(' ').append(j + 1).append(':').append(x[j]);
        }
      }
      text.append('\n');
    }
    Files.writeString(data, text);
    Path plain = tmp.resolve("ridge-plain");
    assertEquals(0, regress(data, plain, "--cols", "6").code());
    assertEquals("sketch (gram refused)", choice(section(summary(plain), "result")).get("chosen"));
    Path ridge = tmp.resolve("ridge-gram");
    Cli r = regress(data, ridge, "--cols", "6", "--ridge", "0.5", "--intercept");
    assertEquals(0, r.code(), r.err());
    Map<String, Object> res = section(summary(ridge), "result");
    assertEquals("gram", choice(res).get("chosen"), String.valueOf(res.get("gramPreconditioner")));
    Path exact = tmp.resolve("ridge-exact");
    assertEquals(0, regress(data, exact, "--cols", "6", "--ridge", "0.5", "--intercept", "--solver", "exact").code());
    double gap = relativeDistance(vector(ridge.resolve("coefficients.csv")), vector(exact.resolve("coefficients.csv")));
    assertTrue(gap <= 1e-12, "ridge via the Gram vs exact TSQR with ridge rows: " + gap);
    assertTrue(number(summary(ridge), "passes") <= 3, "passes " + summary(ridge).get("passes"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> choice(Map<String, Object> result) {
    return (Map<String, Object>) result.get("solverChoice");
  }

  /**
   * --cache on replays the parsed rows for every pass after the first; results (summary result
   * section, coefficients, residuals with their row ids) are bitwise those of --cache off.
   */
  @Test
  void keptRowsGiveBitwiseTheResultsOfRereading() throws Exception {
    Path data = generate("cache", "libsvm", 3000, 12, 1e3, 0.5, 31);
    Map<String, Map<String, Object>> results = new java.util.HashMap<>();
    Map<String, String> files = new java.util.HashMap<>();
    for (String mode : new String[] {"on", "off"}) {
      for (String[] solver : new String[][] {{"--sketch", "osnap"}, {"--solver", "ihs"}}) {
        Path out = tmp.resolve("cache-" + mode + "-" + solver[1]);
        Cli r = regress(data, out, "--cache", mode, "--min-partitions", "3", "--residuals", "--row-output-format", "csv",
            solver[0], solver[1]);
        assertEquals(0, r.code(), r.err());
        Map<String, Object> summary = summary(out);
        @SuppressWarnings("unchecked")
        Map<String, Object> rowCache = (Map<String, Object>) section(summary, "spark").get("rowCache");
        assertEquals(mode.equals("on"), rowCache.get("kept"), String.valueOf(rowCache));
        double passes = number(summary, "passes");
        assertTrue(passes >= 3, "passes " + passes);
        double reads = ((Number) rowCache.get("fileReads")).doubleValue();
        assertEquals(mode.equals("on") ? 1.0 : passes, reads, 1e-12, String.valueOf(rowCache));
        results.put(mode + solver[1], section(summary, "result"));
        StringBuilder text = new StringBuilder(Files.readString(out.resolve("coefficients.csv")));
        try (Stream<Path> parts = Files.list(out.resolve("residuals"))) {
          for (Path f : parts.filter(q -> q.getFileName().toString().startsWith("part-")).sorted().toList()) {
            text.append(Files.readString(f));
          }
        }
        files.put(mode + solver[1], text.toString());
      }
    }
    for (String solver : new String[] {"osnap", "ihs"}) {
      assertEquals(results.get("off" + solver), results.get("on" + solver), solver);
      assertEquals(files.get("off" + solver), files.get("on" + solver), solver);
    }
  }

  @Test
  void parquetLabelColumnAndPartitionInvariance() throws Exception {
    Path data = generate("pq", "parquet", 2048, 5, 1e2, 0.25, 10);
    double[] xStar = doubles(truth(data).get("xStar"));
    double[][] x = new double[2][];
    int t = 0;
    for (String parts : new String[] {"1", "6"}) {
      Path out = tmp.resolve("pq-" + parts);
      Cli r = regress(data, out, "--label-col", "label", "--solver", "exact", "--min-partitions", parts);
      assertEquals(0, r.code(), r.err());
      x[t++] = vector(out.resolve("coefficients.csv"));
      assertEquals(1, number(summary(out), "passes"));
    }
    assertTrue(relativeDistance(x[0], xStar) <= 1e-10 * 1e2, "vs x*: " + relativeDistance(x[0], xStar));
    assertTrue(relativeDistance(x[1], x[0]) <= 1e-13, "1 vs 6 partitions: " + relativeDistance(x[1], x[0]));
  }

  /** Per-row residuals: one per row, ids 0..n−1, Σ r² = ρ². */
  @Test
  void residualsOutput() throws Exception {
    Path data = generate("res", "csv", 1024, 4, 10, 0.75, 11);
    Path out = tmp.resolve("res-out");
    Cli r = regress(data, out, "--label-col", "0", "--solver", "exact", "--residuals", "--row-output-format", "csv");
    assertEquals(0, r.code(), r.err());
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(out.resolve("residuals"))) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
        lines.addAll(Files.readAllLines(f));
      }
    }
    assertEquals(1024, lines.size());
    double ss = 0;
    java.util.Set<Long> ids = new java.util.HashSet<>();
    for (String line : lines) {
      String[] f = line.split(",");
      ids.add(Long.parseLong(f[0]));
      ss += Double.parseDouble(f[1]) * Double.parseDouble(f[1]);
    }
    assertEquals(1024, ids.size());
    assertEquals(0.75 * 0.75, ss, 1e-12);
    assertEquals(2, number(summary(out), "passes"));
  }

  @Test
  void linfReportsItsBoundAndEstimates() throws Exception {
    Path data = generate("linf", "csv", 2048, 4, 10, 1, 12);
    Path out = tmp.resolve("linf-out");
    Cli r = regress(data, out, "--label-col", "0", "--guarantee", "linf", "--eps", "0.5");
    assertEquals(0, r.code(), r.err());
    Map<String, Object> s = summary(out);
    Map<String, Object> result = section(s, "result");
    assertEquals("sketch", section(s, "params").get("solver"));
    assertEquals("gaussian", section(s, "params").get("sketch"));
    double[] x = vector(out.resolve("coefficients.csv"));
    double[] xStar = doubles(truth(data).get("xStar"));
    double errInf = dev.randnla.linalg.Vectors.maxAbs(dev.randnla.linalg.Vectors.minus(x, xStar));
    assertTrue(errInf <= 0.5 / 2 * 1 * 10, "ℓ∞ error " + errInf);
    assertTrue(errInf <= number(result, "linfBound"));
    assertTrue(number(result, "l2ErrorEstimate") > 0);
    assertTrue(number(result, "linfErrorEstimate") > 0);
    assertEquals(2, number(s, "passes"));

    Path quick = tmp.resolve("linf-quick");
    assertEquals(0, regress(data, quick, "--label-col", "0", "--guarantee", "linf", "--no-evaluate").code());
    assertEquals(1, number(summary(quick), "passes"));
    assertTrue(section(summary(quick), "result").get("residualNormSource").toString().startsWith("sketched"));
  }

  /** A sketch that cannot fit the driver is refused before any pass, naming the setting (exit 4). */
  @Test
  void oversizedSketchIsRefused() throws Exception {
    Path data = generate("big", "csv", 64, 3, 10, 1, 15);
    Cli r = regress(data, tmp.resolve("big-out"), "--label-col", "0", "--solver", "sketch", "--sketch-size", "200000000");
    assertEquals(4, r.code(), r.err());
    assertTrue(r.err().contains("--sketch-size"), r.err());
  }

  @Test
  void missingLabelIsAUsageError() throws Exception {
    Path data = generate("nolabel", "csv", 64, 3, 10, 1, 13);
    Cli auto = regress(data, tmp.resolve("o1"));
    assertEquals(2, auto.code(), auto.err());
    assertTrue(auto.err().contains("--label-col"), auto.err());
    Cli explicit = regress(data, tmp.resolve("o2"), "--format", "csv");
    assertEquals(2, explicit.code(), explicit.err());
    assertTrue(!Files.exists(tmp.resolve("o1")) && !Files.exists(tmp.resolve("o2")));
  }

  @Test
  void rowWithoutLabelIsInvalidInput() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("bad"));
    Files.writeString(dir.resolve("a.csv"), "1,2,3\n2,1,0\n,4,5\n3,3,3\n");
    Cli r = regress(dir, tmp.resolve("bad-out"), "--label-col", "0", "--solver", "exact");
    assertEquals(3, r.code(), r.err());
    assertTrue(r.err().contains("a.csv") && r.err().contains("line 3"), r.err());
  }

  @Test
  void badOptionCombinationsAreUsageErrors() throws Exception {
    Path data = generate("opts", "csv", 64, 3, 10, 1, 14);
    String[][] bad = {
        {"--guarantee", "linf", "--solver", "exact"},
        {"--guarantee", "linf", "--sketch", "osnap"},
        {"--sketch", "tsqr", "--solver", "sketch"},
        {"--solver", "exact", "--sketch-size", "40"},
        {"--tol", "0"},
        {"--sketch", "fft"},
        {"--solver", "lsqr"},
        {"--ridge", "-1"},
        {"--sample-size", "10"}};
    for (String[] opts : bad) {
      List<String> args = new ArrayList<>(List.of("--label-col", "0"));
      args.addAll(List.of(opts));
      Cli r = regress(data, tmp.resolve("never"), args.toArray(new String[0]));
      assertEquals(2, r.code(), String.join(" ", opts) + ": " + r.err());
    }
  }
}
