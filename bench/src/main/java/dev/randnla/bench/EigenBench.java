package dev.randnla.bench;

import dev.randnla.io.InputOptions;
import dev.randnla.io.MatrixFormat;
import dev.randnla.io.OutputOptions;
import dev.randnla.jobs.eigen.EigenConfig;
import dev.randnla.jobs.eigen.EigenJob;
import dev.randnla.jobs.eigen.EigenMethod;
import dev.randnla.jobs.eigen.EigenResult;
import dev.randnla.jobs.generate.GenerateConfig;
import dev.randnla.jobs.generate.MatrixKind;
import dev.randnla.jobs.scan.ScanResult;
import dev.randnla.linalg.Vectors;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.Matrix;
import org.apache.spark.mllib.linalg.SingularValueDecomposition;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.distributed.RowMatrix;
import org.apache.spark.mllib.util.MLUtils;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * {@code eigen} against MLlib {@code RowMatrix.computeSVD(1)} and {@code scan} on the same uncached
 * input in one run (issue 4): (1) a dense CSV (default 60 000 × 784, spiked, gap 4); (2) a sparse
 * LIBSVM input with d ≥ 5000 (planted sparse spike, certified gap), where MLlib runs ARPACK with one
 * pass per iteration; (3) a long dense run reporting time per pass. Correlations are |⟨v, v_ref⟩|
 * with the exact eigenvector (dense) or the planted one (sparse). MLlib reads the files the way a
 * user would (textFile + parse, or MLUtils.loadLibSVMFile) and, like every method here, re-reads
 * them on every pass; its passes are counted by an accumulator on the parser.
 *
 * <p>Options: --part=dense|sparse|long|all (default all), --rows, --cols, --digits, --reps (best of),
 * --sparseRows, --sparseCols, --nnz, --longRows, --longCols, --mllib=true|false. {@code --file=PATH}
 * runs the dense case on a user's CSV file or folder instead of a generated one (e.g. Fashion-MNIST,
 * label first), {@code --label-col=0} (the default: field 0 is the label, which both sides drop) or −1 (none).
 */
public final class EigenBench extends BenchCase {
  public EigenBench() {
    super("eigen",
        "eigen (auto, stream, exact, lanczos) vs MLlib RowMatrix.computeSVD(1) and scan, same uncached input");
  }

  @Override
  public List<String> run(SparkSession spark, Args args, String workdir) throws Exception {
    String part = args.get("part", "all");
    List<String> out = new ArrayList<>();
    if (part.equals("all") || part.equals("dense")) {
      out.addAll(dense(spark, args, workdir));
    }
    if (part.equals("all") || part.equals("sparse")) {
      out.addAll(sparse(spark, args, workdir));
    }
    if (part.equals("all") || part.equals("long")) {
      out.addAll(longRun(spark, args, workdir));
    }
    return out;
  }

  /** One measured method. */
  private record Row(String method, double seconds, double passes, double correlation, String note) {}

  private List<String> dense(SparkSession spark, Args args, String workdir) throws Exception {
    int reps = args.getInt("reps", 3);
    if (args.has("file")) {
      String file = args.get("file", null);
      int label = args.getInt("label-col", 0);
      if (label > 0) {
        throw new IllegalArgumentException("--label-col must be 0 (the label first) or -1 (no label): " + label);
      }
      InputOptions in = label < 0 ? InputOptions.of(file) : InputOptions.of(file).withLabelCol(Integer.toString(label));
      File f = new File(file);
      long bytes = f.isDirectory() ? Inputs.bytes(file) : f.length();
      String files = f.isDirectory() ? file + "/part-*" : file;
      return measure(spark, args, workdir, in, files, label, reps, true, String.format(Locale.ROOT,
          "#### %s, %.0f MB%s, uncached; best of %d (MLlib: one run)", file, bytes / 1e6,
          label < 0 ? "" : ", field " + label + " dropped (the label)", reps));
    }
    long rows = args.getLong("rows", 60_000);
    int cols = args.getInt("cols", 784);
    return denseCase(spark, args, workdir, rows, cols, reps, 7, true, String.format(Locale.ROOT,
        "#### Dense: %d x %d spiked (gap 4) CSV", rows, cols));
  }

  /**
   * A spiked dense CSV: scan, exact (the reference), stream and lanczos; with {@code full} also auto,
   * stream with 30 segments and MLlib.
   */
  private List<String> denseCase(SparkSession spark, Args args, String workdir, long rows, int cols, int reps, long seed,
      boolean full, String title) throws Exception {
    int digits = args.getInt("digits", 4);
    String input = Inputs.generated(spark, workdir, MatrixKind.SPIKED, rows, cols, MatrixFormat.CSV, digits, null, seed);
    long bytes = Inputs.bytes(input);
    return measure(spark, args, workdir, InputOptions.of(input), input + "/part-*", -1, reps, full,
        String.format(Locale.ROOT, "%s, %.0f MB (%d significant digits), uncached; best of %d%s", title, bytes / 1e6,
            digits, reps, full ? " (MLlib: one run)" : ""));
  }

  /**
   * One dense CSV input: scan, exact (the reference), stream and lanczos; with {@code full} also auto,
   * stream with 30 segments and MLlib on {@code files} (its field 0, the label, dropped unless {@code label} is −1).
   */
  private List<String> measure(SparkSession spark, Args args, String workdir, InputOptions in, String files, int label,
      int reps, boolean full, String title) throws Exception {
    EigenResult exact = eigen(spark, in, workdir, EigenMethod.EXACT, c -> c);
    double[] ref = exact.topEigenvector();
    List<Row> table = new ArrayList<>();
    Timer.Timed<ScanResult> scanned = Inputs.scanFloor(spark, reps, in, workdir + "/eigen-scan-out");
    table.add(scanRow(scanned));
    List<EigenMethod> methods = full ? List.of(EigenMethod.AUTO, EigenMethod.STREAM, EigenMethod.EXACT, EigenMethod.LANCZOS)
        : List.of(EigenMethod.STREAM, EigenMethod.EXACT, EigenMethod.LANCZOS);
    for (EigenMethod m : methods) {
      table.add(best(reps, () -> eigen(spark, in, workdir, m, c -> c), m.cliName(), ref));
    }
    if (full) {
      table.add(best(reps, () -> eigen(spark, in, workdir, EigenMethod.STREAM, c -> c.withSegments(30)),
          "stream --segments 30", ref));
      if (args.flag("mllib", true)) {
        table.add(mllibDense(spark, files, label, scanned.value().rows(), ref.length, ref));
      }
    }
    return section(title, table, "correlation with exact");
  }

  private static List<String> section(String title, List<Row> table, String corrLabel) {
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add(title);
    lines.add("");
    lines.addAll(format(table, table.get(0).seconds(), corrLabel));
    return lines;
  }

  private List<String> sparse(SparkSession spark, Args args, String workdir) throws Exception {
    long rows = args.getLong("sparseRows", 1_000_000);
    int cols = args.getInt("sparseCols", 5000);
    int nnz = args.getInt("nnz", 50);
    int reps = args.getInt("reps", 3);
    String input = Inputs.cached(spark, workdir, String.format(Locale.ROOT, "sparse-%dx%d-nnz%d", rows, cols, nnz),
        o -> new GenerateConfig(MatrixKind.SPARSE, rows, cols, o, MatrixFormat.LIBSVM, true, 11, 0, 0, false, null, null,
            null, null, null, null, null, null, null, nnz, null, true));
    Map<String, Object> truth = Inputs.json(input, "truth.json");
    @SuppressWarnings("unchecked")
    double[] ref = ((List<Number>) truth.get("topEigenvector")).stream().mapToDouble(Number::doubleValue).toArray();
    long bytes = Inputs.bytes(input);
    InputOptions in = InputOptions.of(input).withCols(cols);
    List<Row> table = new ArrayList<>();
    table.add(scan(spark, in, workdir, reps));
    table.add(best(reps, () -> eigen(spark, in, workdir, EigenMethod.STREAM, c -> c), "stream", ref));
    table.add(best(1, () -> eigen(spark, in, workdir, EigenMethod.LANCZOS, c -> c), "lanczos", ref));
    table.add(best(1, () -> eigen(spark, in, workdir, EigenMethod.AUTO, c -> c), "auto", ref));
    if (args.flag("mllib", true)) {
      table.add(mllibSparse(spark, input, rows, cols, ref));
    }
    return section(String.format(Locale.ROOT, "#### Sparse: %d x %d LIBSVM, %d nonzeros per light row (planted sparse "
        + "top eigenvector, gap >= 4), %.0f MB, uncached; stream best of %d, the others one run", rows, cols, nnz,
        bytes / 1e6, reps), table, "correlation with the planted v1");
  }

  private List<String> longRun(SparkSession spark, Args args, String workdir) throws Exception {
    long rows = args.getLong("longRows", 2_000_000);
    int cols = args.getInt("longCols", 200);
    return denseCase(spark, args, workdir, rows, cols, 1, 13, false, String.format(Locale.ROOT,
        "#### Long run: %d x %d spiked CSV", rows, cols));
  }

  private static Row scan(SparkSession spark, InputOptions in, String workdir, int reps) throws Exception {
    return scanRow(Inputs.scanFloor(spark, reps, in, workdir + "/eigen-scan-out"));
  }

  private static Row scanRow(Timer.Timed<ScanResult> t) {
    return new Row("randnla scan (the read floor)", t.value().seconds(), t.value().passes(), Double.NaN, "");
  }

  private static EigenResult eigen(SparkSession spark, InputOptions in, String workdir, EigenMethod m,
      UnaryOperator<EigenConfig> tweak) {
    EigenConfig c = tweak.apply(EigenConfig.of(in, new OutputOptions(workdir + "/eigen-out", true, null), m, 1));
    return EigenJob.FRAME.run(spark, c);
  }

  private static Row best(int reps, java.util.concurrent.Callable<EigenResult> run, String label, double[] ref)
      throws Exception {
    EigenResult best = null;
    for (int i = 0; i < reps; i++) {
      EigenResult r = run.call();
      if (best == null || r.seconds() < best.seconds()) {
        best = r;
      }
    }
    String note = best.method().cliName() + (label.startsWith(best.method().cliName()) ? "" : " (chosen by auto)");
    if (best.result().get("segments") != null) {
      note += ", " + best.result().get("segments") + " segments";
    }
    if (best.result().get("iterations") != null) {
      note += ", " + best.result().get("iterations") + " iterations";
    }
    if (!best.warnings().isEmpty()) {
      note += "; warned: " + best.warnings().get(0).replaceAll(":.*", "");
    }
    return new Row("eigen " + label, best.seconds(), best.passes(), Vectors.absCorrelation(best.topEigenvector(), ref),
        note);
  }

  /**
   * MLlib on the dense CSV: textFile + split + parseDouble ({@link Inputs#csvVectors}; the label, field
   * 0, dropped unless {@code label} is −1), RowMatrix, computeSVD(1) (ARPACK at this d).
   */
  private static Row mllibDense(SparkSession spark, String files, int label, long rows, int cols, double[] ref) {
    JavaSparkContext jsc = new JavaSparkContext(spark.sparkContext());
    LongAccumulator parsed = spark.sparkContext().longAccumulator("mllib rows parsed");
    JavaRDD<Vector> vectors = Inputs.csvVectors(jsc, files, label < 0 ? 0 : 1).map(v -> {
      parsed.add(1);
      return v;
    });
    return mllib(spark, vectors, rows, cols, ref, parsed, "RowMatrix.computeSVD(1): textFile + parse");
  }

  /** MLlib on the LIBSVM input: MLUtils.loadLibSVMFile, RowMatrix, computeSVD(1). */
  private static Row mllibSparse(SparkSession spark, String input, long rows, int cols, double[] ref) {
    LongAccumulator parsed = spark.sparkContext().longAccumulator("mllib rows parsed");
    JavaRDD<Vector> vectors = MLUtils.loadLibSVMFile(spark.sparkContext(), input + "/part-*", cols).toJavaRDD()
        .map(p -> {
          parsed.add(1);
          return p.features();
        });
    return mllib(spark, vectors, rows, cols, ref, parsed, "RowMatrix.computeSVD(1): loadLibSVMFile");
  }

  private static Row mllib(SparkSession spark, JavaRDD<Vector> vectors, long rows, int cols, double[] ref,
      LongAccumulator parsed, String label) {
    long t0 = System.nanoTime();
    RowMatrix m = new RowMatrix(vectors.rdd(), rows, cols);
    SingularValueDecomposition<RowMatrix, Matrix> svd = m.computeSVD(1, false, 1e-9);
    double seconds = (System.nanoTime() - t0) / 1e9;
    double[] v = svd.V().toArray();
    return new Row("MLlib " + label, seconds, parsed.value() / (double) rows, Vectors.absCorrelation(v, ref), "");
  }

  private static List<String> format(List<Row> table, double scanSeconds, String corrLabel) {
    List<String[]> rows = new ArrayList<>();
    for (Row r : table) {
      rows.add(new String[] {r.method(), String.format(Locale.ROOT, "%.2f", r.seconds()),
          String.format(Locale.ROOT, "%.2f", r.passes()),
          String.format(Locale.ROOT, "%.2f", r.seconds() / Math.max(1e-9, r.passes())),
          String.format(Locale.ROOT, "%.2f", r.seconds() / scanSeconds),
          Double.isNaN(r.correlation()) ? "" : String.format(Locale.ROOT, "%.6f", r.correlation()), r.note()});
    }
    List<String> out = new ArrayList<>();
    Markdown.table(out, "| method | seconds | passes | seconds per pass | ratio to scan | " + corrLabel + " | note |",
        "|---|---:|---:|---:|---:|---:|---|", rows);
    Row mllib = table.stream().filter(r -> r.method().startsWith("MLlib")).findFirst().orElse(null);
    Row auto = table.stream().filter(r -> r.method().equals("eigen auto")).findFirst().orElse(null);
    Row stream = table.stream().filter(r -> r.method().equals("eigen stream")).findFirst().orElse(null);
    out.add("");
    if (mllib != null && stream != null) {
      out.add(String.format(Locale.ROOT, "eigen stream: %.1fx faster than MLlib, %.2fx the scan time.",
          mllib.seconds() / stream.seconds(), stream.seconds() / scanSeconds));
    }
    if (mllib != null && auto != null) {
      out.add(String.format(Locale.ROOT, "eigen auto: %.1fx faster than MLlib, %.2fx the scan time.",
          mllib.seconds() / auto.seconds(), auto.seconds() / scanSeconds));
    }
    return out;
  }
}
