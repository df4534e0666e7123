package dev.randnla.jobs.demo;

import dev.randnla.io.InputOptions;
import dev.randnla.jobs.generate.GenerateConfig;
import dev.randnla.jobs.generate.GenerateJob;
import dev.randnla.jobs.generate.MatrixKind;
import dev.randnla.jobs.scan.ScanConfig;
import dev.randnla.jobs.scan.ScanJob;
import dev.randnla.jobs.scan.ScanResult;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** Demo of {@code generate} and {@code scan}: a spiked 65 536 × 50 CSV, read back. */
final class ScanDemo implements DemoStep {
  static final long ROWS = 65_536;
  static final int COLS = 50;

  @Override
  public String title() {
    return "generate a spiked " + ROWS + " x " + COLS + " CSV, then scan it";
  }

  /** The spiked CSV shared by several demo steps (generated once per demo run). */
  static String spikedInput(SparkSession spark, String workdir, long seed) {
    String dir = workdir + "/spiked";
    if (!dev.randnla.io.CsvMatrices.exists(dir + "/_SUCCESS", spark.sparkContext().hadoopConfiguration())) {
      GenerateJob.run(spark, spikedConfig(dir, seed));
    }
    return dir;
  }

  static GenerateConfig spikedConfig(String dir, long seed) {
    return DemoStep.generated(MatrixKind.SPIKED, ROWS, COLS, dir, seed).gap(4.0).build();
  }

  @Override
  public List<DemoRow> run(SparkSession spark, String workdir, long seed) {
    String dir = spikedInput(spark, workdir, seed);
    java.util.Map<String, Object> truth = DemoStep.truth(spark, dir);
    ScanResult s = ScanJob.FRAME.run(spark, new ScanConfig(InputOptions.of(dir), DemoStep.output(workdir, "scan"), true));
    double fro = ((Number) truth.get("frobeniusNorm")).doubleValue();
    return List.of(
        DemoRow.compare("scan", "rows", s.rows(), ROWS),
        DemoRow.compare("scan", "Frobenius norm", s.frobeniusNorm(), fro),
        DemoRow.info("scan", "seconds (read floor)", String.format(java.util.Locale.ROOT, "%.2f", s.seconds())));
  }
}
