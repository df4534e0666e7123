package dev.randnla.jobs.tall;

import static dev.randnla.jobs.JobTestSupport.cli;
import static dev.randnla.jobs.JobTestSupport.number;
import static dev.randnla.jobs.JobTestSupport.section;
import static dev.randnla.jobs.JobTestSupport.summary;
import static dev.randnla.jobs.JobTestSupport.truth;
import static dev.randnla.jobs.tall.TallTestData.U;
import static dev.randnla.jobs.tall.TallTestData.doubles;
import static dev.randnla.jobs.tall.TallTestData.exactGram;
import static dev.randnla.jobs.tall.TallTestData.orthogonalityError;
import static dev.randnla.jobs.tall.TallTestData.readCsv;
import static dev.randnla.jobs.tall.TallTestData.readCsvInput;
import static dev.randnla.jobs.tall.TallTestData.readRowOutput;
import static dev.randnla.jobs.tall.TallTestData.readVector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.jobs.JobTestSupport.Cli;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * gram, qr, svd and pca against exact answers: lowrank Hadamard matrices A = U·diag(s)·Vᵀ with
 * s geometric from 1 to 1/κ (σ₁ = 1), κ = 1e6 and 1e12, read back from the written files.
 */
class TallJobsTest {
  static final int N = 2048;
  static final int D = 16;
  /** docs/algorithms.md, qr: ‖RᵀR − AᵀA‖/‖A‖² ≤ 100·d·u for a backward-stable R. */
  static final double BACKWARD = 100 * D * U;
  /** ‖QᵀQ − I‖ required of Q and U. */
  static final double ORTHOGONAL = 1e-12;
  /** |σ̂ᵢ − σᵢ| ≤ 1e-12·σ₁ (σ₁ = 1 here), i.e. relative error ≤ 1e-12·σ₁/σᵢ. */
  static final double SIGMA = 1e-12;

  @TempDir static Path tmp;
  static final AtomicInteger OUTPUTS = new AtomicInteger();

  static Path k6;
  static Path k12;
  static Path k12libsvm;

  @BeforeAll
  static void generate() {
    k6 = generate("k6", "csv", 1e6);
    k12 = generate("k12", "csv", 1e12);
    k12libsvm = generate("k12svm", "libsvm", 1e12);
  }

  static Path generate(String name, String format, double kappa) {
    Path dir = tmp.resolve(name);
    Cli g = cli("generate", "--kind", "lowrank", "--rows", "" + N, "--cols", "" + D, "--rank", "" + D, "--kappa",
        "" + kappa, "--format", format, "--partitions", "3", "--output", dir.toString(), "--seed", "5", "--quiet");
    assertEquals(0, g.code(), g.err());
    return dir;
  }

  /** Runs a job that must succeed; returns its output directory. */
  static Path ok(String job, Path input, String... more) {
    Path out = tmp.resolve(job + "-" + OUTPUTS.incrementAndGet());
    List<String> args = new ArrayList<>(List.of(job, "--input", input.toString(), "--output", out.toString(), "--quiet",
        "--row-output-format", "csv"));
    args.addAll(Arrays.asList(more));
    Cli c = cli(args.toArray(new String[0]));
    assertEquals(0, c.code(), job + " " + args + ": " + c.err());
    return out;
  }

  static Cli fails(String job, Path input, String... more) {
    List<String> args = new ArrayList<>(List.of(job, "--input", input.toString(), "--output",
        tmp.resolve(job + "-" + OUTPUTS.incrementAndGet()).toString(), "--quiet"));
    args.addAll(Arrays.asList(more));
    return cli(args.toArray(new String[0]));
  }

  static Map<String, Object> result(Path out) throws Exception {
    return section(summary(out), "result");
  }

  @SuppressWarnings("unchecked")
  static List<String> warnings(Path out) throws Exception {
    return (List<String>) summary(out).get("warnings");
  }

  static Path input(double kappa) {
    return kappa == 1e6 ? k6 : k12;
  }

  /** R is backward stable, Q orthonormal and QR = A, for every method at every κ it accepts. */
  @ParameterizedTest(name = "{0} at kappa {1}")
  @CsvSource({"tsqr, 1e6", "tsqr, 1e12", "randcholqr, 1e6", "randcholqr, 1e12", "cholqr2, 1e6"})
  void qrIsBackwardStableWithOrthonormalQ(String method, double kappa) throws Exception {
    Path out = ok("qr", input(kappa), "--method", method, "--q", "--seed", "9");
    Matrix a = readCsvInput(input(kappa));
    Matrix r = readCsv(out.resolve("R.csv"));
    Matrix q = readRowOutput(out.resolve("Q"), N, D);
    double backward = r.transposeTimes(r).minus(exactGram(a)).frobeniusNorm();
    assertTrue(backward <= BACKWARD, method + ": ‖RᵀR − AᵀA‖_F/‖A‖² = " + backward);
    double orth = orthogonalityError(q);
    assertTrue(orth <= ORTHOGONAL, method + ": ‖QᵀQ − I‖_F = " + orth);
    double residual = q.times(r).minus(a).frobeniusNorm();
    assertTrue(residual <= BACKWARD, method + ": ‖QR − A‖_F/‖A‖ = " + residual);
    for (int i = 0; i < D; i++) {
      assertTrue(r.get(i, i) > 0, "diag(R) must be positive: R[" + i + "," + i + "] = " + r.get(i, i));
    }
    assertEquals(3, number(summary(out), "passes"), "R, the second factor of Q, and Q");
  }

  @Test
  void qrWithoutQIsOnePassAndBitwiseReproducible() throws Exception {
    Path one = ok("qr", k12);
    Path two = ok("qr", k12);
    assertEquals(1, number(summary(one), "passes"));
    assertEquals(Files.readString(one.resolve("R.csv")), Files.readString(two.resolve("R.csv")),
        "the same partitioning must give bitwise the same R");
    Matrix r = readCsv(one.resolve("R.csv"));
    Matrix a = readCsvInput(k12);
    double backward = r.transposeTimes(r).minus(exactGram(a)).frobeniusNorm();
    assertTrue(backward <= BACKWARD, "‖RᵀR − AᵀA‖_F/‖A‖² = " + backward);
    double kappa = number(result(one), "conditionNumberEstimate");
    assertTrue(kappa >= 1e12 / 10 && kappa <= 1e12 * 10 * D, "κ estimate " + kappa);
  }

  @Test
  void cholqr2IsRefusedAtKappa1e12() {
    Cli c = fails("qr", k12, "--method", "cholqr2");
    assertEquals(1, c.code(), "a numerical refusal is the method declaring failure (exit 1): " + c.err());
    assertTrue(c.err().contains("cholqr2 refused") && c.err().contains("--method tsqr"), c.err());
  }

  @ParameterizedTest(name = "kappa {0}")
  @ValueSource(doubles = {1e6, 1e12})
  void svdMatchesTheExactSingularValuesAndVectors(double kappa) throws Exception {
    Path in = input(kappa);
    Path out = ok("svd", in, "--k", "6", "--u");
    double[] truth = doubles(truth(in), "singularValues");
    double[] sigma = readVector(out.resolve("singular-values.csv"));
    for (int i = 0; i < D; i++) {
      assertEquals(truth[i], sigma[i], SIGMA, "σ" + i);
    }
    Matrix v = readCsv(out.resolve("V.csv"));
    Matrix vt = TallTestData.truthV(truth(in));
    assertEquals(6, v.cols());
    for (int j = 0; j < 6; j++) {
      double corr = Vectors.absCorrelation(v.column(j), vt.column(j));
      assertTrue(1 - corr <= 1e-10, "v" + j + ": 1 − |⟨v̂, v⟩| = " + (1 - corr));
    }
    Matrix u = readRowOutput(out.resolve("U"), N, 6);
    double orth = orthogonalityError(u);
    assertTrue(orth <= ORTHOGONAL, "‖UᵀU − I‖_F = " + orth);
    Matrix a = readCsvInput(in);
    Matrix av = a.times(v);
    Matrix us = u.times(Matrix.diagonal(Arrays.copyOf(sigma, 6)));
    double residual = av.minus(us).frobeniusNorm();
    assertTrue(residual <= BACKWARD, "‖AV − UΣ‖_F/σ₁ = " + residual);
    assertEquals(3, number(summary(out), "passes"));
    assertEquals(D, number(result(out), "rank"));
  }

  @Test
  void svdGramRouteLosesTheSmallSingularValuesAndSaysSo() throws Exception {
    Path out = ok("svd", k12, "--method", "gram");
    double[] truth = doubles(truth(k12), "singularValues");
    double[] sigma = readVector(out.resolve("singular-values.csv"));
    assertEquals(truth[0], sigma[0], 1e-12, "σ1 is fine");
    assertTrue(number(result(out), "rank") < D, "the Gram route cannot resolve κ = 1e12");
    assertTrue(warnings(out).stream().anyMatch(w -> w.contains("squares the condition number")), warnings(out).toString());
  }

  @Test
  void gramIsExactAndReportsItsConditionLimit() throws Exception {
    Path out = ok("gram", k6);
    Matrix g = readCsv(out.resolve("gram.csv"));
    Matrix ref = exactGram(readCsvInput(k6));
    assertTrue(g.minus(ref).frobeniusNorm() <= 10 * D * U, "‖G − AᵀA‖_F = " + g.minus(ref).frobeniusNorm());
    Map<String, Object> r = result(out);
    assertEquals(true, r.get("gramSquaresConditionNumber"));
    double kappa = number(r, "conditionNumberEstimate");
    assertTrue(kappa >= 1e6 / 10 && kappa <= 1e6 * 10 * D, "κ estimate " + kappa);
    assertTrue(warnings(out).stream().anyMatch(w -> w.contains("squares the condition number")), warnings(out).toString());
    assertEquals(1, number(summary(out), "passes"));
    Path bad = ok("gram", k12);
    assertTrue(warnings(bad).stream().anyMatch(w -> w.contains("not numerically positive definite")
        || w.contains("squares the condition number")), warnings(bad).toString());
  }

  @Test
  void gramCenteredIsTheSampleCovariance() throws Exception {
    Path shifted = shifted(k6, 1e3);
    Path out = ok("gram", shifted, "--center");
    Matrix a = readCsvInput(shifted);
    double[] mean = readVector(out.resolve("column-means.csv"));
    Matrix centered = a.copy();
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < D; j++) {
        centered.set(i, j, a.get(i, j) - mean[j]);
        assertEquals(1e3 * (j + 1), mean[j], 1e-9, "mean " + j);
      }
    }
    Matrix ref = exactGram(centered).scale(1.0 / (N - 1));
    Matrix cov = readCsv(out.resolve("covariance.csv"));
    // the mean correction cancels n‖μ‖² ≈ 2e10 down to ‖C‖ ≈ 1: an absolute error of a few u·n‖μ‖²/(n−1)
    assertTrue(cov.minus(ref).frobeniusNorm() <= 1e-4, "‖C − ref‖_F = " + cov.minus(ref).frobeniusNorm());
  }

  /** The input with μⱼ = shift·(j+1) added to column j (exact answers unchanged after centring). */
  static Path shifted(Path in, double shift) throws Exception {
    Path out = tmp.resolve(in.getFileName() + "-shift");
    if (Files.exists(out)) {
      return out;
    }
    Files.createDirectories(out);
    Matrix a = readCsvInput(in);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < a.rows(); i++) {
      for (int j = 0; j < a.cols(); j++) {
        sb.append(j == 0 ? "" : ",").append(a.get(i, j) + shift * (j + 1));
      }
      sb.append('\n');
    }
    Files.writeString(out.resolve("part-00000.csv"), sb.toString());
    return out;
  }

  @Test
  void pcaCentersStablyAndExplainsTheVariance() throws Exception {
    Path shifted = shifted(k6, 1e3);
    Path out = ok("pca", shifted, "--k", "4");
    double[] s = doubles(truth(k6), "singularValues");
    Map<String, Object> r = result(out);
    double[] variance = doubles(r, "explainedVariance");
    double[] ratio = doubles(r, "explainedVarianceRatio");
    double total = 0;
    for (double x : s) {
      total += x * x;
    }
    // the shifted entries were rounded when written: about u·1e3·16 per entry, far below s₄² = 1e-3.2
    for (int i = 0; i < 4; i++) {
      double expected = s[i] * s[i] / (N - 1);
      assertEquals(expected, variance[i], 1e-9 * expected, "explained variance " + i);
      assertEquals(s[i] * s[i] / total, ratio[i], 1e-9, "ratio " + i);
    }
    Matrix v = readCsv(out.resolve("V.csv"));
    Matrix vt = TallTestData.truthV(truth(k6));
    for (int j = 0; j < 4; j++) {
      assertTrue(1 - Vectors.absCorrelation(v.column(j), vt.column(j)) <= 1e-9, "component " + j);
    }
    assertEquals(1, number(summary(out), "passes"));
    Path gram = ok("pca", shifted, "--k", "4", "--method", "gram");
    assertTrue(number(result(gram), "meanDominance") > 1e6, "the mean dominates the spread here");
    assertTrue(warnings(gram).stream().anyMatch(w -> w.contains("mean")), warnings(gram).toString());
  }

  /** 1, 3 and 16 partitions, and more partitions than rows, agree to rounding. */
  @Test
  void partitionCountsAgree() throws Exception {
    Matrix r1 = readCsv(ok("qr", k12, "--min-partitions", "1").resolve("R.csv"));
    double[] s1 = readVector(ok("svd", k12, "--min-partitions", "1").resolve("singular-values.csv"));
    for (String p : new String[] {"3", "16"}) {
      Matrix rp = readCsv(ok("qr", k12, "--min-partitions", p).resolve("R.csv"));
      assertTrue(rp.minus(r1).frobeniusNorm() <= 1e-12 * r1.frobeniusNorm(), p + " partitions: R differs by "
          + rp.minus(r1).frobeniusNorm());
      double[] sp = readVector(ok("svd", k12, "--min-partitions", p).resolve("singular-values.csv"));
      for (int i = 0; i < D; i++) {
        assertEquals(s1[i], sp[i], 1e-12 * s1[0], p + " partitions: σ" + i);
      }
    }
  }

  @Test
  void morePartitionsThanRows() throws Exception {
    Path small = tmp.resolve("small");
    assertEquals(0, cli("generate", "--kind", "lowrank", "--rows", "40", "--cols", "6", "--rank", "6", "--kappa", "1e3",
        "--output", small.toString(), "--seed", "2", "--quiet").code());
    Path one = ok("qr", small, "--min-partitions", "1", "--q");
    Path many = ok("qr", small, "--min-partitions", "64", "--q");
    assertTrue(inputNumber(summary(many), "partitions") > 40, "the input must be split finer than its rows");
    Matrix r1 = readCsv(one.resolve("R.csv"));
    Matrix rm = readCsv(many.resolve("R.csv"));
    assertTrue(rm.minus(r1).frobeniusNorm() <= 1e-12 * r1.frobeniusNorm(), "R differs: " + rm.minus(r1).frobeniusNorm());
    Matrix q1 = readRowOutput(one.resolve("Q"), 40, 6);
    Matrix qm = readRowOutput(many.resolve("Q"), 40, 6);
    assertTrue(qm.minus(q1).frobeniusNorm() <= 1e-12, "Q differs: " + qm.minus(q1).frobeniusNorm());
    Path pcaMany = ok("pca", small, "--min-partitions", "64");
    Path pcaOne = ok("pca", small, "--min-partitions", "1");
    double[] e1 = readVector(pcaOne.resolve("explained-variance.csv"));
    double[] em = readVector(pcaMany.resolve("explained-variance.csv"));
    for (int i = 0; i < 6; i++) {
      assertEquals(e1[i], em[i], 1e-12 * e1[0], "variance " + i);
    }
  }

  /** Dense CSV and LIBSVM of the same matrix give the same answers. */
  @Test
  void csvAndLibsvmAgree() throws Exception {
    String[][] jobs = {{"qr", "R.csv"}, {"svd", "singular-values.csv"}, {"pca", "explained-variance.csv"},
        {"gram", "gram.csv"}};
    for (String[] job : jobs) {
      Path dense = ok(job[0], k12);
      Path sparse = ok(job[0], k12libsvm, "--cols", "" + D);
      Matrix a = readCsv(dense.resolve(job[1]));
      Matrix b = readCsv(sparse.resolve(job[1]));
      assertTrue(b.minus(a).frobeniusNorm() <= 1e-12 * Math.max(1, a.frobeniusNorm()),
          job[0] + ": CSV and LIBSVM differ by " + b.minus(a).frobeniusNorm());
    }
  }

  @Test
  void sparseRowsTakeTheSparseGramPathAndAgreeWithDense() throws Exception {
    Path svm = tmp.resolve("sparse-svm");
    Path csv = tmp.resolve("sparse-csv");
    for (Path p : new Path[] {svm, csv}) {
      assertEquals(0, cli("generate", "--kind", "sparse", "--rows", "3000", "--cols", "200", "--format",
          p == svm ? "libsvm" : "csv", "--output", p.toString(), "--seed", "4", "--quiet").code());
    }
    Matrix a = readCsv(ok("gram", svm, "--cols", "200").resolve("gram.csv"));
    Matrix b = readCsv(ok("gram", csv).resolve("gram.csv"));
    assertTrue(b.minus(a).frobeniusNorm() <= 1e-12 * a.frobeniusNorm(), "differ by " + b.minus(a).frobeniusNorm());
    double[] va = readVector(ok("pca", svm, "--cols", "200", "--k", "3").resolve("explained-variance.csv"));
    double[] vb = readVector(ok("pca", csv, "--k", "3").resolve("explained-variance.csv"));
    for (int i = 0; i < 3; i++) {
      assertEquals(vb[i], va[i], 1e-12 * vb[0], "variance " + i);
    }
  }

  @Test
  void aTooLargeDIsRefusedBeforeAnyPass() throws Exception {
    Path huge = tmp.resolve("huge.libsvm");
    Files.writeString(huge, "1 1:1.5 150000:2\n0 7:1\n");
    for (String job : new String[] {"gram", "qr", "svd", "pca"}) {
      Cli c = fails(job, huge, "--cols", "200000");
      assertEquals(4, c.code(), job + ": " + c.err());
      assertTrue(c.err().contains("driver") && c.err().contains("200000x200000"), c.err());
    }
  }

  @Test
  void rankDeficientWideAndTinyInputs() throws Exception {
    Path low = tmp.resolve("rank5");
    assertEquals(0, cli("generate", "--kind", "lowrank", "--rows", "512", "--cols", "10", "--rank", "5", "--kappa", "100",
        "--output", low.toString(), "--seed", "3", "--quiet").code());
    Cli q = fails("qr", low, "--q");
    assertEquals(1, q.code(), "an undetermined Q is the method declaring failure (exit 1): " + q.err());
    assertTrue(q.err().contains("rank-deficient"), q.err());
    Path svd = ok("svd", low, "--u", "--k", "8");
    assertEquals(5, number(result(svd), "rank"));
    assertEquals(5, number(result(svd), "uColumns"));
    Matrix u = readRowOutput(svd.resolve("U"), 512, 5);
    assertTrue(orthogonalityError(u) <= ORTHOGONAL, "‖UᵀU − I‖ = " + orthogonalityError(u));
    assertTrue(warnings(svd).stream().anyMatch(w -> w.contains("numerical rank")), warnings(svd).toString());

    Path wide = tmp.resolve("wide.csv");
    Files.writeString(wide, "1,2,3,4,5\n0,1,0,1,0\n2,0,0,0,1\n");
    Path ws = ok("svd", wide);
    double[] sigma = readVector(ws.resolve("singular-values.csv"));
    Matrix dense = Matrix.fromRows(new double[][] {{1, 2, 3, 4, 5}, {0, 1, 0, 1, 0}, {2, 0, 0, 0, 1}});
    double[] ref = dev.randnla.linalg.SingularValueDecomposition.of(dense).singularValues();
    for (int i = 0; i < 3; i++) {
      assertEquals(ref[i], sigma[i], 1e-13 * ref[0], "σ" + i);
    }
    assertEquals(3, number(result(ws), "rank"));
    Cli wq = fails("qr", wide, "--q");
    assertEquals(2, wq.code(), wq.err());

    Path one = tmp.resolve("one.csv");
    Files.writeString(one, "3,4\n");
    Matrix r = readCsv(ok("qr", one).resolve("R.csv"));
    assertEquals(3, r.get(0, 0), 1e-15);
    assertEquals(4, r.get(0, 1), 1e-15);
    assertEquals(0, r.get(1, 1), 0);
    Cli pca = fails("pca", one);
    assertEquals(3, pca.code(), pca.err());
    assertTrue(pca.err().contains("at least 2 rows"), pca.err());
  }

  static double inputNumber(Map<String, Object> summary, String key) {
    return number(section(summary, "input"), key);
  }
}
