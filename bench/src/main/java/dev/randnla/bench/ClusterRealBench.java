package dev.randnla.bench;

import dev.randnla.io.InputOptions;
import dev.randnla.io.Summary;
import dev.randnla.jobs.cluster.ClusterConfig;
import dev.randnla.jobs.cluster.ClusterResult;
import dev.randnla.jobs.scan.ScanResult;
import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.SparkSession;

/**
 * {@code cluster} on real images, as issue 14 measured it: Fashion-MNIST's training set from Debian's
 * {@code dataset-fashion-mnist} (pixel/255, CSV with 6 significant digits), cut into blocks of
 * {@code block-rows} consecutive images of one class (key = 10·class + j). Every algorithm with and
 * without the local search, against the read floor (a {@code scan} of the same file plus the job's
 * own verification pass) and, with {@code --paper-code=DIR} (a checkout of the paper's public code in
 * a temporary directory; never part of this repository), the paper's own "approximate" clustering
 * on the same CSV in the same run ({@code bench/scripts/paper_cluster.py}, python3 with numpy).
 */
public final class ClusterRealBench extends BenchCase {
  private static final String DATA = "/usr/share/datasets/fashion-mnist/";

  public ClusterRealBench() {
    super("cluster-real",
        "cluster on Fashion-MNIST blocks (every algorithm, with and without local search) vs scan + verification "
            + "and vs the paper's public code (--paper-code=DIR)");
  }

  @Override
  public List<String> run(SparkSession spark, Args args, String workdir) throws Exception {
    int perClass = args.getInt("per-class", 6000);
    int blockRows = args.getInt("block-rows", 600);
    int rank = args.getInt("rank", 20);
    int reps = args.getInt("reps", 1);
    String[] epsList = args.list("eps", "0.3");
    String[] algorithms = args.list("algorithms", "auto,approximate,residual");
    String paper = args.get("paper-code", System.getenv().getOrDefault("PAPER_CODE", ""));
    Path csv = Path.of(workdir, String.format(Locale.ROOT, "fashion-%d-per-class-blocks-%d.csv", perClass, blockRows));
    if (!Files.exists(csv)) {
      write(csv, perClass, blockRows);
    }
    InputOptions options = InputOptions.of(csv.toString()).withKeyCol("0");
    Timer.Timed<ScanResult> scan = Inputs.scanFloor(spark, reps, options, workdir + "/cluster-real-scan");

    List<String> out = new ArrayList<>();
    out.add(String.format(Locale.ROOT, "Input: Fashion-MNIST training images, the first %d of each class, blocks of %d "
        + "images of one class (key 10·class + j), %d rows × 784, CSV with 6 significant digits, %.0f MB; rank r = %d; "
        + "best of %d. scan (the read floor): %.1f s.", perClass, blockRows, 10 * Math.min(perClass, 6000),
        Files.size(csv) / 1e6, rank, reps, scan.seconds()));
    out.add("");
    out.add("| run | eps | seconds | statistics | factors | clustering | search | verify | clusters | singletons | "
        + "compression | max verified error | violations | seconds / (scan + verify) |");
    out.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (String eps : epsList) {
      for (String alg : algorithms) {
        for (double search : new double[] {ClusterConfig.DEFAULT_SEARCH_SECONDS, 0}) {
          ClusterBench.Best best = ClusterBench.best(spark, options, workdir + "/cluster-real-out", rank, eps, alg, search,
              reps);
          Timer.Timed<ClusterResult> t = best.run();
          ClusterResult r = t.value();
          double verify = best.stage("verify");
          out.add(String.format(Locale.ROOT,
              "| `%s`%s | %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %d | %.2f | %.4f | %d | %.2f |",
              alg, search > 0 ? "" : " greedy only (`--search-seconds 0`)", eps, t.seconds(), best.stage("statistics"),
              best.stage("factors"), best.stage("cluster"), best.stage("search"), verify,
              r.clusters().size(), r.singletons(), r.compressionRatio(), r.maxVerifiedError(), r.violations(),
              t.seconds() / (scan.seconds() + verify)));
        }
      }
      if (!paper.isEmpty()) {
        out.add(paperRow(paper, csv, eps, rank, args.get("python", "python3")));
      }
    }
    return out;
  }

  /** The paper code's approximate clustering (residual order) on the same CSV, as one table row. */
  private static String paperRow(String checkout, Path csv, String eps, int rank, String python) throws Exception {
    String script = new File(System.getProperty("bench.root", "bench"), "scripts/paper_cluster.py").getPath();
    Process p = new ProcessBuilder(python, script, checkout, csv.toString(), "approximate", eps, "" + rank, "residual")
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    long start = System.nanoTime();
    String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    double wall = (System.nanoTime() - start) / 1e9;
    if (p.waitFor() != 0) {
      return "| the paper's code | " + eps + " | failed (exit " + p.exitValue() + ") | | | | | | | | | | | |";
    }
    Map<String, Object> r = Summary.parse(json);
    return String.format(Locale.ROOT, "| the paper's code (`approximate`, residual order; numpy; %.1f s with reading the "
        + "CSV) | %s | %.1f | | | %.1f | | | %d %s | | %.2f | %.4f | | |", wall, eps,
        ClusterBench.number(r, "seconds"), ClusterBench.number(r, "seconds"), ((Number) r.get("clusters")).intValue(),
        r.get("sizes"), ClusterBench.number(r, "compression"), ClusterBench.number(r, "maxError"));
  }

  /** The Fashion-MNIST CSV: key, then 784 pixels/255 with 6 significant digits. */
  private static void write(Path csv, int perClass, int blockRows) throws IOException {
    byte[] labels = idx(Path.of(DATA, "train-labels-idx1-ubyte.gz"), 8);
    byte[] pixels = idx(Path.of(DATA, "train-images-idx3-ubyte.gz"), 16);
    int d = 784;
    int[] seen = new int[10];
    MathContext six = new MathContext(6);
    Path tmp = csv.resolveSibling(csv.getFileName() + ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII)) {
      for (int i = 0; i < labels.length; i++) {
        int c = labels[i];
        if (seen[c] < perClass) {
          StringBuilder line = new StringBuilder().append(10 * c + seen[c] / blockRows);
          for (int j = 0; j < d; j++) {
            int v = pixels[i * d + j] & 0xff;
            line.append(',').append(v == 0 ? "0" : new BigDecimal(v / 255.0).round(six).stripTrailingZeros().toPlainString());
          }
          w.write(line.append('\n').toString());
        }
        seen[c]++;
      }
    }
    Files.move(tmp, csv);
  }

  private static byte[] idx(Path file, int header) throws IOException {
    if (!Files.isReadable(file)) {
      throw new IOException(file + " is missing: apt-get install dataset-fashion-mnist");
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
      DataInputStream data = new DataInputStream(in);
      data.skipNBytes(header);
      return data.readAllBytes();
    }
  }
}
