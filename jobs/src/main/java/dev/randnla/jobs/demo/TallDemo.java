package dev.randnla.jobs.demo;

import dev.randnla.io.InputOptions;
import dev.randnla.jobs.generate.GenerateJob;
import dev.randnla.jobs.generate.GenerateResult;
import dev.randnla.jobs.generate.MatrixKind;
import dev.randnla.jobs.tall.GramConfig;
import dev.randnla.jobs.tall.GramJob;
import dev.randnla.jobs.tall.GramResult;
import dev.randnla.jobs.tall.PcaConfig;
import dev.randnla.jobs.tall.PcaJob;
import dev.randnla.jobs.tall.PcaResult;
import dev.randnla.jobs.tall.QrConfig;
import dev.randnla.jobs.tall.QrJob;
import dev.randnla.jobs.tall.QrResult;
import dev.randnla.jobs.tall.SvdConfig;
import dev.randnla.jobs.tall.SvdJob;
import dev.randnla.jobs.tall.SvdResult;
import dev.randnla.spark.TallSkinnyQr;
import dev.randnla.spark.TallSkinnySvd;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * Demo of {@code gram}, {@code qr}, {@code svd} and {@code pca} on a lowrank 32 768 × 20 CSV with
 * singular values geometric from 1 to 1e-10: TSQR recovers all of them, the Gram cannot.
 */
final class TallDemo implements DemoStep {
  static final long ROWS = 32_768;
  static final int COLS = 20;
  static final double KAPPA = 1e10;

  @Override
  public String title() {
    return "generate a " + ROWS + " x " + COLS + " matrix with singular values 1 ... 1e-10, then gram, qr, svd, pca";
  }

  @Override
  public List<DemoRow> run(SparkSession spark, String workdir, long seed) {
    String dir = workdir + "/lowrank";
    GenerateResult g = GenerateJob.run(spark,
        DemoStep.generated(MatrixKind.LOWRANK, ROWS, COLS, dir, seed).kappa(KAPPA).rank(COLS).build());
    double[] s = (double[]) g.truth().get("singularValues");
    InputOptions in = InputOptions.of(dir);
    GramResult gram = GramJob.FRAME.run(spark, new GramConfig(in, DemoStep.output(workdir, "gram"), false, true));
    QrResult qr = QrJob.FRAME.run(spark, new QrConfig(in, DemoStep.output(workdir, "qr"), TallSkinnyQr.Method.TSQR, false, seed, true));
    SvdResult svd = SvdJob.FRAME.run(spark, new SvdConfig(in, DemoStep.output(workdir, "svd"), 3, false, TallSkinnySvd.Method.TSQR, true));
    SvdResult svdGram = SvdJob.FRAME.run(spark, new SvdConfig(in, DemoStep.output(workdir, "svd-gram"), 3, false, TallSkinnySvd.Method.GRAM,
        true));
    PcaResult pca = PcaJob.FRAME.run(spark, new PcaConfig(in, DemoStep.output(workdir, "pca"), 2, TallSkinnySvd.Method.TSQR, true));
    double total = 0;
    for (double x : s) {
      total += x * x;
    }
    double[] sigma = svd.singularValues();
    double[] sigmaGram = svdGram.singularValues();
    return List.of(
        DemoRow.info("gram", "kappa(A) estimate (the Gram squares it: 1e20)",
            String.format(Locale.ROOT, "%.3g", gram.conditionNumberEstimate())),
        DemoRow.compare("qr", "kappa(A) estimate (1-norm, within d)",
            ((Number) qr.factorization().diagnostics().get("conditionNumberEstimate")).doubleValue(), KAPPA),
        DemoRow.compare("svd", "sigma_1", sigma[0], s[0]),
        DemoRow.compare("svd", "sigma_20 (tsqr)", sigma[COLS - 1], s[COLS - 1]),
        DemoRow.compare("svd", "sigma_20 (--method gram)", sigmaGram[COLS - 1], s[COLS - 1]),
        DemoRow.compare("pca", "explained variance ratio, PC1", pca.explainedVarianceRatio()[0], s[0] * s[0] / total),
        DemoRow.info("svd", "seconds (one TSQR pass)", String.format(Locale.ROOT, "%.2f", svd.seconds())));
  }
}
