package dev.randnla.bench;

import dev.randnla.io.CliEnums;
import dev.randnla.io.InputOptions;
import dev.randnla.io.MatrixFormat;
import dev.randnla.io.OutputOptions;
import dev.randnla.jobs.generate.GenerateConfig;
import dev.randnla.jobs.generate.MatrixKind;
import dev.randnla.jobs.leverage.LeverageConfig;
import dev.randnla.jobs.leverage.LeverageJob;
import dev.randnla.jobs.leverage.LeverageResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.Matrix;
import org.apache.spark.mllib.linalg.QRDecomposition;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.distributed.RowMatrix;
import org.apache.spark.mllib.util.MLUtils;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code leverage} exact vs approx on a tall dense CSV and a sparse LIBSVM input, against what a user
 * would otherwise do — the squared row norms of MLlib's {@code RowMatrix.tallSkinnyQR(true).Q}
 * (Q = A·R⁻¹) — and against {@code scan}, all on the same files in one run. Reports time, passes
 * and the error of each against the exact scores (median, 99th percentile, max of |τ̂ − τ|/τ).
 */
public final class LeverageBench extends BenchCase {
  public LeverageBench() {
    super("leverage",
        "leverage exact vs approx vs MLlib tallSkinnyQR(true) row norms vs scan, dense CSV and sparse LIBSVM");
  }

  @Override
  public List<String> run(SparkSession spark, Args args, String workdir) throws Exception {
    long rows = args.getLong("rows", 1_000_000);
    int cols = args.getInt("cols", 100);
    int digits = args.getInt("digits", 8);
    long sparseRows = args.getLong("sparse-rows", 400_000);
    int sparseCols = args.getInt("sparse-cols", 1000);
    int nnz = args.getInt("nnz", 20);
    int reps = args.getInt("reps", 2);
    boolean mllib = args.flag("mllib", true);
    String inputs = args.get("inputs", "dense,sparse");
    MatrixFormat denseFormat = CliEnums.parse(MatrixFormat.class, "--dense-format", args.get("dense-format", "csv"));
    List<String> out = new ArrayList<>();
    List<String> rowsOut = new ArrayList<>();
    List<String> described = new ArrayList<>();
    if (inputs.contains("dense")) {
      String dense = Inputs.generated(spark, workdir, MatrixKind.LEVERAGE, rows, cols, denseFormat, digits, null, 7);
      described.add(String.format(Locale.ROOT, "dense: `generate --kind leverage` %d x %d %s (%d significant digits), "
          + "%.0f MB", rows, cols, denseFormat.cliName(), digits, Inputs.bytes(dense) / 1e6));
      rowsOut.addAll(compare(spark, workdir, "dense " + rows + "x" + cols + " " + denseFormat.cliName(), dense, denseFormat,
          cols, reps, mllib && denseFormat != MatrixFormat.PARQUET));
    }
    if (inputs.contains("sparse")) {
      String sparse = sparseInput(spark, workdir, sparseRows, sparseCols, nnz);
      described.add(String.format(Locale.ROOT, "sparse: `generate --kind sparse --spike-support 1` %d x %d LIBSVM, "
          + "%d nonzeros per light row, %.0f MB", sparseRows, sparseCols, nnz, Inputs.bytes(sparse) / 1e6));
      rowsOut.addAll(compare(spark, workdir, "sparse " + sparseRows + "x" + sparseCols, sparse, MatrixFormat.LIBSVM,
          sparseCols, reps, mllib));
    }
    out.add("Inputs: " + String.join("; ", described) + ". Best of " + reps + " runs each; errors are |τ̂ − τ|/τ "
        + "against the exact scores of the same run.");
    out.add("");
    out.add("| input | method | seconds | passes | ratio to scan | median error | p99 error | max error |");
    out.add("|---|---|---:|---:|---:|---:|---:|---:|");
    out.addAll(rowsOut);
    return out;
  }

  private static String sparseInput(SparkSession spark, String workdir, long rows, int cols, int nnz) {
    return Inputs.cached(spark, workdir, String.format(Locale.ROOT, "sparse-%dx%d-nnz%d-s1-libsvm", rows, cols, nnz),
        o -> new GenerateConfig(MatrixKind.SPARSE, rows, cols, o, MatrixFormat.LIBSVM, true, 7, 0, 0, false, null, null,
            null, null, null, null, null, null, null, nnz, 1, true));
  }

  private static List<String> compare(SparkSession spark, String workdir, String label, String input, MatrixFormat format,
      int cols, int reps, boolean mllib) throws Exception {
    InputOptions options = InputOptions.of(input).withFormat(format).withCols(format == MatrixFormat.LIBSVM ? cols : -1);
    String outExact = workdir + "/leverage-exact-out";
    String outApprox = workdir + "/leverage-approx-out";
    Timer.Timed<?> scan = Inputs.scanFloor(spark, reps, options, workdir + "/leverage-scan-out");
    Timer.Timed<LeverageResult> exact = Timer.best(reps, () -> LeverageJob.FRAME.run(spark, config(options, outExact,
        LeverageConfig.Method.EXACT)));
    Timer.Timed<LeverageResult> approx = Timer.best(reps, () -> LeverageJob.FRAME.run(spark, config(options, outApprox,
        LeverageConfig.Method.APPROX)));
    double[] truth = scores(spark, outExact, exact.value().rows());
    double[] approxErr = errors(truth, scores(spark, outApprox, exact.value().rows()));
    List<String> lines = new ArrayList<>();
    lines.add(row(label, "randnla scan (read floor)", scan.seconds(), "1", scan.seconds(), null));
    lines.add(row(label, "leverage --method exact (TSQR, then R⁻ᵀaᵢ)", exact.seconds(), fmt(exact.value().passes()),
        scan.seconds(), new double[] {0, 0, 0}));
    lines.add(row(label, "leverage --method approx (sketch " + (cols < 16 ? "countsketch" : "osnap") + ", k = 100)",
        approx.seconds(), fmt(approx.value().passes()), scan.seconds(), approxErr));
    if (mllib) {
      String normsDir = workdir + "/mllib-norms";
      Timer.Timed<Long> ml = Timer.best(reps, () -> mllibRowNorms(spark, input, format, cols, normsDir));
      double[] mlScores = readNorms(normsDir, exact.value().rows());
      lines.add(row(label, "MLlib tallSkinnyQR(true), ‖Q(i,:)‖² saved as text", ml.seconds(), "2", scan.seconds(),
          mlScores == null ? null : errors(truth, mlScores)));
    }
    lines.add(String.format(Locale.ROOT, "| %s | approx vs exact speed-up | %.2fx | | | | | |", label,
        exact.seconds() / approx.seconds()));
    return lines;
  }

  private static LeverageConfig config(InputOptions input, String out, LeverageConfig.Method method) {
    return new LeverageConfig(input, new OutputOptions(out, true, null), method, null, null, null, null, null, null, null,
        null, null, null, null, null, 11, true);
  }

  /** The scores of a leverage output (Parquet scores/), indexed by row id. */
  private static double[] scores(SparkSession spark, String out, long n) {
    double[] s = new double[(int) n];
    Arrays.fill(s, Double.NaN);
    for (Row r : spark.read().parquet(out + "/scores").select("id", "score").collectAsList()) {
      s[(int) r.getLong(0)] = r.getDouble(1);
    }
    return s;
  }

  /** Sorted |got − truth|/truth; NaN (a row without a score) counts as an infinite error. */
  private static double[] errors(double[] truth, double[] got) {
    double[] e = new double[truth.length];
    for (int i = 0; i < e.length; i++) {
      double x = Math.abs(got[i] - truth[i]) / truth[i];
      e[i] = Double.isNaN(x) ? Double.POSITIVE_INFINITY : x;
    }
    Arrays.sort(e);
    return e;
  }

  /**
   * What a user would write with MLlib: read the files, RowMatrix.tallSkinnyQR(computeQ = true),
   * squared norms of Q's rows saved as text (one per line, in input order).
   */
  private static long mllibRowNorms(SparkSession spark, String input, MatrixFormat format, int cols, String out)
      throws Exception {
    JavaSparkContext jsc = new JavaSparkContext(spark.sparkContext());
    JavaRDD<Vector> vectors;
    if (format == MatrixFormat.LIBSVM) {
      vectors = MLUtils.loadLibSVMFile(spark.sparkContext(), input + "/part-*", cols).toJavaRDD().map(p -> p.features());
    } else {
      vectors = Inputs.csvVectors(jsc, input + "/part-*", 0);
    }
    QRDecomposition<RowMatrix, Matrix> qr = new RowMatrix(vectors.rdd()).tallSkinnyQR(true);
    deleteRecursively(Path.of(out));
    qr.Q().rows().toJavaRDD().map(v -> {
      double s = 0;
      for (double x : v.toArray()) {
        s += x * x;
      }
      return Double.toString(s);
    }).saveAsTextFile(out);
    return qr.Q().numCols();
  }

  /** The saved norms in file and line order (= row id order of the input), or null if unreadable. */
  private static double[] readNorms(String dir, long n) throws Exception {
    double[] s = new double[(int) n];
    int i = 0;
    try (Stream<Path> files = Files.list(Path.of(dir))) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
        for (String line : Files.readAllLines(f)) {
          if (i < n) {
            s[i] = Double.parseDouble(line);
          }
          i++;
        }
      }
    }
    return i == n ? s : null;
  }

  private static void deleteRecursively(Path p) throws Exception {
    if (Files.exists(p)) {
      try (Stream<Path> walk = Files.walk(p)) {
        for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(q);
        }
      }
    }
  }

  private static String fmt(double passes) {
    return passes == Math.rint(passes) ? Long.toString((long) passes) : String.format(Locale.ROOT, "%.2f", passes);
  }

  private static String row(String input, String method, double seconds, String passes, double scan, double[] err) {
    String e = err == null ? "| | | " : String.format(Locale.ROOT, "| %.3g | %.3g | %.3g ", err[err.length / 2],
        err[(int) Math.min(err.length - 1, Math.floor(0.99 * err.length))], err[err.length - 1]);
    return String.format(Locale.ROOT, "| %s | %s | %.2f | %s | %.2f %s|", input, method, seconds, passes, seconds / scan, e);
  }
}
