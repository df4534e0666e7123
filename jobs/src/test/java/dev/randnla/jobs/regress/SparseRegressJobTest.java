package dev.randnla.jobs.regress;

import static dev.randnla.jobs.JobTestSupport.cli;
import static dev.randnla.jobs.JobTestSupport.number;
import static dev.randnla.jobs.JobTestSupport.section;
import static dev.randnla.jobs.JobTestSupport.summary;
import static dev.randnla.jobs.JobTestSupport.truth;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.io.MatrixRow;
import dev.randnla.jobs.JobTestSupport.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate --kind sparse-regression} and {@code regress --lasso/--sparsity} end to end on local Spark. */
class SparseRegressJobTest {
  static final int D = 12;
  @TempDir static Path shared;
  static Path csv;
  static Path svm;

  @BeforeAll
  static void generate() {
    csv = shared.resolve("csv");
    svm = shared.resolve("svm");
    for (Path out : List.of(csv, svm)) {
      Cli g = cli("generate", "--kind", "sparse-regression", "--rows", "1500", "--cols", "" + D, "--sparsity", "3",
          "--noise", "0.2", "--seed", "8", "--partitions", "3", "--format", out == csv ? "csv" : "libsvm", "--output",
          out.toString(), "--quiet");
      assertEquals(0, g.code(), g.err());
    }
  }

  static int[] ints(Object list) {
    return ((List<?>) list).stream().mapToInt(v -> ((Number) v).intValue()).toArray();
  }

  /** truth.json states w*, its support and σ; the labels' residual from w* has standard deviation σ. */
  @Test
  void truthDescribesTheConstruction() throws IOException {
    Map<String, Object> t = truth(csv);
    int[] support = ints(t.get("support"));
    double[] w = RegressJobTest.doubles(t.get("wStar"));
    assertEquals(3, support.length);
    assertEquals(0.2, number(t, "noise"), 0);
    for (int j = 0; j < D; j++) {
      boolean on = java.util.Arrays.binarySearch(support, j) >= 0;
      assertEquals(on, w[j] != 0, "w*[" + j + "]");
      assertTrue(!on || Math.abs(w[j]) >= 1 && Math.abs(w[j]) <= 2, "w*[" + j + "] = " + w[j]);
    }
    List<MatrixRow> rows = RegressJobTest.csvRows(csv);
    double ss = 0;
    for (MatrixRow r : rows) {
      double e = r.label() - r.dot(w);
      ss += e * e;
    }
    double sd = Math.sqrt(ss / rows.size());
    // the sample standard deviation of 1500 Gaussians is within 1/sqrt(2n) ≈ 1.8% of σ (one sd): 10% is 5.5 sd
    assertEquals(0.2, sd, 0.02);
  }

  /** --lasso: every output, the support recovered with standard errors, the same model from LIBSVM (Gram path). */
  @Test
  void lassoPathWritesEveryOutput() throws IOException {
    Path out = shared.resolve("out-csv");
    Cli r = RegressJobTest.regress(csv, out, "--label-col", "0", "--lasso");
    assertEquals(0, r.code(), r.err());
    int[] support = ints(truth(csv).get("support"));
    Map<String, Object> res = section(summary(out), "result");
    assertArrayEquals(support, ints(res.get("support")));
    assertEquals(1.0, number(summary(out), "passes"), "one pass: the fold factors and the full factor together");
    double[] x = RegressJobTest.vector(out.resolve("coefficients.csv"));
    assertEquals(D, x.length);
    List<String> path = Files.readAllLines(out.resolve("path.csv"));
    assertEquals("method,tau,lambda,step,supportSize,l1Norm,trainingError,cvError,cvStandardError,l2Squared",
        path.get(0));
    // lasso and 5 preconditioned paths of 50 points, OMP to min(d, rank) = 12 steps
    assertEquals(1 + 50 + 5 * 50 + D, path.size());
    List<String> se = Files.readAllLines(out.resolve("support.csv"));
    assertEquals(1 + support.length, se.size());
    for (String line : se.subList(1, se.size())) {
      double s = Double.parseDouble(line.split(",")[2]);
      // σ/√N·√[(XᵀX/N)⁻¹]_jj ≈ 0.2/√1500 ≈ 0.005 for an isotropic design
      assertTrue(s > 0.003 && s < 0.008, line);
    }
    assertTrue(res.containsKey("chosenMethod"));

    Path outSvm = shared.resolve("out-svm");
    Cli s = RegressJobTest.regress(svm, outSvm, "--lasso");
    assertEquals(0, s.code(), s.err());
    Map<String, Object> resSvm = section(summary(outSvm), "result");
    assertArrayEquals(support, ints(resSvm.get("support")));
    assertTrue(String.valueOf(resSvm.get("factors")).contains("Gram"));
    assertSameCoefficients(out, outSvm);
  }

  /** Both outputs' coefficients.csv: D values, equal to 1e-8 relative (TSQR and Gram paths round differently). */
  static void assertSameCoefficients(Path a, Path b) throws IOException {
    double[] x = RegressJobTest.vector(a.resolve("coefficients.csv"));
    double[] y = RegressJobTest.vector(b.resolve("coefficients.csv"));
    assertEquals(D, x.length);
    assertEquals(D, y.length);
    for (int j = 0; j < D; j++) {
      assertEquals(x[j], y[j], 1e-8 * (1 + Math.abs(x[j])), "coefficient " + j);
    }
  }

  /** path.png: a PNG of the stated size, with the chosen point's marker drawn; no warning that it was not drawn. */
  @Test
  void lassoPathIsPlotted() throws IOException {
    Path out = shared.resolve("out-plot");
    Cli r = RegressJobTest.regress(csv, out, "--label-col", "0", "--lasso", "--sparse-method", "lasso", "--lambdas", "12");
    assertEquals(0, r.code(), r.err());
    byte[] bytes = Files.readAllBytes(out.resolve("path.png"));
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, java.util.Arrays.copyOf(bytes, 8));
    java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(bytes));
    assertEquals(PathPlot.WIDTH, png.getWidth());
    assertEquals(PathPlot.HEIGHT, png.getHeight());
    boolean marker = false;
    for (int x = 0; x < png.getWidth() && !marker; x++) {
      for (int y = 0; y < png.getHeight() && !marker; y++) {
        marker = (png.getRGB(x, y) & 0xffffff) == 0xc81e2d; // the chosen point's colour, drawn solid in its label
      }
    }
    assertTrue(marker, "the chosen point is marked");
    assertFalse(String.valueOf(summary(out).get("warnings")).contains("path.png"));
  }

  /** --sparsity beyond d is exit 2 with the reason, and nothing is left in the output; a malformed row is exit 3. */
  @Test
  void badSparsityAndBadInput() throws IOException {
    Path out = shared.resolve("too-sparse");
    Cli r = RegressJobTest.regress(csv, out, "--label-col", "0", "--sparsity", "13");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("larger than the number of columns d = 12"), r.err());
    assertFalse(Files.exists(out.resolve("_SUCCESS")));

    Path bad = shared.resolve("bad.csv");
    Files.writeString(bad, "1,2,3\n2,3,4\n3,x,5\n");
    Path badOut = shared.resolve("bad-out");
    Cli b = RegressJobTest.regress(bad, badOut, "--label-col", "0", "--sparsity", "1");
    assertEquals(3, b.code(), b.err());
    assertTrue(b.err().contains("bad.csv"), b.err());
    assertFalse(Files.exists(badOut.resolve("_SUCCESS")));
  }

  /**
   * --lasso --intercept on labels shifted by 7: the intercept is within five of its standard errors of 7, the
   * residuals (of the chosen model with its intercept c(w) = ȳ − x̄ᵀw) sum to zero, the centred R² is reported,
   * and the LIBSVM copy (Gram path) gives the same model.
   */
  @Test
  void lassoWithIntercept() throws IOException {
    List<MatrixRow> rows = RegressJobTest.csvRows(csv);
    StringBuilder dense = new StringBuilder();
    StringBuilder sparse = new StringBuilder();
    for (MatrixRow r : rows) {
      dense.append(r.label() + 7);
      sparse.append(r.label() + 7);
      double[] v = r.values();
      for (int j = 0; j < v.length; j++) {
        dense.append(',').append(v[j]);
        sparse.append(' ').append(j + 1).append(':').append(v[j]);
      }
      dense.append('\n');
      sparse.append('\n');
    }
    Path in = shared.resolve("lifted.csv");
    Path inSvm = shared.resolve("lifted.svm");
    Files.writeString(in, dense);
    Files.writeString(inSvm, sparse);
    Path out = shared.resolve("out-intercept");
    Cli r = RegressJobTest.regress(in, out, "--label-col", "0", "--lasso", "--intercept", "--residuals",
        "--row-output-format", "csv");
    assertEquals(0, r.code(), r.err());
    Map<String, Object> res = section(summary(out), "result");
    assertArrayEquals(ints(truth(csv).get("support")), ints(res.get("support")));
    double c = number(res, "refitIntercept");
    double se = number(res, "interceptStandardError");
    // σ/√N ≈ 0.2/√1500 ≈ 0.005 for a design of mean ≈ 0
    assertTrue(se > 0.003 && se < 0.008, "intercept standard error " + se);
    assertTrue(Math.abs(c - 7) < 5 * se, "intercept " + c + " +- " + se);
    assertTrue(number(res, "rSquared") > 0.9 && number(res, "rSquared") < 1, res.toString());
    double sum = 0;
    double scale = 0;
    int lines = 0;
    try (java.util.stream.Stream<Path> files = Files.list(out.resolve("residuals"))) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
        for (String line : Files.readAllLines(f)) {
          double e = Double.parseDouble(line.split(",")[1]);
          sum += e;
          scale += Math.abs(e);
          lines++;
        }
      }
    }
    assertEquals(1500, lines);
    assertEquals(0, sum, 1e-9 * scale, "residuals of c(w) = mean(y) - mean(x) w sum to zero");

    Path outSvm = shared.resolve("out-intercept-svm");
    Cli s = RegressJobTest.regress(inSvm, outSvm, "--lasso", "--intercept");
    assertEquals(0, s.code(), s.err());
    Map<String, Object> resSvm = section(summary(outSvm), "result");
    assertArrayEquals(ints(res.get("support")), ints(resSvm.get("support")));
    assertEquals(number(res, "intercept"), number(resSvm, "intercept"), 1e-8);
    assertSameCoefficients(out, outSvm);
  }

  /** --lasso --ridge: the elastic net from the command line; its refit has no least-squares standard errors. */
  @Test
  void lassoWithRidgeIsTheElasticNet() throws IOException {
    Path out = shared.resolve("out-elastic");
    Cli r = RegressJobTest.regress(csv, out, "--label-col", "0", "--lasso", "--ridge", "750", "--sparse-method", "lasso");
    assertEquals(0, r.code(), r.err());
    Map<String, Object> s = summary(out);
    assertEquals(750.0, number(section(s, "params"), "ridge"));
    Map<String, Object> res = section(s, "result");
    // the ridge shrinks every coefficient, so CV keeps a smaller λ and a few more columns: the true ones among them
    int[] chosen = ints(res.get("support"));
    for (int j : ints(truth(csv).get("support"))) {
      assertTrue(java.util.Arrays.binarySearch(chosen, j) >= 0, "true column " + j + " in " + res.get("support"));
    }
    assertTrue(String.valueOf(res.get("coefficientsAre")).contains("elastic net"), res.toString());
    assertTrue(String.valueOf(res.get("standardErrorsFrom")).contains("not reported with --ridge"), res.toString());
    List<String> lines = Files.readAllLines(out.resolve("support.csv"));
    assertEquals(1 + chosen.length, lines.size());
    for (String line : lines.subList(1, lines.size())) {
      assertTrue(line.endsWith(","), "no standard error: " + line);
    }
  }
}
