package dev.randnla.jobs.spectrum;

import static dev.randnla.jobs.JobTestSupport.cli;
import static dev.randnla.jobs.JobTestSupport.number;
import static dev.randnla.jobs.JobTestSupport.section;
import static dev.randnla.jobs.JobTestSupport.spark;
import static dev.randnla.jobs.JobTestSupport.summary;
import static dev.randnla.jobs.JobTestSupport.truth;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.io.CsvMatrices;
import dev.randnla.io.InputOptions;
import dev.randnla.io.OutputOptions;
import dev.randnla.jobs.JobTestSupport.Cli;
import dev.randnla.linalg.MarchenkoPastur;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.SingularValueDecomposition;
import dev.randnla.linalg.SymmetricEigen;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpectrumJobTest {
  @TempDir Path tmp;

  // ---------------------------------------------------------------- helpers

  Path generate(String name, String... args) {
    Path out = tmp.resolve(name);
    List<String> a = new ArrayList<>(List.of("generate", "--output", out.toString(), "--quiet"));
    a.addAll(List.of(args));
    Cli r = cli(a.toArray(new String[0]));
    assertEquals(0, r.code(), r.err());
    return out;
  }

  SpectrumResult spectrum(Path input, String name, java.util.function.UnaryOperator<SpectrumConfig> tweak) {
    SpectrumConfig c = SpectrumConfig.of(InputOptions.of(input.toString()),
        new OutputOptions(tmp.resolve(name).toString(), true, null));
    return SpectrumJob.FRAME.run(spark(), tweak.apply(c));
  }

  /** The CSV data files of a directory, in path order, stacked into one matrix. */
  static Matrix dense(Path dir) throws IOException {
    List<double[]> rows = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
        Matrix part = CsvMatrices.read(f.toUri().toString(), spark().sparkContext().hadoopConfiguration());
        rows.addAll(List.of(part.toRowArrays()));
      }
    }
    return Matrix.fromRows(rows.toArray(new double[0][]));
  }

  static Matrix rows(Matrix a, int from, int to) {
    double[][] r = new double[to - from][];
    for (int i = from; i < to; i++) {
      r[i - from] = a.row(i);
    }
    return Matrix.fromRows(r);
  }

  /** A with column means removed and/or columns scaled to unit variance (divisor n−1 centred, n not). */
  static Matrix transform(Matrix a, boolean center, boolean standardize) {
    Matrix b = a.copy();
    int n = a.rows();
    for (int j = 0; j < a.cols(); j++) {
      double mean = 0;
      if (center) {
        for (int i = 0; i < n; i++) {
          mean += a.get(i, j);
        }
        mean /= n;
      }
      double ss = 0;
      for (int i = 0; i < n; i++) {
        b.set(i, j, a.get(i, j) - mean);
        ss += b.get(i, j) * b.get(i, j);
      }
      if (standardize) {
        double sd = Math.sqrt(ss / (center ? n - 1 : n));
        for (int i = 0; i < n; i++) {
          b.set(i, j, sd > 0 ? b.get(i, j) / sd : 0);
        }
      }
    }
    return b;
  }

  /** Dense reference descriptors of A with divisor c: singular values, nuclear norm, trace of C, entropy. */
  record Reference(double[] sigma, double nuclear, double trace, double entropy) {
    static Reference of(Matrix a, double c) {
      double[] sigma = SingularValueDecomposition.of(a).singularValues();
      double nuclear = 0;
      double trace = 0;
      for (double s : sigma) {
        nuclear += s;
        trace += s * s / c;
      }
      double entropy = 0;
      for (double s : sigma) {
        double p = s * s / c / trace;
        entropy -= p > 0 ? p * Math.log(p) : 0;
      }
      return new Reference(sigma, nuclear, trace, entropy);
    }
  }

  static double relative(double expected, double actual) {
    return Math.abs(expected - actual) / Math.abs(expected);
  }

  // ---------------------------------------------------------------- Marchenko–Pastur null model

  @ParameterizedTest(name = "n={0} d={1} center={2}")
  @CsvSource({"3000, 300, false", "1200, 600, false", "400, 800, false", "801, 400, true"})
  void pureGaussianNoiseHasNoSpikesAndFollowsMarchenkoPastur(int n, int d, boolean center) throws IOException {
    for (long seed = 1; seed <= 2; seed++) {
      Path data = generate("noise" + seed, "--kind", "noise", "--rows", "" + n, "--cols", "" + d, "--seed", "" + seed,
          "--noise", "1.5", "--partitions", "3");
      SpectrumResult r = spectrum(data, "out" + seed, c -> c.withCenter(center).withMethod(SpectrumConfig.Method.EXACT));
      String why = "n=" + n + " d=" + d + " center=" + center + " seed=" + seed;
      double nEff = center ? n - 1 : n;
      MarchenkoPastur truthLaw = new MarchenkoPastur(d / nEff, 2.25);
      assertEquals(0, r.spikeEigenvalues().length, why + ": spikes " + java.util.Arrays.toString(r.spikeEigenvalues()));
      // σ² from the median of d eigenvalues: eigenvalues are rigid, so the error is a few spacings
      assertEquals(2.25, r.sigma2(), 0.02 * 2.25, why);
      // the largest eigenvalue fluctuates on the Tracy–Widom scale around the upper edge
      double s = truthLaw.edgeFluctuation(nEff, d);
      double top = r.eigenvalues()[0];
      assertEquals(truthLaw.upperEdge(), top, 5 * s, why + ": top " + top);
      assertEquals(truthLaw.upperEdge(), r.upperEdge(), 0.02 * truthLaw.upperEdge(), why);
      // the lower edge: smallest non-zero eigenvalue
      int rank = (int) Math.min(d, nEff);
      double bottom = r.eigenvalues()[rank - 1];
      assertEquals(truthLaw.lowerEdge(), bottom, 6 * s + 0.02 * truthLaw.lowerEdge(), why + ": bottom " + bottom);
      // distance from MP: O(1/d) for a rigid spectrum; 0.03 leaves room for the finite-n correction
      assertTrue(r.mpKsDistance() < 0.03, why + ": KS " + r.mpKsDistance());
      Map<String, Object> mp = section(section(summary(tmp.resolve("out" + seed)), "result"), "marchenkoPastur");
      assertTrue(number(mp, "eigenvaluesAboveEdge") <= 3, why + ": " + mp);
    }
  }

  // ---------------------------------------------------------------- BBP

  @Test
  void spikesAboveTheBbpThresholdAreDetectedNearTheirPredictionAndSpikesBelowAreNot() throws IOException {
    int n = 4000;
    int d = 400;
    for (long seed = 1; seed <= 3; seed++) {
      Path data = generate("spiked" + seed, "--kind", "noise", "--rows", "" + n, "--cols", "" + d, "--seed", "" + seed,
          "--spikes", "4,2,1.15", "--partitions", "2");
      Map<String, Object> t = truth(data);
      double gamma = number(t, "aspectRatio");
      assertEquals(1 + Math.sqrt(0.1), number(t, "bbpThreshold"), 1e-15);
      @SuppressWarnings("unchecked")
      List<Boolean> separated = (List<Boolean>) t.get("separated");
      assertEquals(List.of(true, true, false), separated);
      List<?> predictedList = (List<?>) t.get("predictedSampleEigenvalues");
      double[] predicted = {((Number) predictedList.get(0)).doubleValue(), ((Number) predictedList.get(1)).doubleValue()};
      MarchenkoPastur unit = new MarchenkoPastur(gamma, 1.0);
      double[] sd = {unit.spikeStandardDeviation(4, n), unit.spikeStandardDeviation(2, n)};
      SpectrumResult r = spectrum(data, "out" + seed, c -> c);
      String why = "seed " + seed + " spikes " + java.util.Arrays.toString(r.spikeEigenvalues());
      assertEquals(2, r.spikeEigenvalues().length, why);
      for (int k = 0; k < 2; k++) {
        // Gaussian fluctuation σ²ℓ√(2(1 − γ/(ℓ−1)²)/n) (Paul 2007) plus an O(1/n) bias
        assertEquals(predicted[k], r.spikeEigenvalues()[k], 5 * sd[k] + 1e-2, why);
        double ell = new double[] {4, 2}[k];
        // the BBP inverse maps the tolerance through dλ/dℓ = 1 − γ/(ℓ−1)²
        double slope = 1 - gamma / ((ell - 1) * (ell - 1));
        assertEquals(ell, r.populationSpikes()[k], (5 * sd[k] + 1e-2 + 0.02 * unit.upperEdge()) / slope, why);
      }
    }
  }

  // ---------------------------------------------------------------- exact descriptors vs dense reference

  @ParameterizedTest(name = "center={0} standardize={1}")
  @CsvSource({"false, false", "true, false", "true, true", "false, true"})
  void descriptorsMatchADenseReference(boolean center, boolean standardize) throws IOException {
    Path data = generate("small", "--kind", "noise", "--rows", "300", "--cols", "24", "--seed", "5", "--spikes", "6,3",
        "--partitions", "3");
    SpectrumResult r = spectrum(data, "out", c -> c.withCenter(center).withStandardize(standardize));
    Matrix a = transform(dense(data), center, standardize);
    int n = a.rows();
    double c = center ? n - 1 : n;
    Reference ref = Reference.of(a, c);
    double[] sigma = ref.sigma();
    double nuclear = ref.nuclear();
    double trace = ref.trace();
    double entropy = ref.entropy();
    double colBound = 0;
    for (int j = 0; j < a.cols(); j++) {
      colBound += dev.randnla.linalg.Vectors.norm2(a.column(j));
    }
    assertEquals(0, relative(nuclear, r.nuclearNorm()), 1e-10);
    assertEquals(0, relative(entropy, r.spectralEntropy()), 1e-10);
    assertEquals(0, relative(Math.exp(entropy), r.effectiveRank()), 1e-10);
    assertEquals(0, relative(trace / (sigma[0] * sigma[0] / c), r.stableRank()), 1e-10);
    assertEquals(0, relative(sigma[0] / sigma[sigma.length - 1], r.conditionNumber()), 1e-10);
    assertEquals(0, relative(colBound, r.columnNormBound()), 1e-12);
    assertTrue(r.columnNormBound() >= r.nuclearNorm());
    for (int j = 0; j < sigma.length; j++) {
      assertEquals(sigma[j] * sigma[j] / c, r.eigenvalues()[j], 1e-11 * sigma[0] * sigma[0] / c, "eigenvalue " + j);
    }
    assertEquals(0.0, r.nuclearNormStandardError());
    assertEquals(1, r.passes());
    List<String> lines = Files.readAllLines(tmp.resolve("out/eigenvalues.csv"));
    assertEquals(24, lines.size());
    assertEquals(r.eigenvalues()[0], Double.parseDouble(lines.get(0)), 0.0);
  }

  @Test
  void rankDeficientAndIllConditionedMatrices() throws IOException {
    Path low = generate("low", "--kind", "lowrank", "--rows", "256", "--cols", "12", "--rank", "3", "--seed", "2");
    SpectrumResult r = spectrum(low, "low-out", c -> c);
    assertEquals(Double.POSITIVE_INFINITY, r.conditionNumber());
    assertEquals(3, number(section(summary(tmp.resolve("low-out")), "result"), "numericalRank"));
    assertTrue(Double.isNaN(r.sigma2()), "median zero: no MP fit");
    assertTrue(((List<?>) summary(tmp.resolve("low-out")).get("warnings")).stream()
        .anyMatch(w -> w.toString().contains("Marchenko-Pastur")));
    // exact singular values 1, kappa^(-1/2), 1/kappa of U diag(s) Vᵀ: nuclear norm and condition number known
    double sum = 1 + Math.pow(10, -0.5) + 0.1;
    assertEquals(0, relative(sum, r.nuclearNorm()), 1e-10);
    Path ill = generate("ill", "--kind", "lowrank", "--rows", "256", "--cols", "6", "--rank", "6", "--kappa", "1e5",
        "--seed", "2");
    SpectrumResult s = spectrum(ill, "ill-out", c -> c);
    // the Gram squares κ: λ_min is accurate to ≈ d·u·λ₁, i.e. κ to ≈ d·u·κ²/2
    assertEquals(0, relative(1e5, s.conditionNumber()), 6 * 2.3e-16 * 1e10);
  }

  // ---------------------------------------------------------------- SLQ vs exact

  @Test
  void slqAgreesWithTheExactSpectrumWithinItsErrorBound() throws IOException {
    int n = 1500;
    int d = 300;
    int k = 24;
    Path data = generate("moderate", "--kind", "noise", "--rows", "" + n, "--cols", "" + d, "--seed", "7",
        "--spikes", "12,5", "--partitions", "3");
    SpectrumResult exact = spectrum(data, "exact", c -> c.withMethod(SpectrumConfig.Method.EXACT));
    Matrix a = dense(data);
    Matrix cov = a.transposeTimes(a).scale(1.0 / n);
    SymmetricEigen e = SymmetricEigen.of(cov);
    // Hutchinson variance of Rademacher zᵀ f(C) z: 2 Σ_{i≠j} f(C)_ij², for f = √ and x ln x
    double[] varSqrt = {0};
    double[] varXlogx = {0};
    for (int which = 0; which < 2; which++) {
      double[] lam = e.values();
      for (int i = 0; i < d; i++) {
        double x = Math.max(0, lam[i]);
        lam[i] = which == 0 ? Math.sqrt(x) : (x > 0 ? x * Math.log(x) : 0);
      }
      Matrix f = e.vectors().times(Matrix.diagonal(lam)).timesTranspose(e.vectors());
      double off = 0;
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          off += i == j ? 0 : f.get(i, j) * f.get(i, j);
        }
      }
      (which == 0 ? varSqrt : varXlogx)[0] = 2 * off;
    }
    double trace = 0;
    for (double x : e.values()) {
      trace += x;
    }
    for (long seed = 1; seed <= 3; seed++) {
      long sd = seed;
      SpectrumResult slq = spectrum(data, "slq" + seed, c -> c.withMethod(SpectrumConfig.Method.SLQ).withLanczos(k, 20, sd));
      String why = "seed " + seed;
      double nuclearSd = Math.sqrt(n) * Math.sqrt(varSqrt[0] / k);
      assertEquals(exact.nuclearNorm(), slq.nuclearNorm(), 4 * nuclearSd + 1e-6 * exact.nuclearNorm(), why);
      double entropySd = Math.sqrt(varXlogx[0] / k) / trace;
      assertEquals(exact.spectralEntropy(), slq.spectralEntropy(), 4 * entropySd + 1e-6, why);
      // the reported standard error estimates the same Hutchinson deviation; from 24 probes whose
      // deviations are dominated by a few χ²-like terms (the spike directions) it is rough: same order
      double ratio = slq.nuclearNormStandardError() / nuclearSd;
      assertTrue(ratio > 1 / 3.0 && ratio < 3, why + ": standard error " + slq.nuclearNormStandardError() + " vs " + nuclearSd);
      // top Ritz values: lower bounds within their residuals, converged for the separated spikes
      for (int j = 0; j < 2; j++) {
        assertTrue(slq.eigenvalues()[j] <= exact.eigenvalues()[j] * (1 + 1e-12), why);
        assertEquals(exact.eigenvalues()[j], slq.eigenvalues()[j], 1e-8 * exact.eigenvalues()[0], why);
      }
      assertEquals(exact.spikeEigenvalues().length, slq.spikeEigenvalues().length, why);
      assertEquals(exact.sigma2(), slq.sigma2(), 0.05 * exact.sigma2(), why);
      assertEquals(21, slq.passes(), why + ": one column-statistics pass and one pass per Lanczos step");
      assertEquals(exact.columnNormBound(), slq.columnNormBound(), 1e-12 * exact.columnNormBound());
    }
  }

  // ---------------------------------------------------------------- formats, partitions, reproducibility

  @Test
  void denseSparseAndPartitionsAgree() throws IOException {
    Path csv = generate("csv", "--kind", "noise", "--rows", "500", "--cols", "30", "--seed", "4", "--spikes", "5",
        "--partitions", "3");
    Path svm = generate("svm", "--kind", "noise", "--rows", "500", "--cols", "30", "--seed", "4", "--spikes", "5",
        "--partitions", "2", "--format", "libsvm");
    SpectrumResult one = spectrum(csv, "one", c -> new SpectrumConfig(c.input().withMinPartitions(1), c.output(),
        c.method(), true, false, 0, 16, 30, 20, 60, false, 0, true));
    SpectrumResult many = spectrum(csv, "many", c -> new SpectrumConfig(c.input().withMinPartitions(9), c.output(),
        c.method(), true, false, 0, 16, 30, 20, 60, false, 0, true));
    SpectrumResult again = spectrum(csv, "again", c -> new SpectrumConfig(c.input().withMinPartitions(9), c.output(),
        c.method(), true, false, 0, 16, 30, 20, 60, false, 0, true));
    SpectrumResult sparse = spectrum(svm, "sparse", c -> new SpectrumConfig(
        c.input().withFormat(dev.randnla.io.MatrixFormat.LIBSVM).withMinPartitions(4), c.output(), c.method(), true, false,
        0, 16, 30, 20, 60, false, 0, true));
    for (SpectrumResult r : List.of(many, sparse)) {
      for (int j = 0; j < 30; j++) {
        assertEquals(one.eigenvalues()[j], r.eigenvalues()[j], 1e-12 * one.eigenvalues()[0], "eigenvalue " + j);
      }
      assertEquals(one.nuclearNorm(), r.nuclearNorm(), 1e-12 * one.nuclearNorm());
    }
    assertArrayEquals(many.eigenvalues(), again.eigenvalues(), "same partitioning: bitwise the same");
    assertEquals(Files.readString(tmp.resolve("many/eigenvalues.csv")), Files.readString(tmp.resolve("again/eigenvalues.csv")));
  }

  @Test
  void slqIsBitwiseReproducibleForASeed() {
    Path data = generate("rep", "--kind", "noise", "--rows", "400", "--cols", "40", "--seed", "4", "--partitions", "3");
    SpectrumResult a = spectrum(data, "a", c -> c.withMethod(SpectrumConfig.Method.SLQ).withLanczos(4, 8, 11));
    SpectrumResult b = spectrum(data, "b", c -> c.withMethod(SpectrumConfig.Method.SLQ).withLanczos(4, 8, 11));
    SpectrumResult other = spectrum(data, "c", c -> c.withMethod(SpectrumConfig.Method.SLQ).withLanczos(4, 8, 12));
    assertEquals(a.nuclearNorm(), b.nuclearNorm(), 0.0);
    assertArrayEquals(a.eigenvalues(), b.eigenvalues());
    assertTrue(a.nuclearNorm() != other.nuclearNorm(), "another seed draws other probes");
  }

  @Test
  void slqCentresAndStandardizesLikeTheExactMethod() {
    Path data = generate("cs", "--kind", "noise", "--rows", "400", "--cols", "40", "--seed", "8", "--spikes", "9",
        "--partitions", "3");
    SpectrumResult exact = spectrum(data, "e", c -> c.withCenter(true).withStandardize(true)
        .withMethod(SpectrumConfig.Method.EXACT));
    // d = 40 steps exhaust every probe's Krylov space: the Ritz values are eigenvalues of the same C
    SpectrumResult slq = spectrum(data, "s", c -> c.withCenter(true).withStandardize(true)
        .withMethod(SpectrumConfig.Method.SLQ).withLanczos(4, 40, 3));
    for (int j = 0; j < 3; j++) {
      assertEquals(exact.eigenvalues()[j], slq.eigenvalues()[j], 1e-10 * exact.eigenvalues()[0], "eigenvalue " + j);
    }
    assertEquals(exact.columnNormBound(), slq.columnNormBound(), 1e-12 * exact.columnNormBound());
    assertEquals(exact.stableRank(), slq.stableRank(), 1e-10 * exact.stableRank(), "exact trace over the same top eigenvalue");
  }

  // ---------------------------------------------------------------- windows

  @ParameterizedTest(name = "center={0}")
  @CsvSource({"false", "true"})
  void windowsMatchADenseReferencePerWindow(boolean center) throws IOException {
    Path data = generate("w", "--kind", "noise", "--rows", "1000", "--cols", "8", "--seed", "6", "--partitions", "3");
    int width = 300;
    SpectrumResult r = spectrum(data, "out", c -> new SpectrumConfig(c.input().withMinPartitions(4), c.output(),
        SpectrumConfig.Method.AUTO, center, false, width, 16, 30, 20, 60, false, 0, true));
    assertEquals(4, r.windows());
    assertEquals(2, r.passes(), "the Gram pass numbers the rows, the window pass reads them again");
    List<String> lines = Files.readAllLines(tmp.resolve("out/windows.csv"));
    assertEquals(SpectralDescriptors.csvHeader(), lines.get(0));
    assertEquals(5, lines.size());
    Matrix all = dense(data);
    List<String> header = List.of(lines.get(0).split(","));
    for (int w = 0; w < 4; w++) {
      String[] f = lines.get(w + 1).split(",", -1);
      int from = w * width;
      int to = Math.min(1000, from + width);
      assertEquals(w, Long.parseLong(f[0]));
      assertEquals(from, Long.parseLong(f[1]));
      assertEquals(to - from, Long.parseLong(f[2]));
      Matrix a = transform(rows(all, from, to), center, false);
      double c = center ? to - from - 1 : to - from;
      Reference ref = Reference.of(a, c);
      double[] sigma = ref.sigma();
      double nuclear = ref.nuclear();
      double trace = ref.trace();
      double entropy = ref.entropy();
      assertEquals(0, relative(trace, Double.parseDouble(f[header.indexOf("trace")])), 1e-12, "window " + w);
      assertEquals(0, relative(entropy, Double.parseDouble(f[header.indexOf("spectralEntropy")])), 1e-10, "window " + w);
      assertEquals(0, relative(nuclear, Double.parseDouble(f[header.indexOf("nuclearNorm")])), 1e-10, "window " + w);
      assertEquals(0, relative(sigma[0] * sigma[0] / c, Double.parseDouble(f[header.indexOf("topEigenvalue")])), 1e-10);
    }
  }

  @Test
  void windowsByIdColumnRefuseDuplicateIds() throws IOException {
    Path f = tmp.resolve("ids.csv");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      sb.append(i % 6).append(',').append(i * 0.5).append(',').append(Math.sin(i)).append('\n');
    }
    Files.writeString(f, sb.toString());
    Cli r = cli("spectrum", "--input", f.toString(), "--id-col", "0", "--window", "4", "--output",
        tmp.resolve("dup").toString(), "--quiet");
    assertEquals(3, r.code(), r.err());
    assertTrue(r.err().contains("not unique"), r.err());
    assertFalse(Files.exists(tmp.resolve("dup")));
  }

  // ---------------------------------------------------------------- edge cases

  @Test
  void oneRowAndMorePartitionsThanRows() throws IOException {
    Path f = tmp.resolve("one.csv");
    Files.writeString(f, "3,4,0\n");
    Cli r = cli("spectrum", "--input", f.toString(), "--output", tmp.resolve("one-out").toString(), "--quiet");
    assertEquals(0, r.code(), r.err());
    Map<String, Object> res = section(summary(tmp.resolve("one-out")), "result");
    assertEquals(5.0, number(res, "nuclearNorm"), 1e-14, "one row (3,4,0): sigma = 5");
    assertEquals(0.0, number(res, "spectralEntropy"), 1e-15);
    Cli centered = cli("spectrum", "--input", f.toString(), "--center", "--output", tmp.resolve("one-c").toString(), "--quiet");
    assertEquals(0, centered.code(), centered.err());
    Map<String, Object> s = summary(tmp.resolve("one-c"));
    assertNull(section(s, "result").get("spectralEntropy"));
    assertEquals("NaN", section(s, "result").get("spectralEntropyNonFinite"));
    assertTrue(s.get("warnings").toString().contains("One row with --center"), s.get("warnings").toString());

    Path three = tmp.resolve("three.csv");
    Files.writeString(three, "1,2\n3,5\n-1,0.5\n");
    Cli many = cli("spectrum", "--input", three.toString(), "--min-partitions", "8", "--output",
        tmp.resolve("three-out").toString(), "--quiet", "--window", "2");
    assertEquals(0, many.code(), many.err());
    Matrix a = Matrix.fromRows(new double[][] {{1, 2}, {3, 5}, {-1, 0.5}});
    double[] sigma = SingularValueDecomposition.of(a).singularValues();
    assertEquals(sigma[0] + sigma[1], number(section(summary(tmp.resolve("three-out")), "result"), "nuclearNorm"), 1e-13);
    assertEquals(3, Files.readAllLines(tmp.resolve("three-out/windows.csv")).size(), "two windows: rows 0-1 and 2");
  }

  @Test
  void noValidRowsGiveUndefinedDescriptorsAndAWarning() throws IOException {
    Path f = tmp.resolve("bad.csv");
    Files.writeString(f, "1,NaN\nInf,2\n");
    Cli r = cli("spectrum", "--input", f.toString(), "--bad-rows", "skip", "--output", tmp.resolve("bad-out").toString(),
        "--quiet");
    assertEquals(0, r.code(), r.err());
    Map<String, Object> s = summary(tmp.resolve("bad-out"));
    assertNull(section(s, "result").get("effectiveRank"));
    assertEquals("NaN", section(s, "result").get("effectiveRankNonFinite"));
    assertTrue(s.get("warnings").toString().contains("no valid rows"), s.get("warnings").toString());
  }

  // ---------------------------------------------------------------- outputs and CLI

  @Test
  void writesTheHistogramTableAndALabelledPlot() throws IOException {
    Path data = generate("plot", "--kind", "noise", "--rows", "2000", "--cols", "200", "--seed", "3", "--spikes", "3");
    Cli r = cli("spectrum", "--input", data.toString(), "--output", tmp.resolve("p").toString(), "--quiet", "--bins", "40");
    assertEquals(0, r.code(), r.err());
    List<String> hist = Files.readAllLines(tmp.resolve("p/histogram.csv"));
    assertEquals("binLow,binHigh,binCenter,count,empiricalDensity,mpExpectedCount,mpDensity", hist.get(0));
    assertEquals(41, hist.size());
    double counted = 0;
    double expected = 0;
    for (String line : hist.subList(1, hist.size())) {
      String[] f = line.split(",");
      counted += Double.parseDouble(f[3]);
      expected += Double.parseDouble(f[5]);
    }
    Map<String, Object> res = section(summary(tmp.resolve("p")), "result");
    assertEquals(200, counted + number(res, "histogramEigenvaluesBeyondRange"), 1e-9, "every eigenvalue is counted");
    assertEquals(200, expected, 1e-6, "the MP law's mass lies in the range");
    BufferedImage png = ImageIO.read(tmp.resolve("p/spectrum.png").toFile());
    assertEquals(960, png.getWidth());
    assertEquals(600, png.getHeight());
    Cli none = cli("spectrum", "--input", data.toString(), "--output", tmp.resolve("q").toString(), "--quiet", "--no-plot");
    assertEquals(0, none.code(), none.err());
    assertFalse(Files.exists(tmp.resolve("q/spectrum.png")));
  }

  @Test
  void aGramTooLargeForTheDriverIsRefusedWithAdvice() throws IOException {
    Path f = tmp.resolve("wide.libsvm");
    Files.writeString(f, "0 1:2.0 70000:1.5\n1 3:1.0\n");
    Cli r = cli("spectrum", "--input", f.toString(), "--cols", "70000", "--method", "exact", "--output",
        tmp.resolve("big").toString(), "--quiet");
    assertEquals(4, r.code(), r.err());
    assertTrue(r.err().contains("--method slq"), r.err());
    Cli window = cli("spectrum", "--input", f.toString(), "--cols", "70000", "--window", "2", "--output",
        tmp.resolve("bigw").toString(), "--quiet");
    assertEquals(2, window.code(), window.err());
  }

  @Test
  void usageErrorsAndHelp() {
    Cli help = cli("spectrum", "--help");
    assertEquals(0, help.code());
    for (String option : List.of("--method", "--center", "--standardize", "--window", "--probes", "--steps", "--top",
        "--bins", "--no-plot", "--seed")) {
      assertTrue(help.out().contains(option), option + " in --help");
    }
    Path out = tmp.resolve("x");
    assertEquals(2, cli("spectrum", "--input", "in", "--output", out.toString(), "--window", "10", "--method", "slq").code());
    assertEquals(2, cli("spectrum", "--input", "in", "--output", out.toString(), "--probes", "0").code());
    assertEquals(2, cli("spectrum", "--input", "in", "--output", out.toString(), "--method", "dense").code());
    assertEquals(2, cli("generate", "--kind", "spiked", "--rows", "64", "--cols", "4", "--spikes", "3", "--output",
        out.toString()).code(), "--spikes is for the noise kind");
    assertEquals(2, cli("generate", "--kind", "noise", "--rows", "64", "--cols", "4", "--spikes", "3,-1", "--output",
        out.toString(), "--quiet").code());
  }
}
