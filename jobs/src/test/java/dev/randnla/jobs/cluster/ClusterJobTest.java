package dev.randnla.jobs.cluster;

import static dev.randnla.jobs.JobTestSupport.cli;
import static dev.randnla.jobs.JobTestSupport.number;
import static dev.randnla.jobs.JobTestSupport.section;
import static dev.randnla.jobs.JobTestSupport.summary;
import static dev.randnla.jobs.JobTestSupport.truth;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.jobs.JobTestSupport.Cli;
import dev.randnla.linalg.Matrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The cluster job end to end on generated planted blocks and small hand-made inputs. */
class ClusterJobTest {
  private static final int COLS = 30;
  private static final int RANK = 4;
  @TempDir static Path shared;
  @TempDir Path tmp;
  /** Planted blocks of 20 rows (more than r) and of 3 rows (fewer than r), 3 groups each. */
  private static Path wide;
  private static Path narrow;

  @BeforeAll
  static void generate() {
    wide = shared.resolve("wide");
    narrow = shared.resolve("narrow");
    Cli a = cli("generate", "--kind", "blocks", "--rows", "1200", "--cols", "" + COLS, "--rank", "" + RANK,
        "--block-rows", "20", "--groups", "3", "--noise", "1e-3", "--output", wide.toString(), "--seed", "5",
        "--partitions", "3", "--quiet");
    assertEquals(0, a.code(), a.err());
    Cli b = cli("generate", "--kind", "blocks", "--rows", "270", "--cols", "" + COLS, "--rank", "" + RANK,
        "--block-rows", "3", "--groups", "3", "--noise", "1e-4", "--output", narrow.toString(), "--seed", "6",
        "--partitions", "2", "--quiet");
    assertEquals(0, b.code(), b.err());
  }

  private static Cli cluster(Path data, Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("cluster", "--input", data.toString(), "--output", out.toString(),
        "--quiet"));
    if (!List.of(extra).contains("--rank")) {
      args.addAll(List.of("--rank", "" + RANK));
    }
    args.addAll(List.of(extra));
    return cli(args.toArray(new String[0]));
  }

  /** assignments.csv as block key → cluster id (after its header line). */
  static Map<String, Integer> assignments(Path out) throws IOException {
    Map<String, Integer> m = new HashMap<>();
    List<String> lines = Files.readAllLines(out.resolve("assignments.csv"));
    assertEquals("key,cluster", lines.get(0));
    for (String line : lines.subList(1, lines.size())) {
      int comma = line.lastIndexOf(',');
      m.put(line.substring(0, comma), Integer.parseInt(line.substring(comma + 1)));
    }
    return m;
  }

  /** clusters.csv rows (after its header line): id, blocks, rows, bound, verified error, storage, representation. */
  static List<String[]> clusters(Path out) throws IOException {
    List<String[]> rows = new ArrayList<>();
    List<String> lines = Files.readAllLines(out.resolve("clusters.csv"));
    assertEquals("id,blocks,rows,bound,verifiedError,storage,representation", lines.get(0));
    for (String line : lines.subList(1, lines.size())) {
      rows.add(line.split(","));
    }
    return rows;
  }

  private static double adjustedRandAgainstTruth(Path data, Path out) throws IOException {
    Map<String, Object> truth = truth(data);
    @SuppressWarnings("unchecked")
    List<Number> group = (List<Number>) truth.get("blockGroup");
    Map<String, Integer> found = assignments(out);
    assertEquals(group.size(), found.size(), "every block assigned");
    int[] a = new int[group.size()];
    int[] b = new int[group.size()];
    for (int k = 0; k < a.length; k++) {
      a[k] = group.get(k).intValue();
      b[k] = found.get(String.format("blk-%06d", k));
    }
    return AdjustedRand.of(a, b);
  }

  /** Every compressed cluster: bound ≥ verified error, verified ≤ eps; storage as docs/algorithms.md, cluster defines it. */
  private static void checkClusters(Path out, double eps) throws IOException {
    long storage = 0;
    long rows = 0;
    for (String[] c : clusters(out)) {
      long n = Long.parseLong(c[2]);
      double bound = Double.parseDouble(c[3]);
      double verified = Double.parseDouble(c[4]);
      boolean basis = c[6].equals("basis");
      rows += n;
      storage += Long.parseLong(c[5]);
      assertEquals(basis ? (long) RANK * (COLS + n) : (long) COLS * n, Long.parseLong(c[5]), "storage of cluster " + c[0]);
      if (basis) {
        assertTrue(verified <= eps, "cluster " + c[0] + " verified " + verified + " > eps " + eps);
        assertTrue(bound >= verified - 1e-12, "cluster " + c[0] + " bound " + bound + " < verified " + verified);
        assertTrue(Files.exists(out.resolve("bases/" + c[0] + ".csv")));
      }
    }
    Map<String, Object> result = section(summary(out), "result");
    assertEquals((double) COLS * rows / storage, number(result, "compressionRatio"), 1e-12);
    assertEquals(0, number(result, "violations"));
  }

  @ParameterizedTest(name = "{0}, {1}-row blocks")
  @CsvSource({"exact, wide", "approximate, wide", "residual, wide", "exact, narrow", "approximate, narrow",
      "residual, narrow"})
  void plantedGroupsAreRecoveredExactly(String algorithm, String which) throws Exception {
    Path data = which.equals("wide") ? wide : narrow;
    Path out = tmp.resolve("out");
    Cli c = cluster(data, out, "--key-col", "0", "--eps", "0.01", "--algorithm", algorithm);
    assertEquals(0, c.code(), c.err());
    assertEquals(1.0, adjustedRandAgainstTruth(data, out), 1e-12, algorithm + " on " + which + " blocks");
    checkClusters(out, 0.01);
    Map<String, Object> s = summary(out);
    assertEquals(3, number(section(s, "result"), "clusters"));
    assertEquals(2, number(s, "passes"), "statistics and verification");
    double expected = number(truth(data), "expectedClusterError");
    double maxVerified = number(section(s, "result"), "maxVerifiedError");
    assertTrue(maxVerified < 2 * expected && maxVerified > expected / 2,
        "verified error " + maxVerified + " near the planted noise level " + expected);
  }

  @Test
  void sameClusteringUnderAnyPartitioning() throws Exception {
    Path one = tmp.resolve("one");
    Path many = tmp.resolve("many");
    assertEquals(0, cluster(wide, one, "--key-col", "0", "--eps", "0.05", "--min-partitions", "1").code());
    assertEquals(0, cluster(wide, many, "--key-col", "0", "--eps", "0.05", "--min-partitions", "7").code());
    assertEquals(assignments(one), assignments(many));
    List<String[]> a = clusters(one);
    List<String[]> b = clusters(many);
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      // blocks of ≤ d rows have bitwise identical factors, so the driver's bounds are bitwise identical
      assertEquals(a.get(i)[3], b.get(i)[3], "bound of cluster " + i);
      // the verification TSQR folds different row sets per partition: equal to rounding
      assertEquals(Double.parseDouble(a.get(i)[4]), Double.parseDouble(b.get(i)[4]), 1e-12, "verified error " + i);
    }
  }

  @Test
  void maxNormWithNormOrderNeedsNoFactorsAndStaysWithinEps() throws Exception {
    Path out = tmp.resolve("maxnorm");
    Cli c = cluster(wide, out, "--key-col", "0", "--eps", "0.3", "--algorithm", "maxnorm", "--order", "norm");
    assertEquals(0, c.code(), c.err());
    checkClusters(out, 0.3);
    Map<String, Object> result = section(summary(out), "result");
    assertTrue(number(result, "driverBytes") < 256 * 61, "only per-block numbers on the driver: " + result);
  }

  @Test
  void truncatedBlockFactorsKeepEveryBoundValid() throws Exception {
    Path exact = tmp.resolve("exact-factors");
    Path truncated = tmp.resolve("truncated-factors");
    assertEquals(0, cluster(wide, exact, "--key-col", "0", "--eps", "0.05").code());
    Cli c = cluster(wide, truncated, "--key-col", "0", "--eps", "0.05", "--block-rank", "" + RANK,
        "--algorithm", "approximate");
    assertEquals(0, c.code(), c.err());
    checkClusters(truncated, 0.05);
    Map<String, Object> s = summary(truncated);
    assertTrue(number(section(s, "result"), "driverBytes") < number(section(summary(exact), "result"), "driverBytes") / 3,
        "the top-" + RANK + " directions of 20-row blocks take a fifth of the memory");
    assertTrue(s.get("warnings").toString().contains("--block-rank"), s.get("warnings").toString());
    // the planted blocks are rank r plus noise: their top r directions keep nearly all the energy
    assertEquals(1.0, adjustedRandAgainstTruth(wide, truncated), 1e-12);
  }

  @Test
  void writeCompressedCoefficientsReconstructTheRows() throws Exception {
    Path out = tmp.resolve("compressed");
    Cli c = cluster(wide, out, "--key-col", "0", "--eps", "0.01", "--write-compressed", "--row-output-format", "csv");
    assertEquals(0, c.code(), c.err());
    assertEquals(3, number(summary(out), "passes"));
    Map<Integer, Matrix> bases = new HashMap<>();
    Map<Integer, double[]> energy = new HashMap<>();
    for (String[] cl : clusters(out)) {
      int id = Integer.parseInt(cl[0]);
      bases.put(id, Matrix.fromRows(Files.readAllLines(out.resolve("bases/" + id + ".csv")).stream()
          .map(l -> Stream.of(l.split(",")).mapToDouble(Double::parseDouble).toArray()).toArray(double[][]::new)));
      energy.put(id, new double[] {0, 0, Double.parseDouble(cl[4])});
    }
    Map<Long, double[]> coefficients = new HashMap<>();
    try (Stream<Path> parts = Files.list(out.resolve("compressed"))) {
      for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
        for (String line : Files.readAllLines(p)) {
          double[] v = Stream.of(line.split(",")).mapToDouble(Double::parseDouble).toArray();
          coefficients.put((long) v[0], java.util.Arrays.copyOfRange(v, 1, v.length));
        }
      }
    }
    assertEquals(1200, coefficients.size(), "every row of a compressed cluster");
    // the data rows in file order are the row ids; the key is field 0
    List<String> lines = new ArrayList<>();
    try (Stream<Path> parts = Files.list(wide)) {
      for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
        lines.addAll(Files.readAllLines(p));
      }
    }
    Map<String, Integer> assigned = assignments(out);
    for (int id = 0; id < lines.size(); id++) {
      String[] f = lines.get(id).split(",");
      double[] row = Stream.of(f).skip(1).mapToDouble(Double::parseDouble).toArray();
      double[] c0 = coefficients.get((long) id);
      int cluster = (int) c0[0];
      assertEquals(assigned.get(f[0]), cluster, "row " + id + " coded in its block's cluster");
      Matrix basis = bases.get(cluster);
      double[] recon = new double[COLS];
      for (int j = 0; j < basis.rows(); j++) {
        for (int k = 0; k < COLS; k++) {
          recon[k] += c0[1 + j] * basis.get(j, k);
        }
      }
      double[] e = energy.get(cluster);
      for (int k = 0; k < COLS; k++) {
        e[0] += row[k] * row[k];
        e[1] += (row[k] - recon[k]) * (row[k] - recon[k]);
      }
    }
    for (Map.Entry<Integer, double[]> e : energy.entrySet()) {
      double[] v = e.getValue();
      assertEquals(v[2], Math.sqrt(v[1] / v[0]), 1e-9, "cluster " + e.getKey()
          + ": the stored rank-r representation has exactly the verified error");
    }
  }

  /** Three files, each a block: two share a rank-1 direction, one does not. */
  private Path blockFiles(boolean libsvm) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(libsvm ? "svm" : "csv"));
    double[][][] blocks = {
        {{1, 2, 0, 0}, {2, 4, 0, 0}, {-1, -2, 0, 0}},
        {{3, 6, 0, 0}, {0.5, 1, 0, 0}},
        {{0, 0, 1, 0}, {0, 0, 0, 2}, {0, 0, 3, 1}}};
    for (int f = 0; f < blocks.length; f++) {
      StringBuilder sb = new StringBuilder();
      for (double[] row : blocks[f]) {
        if (libsvm) {
          sb.append("0");
          for (int j = 0; j < row.length; j++) {
            if (row[j] != 0) {
              sb.append(' ').append(j + 1).append(':').append(row[j]);
            }
          }
        } else {
          sb.append(Stream.of(row[0], row[1], row[2], row[3]).map(String::valueOf)
              .reduce((x, y) -> x + "," + y).orElseThrow());
        }
        sb.append('\n');
      }
      Files.writeString(dir.resolve("part-" + f + (libsvm ? ".libsvm" : ".csv")), sb.toString());
    }
    return dir;
  }

  @Test
  void blocksByFileDenseAndSparseAgree() throws Exception {
    Path dense = tmp.resolve("dense-out");
    Path sparse = tmp.resolve("sparse-out");
    assertEquals(0, cluster(blockFiles(false), dense, "--block-by", "file", "--rank", "1", "--eps", "0.01").code());
    Cli s = cluster(blockFiles(true), sparse, "--block-by", "file", "--rank", "1", "--eps", "0.01", "--cols", "4");
    assertEquals(0, s.code(), s.err());
    List<Integer> a = new ArrayList<>();
    List<Integer> b = new ArrayList<>();
    Map<String, Integer> da = assignments(dense);
    Map<String, Integer> sa = assignments(sparse);
    for (int f = 0; f < 3; f++) {
      int ff = f;
      a.add(da.entrySet().stream().filter(e -> e.getKey().endsWith("part-" + ff + ".csv")).findFirst().orElseThrow().getValue());
      b.add(sa.entrySet().stream().filter(e -> e.getKey().endsWith("part-" + ff + ".libsvm")).findFirst().orElseThrow().getValue());
    }
    assertEquals(a, b);
    assertEquals(a.get(0), a.get(1), "the two rank-1 blocks on the same direction cluster");
    assertTrue(!a.get(0).equals(a.get(2)), "the third block does not");
    List<String[]> dc = clusters(dense);
    List<String[]> sc = clusters(sparse);
    for (int i = 0; i < dc.size(); i++) {
      assertArrayEquals(dc.get(i), sc.get(i), "cluster " + i);
    }
  }

  @Test
  void parquetBlocksByFileFollowTheFiles() throws Exception {
    Path data = tmp.resolve("pq");
    assertEquals(0, cli("generate", "--kind", "lowrank", "--rows", "300", "--cols", "6", "--rank", "2",
        "--format", "parquet", "--partitions", "3", "--output", data.toString(), "--seed", "2", "--quiet").code());
    Path out = tmp.resolve("pq-out");
    Cli c = cluster(data, out, "--block-by", "file", "--rank", "2", "--eps", "0.01", "--min-partitions", "5");
    assertEquals(0, c.code(), c.err());
    Map<String, Integer> a = assignments(out);
    assertEquals(3, a.size(), "one block per file: " + a.keySet());
    List<String[]> cl = clusters(out);
    assertEquals(1, cl.size(), "three files of one rank-2 matrix form one exact cluster");
    assertEquals("3", cl.get(0)[1]);
    assertEquals("300", cl.get(0)[2]);
    assertTrue(Double.parseDouble(cl.get(0)[4]) < 1e-7, "rank-2 data, rank-2 basis: no error");
  }

  @Test
  void oneBlockAndMorePartitionsThanRows() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("tiny"));
    Files.writeString(dir.resolve("part-0.csv"), "a,1,2,3\na,4,5,6\n");
    Path out = tmp.resolve("tiny-out");
    Cli c = cluster(dir, out, "--key-col", "0", "--rank", "1", "--min-partitions", "6");
    assertEquals(0, c.code(), c.err());
    Map<String, Object> result = section(summary(out), "result");
    assertEquals(1, number(result, "clusters"));
    assertEquals(1, number(result, "singletons"));
    assertEquals(1.0, number(result, "compressionRatio"));
    assertEquals(1, number(summary(out), "passes"), "nothing compressed: no verification pass");
    assertEquals(List.of("key,cluster", "a,0"), Files.readAllLines(out.resolve("assignments.csv")));
  }

  @Test
  void usageErrorsExitTwo() throws Exception {
    Path out = tmp.resolve("bad");
    Cli noKey = cluster(wide, out);
    assertEquals(2, noKey.code(), noKey.err());
    assertTrue(noKey.err().contains("--key-col"), noKey.err());
    Cli eps = cluster(wide, out, "--key-col", "0", "--eps", "0");
    assertEquals(2, eps.code(), eps.err());
    assertTrue(eps.err().contains("--eps"), eps.err());
    Cli both = cluster(wide, out, "--key-col", "0", "--block-by", "file");
    assertEquals(2, both.code(), both.err());
    Cli rank = cluster(wide, out, "--key-col", "0", "--rank", "31");
    assertEquals(2, rank.code(), rank.err());
    assertTrue(rank.err().contains("cols=30"), rank.err());
    Cli alg = cluster(wide, out, "--key-col", "0", "--algorithm", "kmeans");
    assertEquals(2, alg.code(), alg.err());
    assertTrue(!Files.exists(out), "nothing written");
  }

  @Test
  void badRowsExitThreeNamingTheLine() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("broken"));
    Files.writeString(dir.resolve("part-0.csv"), "a,1,2\nb,3,x\n");
    Cli c = cluster(dir, tmp.resolve("broken-out"), "--key-col", "0", "--rank", "1");
    assertEquals(3, c.code(), c.err());
    assertTrue(c.err().contains("line 2"), c.err());
  }

  @Test
  void dTimesDWorkingMatricesBeyondTheDriverAreRefusedWithAdvice() throws Exception {
    // d = 9000: the exact bound's ~4 d×d matrices (2.6 GB) exceed a third of the test JVM's heap
    Path dir = Files.createDirectories(tmp.resolve("wide-d"));
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 2; i++) {
      sb.append("k").append(i);
      for (int j = 0; j < 9000; j++) {
        sb.append(',').append((i + j) % 5);
      }
      sb.append('\n');
    }
    Files.writeString(dir.resolve("part-0.csv"), sb.toString());
    Cli refused = cluster(dir, tmp.resolve("refused"), "--key-col", "0", "--algorithm", "exact");
    assertEquals(4, refused.code(), refused.err());
    assertTrue(refused.err().contains("--algorithm maxnorm --order norm"), refused.err());
    Cli fits = cluster(dir, tmp.resolve("fits"), "--key-col", "0", "--algorithm", "maxnorm", "--order", "norm");
    assertEquals(0, fits.code(), fits.err());
  }
}
