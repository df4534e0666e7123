package dev.randnla.jobs.generate;

import static dev.randnla.jobs.JobTestSupport.cli;
import static dev.randnla.jobs.JobTestSupport.truth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.jobs.JobTestSupport.Cli;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.QrDecomposition;
import dev.randnla.linalg.SymmetricEigen;
import dev.randnla.linalg.Triangular;
import dev.randnla.linalg.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The answers in truth.json are exact: each generated matrix is read back from its files and
 * checked against a dense reference computed here (Gram eigenvalues and top eigenvector,
 * least-squares solution and residual, leverage scores, heavy rows, block groups). Both bases are
 * covered: n a power of two (Hadamard) and not (DCT).
 */
class GeneratorTruthTest {
  @TempDir Path tmp;

  /** Rows of the CSV files in path order: [fields…]. */
  static List<String[]> read(Path dir) throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
        for (String line : Files.readAllLines(f)) {
          rows.add(line.split(","));
        }
      }
    }
    return rows;
  }

  static Matrix matrix(List<String[]> rows, int skip) {
    int n = rows.size();
    int d = rows.get(0).length - skip;
    Matrix a = Matrix.zeros(n, d);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        a.set(i, j, Double.parseDouble(rows.get(i)[j + skip]));
      }
    }
    return a;
  }

  static double[] doubles(Object o) {
    @SuppressWarnings("unchecked")
    List<Number> l = (List<Number>) o;
    double[] out = new double[l.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = l.get(i).doubleValue();
    }
    return out;
  }

  Map<String, Object> generate(String kind, int rows, int cols, String... extra) throws IOException {
    Path out = tmp.resolve(kind + rows);
    List<String> args = new ArrayList<>(List.of("generate", "--kind", kind, "--rows", "" + rows, "--cols", "" + cols,
        "--seed", "3", "--partitions", "3", "--quiet", "--output", out.toString()));
    args.addAll(List.of(extra));
    Cli r = cli(args.toArray(new String[0]));
    assertEquals(0, r.code(), r.err());
    return truth(out);
  }

  void checkSpectrum(Matrix a, Map<String, Object> truth) {
    SymmetricEigen eig = SymmetricEigen.of(a.transposeTimes(a));
    double[] expected = doubles(truth.get("eigenvalues"));
    double[] got = eig.values();
    for (int j = 0; j < expected.length; j++) {
      assertEquals(expected[j], got[j], 1e-12 * expected[0], "eigenvalue " + j);
    }
    double[] v1 = doubles(truth.get("topEigenvector"));
    assertEquals(1.0, Vectors.absCorrelation(v1, eig.vector(0)), 1e-10);
    assertEquals(((Number) truth.get("frobeniusNorm")).doubleValue(), a.frobeniusNorm(), 1e-12 * a.frobeniusNorm());
  }

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {256, 300})
  void spikedAndLowRank(int n) throws IOException {
    Map<String, Object> t = generate("spiked", n, 6, "--gap", "5");
    Matrix a = matrix(read(tmp.resolve("spiked" + n)), 0);
    checkSpectrum(a, t);
    assertEquals(5.0, ((Number) t.get("gap")).doubleValue(), 1e-12);
    assertEquals(n == 256 ? "hadamard" : "dct", t.get("basis"));

    Map<String, Object> lr = generate("lowrank", n, 6, "--rank", "4", "--kappa", "1e3");
    Matrix b = matrix(read(tmp.resolve("lowrank" + n)), 0);
    checkSpectrum(b, lr);
    double[] sv = doubles(lr.get("singularValues"));
    assertEquals(1e-3, sv[3], 1e-15);
    assertEquals(0.0, sv[4], 0.0);
  }

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {256, 300})
  void regressionHasTheStatedSolutionAndResidual(int n) throws IOException {
    Map<String, Object> t = generate("regression", n, 5, "--kappa", "100", "--residual", "0.75");
    List<String[]> rows = read(tmp.resolve("regression" + n));
    Matrix a = matrix(rows, 1);
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      b[i] = Double.parseDouble(rows.get(i)[0]);
    }
    QrDecomposition qr = QrDecomposition.of(a);
    double[] x = Triangular.solveUpper(qr.r(), qr.q().transposeTimes(b));
    double[] xStar = doubles(t.get("xStar"));
    for (int j = 0; j < 5; j++) {
      assertEquals(xStar[j], x[j], 1e-12 * 100 * Vectors.norm2(xStar), "x*[" + j + "]");
    }
    double[] r = Vectors.minus(a.times(x), b);
    assertEquals(0.75, Vectors.norm2(r), 1e-12);
    assertEquals(100.0, ((Number) t.get("conditionNumber")).doubleValue(), 1e-9);
  }

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {134, 200})
  void leverageOfTheIdentityRowsIsExact(int n) throws IOException {
    int d = 6;
    Map<String, Object> t = generate("leverage", n, d, "--alpha", "2");
    Matrix a = matrix(read(tmp.resolve("leverage" + n)), 0);
    Matrix q = QrDecomposition.of(a).q();
    double[] positions = doubles(t.get("identityRowPositions"));
    double[] scores = doubles(t.get("identityRowLeverage"));
    double total = 0;
    for (int i = 0; i < n; i++) {
      double[] row = q.row(i);
      total += Vectors.dot(row, row);
    }
    assertEquals(d, total, 1e-10);
    for (int j = 0; j < d; j++) {
      double[] row = q.row((int) positions[j]);
      assertEquals(scores[j], Vectors.dot(row, row), 1e-12, "identity row " + j);
      double[] a_row = a.row((int) positions[j]);
      assertEquals(2.0, Vectors.norm2(a_row), 1e-15, "an identity row is alpha e_j");
    }
  }

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {261, 300})
  void heavyRowsCarryTheTopEigenvector(int n) throws IOException {
    Map<String, Object> t = generate("heavy-rows", n, 6, "--heavy", "5", "--gap", "4");
    Matrix a = matrix(read(tmp.resolve("heavy-rows" + n)), 0);
    checkSpectrum(a, t);
    double[] v1 = doubles(t.get("topEigenvector"));
    double[] heavy = doubles(t.get("heavyRowPositions"));
    java.util.Set<Integer> heavySet = new java.util.HashSet<>();
    for (double p : heavy) {
      heavySet.add((int) p);
      assertEquals(4.0 / 5, Vectors.dot(a.row((int) p), a.row((int) p)), 1e-12);
    }
    for (int i = 0; i < n; i++) {
      double along = Vectors.dot(a.row(i), v1);
      if (!heavySet.contains(i)) {
        assertEquals(0.0, along, 1e-14, "light row " + i + " has no energy along v1");
      }
    }
  }

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {400, 1001})
  void sparseSpikeIsTheTopEigenvectorWithTheCertifiedGap(int n) throws IOException {
    Map<String, Object> t = generate("sparse", n, 60, "--nnz-per-row", "5", "--spike-support", "4", "--gap", "3");
    Matrix a = matrix(read(tmp.resolve("sparse" + n)), 0);
    SymmetricEigen eig = SymmetricEigen.of(a.transposeTimes(a));
    double[] v = eig.values();
    assertEquals(((Number) t.get("topEigenvalue")).doubleValue(), v[0], 1e-10 * v[0]);
    assertTrue(v[0] / v[1] >= 3.0, "gap " + v[0] / v[1]);
    assertEquals(1.0, Vectors.absCorrelation(doubles(t.get("topEigenvector")), eig.vector(0)), 1e-10);
    long nnz = 0;
    for (double x : a.data()) {
      if (x != 0) {
        nnz++;
      }
    }
    assertEquals(((Number) t.get("nnz")).longValue(), nnz);
  }

  @ParameterizedTest(name = "noise = {0}")
  @ValueSource(doubles = {0.0, 1e-3})
  void blocksBelongToTheirPlantedSubspaces(double noise) throws IOException {
    int d = 8;
    int rank = 2;
    Map<String, Object> t = generate("blocks", 600, d, "--groups", "3", "--rank", "" + rank, "--block-rows", "20",
        "--noise", "" + noise);
    List<String[]> rows = read(tmp.resolve("blocks600"));
    Matrix a = matrix(rows, 1);
    double[] groupOfBlock = doubles(t.get("blockGroup"));
    assertEquals(30, groupOfBlock.length);
    // stack each group's rows: their rank-r relative error is ~noise·√(d/r), zero without noise
    for (int g = 0; g < 3; g++) {
      List<double[]> members = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        int block = Integer.parseInt(rows.get(i)[0].substring(4));
        if ((int) groupOfBlock[block] == g) {
          members.add(a.row(i));
        }
      }
      Matrix m = Matrix.fromRows(members.toArray(new double[0][]));
      double[] ev = SymmetricEigen.of(m.transposeTimes(m)).values();
      double total = 0;
      double top = 0;
      for (int j = 0; j < ev.length; j++) {
        total += ev[j];
        if (j < rank) {
          top += ev[j];
        }
      }
      double err = Math.sqrt(Math.max(0, 1 - top / total));
      assertTrue(err <= (noise == 0 ? 1e-7 : 3 * noise * Math.sqrt((double) d / rank)), "group " + g + " error " + err);
    }
  }
}
