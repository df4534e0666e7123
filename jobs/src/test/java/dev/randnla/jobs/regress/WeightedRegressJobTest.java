package dev.randnla.jobs.regress;

import static dev.randnla.jobs.JobTestSupport.cli;
import static dev.randnla.jobs.JobTestSupport.number;
import static dev.randnla.jobs.JobTestSupport.section;
import static dev.randnla.jobs.JobTestSupport.summary;
import static dev.randnla.linalg.Vectors.relativeDistance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.io.MatrixRow;
import dev.randnla.jobs.JobTestSupport;
import dev.randnla.jobs.JobTestSupport.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code regress --weight-col} end to end: weighted least squares from a CSV weight column against the
 * exact weighted solution of the rows as written, bad weights (exit 3 naming file, line and field), and
 * the coreset round trip — {@code leverage --sample} writes CSV, LIBSVM and Parquet coresets that
 * {@code regress --weight-col} reads as written and solves exactly as a direct weighted solve of the
 * coreset's rows.
 */
class WeightedRegressJobTest {
  static final int D = 4;
  @TempDir Path tmp;

  /** Writes label, weight, x… per row with Double.toString (exact round trip). */
  Path weightedCsv(String name, List<MatrixRow> rows, String... extraLines) throws IOException {
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir);
    List<String> lines = new ArrayList<>();
    for (MatrixRow r : rows) {
      StringBuilder sb = new StringBuilder().append(r.label()).append(',').append(r.weight());
      for (double v : r.values()) {
        sb.append(',').append(v);
      }
      lines.add(sb.toString());
    }
    lines.addAll(List.of(extraLines));
    Files.write(dir.resolve("part-00000.csv"), lines);
    return dir;
  }

  static double[] coefficients(Path out) throws IOException {
    return RegressJobTest.vector(out.resolve("coefficients.csv"));
  }

  /**
   * Every solver on a weighted CSV (weights in [0, 4), some 0): precondition and ihs within their
   * tolerance-derived 1e-10 of the exact weighted solution, exact within p·u·(κ + κ²·tanθ) of it (κ, θ of
   * the weighted problem), sketch and sample with a weighted residual within 1.2 of the optimum; the
   * residual reported is the weighted one and summary.json records the weight column.
   */
  @Test
  void everySolverFitsTheWeightedProblem() throws Exception {
    RegressionProblem prob = RegressionProblem.of(1024, D, 1e3, 0.5, 31);
    List<MatrixRow> rows = WeightedSolversTest.weighted(prob.rows, 5);
    double[] ref = RegressionProblem.reference(rows, D, false, 0);
    double optimum = RegressSolversTest.residual(new LocalPasses(rows, 1), new Design(D, false, 0), ref);
    Path data = weightedCsv("weighted", rows);
    double kappa = WeightedSolversTest.weightedCondition(rows, D);
    for (String solver : new String[] {"precondition", "ihs", "exact", "sketch", "sample"}) {
      Path out = tmp.resolve("out-" + solver);
      Cli r = RegressJobTest.regress(data, out, "--label-col", "0", "--weight-col", "1", "--solver", solver);
      assertEquals(0, r.code(), r.err());
      double[] x = coefficients(out);
      Map<String, Object> s = summary(out);
      assertEquals("1", section(s, "params").get("weightCol"));
      Map<String, Object> result = section(s, "result");
      double residual = number(result, "residualNorm");
      assertEquals(WeightedSolversTest.positiveWeights(rows), (long) number(result, "rows"), solver);
      switch (solver) {
        case "precondition", "ihs" -> {
          assertTrue(relativeDistance(x, ref) <= RegressSolversTest.ITERATIVE_ACCURACY, solver + ": " + relativeDistance(x, ref));
          assertEquals(optimum, residual, 1e-10 * optimum, solver + ": weighted residual");
        }
        case "exact" -> {
          double tanTheta = optimum / Math.sqrt(Math.max(0, WeightedSolversTest.weightedLabelSquares(rows) - optimum * optimum));
          double bound = D * 0x1p-53 * (kappa + kappa * kappa * tanTheta);
          assertTrue(relativeDistance(x, ref) <= bound, "exact: " + relativeDistance(x, ref) + " > " + bound);
          assertEquals(optimum, residual, 1e-10 * optimum, "exact: weighted residual");
        }
        default -> assertTrue(residual >= optimum * (1 - 1e-12) && residual <= 1.2 * optimum,
            solver + ": residual ratio " + residual / optimum);
      }
    }
  }

  /** A zero weight leaves its row out: a wild row of weight 0 changes nothing but rounding. */
  @Test
  void zeroWeightLeavesTheRowOut() throws Exception {
    RegressionProblem prob = RegressionProblem.of(256, D, 10, 0.5, 32);
    List<MatrixRow> rows = WeightedSolversTest.weighted(prob.rows, 6);
    Path plain = weightedCsv("plain", rows);
    Path wild = weightedCsv("wild", rows, "1e300,0,1e200,-1e200,3,4");
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    assertEquals(0, RegressJobTest.regress(plain, a, "--label-col", "0", "--weight-col", "1", "--solver", "exact").code());
    Cli r = RegressJobTest.regress(wild, b, "--label-col", "0", "--weight-col", "1", "--solver", "exact");
    assertEquals(0, r.code(), r.err());
    // the same problem; the extra line may move Spark's split points, so the TSQR tree differs by rounding,
    // far inside exact's forward error u·(κ + κ²·tanθ) ≈ 1e-14 at κ = 10
    assertTrue(relativeDistance(coefficients(a), coefficients(b)) <= 1e-12,
        "zero-weight row changed x by " + relativeDistance(coefficients(a), coefficients(b)));
  }

  /** Negative, NaN and infinite weights are bad rows: exit 3 naming the file, the line and the field. */
  @Test
  void badWeightsAreBadRows() throws Exception {
    RegressionProblem prob = RegressionProblem.of(64, D, 10, 0.5, 33);
    List<MatrixRow> rows = prob.rows.subList(0, 4);
    for (String w : new String[] {"-0.5", "NaN", "Infinity", "-Infinity", "abc"}) {
      Path data = weightedCsv("bad" + Math.abs(w.hashCode()), rows, "1.5," + w + ",1,2,3,4");
      Cli r = RegressJobTest.regress(data, tmp.resolve("out" + Math.abs(w.hashCode())), "--label-col", "0",
          "--weight-col", "1");
      assertEquals(3, r.code(), w + ": " + r.err());
      assertTrue(r.err().contains("part-00000.csv") && r.err().contains("line 5") && r.err().contains("weight")
          && r.err().contains("field"), w + ": " + r.err());
    }
    // skipped like any bad row with --bad-rows skip
    Path data = weightedCsv("skip", rows, "1.5,-1,1,2,3,4");
    Path out = tmp.resolve("skipped");
    Cli r = RegressJobTest.regress(data, out, "--label-col", "0", "--weight-col", "1", "--bad-rows", "skip");
    assertEquals(0, r.code(), r.err());
    assertEquals(4, (long) number(section(summary(out), "result"), "rows"));
    // LIBSVM: the weight is '# weight=W'; a line without it is a bad row, another --weight-col a usage error
    Path libsvm = tmp.resolve("libsvm");
    Files.createDirectories(libsvm);
    Files.write(libsvm.resolve("part-00000.libsvm"), List.of("1 1:1 2:3 # weight=2", "2 1:2 2:1 # id=4", "3 1:1 2:1 # weight=1"));
    Cli missing = RegressJobTest.regress(libsvm, tmp.resolve("lib-out"), "--weight-col", "weight");
    assertEquals(3, missing.code(), missing.err());
    assertTrue(missing.err().contains("part-00000.libsvm") && missing.err().contains("line 2")
        && missing.err().contains("weight"), missing.err());
    Cli other = RegressJobTest.regress(libsvm, tmp.resolve("lib-out2"), "--weight-col", "1");
    assertEquals(2, other.code(), other.err());
    assertTrue(other.err().contains("--weight-col weight"), other.err());
    // Parquet: a negative weight names the file and the row
    Path pq = tmp.resolve("pq");
    List<Row> prow = List.of(org.apache.spark.sql.RowFactory.create(1.0, 2.0, 1.0, 2.0),
        org.apache.spark.sql.RowFactory.create(2.0, -3.0, 1.0, 0.5));
    org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
        .add("label", "double").add("w", "double").add("x0", "double").add("x1", "double");
    JobTestSupport.spark().createDataFrame(prow, schema).coalesce(1).write().parquet(pq.toString());
    Cli neg = RegressJobTest.regress(pq, tmp.resolve("pq-out"), "--label-col", "label", "--weight-col", "w");
    assertEquals(3, neg.code(), neg.err());
    assertTrue(neg.err().contains(".parquet") && neg.err().contains("row 2") && neg.err().contains("negative weight"), neg.err());
  }

  /**
   * The coreset round trip in every format leverage writes: generate, leverage --sample, then regress
   * --weight-col on the coreset as written (CSV: --id-col 0 --weight-col 1 --label-col 2; LIBSVM:
   * --weight-col weight; Parquet: --id-col id --weight-col weight --label-col label) gives the exact
   * weighted solution of the coreset's rows (read here by hand, weights applied) to the solver's 1e-10.
   */
  @Test
  void coresetRoundTripInEveryFormat() throws Exception {
    for (String format : new String[] {"csv", "libsvm", "parquet"}) {
      Path data = tmp.resolve("data-" + format);
      Cli g = cli("generate", "--kind", "regression", "--rows", "3000", "--cols", "" + D, "--kappa", "100",
          "--residual", "1", "--format", format, "--output", data.toString(), "--seed", "9", "--quiet");
      assertEquals(0, g.code(), g.err());
      Path lev = tmp.resolve("lev-" + format);
      List<String> args = new ArrayList<>(List.of("leverage", "--input", data.toString(), "--output", lev.toString(),
          "--sample", "300", "--seed", "3", "--quiet"));
      if (!format.equals("libsvm")) {
        args.addAll(List.of("--label-col", format.equals("csv") ? "0" : "label"));
      }
      Cli l = cli(args.toArray(new String[0]));
      assertEquals(0, l.code(), l.err());
      Path coreset = lev.resolve("coreset");
      List<MatrixRow> rows = switch (format) {
        case "csv" -> csvCoreset(coreset);
        case "libsvm" -> libsvmCoreset(coreset);
        default -> parquetCoreset(coreset);
      };
      assertEquals((long) number(section(section(summary(lev), "result"), "sample"), "actualSize"), rows.size(), format);
      String[] weightArgs = switch (format) {
        case "csv" -> new String[] {"--id-col", "0", "--weight-col", "1", "--label-col", "2"};
        case "libsvm" -> new String[] {"--weight-col", "weight"};
        default -> new String[] {"--id-col", "id", "--weight-col", "weight", "--label-col", "label"};
      };
      Path out = tmp.resolve("fit-" + format);
      Cli r = RegressJobTest.regress(coreset, out, weightArgs);
      assertEquals(0, r.code(), format + ": " + r.err());
      double[] ref = RegressionProblem.reference(rows, D, false, 0);
      double[] x = coefficients(out);
      assertTrue(relativeDistance(x, ref) <= RegressSolversTest.ITERATIVE_ACCURACY,
          format + ": regress on the coreset vs its direct weighted solve " + relativeDistance(x, ref));
    }
  }

  static List<Path> parts(Path dir, String ext) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("part-") && p.toString().endsWith(ext)).sorted().toList();
    }
  }

  /** id, weight, label, x… per line. */
  static List<MatrixRow> csvCoreset(Path dir) throws IOException {
    List<MatrixRow> rows = new ArrayList<>();
    for (Path f : parts(dir, ".csv")) {
      for (String line : Files.readAllLines(f)) {
        String[] t = line.split(",");
        double[] v = new double[t.length - 3];
        for (int j = 3; j < t.length; j++) {
          v[j - 3] = Double.parseDouble(t[j]);
        }
        long id = Long.parseLong(t[0]);
        rows.add(MatrixRow.dense(id, id, Double.parseDouble(t[2]), null, v).withWeight(Double.parseDouble(t[1])));
      }
    }
    return rows;
  }

  /** label i:v … # id=ID weight=W per line. */
  static List<MatrixRow> libsvmCoreset(Path dir) throws IOException {
    List<MatrixRow> rows = new ArrayList<>();
    for (Path f : parts(dir, ".libsvm")) {
      for (String line : Files.readAllLines(f)) {
        int hash = line.indexOf('#');
        double weight = Double.NaN;
        for (String kv : line.substring(hash + 1).trim().split("\\s+")) {
          if (kv.startsWith("weight=")) {
            weight = Double.parseDouble(kv.substring("weight=".length()));
          }
        }
        String[] t = line.substring(0, hash).trim().split("\\s+");
        double[] v = new double[D];
        for (int k = 1; k < t.length; k++) {
          int colon = t[k].indexOf(':');
          v[Integer.parseInt(t[k].substring(0, colon)) - 1] = Double.parseDouble(t[k].substring(colon + 1));
        }
        rows.add(MatrixRow.dense(rows.size(), rows.size(), Double.parseDouble(t[0]), null, v).withWeight(weight));
      }
    }
    return rows;
  }

  static List<MatrixRow> parquetCoreset(Path dir) {
    List<MatrixRow> rows = new ArrayList<>();
    for (Row r : JobTestSupport.spark().read().parquet(dir.toString()).collectAsList()) {
      long id = r.getLong(r.fieldIndex("id"));
      double[] v = ((Vector) r.getAs("features")).toArray();
      rows.add(MatrixRow.dense(id, id, r.getDouble(r.fieldIndex("label")), null, v)
          .withWeight(r.getDouble(r.fieldIndex("weight"))));
    }
    return rows;
  }
}
