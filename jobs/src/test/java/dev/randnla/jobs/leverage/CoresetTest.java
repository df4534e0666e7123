package dev.randnla.jobs.leverage;

import static dev.randnla.jobs.JobTestSupport.cli;
import static dev.randnla.jobs.JobTestSupport.number;
import static dev.randnla.jobs.JobTestSupport.section;
import static dev.randnla.jobs.JobTestSupport.summary;
import static dev.randnla.jobs.JobTestSupport.truth;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.jobs.JobTestSupport;
import dev.randnla.io.InputOptions;
import dev.randnla.io.MatrixRow;
import dev.randnla.jobs.JobTestSupport.Cli;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.QrDecomposition;
import dev.randnla.linalg.Triangular;
import dev.randnla.spark.MatrixSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weighted coresets drawn by {@code leverage --sample}: the regression guarantee, determinism, formats. */
class CoresetTest {
  @TempDir Path tmp;

  static Cli run(String... args) {
    Cli c = cli(args);
    assertEquals(0, c.code(), c.err());
    return c;
  }

  /** A coreset CSV ({@code id,weight[,label],x…}) as id → fields after the id. */
  static Map<Long, double[]> coresetCsv(Path dir) throws Exception {
    Map<Long, double[]> out = new TreeMap<>();
    for (Path f : LeverageTestData.files(dir.resolve("coreset"), ".csv")) {
      for (String line : Files.readAllLines(f)) {
        String[] t = line.split(",");
        double[] v = new double[t.length - 1];
        for (int j = 1; j < t.length; j++) {
          v[j - 1] = Double.parseDouble(t[j]);
        }
        out.put(Long.parseLong(t[0]), v);
      }
    }
    return out;
  }

  /**
   * The guarantee: Bernoulli leverage sampling with expected size m = ⌈4·d·ln d/ε²⌉ (d = 8, ε = 0.2:
   * m = 1664 of n = 10000 rows), rows weighted by 1/q (scaled by q^{−1/2}), solved by a dense QR, gives
   * ‖A·x̃ − b‖ ≤ (1 + ε)·‖A·x* − b‖. Failure probability per seed: the sampled Gram is a 1/2-embedding
   * except with probability ≤ d·e^{−0.108·m/d} ≈ 1e-9 (matrix Chernoff), and then
   * ‖A(x̃ − x*)‖² ≤ 4‖UᵀSᵀS r*‖², whose mean is ≤ (d/m)‖r*‖², so by Markov the residual exceeds
   * (1 + ε)‖r*‖ with probability ≤ 4d/(m·(2ε + ε²)) ≈ 0.044. Budget: at most one of five seeds may
   * fail (probability ≤ 10·0.044² ≈ 0.02 if the bound were tight; in practice the ratio is ≈ 1.003).
   */
  @Test
  void leverageCoresetSolvesRegressionWithinOnePlusEpsilon() throws Exception {
    int n = 10000;
    int d = 8;
    double eps = 0.2;
    long m = (long) Math.ceil(4 * d * Math.log(d) / (eps * eps));
    Path data = tmp.resolve("regression");
    run("generate", "--kind", "regression", "--rows", Integer.toString(n), "--cols", Integer.toString(d), "--output",
        data.toString(), "--seed", "4", "--quiet");
    double rho = number(truth(data), "residualNorm");
    List<double[]> rows = LeverageTestData.csvRows(data);
    int failures = 0;
    StringBuilder report = new StringBuilder();
    for (int seed = 1; seed <= 5; seed++) {
      Path out = tmp.resolve("coreset-" + seed);
      run("leverage", "--input", data.toString(), "--label-col", "0", "--output", out.toString(), "--sample",
          Long.toString(m), "--seed", Integer.toString(seed), "--quiet");
      Map<Long, double[]> coreset = coresetCsv(out);
      Map<String, Object> sample = section(section(summary(out), "result"), "sample");
      double expectedSize = number(sample, "expectedSize");
      assertEquals(m, expectedSize, 1e-6 * m, "no probability is capped here: Σ qᵢ = m");
      assertEquals(coreset.size(), number(sample, "actualSize"));
      assertTrue(Math.abs(coreset.size() - expectedSize) <= 5 * Math.sqrt(expectedSize),
          "seed " + seed + ": " + coreset.size() + " rows kept, " + expectedSize + " expected");
      // weighted least squares on the coreset: columns weight, label, x…; each row scaled by √weight
      Matrix x = Matrix.zeros(coreset.size(), d);
      double[] y = new double[coreset.size()];
      int i = 0;
      for (double[] v : coreset.values()) {
        double s = Math.sqrt(v[0]);
        y[i] = s * v[1];
        for (int j = 0; j < d; j++) {
          x.set(i, j, s * v[2 + j]);
        }
        i++;
      }
      QrDecomposition qr = QrDecomposition.of(x);
      double[] xt = Triangular.solveUpper(qr.r(), qr.q().transposeTimes(y));
      double res = 0;
      for (double[] row : rows) {
        double r = -row[0];
        for (int j = 0; j < d; j++) {
          r += row[1 + j] * xt[j];
        }
        res += r * r;
      }
      double ratio = Math.sqrt(res) / rho;
      report.append(String.format(" seed %d: %.5f;", seed, ratio));
      assertTrue(ratio >= 1 - 1e-9, "the full residual cannot beat the optimum: seed " + seed + " ratio " + ratio);
      if (ratio > 1 + eps) {
        failures++;
      }
    }
    assertTrue(failures <= 1, "residual ratios above 1 + ε = " + (1 + eps) + ":" + report);
  }

  /** Keep decisions depend on (seed, row id, score) only: same rows on re-runs and under other partitionings. */
  @Test
  void sampleIsIdenticalAcrossRerunsAndPartitionings() throws Exception {
    Path data = tmp.resolve("lev");
    run("generate", "--kind", "leverage", "--rows", "3000", "--cols", "8", "--output", data.toString(), "--seed", "8",
        "--partitions", "3", "--quiet");
    Path[] outs = {tmp.resolve("s1"), tmp.resolve("s2"), tmp.resolve("s3"), tmp.resolve("s4")};
    String[][] extra = {{"--min-partitions", "6"}, {"--min-partitions", "6"}, {"--min-partitions", "1"},
        {"--min-partitions", "6", "--method", "approx"}};
    for (int k = 0; k < outs.length; k++) {
      List<String> args = new ArrayList<>(List.of("leverage", "--input", data.toString(), "--output", outs[k].toString(),
          "--sample", "300", "--seed", "17", "--quiet"));
      args.addAll(List.of(extra[k]));
      run(args.toArray(new String[0]));
    }
    Map<Long, double[]> a = coresetCsv(outs[0]);
    Map<Long, double[]> b = coresetCsv(outs[1]);
    Map<Long, double[]> c = coresetCsv(outs[2]);
    // the identity rows have leverage up to 0.99, so their q = min(1, 300·τ/8) is capped: Σ q < 300
    double expected = number(section(section(summary(outs[0]), "result"), "sample"), "expectedSize");
    assertTrue(expected < 300 && Math.abs(a.size() - expected) <= 5 * Math.sqrt(expected),
        "sample size " + a.size() + ", expected " + expected);
    assertEquals(a.keySet(), b.keySet());
    for (long id : a.keySet()) {
      assertArrayEquals(a.get(id), b.get(id), 0.0, "re-run, row " + id);
    }
    assertEquals(a.keySet(), c.keySet(), "6 vs 1 partitions");
    for (long id : a.keySet()) {
      assertArrayEquals(a.get(id), c.get(id), 1e-12 * Math.abs(a.get(id)[0]), "6 vs 1 partitions, row " + id);
    }
    // approximate scores give other probabilities, hence another (equally valid) sample of about the same size
    double approxExpected = number(section(section(summary(outs[3]), "result"), "sample"), "expectedSize");
    assertTrue(Math.abs(coresetCsv(outs[3]).size() - approxExpected) <= 5 * Math.sqrt(approxExpected));
  }

  /**
   * LIBSVM and Parquet coresets (ℓ1 Lewis weights, p = 1, and leverage, p = 2): the kept rows exactly as
   * read, with their ids and weights 1/q, and readable back by randnla.
   */
  @Test
  void coresetsKeepTheInputFormatTheRowsAndTheirWeights() throws Exception {
    Path libsvm = tmp.resolve("dup-libsvm");
    run("generate", "--kind", "duplicated", "--rows", "400", "--cols", "6", "--format", "libsvm", "--output",
        libsvm.toString(), "--seed", "2", "--quiet");
    Map<Long, double[]> original = new TreeMap<>();
    Path plain = tmp.resolve("dup-scores");
    run("leverage", "--input", libsvm.toString(), "--output", plain.toString(), "--method", "lewis", "--p", "1",
        "--tol", "1e-9", "--sample", "60", "--seed", "5", "--quiet", "--row-output-format", "csv");
    // the coreset lines: "label i:v … # id=ID weight=W"
    List<String> lines = new ArrayList<>();
    for (Path f : LeverageTestData.files(plain.resolve("coreset"), ".libsvm")) {
      lines.addAll(Files.readAllLines(f));
    }
    Map<String, Object> sample = section(section(summary(plain), "result"), "sample");
    assertEquals(lines.size(), number(sample, "actualSize"));
    assertEquals(1.0, number(sample, "exponent"));
    // rows of the input, by id (the generated LIBSVM rows, in file order)
    long id = 0;
    for (Path f : LeverageTestData.files(libsvm, ".libsvm")) {
      for (String line : Files.readAllLines(f)) {
        original.put(id++, libsvmValues(line, 6));
      }
    }
    Map<Long, double[]> scores = LeverageTestData.rowOutput(plain.resolve("scores"));
    for (String line : lines) {
      int hash = line.indexOf('#');
      String[] meta = line.substring(hash + 1).trim().split("\\s+");
      long rowId = Long.parseLong(meta[0].substring("id=".length()));
      double weight = Double.parseDouble(meta[1].substring("weight=".length()));
      double q = scores.get(rowId)[2];
      assertEquals(1 / q, weight, 1e-12 * weight, "weight = 1/q, row " + rowId);
      assertArrayEquals(original.get(rowId), libsvmValues(line.substring(0, hash), 6), 0.0, "row " + rowId + " as read");
    }
    // the coreset reads back as a LIBSVM matrix
    Path scan = tmp.resolve("scan");
    run("scan", "--input", plain.resolve("coreset").toString(), "--cols", "6", "--output", scan.toString(), "--quiet");
    assertEquals(lines.size(), number(section(summary(scan), "result"), "rows"));

    Path parquet = tmp.resolve("lev-parquet");
    run("generate", "--kind", "leverage", "--rows", "500", "--cols", "5", "--format", "parquet", "--output",
        parquet.toString(), "--seed", "2", "--quiet");
    Path pq = tmp.resolve("pq");
    run("leverage", "--input", parquet.toString(), "--output", pq.toString(), "--sample", "50", "--seed", "1", "--quiet");
    List<Row> kept = JobTestSupport.spark().read().parquet(pq.resolve("coreset").toString()).collectAsList();
    assertEquals((long) number(section(section(summary(pq), "result"), "sample"), "actualSize"), kept.size());
    Map<Long, double[]> rowsById = new TreeMap<>();
    for (MatrixRow r : MatrixSource.open(JobTestSupport.spark(), InputOptions.of(parquet.toString())).rows().collect()) {
      rowsById.put(r.id(), r.toDense(5));
    }
    assertEquals(500, rowsById.size());
    for (Row r : kept) {
      long rowId = r.getLong(r.fieldIndex("id"));
      double weight = r.getDouble(r.fieldIndex("weight"));
      assertTrue(weight >= 1, "weight = 1/q ≥ 1: " + weight);
      assertArrayEquals(rowsById.get(rowId), ((Vector) r.getAs("features")).toArray(), 0.0, "row " + rowId + " as read");
    }
  }

  static double[] libsvmValues(String line, int d) {
    double[] v = new double[d];
    String[] t = line.trim().split("\\s+");
    for (int k = 1; k < t.length; k++) {
      int colon = t[k].indexOf(':');
      v[Integer.parseInt(t[k].substring(0, colon)) - 1] = Double.parseDouble(t[k].substring(colon + 1));
    }
    return v;
  }

  /**
   * --sample-rule mixed (Lewis): uᵢ = sᵢ + τᵢ. On the duplicated matrix sᵢ = τᵢ = 1/mⱼ (p ≤ 2), so
   * qᵢ = m·2wᵢ/(2d) = m·wᵢ/d.
   */
  @Test
  void mixedRuleAddsLeverageToTheSensitivities() throws Exception {
    Path data = tmp.resolve("dup");
    run("generate", "--kind", "duplicated", "--rows", "200", "--cols", "4", "--output", data.toString(), "--seed", "6",
        "--quiet");
    Path out = tmp.resolve("mixed");
    run("leverage", "--input", data.toString(), "--output", out.toString(), "--method", "lewis", "--p", "1.5",
        "--tol", "1e-9", "--sample", "20", "--sample-rule", "mixed", "--seed", "3", "--quiet", "--row-output-format", "csv");
    for (double[] v : LeverageTestData.rowOutput(out.resolve("scores")).values()) {
      assertEquals(Math.min(1, 20 * v[0] / 4), v[2], 1e-8 * v[2]);
    }
    Map<String, Object> sample = section(section(summary(out), "result"), "sample");
    assertEquals(8.0, number(sample, "scoreTotal"), 1e-12);
    assertEquals("mixed", sample.get("rule"));
  }
}
