package dev.randnla.bench;

import dev.randnla.io.InputOptions;
import dev.randnla.io.OutputOptions;
import dev.randnla.jobs.regress.RegressConfig;
import dev.randnla.jobs.regress.RegressJob;
import dev.randnla.jobs.regress.RegressResult;
import dev.randnla.jobs.regress.Solver;
import dev.randnla.jobs.scan.ScanConfig;
import dev.randnla.jobs.scan.ScanJob;
import dev.randnla.linalg.Cholesky;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.Triangular;
import dev.randnla.linalg.Vectors;
import dev.randnla.sketch.SketchKind;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code regress} on sparse LIBSVM input against MLlib's {@code LinearRegression} (normal and l-bfgs)
 * reading the same file in one run (issue 15): n rows of d columns with {@code nnz} nonzeros per row
 * at random places (standard Gaussian values, so κ(A) is small), y = A·x* + 0.01·noise. The
 * reference solution x_ref is the normal equations' solution from the exact sparse Gram, computed
 * here on the driver (accurate to ≈ κ²·u, ≈ 1e-15 at these κ).
 */
public final class RegressSparseBench extends BenchCase {
  public RegressSparseBench() {
    super("regress-sparse",
        "regress on sparse LIBSVM (default: Gram-Cholesky preconditioner; osnap sketch) vs MLlib LinearRegression "
            + "(normal, l-bfgs) on the same file; --file=PATH --cols=D for a user's LIBSVM file");
  }

  @Override
  public List<String> run(SparkSession spark, Args args, String workdir) throws Exception {
    long rows = args.getLong("rows", 200_000);
    int cols = args.getInt("cols", 2000);
    int reps = args.getInt("reps", 1);
    String[] nnzList = args.list("nnz", "10,100");
    List<String> out = new ArrayList<>();
    String given = args.get("file", "");
    if (!given.isEmpty()) {
      // a user's LIBSVM file: x_ref is randnla's exact TSQR solve (backward stable at any κ)
      InputOptions in = InputOptions.of(given).withCols(cols);
      double[] xRef = RegressJob.FRAME.run(spark, RegressConfig.of(in, new OutputOptions(workdir + "/regress-sparse-ref", true,
          null), Solver.EXACT, 1)).coefficients();
      Path file = Path.of(given);
      out.add(String.format(Locale.ROOT, "Best of %d run(s); randnla keeps the parsed rows after its first "
          + "pass (--cache auto), MLlib reads once and caches. x_ref: `regress --solver exact` (TSQR of [A b]).", reps));
      out.add("");
      out.addAll(runCase(spark, workdir, file, Files.lines(file).count(), cols, -1, xRef, reps));
      return out;
    }
    out.add(String.format(Locale.ROOT, "Best of %d run(s); randnla keeps the parsed rows after its first "
        + "pass (--cache auto), MLlib reads once and caches. x_ref: normal equations from the exact sparse Gram (κ(A) small).", reps));
    for (String nz : nnzList) {
      int nnz = Integer.parseInt(nz.trim());
      Path file = Path.of(workdir, String.format(Locale.ROOT, "sparse-%dx%d-nnz%d.libsvm", rows, cols, nnz));
      double[] xRef = write(file, rows, cols, nnz, 7);
      out.add("");
      out.addAll(runCase(spark, workdir, file, rows, cols, nnz, xRef, reps));
    }
    return out;
  }

  private static List<String> runCase(SparkSession spark, String workdir, Path file, long rows, int cols, int nnz,
      double[] xRef, int reps) throws Exception {
    InputOptions in = InputOptions.of(file.toString()).withCols(cols);
    List<String[]> table = new ArrayList<>();
    ScanConfig scanConfig = new ScanConfig(in, new OutputOptions(workdir + "/regress-sparse-scan", true, null), true);
    ScanJob.FRAME.run(spark, scanConfig);
    Timer.Timed<Double> scan = Timer.best(reps, () -> ScanJob.FRAME.run(spark, scanConfig).seconds());
    table.add(new String[] {"randnla scan (read floor)", sec(scan.seconds()), "1", "", ""});
    OutputOptions o = new OutputOptions(workdir + "/regress-sparse-out", true, null);
    record Variant(String label, RegressConfig config) {}
    List<Variant> variants = List.of(
        new Variant("randnla regress (default: Gram of [A b], Cholesky R, refinement)",
            RegressConfig.of(in, o, Solver.PRECONDITION, 1)),
        new Variant("randnla regress --sketch osnap (default m: 20p within 64 MB, 4p at p = 2000)",
            RegressConfig.of(in, o, Solver.PRECONDITION, 1).withSketch(SketchKind.OSNAP, 0)));
    double mllibNormal = Double.NaN;
    List<Double> ours = new ArrayList<>();
    for (Variant v : variants) {
      Timer.Timed<RegressResult> t = Timer.best(reps, () -> RegressJob.FRAME.run(spark, v.config()));
      ours.add(t.seconds());
      table.add(new String[] {v.label(), sec(t.seconds()), String.format(Locale.ROOT, "%.0f", t.value().passes()),
          err(Vectors.relativeDistance(t.value().coefficients(), xRef)), ""});
    }
    Dataset<Row> df = spark.read().format("libsvm").option("numFeatures", "" + cols).load(file.toString());
    for (String solver : new String[] {"normal", "l-bfgs"}) {
      LinearRegression lr = new LinearRegression().setSolver(solver).setFitIntercept(false).setRegParam(0.0)
          .setElasticNetParam(0.0).setStandardization(false);
      Timer.Timed<LinearRegressionModel> t = Timer.best(reps, () -> lr.fit(df));
      if (solver.equals("normal")) {
        mllibNormal = t.seconds();
      }
      table.add(new String[] {"MLlib LinearRegression solver=" + solver
          + (solver.equals("l-bfgs") ? " (" + t.value().summary().totalIterations() + " iterations)" : ""),
          sec(t.seconds()), "1 + cached", err(Vectors.relativeDistance(t.value().coefficients().toArray(), xRef)), ""});
    }
    for (String[] r : table) {
      double s = Double.parseDouble(r[1]);
      r[4] = String.format(Locale.ROOT, "%.2f", mllibNormal / s);
    }
    List<String> out = new ArrayList<>();
    out.add(nnz < 0 ? String.format(Locale.ROOT, "**%s: %d × %d** (LIBSVM, %.0f MB):", file.getFileName(), rows, cols,
        Files.size(file) / 1e6) : String.format(Locale.ROOT, "**%d × %d, %d nonzeros per row** (LIBSVM, %.0f MB):", rows,
        cols, nnz, Files.size(file) / 1e6));
    out.add("");
    Markdown.table(out, "| method | seconds | passes | ‖x − x_ref‖/‖x_ref‖ | MLlib normal seconds / these seconds |",
        "|---|---:|---:|---:|---:|", table);
    return out;
  }

  /**
   * Writes the LIBSVM file (unless present: its x_ref is recomputed from the same seed) and returns
   * x_ref from the exact Gram of the rows as written (17 significant digits, so the values are exact).
   */
  private static double[] write(Path file, long rows, int cols, int nnz, long seed) throws Exception {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] xStar = new double[cols];
    for (int j = 0; j < cols; j++) {
      xStar[j] = gaussian(rnd);
    }
    double[] gram = new double[cols * cols];
    double[] atb = new double[cols];
    boolean exists = Files.exists(file);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (BufferedWriter w = exists ? null : Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII)) {
      int[] idx = new int[nnz];
      double[] val = new double[nnz];
      StringBuilder line = new StringBuilder();
      for (long i = 0; i < rows; i++) {
        pick(rnd, cols, idx);
        double y = 0;
        for (int k = 0; k < nnz; k++) {
          val[k] = gaussian(rnd);
          y += val[k] * xStar[idx[k]];
        }
        y += 0.01 * gaussian(rnd);
        for (int a = 0; a < nnz; a++) {
          atb[idx[a]] += val[a] * y;
          for (int b = 0; b < nnz; b++) {
            gram[idx[a] + idx[b] * cols] += val[a] * val[b];
          }
        }
        if (w != null) {
          line.setLength(0);
          line.append(y);
          for (int k = 0; k < nnz; k++) {
            line.append(' ').append(idx[k] + 1).append(':').append(val[k]);
          }
          w.write(line.append('\n').toString());
        }
      }
    }
    if (!exists) {
      Files.move(tmp, file);
    }
    Cholesky c = Cholesky.of(new Matrix(cols, cols, gram));
    if (!c.succeeded()) {
      throw new IllegalStateException("the sparse Gram is singular: raise --rows or --nnz");
    }
    return Triangular.solveUpper(c.r(), Triangular.solveUpperTranspose(c.r(), atb));
  }

  /** k distinct columns in increasing order (a partial Fisher–Yates draw, then sorted). */
  private static void pick(SplittableRandom rnd, int cols, int[] out) {
    int k = out.length;
    java.util.HashSet<Integer> seen = new java.util.HashSet<>();
    int at = 0;
    while (at < k) {
      int j = rnd.nextInt(cols);
      if (seen.add(j)) {
        out[at++] = j;
      }
    }
    java.util.Arrays.sort(out);
  }

  private static double gaussian(SplittableRandom rnd) {
    double u = rnd.nextDouble();
    double v = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
  }

  private static String sec(double s) {
    return String.format(Locale.ROOT, "%.1f", s);
  }

  private static String err(double e) {
    return String.format(Locale.ROOT, "%.1e", e);
  }
}
