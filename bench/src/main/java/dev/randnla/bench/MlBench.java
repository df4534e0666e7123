package dev.randnla.bench;

import dev.randnla.io.InputOptions;
import dev.randnla.io.OutputOptions;
import dev.randnla.jobs.regress.RegressConfig;
import dev.randnla.jobs.regress.RegressJob;
import dev.randnla.jobs.regress.Solver;
import dev.randnla.linalg.Vectors;
import dev.randnla.ml.LeverageScores;
import dev.randnla.ml.RowMatrices;
import dev.randnla.ml.SketchedLinearRegression;
import dev.randnla.ml.SketchedLinearRegressionModel;
import dev.randnla.ml.TallSkinnyPCA;
import dev.randnla.ml.TallSkinnyPCAModel;
import dev.randnla.ml.TopEigenvector;
import dev.randnla.ml.TopEigenvectorModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.feature.PCAModel;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.mllib.linalg.Matrix;
import org.apache.spark.mllib.linalg.SingularValueDecomposition;
import org.apache.spark.mllib.linalg.distributed.RowMatrix;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The Spark ML door ({@code dev.randnla.ml}, issue 17) against what an MLlib user calls on the same
 * cached DataFrame in one run: {@code SketchedLinearRegression} vs {@code LinearRegression}
 * (solver normal), {@code TallSkinnyPCA} vs {@code ml.feature.PCA}, {@code TopEigenvector} and
 * {@code RowMatrices.svd} vs {@code RowMatrix.computeSVD}; and a {@code LeverageScores} coreset of the rows
 * (expected size {@code --coreset}, weights 1/qᵢ) fitted by both with {@code weightCol}, judged against the
 * coreset's exact weighted solution x_w and by the full data's residual relative to the optimum. The input is a user's LIBSVM file
 * ({@code --file=PATH --cols=D}) read once by Spark's LIBSVM reader and cached, so both sides start
 * from the same rows in memory and the times are the fits alone. x_ref is {@code regress --solver exact}
 * on the file (TSQR of [A b], backward stable at any κ).
 */
public final class MlBench extends BenchCase {
  public MlBench() {
    super("ml", "the Spark ML Estimators vs MLlib's LinearRegression, PCA and computeSVD on the same cached "
        + "DataFrame, and weighted LS on a leverage coreset; --file=PATH --cols=D (LIBSVM) --k=10 --coreset=10*D");
  }

  @Override
  public List<String> run(org.apache.spark.sql.SparkSession spark, Args args, String workdir) throws Exception {
    String file = args.get("file", "");
    if (file.isEmpty()) {
      throw new IllegalArgumentException("ml needs --file=PATH (a LIBSVM file) and --cols=D");
    }
    int cols = args.getInt("cols", 0);
    int k = args.getInt("k", 10);
    int reps = args.getInt("reps", 1);
    double[] xRef = RegressJob.FRAME.run(spark, RegressConfig.of(InputOptions.of(file).withCols(cols),
        new OutputOptions(workdir + "/ml-ref", true, null), Solver.EXACT, 1)).coefficients();
    Dataset<Row> df = spark.read().format("libsvm").option("numFeatures", "" + cols).load(file)
        .persist(StorageLevel.MEMORY_ONLY());
    long n = df.count(); // read and cached before any timing
    RowMatrix rm = new RowMatrix(df.select("features").javaRDD()
        .map(r -> org.apache.spark.mllib.linalg.Vectors.fromML(r.getAs(0))).rdd().cache());
    rm.rows().count();

    List<String[]> table = new ArrayList<>();
    Timer.Timed<SketchedLinearRegressionModel> ours = Timer.best(reps, () -> new SketchedLinearRegression().fit(df));
    Timer.Timed<LinearRegressionModel> lr = Timer.best(reps, () -> new LinearRegression().setSolver("normal")
        .setFitIntercept(false).setRegParam(0.0).setElasticNetParam(0.0).setStandardization(false).fit(df));
    table.add(row("least squares", "SketchedLinearRegression (default solver)", ours.seconds(),
        "‖x − x_ref‖/‖x_ref‖ = " + sci(Vectors.relativeDistance(ours.value().coefficients().toArray(), xRef)),
        lr.seconds()));
    table.add(row("least squares", "MLlib LinearRegression solver=normal", lr.seconds(),
        "‖x − x_ref‖/‖x_ref‖ = " + sci(Vectors.relativeDistance(lr.value().coefficients().toArray(), xRef)),
        lr.seconds()));

    // a leverage-score coreset of the same rows, then weighted least squares on it, both sides with weightCol
    long m = args.getInt("coreset", 10 * cols);
    Dataset<Row> coreset = new LeverageScores().setSampleSize(m).setSeed(7).sample(df)
        .persist(StorageLevel.MEMORY_ONLY());
    long kept = coreset.count();
    double[] xW = new SketchedLinearRegression().setSolver("exact").setWeightCol("weight").fit(coreset)
        .coefficients().toArray();
    Timer.Timed<SketchedLinearRegressionModel> oursW = Timer.best(reps, () -> new SketchedLinearRegression()
        .setWeightCol("weight").fit(coreset));
    Timer.Timed<LinearRegressionModel> lrW = Timer.best(reps, () -> new LinearRegression().setSolver("normal")
        .setFitIntercept(false).setRegParam(0.0).setElasticNetParam(0.0).setStandardization(false)
        .setWeightCol("weight").fit(coreset));
    Dataset<Row> ab = df.select("features", "label");
    double full = RegressBench.residualNorm(ab, xRef);
    String coresetTask = "weighted LS on a leverage coreset (" + kept + " rows, weightCol)";
    table.add(row(coresetTask, "SketchedLinearRegression (default solver)", oursW.seconds(), "‖x − x_w‖/‖x_w‖ = "
        + sci(Vectors.relativeDistance(oursW.value().coefficients().toArray(), xW)) + String.format(Locale.ROOT,
        "; full-data residual / optimum = %.4f", RegressBench.residualNorm(ab, oursW.value().coefficients().toArray()) / full),
        lrW.seconds()));
    table.add(row(coresetTask, "MLlib LinearRegression solver=normal", lrW.seconds(), "‖x − x_w‖/‖x_w‖ = "
        + sci(Vectors.relativeDistance(lrW.value().coefficients().toArray(), xW)) + String.format(Locale.ROOT,
        "; full-data residual / optimum = %.4f", RegressBench.residualNorm(ab, lrW.value().coefficients().toArray()) / full),
        lrW.seconds()));
    coreset.unpersist();

    Timer.Timed<TallSkinnyPCAModel> pca = Timer.best(reps, () -> new TallSkinnyPCA().setK(k).setOutputCol("pc")
        .fit(df));
    Timer.Timed<PCAModel> mlPca = Timer.best(reps, () -> new PCA().setK(k).setInputCol("features").setOutputCol("pc")
        .fit(df));
    double[] ratioOurs = pca.value().explainedVarianceRatio().toArray();
    double[] ratioMl = mlPca.value().explainedVariance().toArray();
    table.add(row("PCA, k = " + k, "TallSkinnyPCA", pca.seconds(), "max abs. difference from MLlib's ratios = "
        + sci(maxAbsDiff(ratioOurs, ratioMl)), mlPca.seconds()));
    table.add(row("PCA, k = " + k, "MLlib PCA", mlPca.seconds(), "", mlPca.seconds()));

    Timer.Timed<SingularValueDecomposition<RowMatrix, Matrix>> svd = Timer.best(reps, () -> RowMatrices.svd(rm, k));
    Timer.Timed<SingularValueDecomposition<RowMatrix, Matrix>> mlSvd = Timer.best(reps,
        () -> rm.computeSVD(k, false, 1e-9));
    Timer.Timed<TopEigenvectorModel> top = Timer.best(reps, () -> new TopEigenvector().fit(df));
    Timer.Timed<TopEigenvectorModel> topExact = Timer.best(reps, () -> new TopEigenvector().setMethod("exact").fit(df));
    double s1 = mlSvd.value().s().apply(0);
    table.add(row("top singular values, k = " + k, "RowMatrices.svd", svd.seconds(), "max relative σ difference = "
        + sci(maxRelDiff(svd.value().s().toArray(), mlSvd.value().s().toArray())), mlSvd.seconds()));
    table.add(row("top singular values, k = " + k, "MLlib RowMatrix.computeSVD", mlSvd.seconds(), "",
        mlSvd.seconds()));
    table.add(row("top eigenvalue of AᵀA", "TopEigenvector (method auto)", top.seconds(), String.format(Locale.ROOT,
        "λ₁/σ₁(MLlib)² − 1 = %s, %.0f pass, method %s", sci(top.value().eigenvalues()[0] / (s1 * s1) - 1),
        top.value().passes(), ((java.util.Map<?, ?>) dev.randnla.io.Summary.parse(top.value().summaryJson()).get("result"))
        .get("method")),
        mlSvd.seconds()));
    table.add(row("top eigenvalue of AᵀA", "TopEigenvector (method exact)", topExact.seconds(), String.format(Locale.ROOT,
        "λ₁/σ₁(MLlib)² − 1 = %s, %.0f pass", sci(topExact.value().eigenvalues()[0] / (s1 * s1) - 1),
        topExact.value().passes()), mlSvd.seconds()));

    List<String> out = new ArrayList<>();
    out.add(String.format(Locale.ROOT, "**%s: %d × %d** (LIBSVM, %.0f MB), read once by Spark's LIBSVM reader and "
        + "cached; best of %d fit(s) each; the last column is the MLlib fit's seconds over this one's.",
        Path.of(file).getFileName(), n, cols, Files.size(Path.of(file)) / 1e6, reps));
    out.add("");
    Markdown.table(out, "| task | method | seconds | accuracy | MLlib / this |", "|---|---|---:|---|---:|", table);
    df.unpersist();
    rm.rows().unpersist(false);
    return out;
  }

  private static String[] row(String task, String method, double seconds, String accuracy, double mllibSeconds) {
    return new String[] {task, method, String.format(Locale.ROOT, "%.1f", seconds), accuracy,
        String.format(Locale.ROOT, "%.2f", mllibSeconds / seconds)};
  }

  private static double maxAbsDiff(double[] a, double[] b) {
    double m = 0;
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  private static double maxRelDiff(double[] a, double[] b) {
    double m = 0;
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]) / Math.abs(b[i]));
    }
    return m;
  }

  private static String sci(double v) {
    return String.format(Locale.ROOT, "%.1e", v);
  }
}
