package dev.randnla.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.stddev;

import dev.randnla.io.InputOptions;
import dev.randnla.io.MatrixFormat;
import dev.randnla.io.OutputOptions;
import dev.randnla.jobs.generate.GenerateConfig;
import dev.randnla.jobs.generate.MatrixKind;
import dev.randnla.jobs.regress.RegressConfig;
import dev.randnla.jobs.regress.RegressJob;
import dev.randnla.jobs.regress.RegressResult;
import dev.randnla.jobs.regress.sparse.SparseMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.ml.functions;

/**
 * {@code regress --lasso --sparse-method lasso --lambdas 10} (one pass, every λ and the 5-fold CV on the driver)
 * against MLlib {@code LinearRegression(elasticNetParam = 1, standardization = false)} fitted once per λ on the
 * same 10 values (OWL-QN, passes per fit), both minimising (1/2n)‖Xw − y‖² + λ‖w‖₁ (issue 19): time for the
 * whole path, the objective each reaches at each λ, and on the correlated design (κ = 1e8) the supports
 * (with the preconditioned Lasso's for comparison).
 */
public final class SparseRegressionBench extends BenchCase {
  public SparseRegressionBench() {
    super("sparse-regression", "regress --lasso (10 lambdas, one pass, 5-fold CV) vs MLlib LinearRegression "
        + "elasticNetParam=1 at the same 10 lambdas; objectives, time, supports on an isotropic and a correlated design");
  }

  @Override
  public List<String> run(SparkSession spark, Args args, String workdir) throws Exception {
    int reps = args.getInt("reps", 2);
    boolean intercept = args.flag("intercept", false);
    double ridge = args.getDouble("ridge", 0);
    List<String> out = new ArrayList<>(List.of("Objective (1/2n)|Xw - y|^2 + lambda |w|_1 at the 10 lambdas of "
        + "randnla's grid (lambda_max down to lambda_max 1e-3); randnla's time includes its 5-fold cross-validation; "
        + "MLlib fits each lambda from scratch (maxIter 100, tol 1e-6, data cached)."
        + (intercept ? " Both fit an unpenalised intercept c: (1/2n)|Xw + c - y|^2 + lambda |w|_1." : "")
        + (ridge > 0 ? " Elastic net: both add (L2/2n)|w|^2, L2 = " + ridge + " (MLlib, which divides its L2 term by "
            + "sd(y): regParam r = lambda + sd(y) L2/n, elasticNetParam lambda/r at each lambda)." : "")));
    if (args.has("file")) { // a user's LIBSVM file (label first), e.g. Fashion-MNIST: no true support
      String file = args.get("file", null);
      int cols = args.getInt("cols", 0);
      Dataset<Row> df = spark.read().format("libsvm").option("numFeatures", cols).load(file).select("features", "label");
      out.add("");
      out.addAll(compare(spark, workdir, InputOptions.of(file).withFormat(MatrixFormat.LIBSVM).withCols(cols),
          df, null, String.format(Locale.ROOT, "**%s** (LIBSVM, %d columns%s%s):", file, cols,
              intercept ? ", with an intercept" : "", ridge > 0 ? ", elastic net L2 = " + ridge : ""), reps, intercept,
          ridge));
      return out;
    }
    // an isotropic design (σ = 0.1), then a correlated one at κ = 1e8 where plain Lasso picks wrong columns
    for (double kappa : new double[] {1, 1e8}) {
      out.add("");
      out.addAll(runCase(spark, workdir, args.getLong("rows", 200_000), args.getInt("cols", 100), args.getInt("k", 5),
          kappa, kappa > 1 ? 1e-6 : 0.1, reps));
    }
    return out;
  }

  private static List<String> runCase(SparkSession spark, String workdir, long rows, int cols, int k, double kappa,
      double noise, int reps) throws Exception {
    String name = String.format(Locale.ROOT, "sparse-regression-%dx%d-k%d-kappa%.0e", rows, cols, k, kappa);
    String input = Inputs.cached(spark, workdir, name, o -> GenerateConfig.builder().kind(MatrixKind.SPARSE_REGRESSION)
        .rows(rows).cols(cols).sparsity(k).noise(noise).kappa(kappa).format(MatrixFormat.PARQUET).seed(19).output(o)
        .build());
    Map<String, Object> truth = Inputs.json(input, "truth.json");
    int[] support = ((List<?>) truth.get("support")).stream().mapToInt(v -> ((Number) v).intValue()).toArray();
    Dataset<Row> df = spark.read().parquet(input + "/part-*")
        .select(functions.array_to_vector(col("values")).as("features"), col("label"));
    return compare(spark, workdir, InputOptions.of(input).withLabelCol("label"), df, support,
        String.format(Locale.ROOT, "**%d × %d, k = %d, κ = %.0e, σ = %.0e** (Parquet; true support %s):", rows, cols, k,
            kappa, noise, Arrays.toString(support)), reps, false, 0);
  }

  /**
   * Both sides on the same rows: {@code in} for randnla, {@code data} (features, label) for MLlib; support may be null.
   * Each side's time is the best of {@code reps} runs of its whole path (randnla after one untimed warm-up run; MLlib's
   * first run warms it up, its data cached); the objectives are those of MLlib's first run (its fits are deterministic).
   */
  private static List<String> compare(SparkSession spark, String workdir, InputOptions in, Dataset<Row> data,
      int[] support, String title, int reps, boolean intercept, double ridge) throws Exception {
    String outDir = workdir + "/sparse-regression-out";
    RegressConfig lassoConfig = RegressConfig.builder().input(in).output(new OutputOptions(outDir, true, null)).lasso(true)
        .intercept(intercept).ridge(ridge).sparseMethod(SparseMethod.LASSO).lambdas(10).seed(1).quiet(true).build();
    RegressJob.FRAME.run(spark, lassoConfig); // warm-up (JIT, reader), not timed
    Timer.Timed<RegressResult> ours = Timer.best(reps, () -> RegressJob.FRAME.run(spark, lassoConfig));
    List<double[]> path = new ArrayList<>(); // λ, objective (its ridge term added below), support size, ‖w‖²
    for (String line : Files.readAllLines(Path.of(outDir, "path.csv")).subList(1, 11)) {
      String[] t = line.split(",", -1);
      double lambda = Double.parseDouble(t[2]);
      double l1 = Double.parseDouble(t[5]);
      path.add(new double[] {lambda, 0.5 * Double.parseDouble(t[6]) + lambda * l1, Double.parseDouble(t[4]),
          Double.parseDouble(t[9])});
    }
    RegressResult pre = RegressJob.FRAME.run(spark, RegressConfig.builder().input(in).output(new OutputOptions(outDir, true, null))
        .lasso(true).intercept(intercept).ridge(ridge).sparseMethod(SparseMethod.PRECONDITIONED).lambdas(10).seed(1).quiet(true)
        .build());

    Dataset<Row> df = data.cache();
    long n = df.count();
    for (double[] point : path) {
      point[1] += ridge / (2.0 * n) * point[3];
    }
    // MLlib minimises (1/2n)|Xw + c - y|^2 + r a |w|_1 + r (1 - a) / (2 sd(y)) |w|^2 (its effective regParam is
    // r / sd(y) on labels scaled by 1/sd(y)), sd the sample standard deviation of the labels
    double labelSd = df.agg(stddev(col("label"))).first().getDouble(0);
    double mllibSeconds = Double.POSITIVE_INFINITY;
    List<LinearRegressionModel> models = new ArrayList<>();
    for (int rep = 0; rep < reps; rep++) {
      long t0 = System.nanoTime();
      for (double[] point : path) {
        // r a = lambda, r (1 - a) / sd(y) = L2/n
        double reg = point[0] + labelSd * ridge / n;
        LinearRegressionModel m = new LinearRegression().setElasticNetParam(point[0] / reg).setRegParam(reg)
            .setFitIntercept(intercept).setStandardization(false).fit(df);
        if (rep == 0) {
          models.add(m);
        }
      }
      mllibSeconds = Math.min(mllibSeconds, (System.nanoTime() - t0) / 1e9);
    }
    List<String> table = new ArrayList<>();
    table.add("| λ | randnla objective | MLlib objective | MLlib / randnla − 1 | randnla support size | MLlib support (wrong) | MLlib iterations |");
    table.add("|---:|---:|---:|---:|---:|---:|---:|");
    double worst = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < path.size(); i++) {
      double lambda = path.get(i)[0];
      LinearRegressionModel m = models.get(i);
      double[] w = m.coefficients().toArray();
      double r = RegressBench.residualNorm(df, w, m.intercept());
      double objective = r * r / (2 * n) + lambda * Arrays.stream(w).map(Math::abs).sum()
          + ridge / (2.0 * n) * Arrays.stream(w).map(v -> v * v).sum();
      double rel = objective / path.get(i)[1] - 1;
      worst = Math.max(worst, rel);
      table.add(String.format(Locale.ROOT, "| %.4g | %.10g | %.10g | %+.1e | %s | %s | %d |", lambda, path.get(i)[1],
          objective, rel, (int) path.get(i)[2], supportCell(w, support), m.summary().totalIterations()));
    }
    df.unpersist();
    List<String> out = new ArrayList<>();
    out.add(title);
    out.add("");
    out.add(String.format(Locale.ROOT, "randnla: %.1f s for the whole path with 5-fold CV (%.0f pass); MLlib: %.1f s for "
        + "the 10 fits (%.1f× randnla's time); best of %d runs each; largest MLlib objective excess %+.1e.", ours.seconds(),
        ours.value().passes(), mllibSeconds, mllibSeconds / ours.seconds(), reps, worst));
    out.add(String.format(Locale.ROOT, "CV-chosen supports: plain Lasso %s, preconditioned Lasso %s.",
        supportText(ours.value().coefficients(), support), supportText(pre.coefficients(), support)));
    out.add("");
    out.addAll(table);
    return out;
  }

  private static int[] support(double[] w) {
    return java.util.stream.IntStream.range(0, w.length).filter(j -> w[j] != 0).toArray();
  }

  /** The support itself against a known one; its size (and the CV error's units are the label's) on a user's data. */
  private static String supportText(double[] w, int[] truth) {
    return truth != null ? Arrays.toString(support(w)) : support(w).length + " columns";
  }

  /** "size (wrong)" where wrong counts the selected columns outside the true support. */
  private static String supportCell(double[] w, int[] truth) {
    int[] s = support(w);
    if (truth == null) {
      return s.length + " (?)";
    }
    long wrong = Arrays.stream(s).filter(j -> Arrays.binarySearch(truth, j) < 0).count();
    return s.length + " (" + wrong + ")";
  }
}
