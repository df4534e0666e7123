package dev.randnla.jobs.leverage;

import static dev.randnla.jobs.JobTestSupport.cli;
import static dev.randnla.jobs.JobTestSupport.number;
import static dev.randnla.jobs.JobTestSupport.section;
import static dev.randnla.jobs.JobTestSupport.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.jobs.JobTestSupport.Cli;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.QrDecomposition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small and degenerate inputs, bad input, resource limits and usage errors. */
class LeverageEdgeCaseTest {
  @TempDir Path tmp;

  Path file(String name, String content) throws Exception {
    Path f = tmp.resolve(name);
    Files.writeString(f, content);
    return f;
  }

  Map<Long, double[]> scores(Path input, String name, String... args) throws Exception {
    Path out = tmp.resolve(name);
    List<String> all = new ArrayList<>(List.of("leverage", "--input", input.toString(), "--output", out.toString(),
        "--row-output-format", "csv", "--quiet"));
    all.addAll(List.of(args));
    Cli c = cli(all.toArray(new String[0]));
    assertEquals(0, c.code(), c.err());
    return LeverageTestData.rowOutput(out.resolve("scores"));
  }

  /** One row: leverage 1, Lewis weight 1, ridge ‖a‖²/(‖a‖² + λ); approx within its bias factor (m−2)/m. */
  @Test
  void oneRow() throws Exception {
    Path f = file("one.csv", "3,4,0\n");
    assertEquals(1.0, scores(f, "exact").get(0L)[0], 1e-15);
    assertEquals(1.0, scores(f, "lewis", "--method", "lewis", "--p", "1").get(0L)[0], 1e-12);
    assertEquals(0.5, scores(f, "ridge", "--method", "ridge", "--lambda", "25").get(0L)[0], 1e-15);
    assertEquals(254.0 / 256, scores(f, "approx", "--method", "approx", "--seed", "1").get(0L)[0], 1e-14);
  }

  /** More partitions than rows (empty partitions) gives the dense reference ‖Q(i, :)‖². */
  @Test
  void morePartitionsThanRows() throws Exception {
    double[][] rows = {{1, 2}, {3, -1}, {0.5, 4}};
    Path f = file("three.csv", "1,2\n3,-1\n0.5,4\n");
    Map<Long, double[]> s = scores(f, "many", "--min-partitions", "8");
    Matrix q = QrDecomposition.of(Matrix.fromRows(rows)).q();
    for (int i = 0; i < 3; i++) {
      double ref = q.get(i, 0) * q.get(i, 0) + q.get(i, 1) * q.get(i, 1);
      assertEquals(ref, s.get((long) i)[0], 1e-14, "row " + i);
    }
    assertEquals(2, number(summary(tmp.resolve("many")), "passes"));
  }

  /** d &gt; n: rank n, every row has leverage 1, and the rank deficiency is reported. */
  @Test
  void wideMatrix() throws Exception {
    Path f = file("wide.csv", "1,2,3,4,5\n0,1,0,2,0\n7,0,0,0,1\n");
    Map<Long, double[]> s = scores(f, "wide");
    for (double[] v : s.values()) {
      assertEquals(1.0, v[0], 1e-13);
    }
    Map<String, Object> sum = summary(tmp.resolve("wide"));
    assertEquals(3, number(section(sum, "result"), "numericalRank"));
    assertTrue(sum.get("warnings").toString().contains("rank deficient"));
  }

  /** A zero row scores 0 (no NaN, also for Lewis weights with p &lt; 2) and is never sampled. */
  @Test
  void zeroRow() throws Exception {
    Path f = file("zero.csv", "1,0\n0,0\n0,2\n1,1\n");
    assertEquals(0.0, scores(f, "z-exact").get(1L)[0]);
    Map<Long, double[]> lewis = scores(f, "z-lewis", "--method", "lewis", "--p", "1", "--sample", "3", "--seed", "1");
    assertEquals(0.0, lewis.get(1L)[0]);
    assertEquals(0.0, lewis.get(1L)[2], "probability of the zero row");
    for (double[] v : lewis.values()) {
      assertTrue(Double.isFinite(v[0]));
    }
    assertEquals(1, number(section(summary(tmp.resolve("z-lewis")), "result"), "zeroScores"));
    // the weights are within e^{±tol} of the fixed point (tol = 1e-6 by default), which sums to the rank 2
    assertEquals(2.0, number(section(summary(tmp.resolve("z-lewis")), "result"), "sum"), 2 * Math.expm1(1e-6));
  }

  /** Every row malformed and skipped: the job finishes with no rows and says so. */
  @Test
  void noValidRows() throws Exception {
    Path f = file("bad.csv", "1,2\nx,3\n4,y\n");
    Path out = tmp.resolve("none");
    Cli c = cli("leverage", "--input", f.toString(), "--output", out.toString(), "--bad-rows", "skip", "--quiet",
        "--min-partitions", "1");
    assertEquals(0, c.code(), c.err());
    Map<String, Object> s = summary(out);
    assertEquals(1, number(section(s, "result"), "rows"));
    assertEquals(2, number(section(s, "input"), "badRows"));
    Path empty = file("empty.csv", "a,b\nc,d\n");
    Path out2 = tmp.resolve("none2");
    assertEquals(0, cli("leverage", "--input", empty.toString(), "--output", out2.toString(), "--bad-rows", "skip",
        "--quiet").code());
    Map<String, Object> s2 = summary(out2);
    assertEquals(0, number(section(s2, "result"), "rows"));
    assertTrue(s2.get("warnings").toString().contains("no valid rows"), s2.get("warnings").toString());
  }

  @Test
  void badInputExitsWithCodeThreeNamingFileAndLine() throws Exception {
    Path f = file("broken.csv", "1,2\n3,x\n");
    Cli c = cli("leverage", "--input", f.toString(), "--output", tmp.resolve("b").toString(), "--quiet");
    assertEquals(3, c.code(), c.err());
    assertTrue(c.err().contains("broken.csv") && c.err().contains("line 2"), c.err());
    assertTrue(Files.notExists(tmp.resolve("b")), "no partial output");
    Cli header = cli("leverage", "--input", file("header.csv", "a,b\n").toString(), "--header", "--output",
        tmp.resolve("h").toString(), "--quiet");
    assertEquals(3, header.code(), header.err());
  }

  /** d = 200 000: the d×d R does not fit (exact), nor a 10·d×d sketch (approx): exit code 4 with advice. */
  @Test
  void tooManyColumnsIsRefusedWithCodeFour() throws Exception {
    Path f = file("huge.libsvm", "1 1:1 150000:2\n0 7:1\n");
    Cli exact = cli("leverage", "--input", f.toString(), "--cols", "200000", "--output", tmp.resolve("e").toString(),
        "--quiet");
    assertEquals(4, exact.code(), exact.err());
    assertTrue(exact.err().contains("--method approx"), exact.err());
    Cli approx = cli("leverage", "--input", f.toString(), "--cols", "200000", "--method", "approx", "--seed", "1",
        "--output", tmp.resolve("a").toString(), "--quiet");
    assertEquals(4, approx.code(), approx.err());
    assertTrue(approx.err().contains("--sketch-rows"), approx.err());
  }

  @Test
  void usageErrorsExitWithCodeTwo() throws Exception {
    Path f = file("u.csv", "1,2\n3,4\n");
    String[][] bad = {
        {"--method", "lewis"},
        {"--method", "lewis", "--p", "0.5"},
        {"--method", "ridge"},
        {"--method", "ridge", "--lambda", "-1"},
        {"--lambda", "1"},
        {"--p", "2"},
        {"--sketch-rows", "100"},
        {"--method", "approx", "--k", "0"},
        {"--sample", "0"},
        {"--sample", "5", "--sample-rule", "mixed"},
        {"--sample-rule", "score"},
        {"--method", "lewis", "--p", "3", "--damping", "1.5"},
        {"--method", "nope"},
        {"--rank-tol", "2"},
        {"--tol", "1e-3"},
    };
    for (String[] args : bad) {
      List<String> all = new ArrayList<>(List.of("leverage", "--input", f.toString(), "--output",
          tmp.resolve("u").toString(), "--quiet", "--seed", "1"));
      all.addAll(List.of(args));
      Cli c = cli(all.toArray(new String[0]));
      assertEquals(2, c.code(), String.join(" ", args) + ": " + c.err());
    }
  }
}
