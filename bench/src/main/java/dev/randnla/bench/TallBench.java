package dev.randnla.bench;

import dev.randnla.io.InputOptions;
import dev.randnla.io.MatrixFormat;
import dev.randnla.io.OutputOptions;
import dev.randnla.jobs.generate.MatrixKind;
import dev.randnla.jobs.tall.GramConfig;
import dev.randnla.jobs.tall.GramJob;
import dev.randnla.jobs.tall.PcaConfig;
import dev.randnla.jobs.tall.PcaJob;
import dev.randnla.jobs.tall.QrConfig;
import dev.randnla.jobs.tall.QrJob;
import dev.randnla.jobs.tall.SvdConfig;
import dev.randnla.jobs.tall.SvdJob;
import dev.randnla.linalg.Blas;
import dev.randnla.linalg.TsqrKernel;
import dev.randnla.spark.TallSkinnyQr;
import dev.randnla.spark.TallSkinnySvd;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.Matrix;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.distributed.RowMatrix;
import org.apache.spark.sql.SparkSession;

/**
 * {@code gram}, {@code qr}, {@code svd} and {@code pca} against MLlib's {@link RowMatrix}
 * (computeGramianMatrix, tallSkinnyQR(false/true), computeSVD, computePrincipalComponents) and
 * {@code scan}, on the same dense CSV in one run; Q orthogonality of both on a κ = 1e8 input; and
 * the single-core rates of the Gram and TSQR kernels against the machine's dgemm.
 *
 * <p>Options: --rows, --cols, --digits, --reps, --k, --mllibSvd=false (skip MLlib's multi-pass
 * computeSVD), --orthRows/--orthCols/--orthKappa (the orthogonality input), --only=kernels (just the
 * kernel rates; run it with a native BLAS on LD_LIBRARY_PATH to measure that configuration).
 *
 * <p>MLlib reads the CSV with textFile + split + parseDouble on every action (nothing cached, as
 * randnla re-reads too); its Q is only counted, not written, which favours it.
 */
public final class TallBench extends BenchCase {
  public TallBench() {
    super("tall",
        "gram/qr/svd/pca vs MLlib RowMatrix (Gramian, tallSkinnyQR, computeSVD, PCA) and scan, same dense CSV");
  }

  @Override
  public List<String> run(SparkSession spark, Args args, String workdir) throws Exception {
    int reps = args.getInt("reps", 3);
    int k = args.getInt("k", 10);
    boolean mllibSvd = args.flag("mllibSvd", true);
    if (args.get("only", "").equals("kernels")) {
      return kernels(args.getInt("cols", 784));
    }
    Inputs.Dense dense = Inputs.lowrankCsv(spark, args, workdir);
    String input = dense.path();
    int cols = dense.cols();
    JavaSparkContext jsc = new JavaSparkContext(spark.sparkContext());
    String out = workdir + "/tall-out";
    InputOptions in = InputOptions.of(input);

    List<String[]> table = new ArrayList<>();
    double scan = Inputs.scanFloor(spark, reps, in, out + "/scan").seconds();
    table.add(row("scan (read floor)", scan, Double.NaN, scan));

    double gram = best(reps, () -> GramJob.FRAME.run(spark, new GramConfig(in, new OutputOptions(out + "/gram", true, null), false, true)));
    double mGram = best(reps, () -> mllib(jsc, input).computeGramianMatrix());
    table.add(row("gram vs computeGramianMatrix", gram, mGram, scan));

    double qr = best(reps, () -> QrJob.FRAME.run(spark, new QrConfig(in, new OutputOptions(out + "/qr", true, null),
        TallSkinnyQr.Method.TSQR, false, 0, true)));
    double mQr = best(reps, () -> mllib(jsc, input).tallSkinnyQR(false).R());
    table.add(row("qr (tsqr, R only) vs tallSkinnyQR(false)", qr, mQr, scan));

    double qrQ = best(reps, () -> QrJob.FRAME.run(spark, new QrConfig(in, new OutputOptions(out + "/qrq", true, null),
        TallSkinnyQr.Method.TSQR, true, 0, true)));
    double mQrQ = best(reps, () -> mllib(jsc, input).tallSkinnyQR(true).Q().rows().count());
    table.add(row("qr --q (3 passes, Q written as Parquet) vs tallSkinnyQR(true) (Q counted)", qrQ, mQrQ, scan));

    double rq = best(reps, () -> QrJob.FRAME.run(spark, new QrConfig(in, new OutputOptions(out + "/rcq", true, null),
        TallSkinnyQr.Method.RANDCHOLQR, false, 1, true)));
    table.add(row("qr --method randcholqr (R, 2 passes)", rq, mQr, scan));
    double cq = best(reps, () -> QrJob.FRAME.run(spark, new QrConfig(in, new OutputOptions(out + "/cq2", true, null),
        TallSkinnyQr.Method.CHOLQR2, false, 0, true)));
    table.add(row("qr --method cholqr2 (R, 2 passes)", cq, mQr, scan));

    double svd = best(reps, () -> SvdJob.FRAME.run(spark, new SvdConfig(in, new OutputOptions(out + "/svd", true, null), k, false,
        TallSkinnySvd.Method.TSQR, true)));
    double mSvd = mllibSvd ? best(1, () -> mllib(jsc, input).computeSVD(k, false, 1e-9)) : Double.NaN;
    table.add(row("svd --k " + k + " vs computeSVD(" + k + ") (MLlib: best of 1)", svd, mSvd, scan));

    double pca = best(reps, () -> PcaJob.FRAME.run(spark, new PcaConfig(in, new OutputOptions(out + "/pca", true, null), k,
        TallSkinnySvd.Method.TSQR, true)));
    double mPca = best(reps, () -> mllib(jsc, input).computePrincipalComponents(k));
    table.add(row("pca --k " + k + " vs computePrincipalComponents(" + k + ")", pca, mPca, scan));

    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "Input: %d x %d dense CSV (lowrank, kappa 1e3, %d significant digits), %.0f MB, "
        + "Spark parallelism %d; wall seconds, best of %d (the machine is shared: noisy).", dense.rows(), cols,
        dense.digits(), dense.bytes() / 1e6, spark.sparkContext().defaultParallelism(), reps));
    lines.add("");
    Markdown.table(lines, "| operation | randnla s | MLlib s | MLlib / randnla | randnla / scan |", "|---|---:|---:|---:|---:|",
        table);
    lines.add("");
    lines.addAll(orthogonality(spark, jsc, args, workdir));
    lines.add("");
    lines.addAll(kernels(cols));
    return lines;
  }

  /** ‖QᵀQ − I‖_F of randnla's Q (TSQR twice) and MLlib's Q = A·R⁻¹ on the same κ = 1e8 matrix, both measured by MLlib's Gramian. */
  private static List<String> orthogonality(SparkSession spark, JavaSparkContext jsc, Args args, String workdir) {
    long rows = args.getLong("orthRows", 20_000);
    int cols = args.getInt("orthCols", 100);
    double kappa = args.getDouble("orthKappa", 1e8);
    String input = Inputs.generated(spark, workdir, MatrixKind.LOWRANK, rows, cols, MatrixFormat.CSV, 0, kappa, 11);
    String qDir = workdir + "/tall-out/orth-q";
    QrJob.FRAME.run(spark, new QrConfig(InputOptions.of(input), new OutputOptions(qDir, true, OutputOptions.RowFormat.CSV),
        TallSkinnyQr.Method.TSQR, true, 0, true));
    JavaRDD<Vector> ours = Inputs.csvVectors(jsc, qDir + "/Q/part-*", 1);
    double oursErr = identityError(new RowMatrix(ours.rdd()).computeGramianMatrix());
    double mllibErr = identityError(mllib(jsc, input).tallSkinnyQR(true).Q().computeGramianMatrix());
    List<String> out = new ArrayList<>();
    out.add(String.format(Locale.ROOT, "Q orthogonality on a %d x %d lowrank matrix with kappa = %.0e (full precision): "
        + "||Q^T Q - I||_F = %.2e for randnla qr --q (TSQR twice), %.2e for MLlib tallSkinnyQR(true) (Q = A R^-1): "
        + "%.1e times better.", rows, cols, kappa, oursErr, mllibErr, mllibErr / oursErr));
    return out;
  }

  private static double identityError(Matrix g) {
    double s = 0;
    for (int i = 0; i < g.numRows(); i++) {
      for (int j = 0; j < g.numCols(); j++) {
        double e = g.apply(i, j) - (i == j ? 1 : 0);
        s += e * e;
      }
    }
    return Math.sqrt(s);
  }

  /** Single-thread kernel rates by thread CPU time (robust to other load on a shared machine). */
  private static List<String> kernels(int d) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    java.util.Random rnd = new java.util.Random(1);
    List<String> out = new ArrayList<>();
    int n = 1024;
    double[] a = gaussian(rnd, n * n);
    double[] b = gaussian(rnd, n * n);
    double[] c = new double[n * n];
    double dgemm = 0;
    for (int rep = 0; rep < 3; rep++) {
      long t0 = mx.getCurrentThreadCpuTime();
      Blas.blas().dgemm("N", "N", n, n, n, 1.0, a, n, b, n, 0.0, c, n);
      dgemm = Math.max(dgemm, 2.0 * n * n * n / ((mx.getCurrentThreadCpuTime() - t0) / 1e9) / 1e9);
    }
    out.add(String.format(Locale.ROOT, "Kernels (one core, thread CPU time, %s): dgemm 1024^3 %.1f GFLOP/s.",
        Blas.implementation(), dgemm));
    out.add("");
    out.add("| kernel | d | rows per block | GFLOP/s (useful flops) | share of dgemm |");
    out.add("|---|---:|---:|---:|---:|");
    for (int dd : new int[] {50, d}) {
      int rowsPerBlock = (int) Math.max(64, Math.min(2048, (8L << 20) / (8L * dd)));
      double[] block = gaussian(rnd, rowsPerBlock * dd);
      double[] g = new double[dd * dd];
      int reps = (int) Math.max(5, 4e9 / (2.0 * rowsPerBlock * dd * dd));
      double gram = rate(mx, reps, () -> Blas.gramUpdate(g, dd, block, rowsPerBlock), 1.0 * rowsPerBlock * dd * dd);
      String how = Blas.isNative() ? "dsyrk" : dd <= 128 ? "dgemm, both triangles" : "dgemm, upper panels of 128";
      out.add(String.format(Locale.ROOT, "| Gram block update (%s, counted as b d^2) | %d | %d | %.1f | %.0f%% |",
          how, dd, rowsPerBlock, gram, 100 * gram / dgemm));
      double[] r = new double[dd * dd];
      double[] work = new double[block.length];
      double tsqr = rate(mx, reps, () -> {
        System.arraycopy(block, 0, work, 0, block.length);
        TsqrKernel.update(r, dd, work, rowsPerBlock, rowsPerBlock);
      }, 2.0 * rowsPerBlock * dd * dd);
      out.add(String.format(Locale.ROOT, "| TSQR step [R; B] (counted as 2 b d^2) | %d | %d | %.1f | %.0f%% |", dd,
          rowsPerBlock, tsqr, 100 * tsqr / dgemm));
    }
    return out;
  }

  private static double rate(ThreadMXBean mx, int reps, Runnable work, double flops) {
    work.run();
    long t0 = mx.getCurrentThreadCpuTime();
    for (int i = 0; i < reps; i++) {
      work.run();
    }
    double s = (mx.getCurrentThreadCpuTime() - t0) / 1e9 / reps;
    return flops / s / 1e9;
  }

  private static double[] gaussian(java.util.Random rnd, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rnd.nextGaussian();
    }
    return x;
  }

  /** The CSV as MLlib users read it: textFile, split, parseDouble, dense vectors (re-read on every action). */
  private static RowMatrix mllib(JavaSparkContext jsc, String dir) {
    return new RowMatrix(Inputs.csvVectors(jsc, dir + "/part-*", 0).rdd());
  }

  private static double best(int reps, Callable<?> work) throws Exception {
    return Timer.best(reps, work).seconds();
  }

  /** A row of the table, also printed to stderr as it is measured. */
  private static String[] row(String name, double ours, double mllib, double scan) {
    String[] cells = {name, String.format(Locale.ROOT, "%.2f", ours),
        Double.isNaN(mllib) ? "–" : String.format(Locale.ROOT, "%.2f", mllib),
        Double.isNaN(mllib) ? "–" : String.format(Locale.ROOT, "%.1fx", mllib / ours),
        String.format(Locale.ROOT, "%.2f", ours / scan)};
    System.err.println("[tall bench] " + Markdown.row(cells));
    return cells;
  }
}
