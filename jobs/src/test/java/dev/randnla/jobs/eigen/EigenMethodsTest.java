package dev.randnla.jobs.eigen;

import static dev.randnla.jobs.JobTestSupport.cli;
import static dev.randnla.jobs.JobTestSupport.section;
import static dev.randnla.jobs.JobTestSupport.summary;
import static dev.randnla.jobs.eigen.EigenTestData.correlation;
import static dev.randnla.jobs.eigen.EigenTestData.eigen;
import static dev.randnla.jobs.eigen.EigenTestData.truthValue;
import static dev.randnla.jobs.eigen.EigenTestData.truthVector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.io.InputOptions;
import dev.randnla.jobs.JobTestSupport.Cli;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.SymmetricEigen;
import dev.randnla.linalg.Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** exact, lanczos, oja and auto; outputs, determinism across partitionings, edge cases, usage errors. */
class EigenMethodsTest {
  @TempDir static Path tmp;
  static Path spiked;

  @BeforeAll
  static void data() {
    spiked = EigenTestData.spiked(tmp.resolve("spiked"), 31);
  }

  private static EigenResult withPartitions(Path in, EigenMethod m, int partitions,
      java.util.function.UnaryOperator<EigenConfig> t) {
    return withPartitions(in, m, 5, partitions, t);
  }

  private static EigenResult withPartitions(Path in, EigenMethod m, long seed, int partitions,
      java.util.function.UnaryOperator<EigenConfig> t) {
    return eigen(in, m, seed, c -> t.apply(c.withInput(c.input().withMinPartitions(partitions))));
  }

  /** exact and lanczos: 1 − corr ≤ 1e-8 and the eigenvalue to 1e-10; exact one pass, lanczos one per iteration. */
  @Test
  void exactAndLanczosAreReferences() throws Exception {
    double[] v1 = truthVector(spiked);
    double lambda = truthValue(spiked);
    EigenResult exact = eigen(spiked, EigenMethod.EXACT, 1);
    assertTrue(1 - correlation(exact, v1) <= 1e-8, "exact: " + (1 - correlation(exact, v1)));
    assertEquals(lambda, exact.topEigenvalue(), 1e-10 * lambda);
    assertEquals(1.0, exact.passes());
    EigenResult lanczos = eigen(spiked, EigenMethod.LANCZOS, 1);
    assertTrue(1 - correlation(lanczos, v1) <= 1e-8, "lanczos: " + (1 - correlation(lanczos, v1)));
    assertEquals(lambda, lanczos.topEigenvalue(), 1e-10 * lambda);
    assertEquals(((Number) lanczos.result().get("iterations")).doubleValue(), lanczos.passes());
    assertEquals(Boolean.TRUE, lanczos.result().get("converged"));
  }

  /** Oja with η = 2 ln d / λ̂₁ from the pilot: correlation ≥ 0.97; the pilot costs a fraction of a pass. */
  @Test
  void ojaFindsTheSpike() throws Exception {
    double[] v1 = truthVector(spiked);
    for (long seed = 1; seed <= 2; seed++) {
      EigenResult r = withPartitions(spiked, EigenMethod.OJA, seed, 30, c -> c);
      double corr = correlation(r, v1);
      assertTrue(corr >= 0.97, "seed " + seed + ": " + corr);
      assertTrue(r.passes() > 1.0 && r.passes() <= 1.2, "passes " + r.passes());
      assertEquals(0L, ((Number) r.result().get("unsafeRows")).longValue());
    }
  }

  /** Oja on heavy rows declares failure: exit code 1, an explanation, no stack trace, no output. */
  @Test
  void ojaDeclaresFailureOnHeavyRows() {
    // 2 heavy rows of squared norm R/h = 2; with η = 2 ln 16 / λ̂₁ ≈ 1.4, η‖a‖² ≈ 2.8 > 1
    Path heavy = EigenTestData.generate(tmp.resolve("heavy"), "--kind", "heavy-rows", "--rows", "4096", "--cols", "16",
        "--heavy", "2", "--seed", "2");
    Path out = tmp.resolve("oja-out");
    Cli c = cli("eigen", "--input", heavy.toString(), "--output", out.toString(), "--method", "oja", "--seed", "1",
        "--quiet");
    assertEquals(1, c.code(), c.err());
    assertTrue(c.err().contains("oja declares failure") && c.err().contains("η‖a‖²") && c.err().contains("--method stream"),
        c.err());
    assertFalse(c.err().contains("\tat "), "no stack trace: " + c.err());
    assertFalse(Files.exists(out));
  }

  /**
   * Partition invariance: exact and lanczos agree across 1 and 7 partitions to rounding (the sums
   * merge in different trees); oja with a given learning rate reads rows in input order and hands
   * its state on unchanged, so it is bitwise the same.
   */
  @Test
  void partitionCountsChangeOnlyWhatTheyMay() {
    for (EigenMethod m : List.of(EigenMethod.EXACT, EigenMethod.LANCZOS)) {
      EigenResult one = withPartitions(spiked, m, 1, c -> c);
      EigenResult seven = withPartitions(spiked, m, 7, c -> c);
      assertEquals(1.0, Math.abs(Vectors.dot(one.topEigenvector(), seven.topEigenvector())), 1e-12, m.cliName());
      assertEquals(one.topEigenvalue(), seven.topEigenvalue(), 1e-12 * one.topEigenvalue(), m.cliName());
    }
    EigenResult a = withPartitions(spiked, EigenMethod.OJA, 2, c -> c.withLearningRate(1.5));
    EigenResult b = withPartitions(spiked, EigenMethod.OJA, 9, c -> c.withLearningRate(1.5));
    assertArrayEquals(a.topEigenvector(), b.topEigenvector());
    assertEquals(1.0, a.passes());
  }

  /** The same matrix as dense CSV and sparse LIBSVM gives the same exact answer; stream works on both. */
  @Test
  void denseAndSparseInputsAgree() throws Exception {
    Path csv = EigenTestData.generate(tmp.resolve("sparse-csv"), "--kind", "sparse", "--rows", "20000", "--cols", "60",
        "--nnz-per-row", "6", "--seed", "4", "--format", "csv");
    Path svm = EigenTestData.generate(tmp.resolve("sparse-svm"), "--kind", "sparse", "--rows", "20000", "--cols", "60",
        "--nnz-per-row", "6", "--seed", "4", "--format", "libsvm");
    double[] v1 = truthVector(svm);
    EigenResult dense = eigen(csv, EigenMethod.EXACT, 1);
    EigenResult sparse = eigen(svm, EigenMethod.EXACT, 1, EigenMethodsTest::sixtyColumns);
    assertEquals(1.0, Math.abs(Vectors.dot(dense.topEigenvector(), sparse.topEigenvector())), 1e-12);
    assertEquals(dense.topEigenvalue(), sparse.topEigenvalue(), 1e-12 * dense.topEigenvalue());
    assertTrue(1 - correlation(sparse, v1) <= 1e-8);
    for (Path in : List.of(csv, svm)) {
      EigenResult s = eigen(in, EigenMethod.STREAM, 2, EigenMethodsTest::sixtyColumns);
      assertTrue(correlation(s, v1) >= 0.99, in + ": " + correlation(s, v1));
      assertEquals(1.0, s.passes());
    }
  }

  /** auto on the spiked CSV (d = 16): exact, with the reason recorded, one pass. */
  @Test
  void autoChoosesExactForSmallD() throws Exception {
    Path out = tmp.resolve("auto-out");
    Cli c = cli("eigen", "--input", spiked.toString(), "--output", out.toString(), "--seed", "1", "--quiet");
    assertEquals(0, c.code(), c.err());
    Map<String, Object> result = section(summary(out), "result");
    assertEquals("exact", result.get("method"));
    assertTrue(((String) result.get("methodReason")).startsWith("exact: "), (String) result.get("methodReason"));
    assertEquals(16, Files.readAllLines(out.resolve("eigenvector.csv")).size());
    assertEquals(1, Files.readAllLines(out.resolve("eigenvalues.csv")).size());
    assertEquals(1, ((Number) summary(out).get("passes")).intValue());
  }

  /** The cost model on the cases of the issue (no Spark: the decision is a function of the facts). */
  @Test
  void autoDecisions() {
    // 60 000 x 784 dense CSV: the Gram costs ~1.3x the read per row: stream
    AutoChoice.Decision mnist = AutoChoice.decide(new AutoChoice.Facts(784, 60_000, 784, 2.0 * 784 * 784, false,
        440_000_000L, 12, 2, null, false));
    assertEquals(EigenMethod.STREAM, mnist.method(), mnist.reason());
    // 5 000 x 784: fewer than 8·d rows, segments would have singular Grams: exact whatever it costs
    AutoChoice.Decision tiny = AutoChoice.decide(new AutoChoice.Facts(784, 5_000, 784, 2.0 * 784 * 784, false,
        36_000_000L, 12, 2, null, false));
    assertEquals(EigenMethod.EXACT, tiny.method(), tiny.reason());
    // d = 16: the Gram is nearly free: exact
    AutoChoice.Decision small = AutoChoice.decide(new AutoChoice.Facts(16, 1e7, 16, 512, false, 3_000_000_000L, 60, 2,
        null, false));
    assertEquals(EigenMethod.EXACT, small.method(), small.reason());
    // sparse d = 5000, 1M rows of 50 nonzeros: the eigensolver alone (~100 s) dwarfs the read: stream
    AutoChoice.Decision sparse = AutoChoice.decide(new AutoChoice.Facts(5000, 1e6, 50, 2500, false, 600_000_000L, 60, 2,
        null, false));
    assertEquals(EigenMethod.STREAM, sparse.method(), sparse.reason());
    // the Gram does not fit: stream with enough rows, lanczos without
    assertEquals(EigenMethod.STREAM, AutoChoice.decide(new AutoChoice.Facts(20000, 1e9, 50, 2500, false, 1L << 40, 60, 2,
        "the Gram needs 3 GB", false)).method());
    AutoChoice.Decision few = AutoChoice.decide(new AutoChoice.Facts(20000, 1e5, 50, 2500, false, 1L << 30, 60, 2,
        "the Gram needs 3 GB", false));
    assertTrue(few.reason().startsWith("lanczos: about 100000 rows"), few.reason());
    assertEquals(EigenMethod.LANCZOS, few.method(), few.reason());
    assertTrue(few.reason().contains("does not fit"), few.reason());
    // the same 60 000 x 784 as a cached 3-partition DataFrame: 3 power steps cannot converge: exact; lanczos
    // when the Gram does not fit; 8 partitions are enough steps, and the cost model decides as for the file
    AutoChoice.Decision frame = AutoChoice.decide(new AutoChoice.Facts(784, 60_000, 784, 2.0 * 784 * 784, false,
        440_000_000L, 3, 2, null, false, 3, "data held in memory keeps its 3 partition(s)"));
    assertEquals(EigenMethod.EXACT, frame.method(), frame.reason());
    assertTrue(frame.reason().contains("only 3 power step(s)"), frame.reason());
    assertEquals(EigenMethod.LANCZOS, AutoChoice.decide(new AutoChoice.Facts(20000, 1e9, 50, 2500, false, 1L << 40, 3,
        2, "the Gram needs 3 GB", false, 3, "the input is 3 compressed file(s)")).method());
    assertEquals(EigenMethod.STREAM, AutoChoice.decide(new AutoChoice.Facts(784, 60_000, 784, 2.0 * 784 * 784, false,
        440_000_000L, 8, 2, null, false, 8, "data held in memory keeps its 8 partition(s)")).method());
  }

  /** Output files: d lines of k values and k eigenvalues, written atomically with the summary. */
  @Test
  void writesEigenvectorsAndEigenvaluesForK() throws Exception {
    Path out = tmp.resolve("k2");
    Cli c = cli("eigen", "--input", spiked.toString(), "--output", out.toString(), "--method", "lanczos", "--k", "2",
        "--verify", "--seed", "3", "--quiet");
    assertEquals(0, c.code(), c.err());
    List<String> vec = Files.readAllLines(out.resolve("eigenvector.csv"));
    assertEquals(16, vec.size());
    assertEquals(2, vec.get(0).split(",").length);
    assertEquals(2, Files.readAllLines(out.resolve("eigenvalues.csv")).size());
    Map<String, Object> s = summary(out);
    assertEquals("lanczos", section(s, "result").get("method"));
    assertTrue(((Number) section(s, "result").get("verifiedResidual")).doubleValue() < 1e-8);
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
  }

  /** One row a: AᵀA = aaᵀ, λ = ‖a‖², v = a/‖a‖ — for exact, lanczos and stream (the row is heavy). */
  @Test
  void oneRow() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("one"));
    Files.writeString(dir.resolve("a.csv"), "1,2,2\n");
    double[] v = {1 / 3.0, 2 / 3.0, 2 / 3.0};
    for (EigenMethod m : List.of(EigenMethod.EXACT, EigenMethod.LANCZOS, EigenMethod.STREAM)) {
      EigenResult r = eigen(dir, m, 1);
      assertEquals(9.0, r.topEigenvalue(), 1e-12, m.cliName());
      assertEquals(1.0, correlation(r, v), 1e-12, m.cliName());
    }
  }

  /** No valid rows (the only row is malformed and skipped): eigenvalue 0, a warning, e₁. */
  @Test
  void zeroRows() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("zero"));
    Files.writeString(dir.resolve("a.csv"), "1,2,x\n");
    for (EigenMethod m : List.of(EigenMethod.EXACT, EigenMethod.STREAM)) {
      EigenResult r = eigen(dir, m, 1, c -> c.withInput(InputOptions.builder().from(c.input()).badRows(dev.randnla.io.BadRowPolicy.SKIP).build()));
      assertEquals(0.0, r.topEigenvalue(), 0.0, m.cliName());
      assertEquals(1.0, Vectors.norm2(r.topEigenvector()), 1e-15);
      assertTrue(r.warnings().stream().anyMatch(w -> w.contains("zero")), m.cliName() + ": " + r.warnings());
    }
  }

  /**
   * Wide (d = 12 > n = 5) and rank-deficient: exact and lanczos match a dense reference, with
   * eigenvalues 6..12 exactly zero; stream (more partitions than rows) still makes one pass.
   */
  @Test
  void wideRankDeficientAndMorePartitionsThanRows() throws Exception {
    double[][] a = new double[5][12];
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 12; j++) {
        a[i][j] = Math.sin(1 + i * 12 + j) + (j == 3 ? 2 : 0);
      }
    }
    Path dir = Files.createDirectories(tmp.resolve("wide"));
    Files.writeString(dir.resolve("a.csv"), EigenTestData.csv(a));
    Matrix am = Matrix.fromRows(a);
    SymmetricEigen ref = SymmetricEigen.of(am.transposeTimes(am));
    for (EigenMethod m : List.of(EigenMethod.EXACT, EigenMethod.LANCZOS)) {
      EigenResult r = eigen(dir, m, 1, c -> c.withK(6));
      for (int j = 0; j < 6; j++) {
        assertEquals(ref.values()[j], r.eigenvalues()[j], 1e-9 * ref.values()[0], m.cliName() + " eigenvalue " + j);
      }
      double[] lam = ref.values();
      for (int j = 0; j < 5; j++) {
        // an eigenvector is determined to about u·λ₁/gap: compare only well-separated ones
        double gap = Math.min(j == 0 ? Double.POSITIVE_INFINITY : lam[j - 1] - lam[j], lam[j] - lam[j + 1]);
        if (gap > 1e-2 * lam[0]) {
          assertEquals(1.0, Math.abs(Vectors.dot(ref.vector(j), r.eigenvectors().column(j))), 1e-9,
              m.cliName() + " vector " + j);
        }
      }
    }
    EigenResult s = withPartitions(dir, EigenMethod.STREAM, 40, c -> c);
    assertEquals(1.0, s.passes());
    assertEquals(1.0, Vectors.norm2(s.topEigenvector()), 1e-12);
    assertTrue(s.warnings().stream().anyMatch(w -> w.contains("10·d·ln d")), s.warnings().toString());
  }

  @Test
  void usageErrorsExitWithTwo() {
    String in = spiked.toString();
    String out = tmp.resolve("never").toString();
    Cli k0 = cli("eigen", "--input", in, "--output", out, "--k", "0", "--quiet");
    assertEquals(2, k0.code());
    assertTrue(k0.err().contains("--k must be positive: 0"), k0.err());
    Cli kd = cli("eigen", "--input", in, "--output", out, "--k", "17", "--method", "exact", "--quiet");
    assertEquals(2, kd.code());
    assertTrue(kd.err().contains("--k must be in [1, cols=16]: 17"), kd.err());
    Cli bad = cli("eigen", "--input", in, "--output", out, "--method", "power", "--quiet");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("--method must be one of"), bad.err());
    Cli eta = cli("eigen", "--input", in, "--output", out, "--method", "stream", "--learning-rate", "1", "--quiet");
    assertEquals(2, eta.code());
    assertTrue(eta.err().contains("--learning-rate applies to --method oja"), eta.err());
    Cli ojaK = cli("eigen", "--input", in, "--output", out, "--method", "oja", "--k", "2", "--quiet");
    assertEquals(2, ojaK.code());
    assertFalse(Files.exists(Path.of(out)));
  }

  @Test
  void helpExplainsEveryOption() {
    Cli h = cli("eigen", "--help");
    assertEquals(0, h.code());
    for (String opt : List.of("--method", "--k", "--center", "--verify", "--segments", "--max-heavy", "--learning-rate",
        "--max-unsafe-rows", "--tol", "--max-iterations", "--block")) {
      assertTrue(h.out().contains(opt), opt);
    }
  }

  /** --cols 60 (a LIBSVM input without it costs a detection pass; CSV ignores it). */
  static EigenConfig sixtyColumns(EigenConfig c) {
    InputOptions in = c.input().format() == null && c.input().uri().contains("svm") ? c.input().withCols(60) : c.input();
    return c.withInput(in);
  }
}
