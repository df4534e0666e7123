package dev.randnla.bench;

import dev.randnla.io.InputOptions;
import dev.randnla.io.MatrixFormat;
import dev.randnla.io.OutputOptions;
import dev.randnla.jobs.generate.GenerateConfig;
import dev.randnla.jobs.generate.MatrixKind;
import dev.randnla.jobs.scan.ScanResult;
import dev.randnla.jobs.spectrum.SpectrumConfig;
import dev.randnla.jobs.spectrum.SpectrumJob;
import dev.randnla.jobs.spectrum.SpectrumResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.SingularValueDecomposition;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.distributed.RowMatrix;
import org.apache.spark.sql.SparkSession;

/**
 * {@code spectrum} against MLlib on the same CSV in one run: the exact spectrum (one Gram pass and
 * a dense eigensolver) vs {@code RowMatrix.computeSVD(d)} (reading and parsing the same files with
 * textFile), the SLQ time per Lanczos pass, and {@code scan} (the read floor).
 */
public final class SpectrumBench extends BenchCase {
  public SpectrumBench() {
    super("spectrum",
        "spectrum (exact Gram spectrum; SLQ per pass) vs MLlib RowMatrix.computeSVD(d) and scan, same dense CSV");
  }

  @Override
  public List<String> run(SparkSession spark, Args args, String workdir) throws Exception {
    long rows = args.getLong("rows", 100_000);
    int cols = args.getInt("cols", 300);
    int reps = args.getInt("reps", 3);
    int steps = args.getInt("steps", 10);
    int probes = args.getInt("probes", 16);
    String input = noise(spark, workdir, rows, cols);
    long bytes = Inputs.bytes(input);
    JavaSparkContext jsc = new JavaSparkContext(spark.sparkContext());
    Timer.Timed<ScanResult> scan = Inputs.scanFloor(spark, reps, InputOptions.of(input), workdir + "/scan-out");
    Timer.Timed<SpectrumResult> exact = Timer.best(reps, () -> SpectrumJob.FRAME.run(spark, new SpectrumConfig(
        InputOptions.of(input), new OutputOptions(workdir + "/spectrum-out", true, null), SpectrumConfig.Method.EXACT,
        false, false, 0, probes, steps, 20, 60, true, 1, true)));
    String files = input + "/part-*";
    Timer.Timed<double[]> mllib = Timer.best(reps, () -> {
      JavaRDD<Vector> vectors = Inputs.csvVectors(jsc, files, 0);
      RowMatrix m = new RowMatrix(vectors.rdd(), rows, cols);
      SingularValueDecomposition<RowMatrix, org.apache.spark.mllib.linalg.Matrix> svd = m.computeSVD(cols, false, 1e-9);
      return svd.s().toArray();
    });
    Timer.Timed<SpectrumResult> slq = Timer.best(Math.max(1, reps - 1), () -> SpectrumJob.FRAME.run(spark, new SpectrumConfig(
        InputOptions.of(input), new OutputOptions(workdir + "/spectrum-slq", true, null), SpectrumConfig.Method.SLQ,
        false, false, 0, probes, steps, 20, 60, false, 1, true)));
    double lanczos = stageSeconds(workdir + "/spectrum-slq", "lanczos");
    double[] s = mllib.value();
    double[] lambda = exact.value().eigenvalues();
    double maxRel = 0;
    for (int j = 0; j < s.length; j++) {
      double fromMllib = s[j] * s[j] / rows;
      maxRel = Math.max(maxRel, Math.abs(fromMllib - lambda[j]) / lambda[0]);
    }
    double slqTop = slq.value().eigenvalues()[0];
    List<String> out = new ArrayList<>();
    out.add(String.format(Locale.ROOT, "Input: %d x %d dense CSV (Gaussian noise, spikes 8 and 3), %.0f MB, full precision; "
        + "best of %d (SLQ best of %d).", rows, cols, bytes / 1e6, reps, Math.max(1, reps - 1)));
    out.add("");
    Markdown.table(out, "| method | passes | seconds | ratio to scan |", "|---|---:|---:|---:|", List.of(
        row("randnla scan (read floor)", 1, scan.seconds(), scan.seconds()),
        row("randnla spectrum --method exact (Gram pass + eigensolver + descriptors + plot)",
            exact.value().passes(), exact.seconds(), scan.seconds()),
        row("MLlib RowMatrix.computeSVD(d) on textFile + split + parseDouble", 1, mllib.seconds(), scan.seconds()),
        row(String.format(Locale.ROOT, "randnla spectrum --method slq (%d probes, %d steps)", probes, steps),
            slq.value().passes(), slq.seconds(), scan.seconds())));
    out.add("");
    out.add(String.format(Locale.ROOT, "SLQ: %.2f s per Lanczos pass (%d probes advanced together), i.e. %.2fx a scan pass.",
        lanczos / steps, probes, lanczos / steps / scan.seconds()));
    out.add(String.format(Locale.ROOT, "Agreement: max |lambda_MLlib - lambda_randnla| / lambda_1 = %.1e over all %d eigenvalues; "
        + "SLQ top Ritz value %.10g vs exact %.10g; SLQ nuclear norm %.6g +- %.2g vs exact %.6g.", maxRel, cols, slqTop,
        lambda[0], slq.value().nuclearNorm(), slq.value().nuclearNormStandardError(), exact.value().nuclearNorm()));
    return out;
  }

  private static String noise(SparkSession spark, String workdir, long rows, int cols) {
    return Inputs.cached(spark, workdir, String.format(Locale.ROOT, "noise-%dx%d-s7", rows, cols),
        o -> new GenerateConfig(MatrixKind.NOISE, rows, cols, o, MatrixFormat.CSV, true, 7, 0, 0, false, null, null, null,
            null, null, null, null, null, 1.0, null, null, new double[] {8, 3}, true));
  }

  private static double stageSeconds(String output, String stage) throws java.io.IOException {
    return ((Number) Inputs.stageSeconds(output).get(stage)).doubleValue();
  }

  private static String[] row(String name, double passes, double s, double ref) {
    return new String[] {name, String.format(Locale.ROOT, "%.0f", passes), String.format(Locale.ROOT, "%.2f", s),
        String.format(Locale.ROOT, "%.2f", s / ref)};
  }
}
