package dev.randnla.jobs.demo;

import dev.randnla.io.InputOptions;
import dev.randnla.io.OutputOptions;
import dev.randnla.jobs.generate.GenerateConfig;
import dev.randnla.jobs.generate.GenerateJob;
import dev.randnla.jobs.generate.GenerateResult;
import dev.randnla.jobs.generate.MatrixKind;
import dev.randnla.jobs.leverage.LeverageConfig;
import dev.randnla.jobs.leverage.LeverageJob;
import dev.randnla.jobs.leverage.LeverageResult;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * Demo of {@code leverage}: exact and approximate leverage of the closed-form leverage matrix
 * (largest score α²/(α² + s_min²), scores summing to d), and ℓ1.5 Lewis weights of the
 * duplicated-directions matrix (largest weight 1/m_min, weights summing to d).
 */
final class LeverageDemo implements DemoStep {
  static final long ROWS = 16_384;
  static final int COLS = 20;
  static final long DUPLICATED_ROWS = 1_000;
  static final int DUPLICATED_COLS = 10;

  @Override
  public String title() {
    return "leverage scores of a " + ROWS + " x " + COLS + " closed-form matrix (exact, approx) and l1.5 Lewis "
        + "weights of duplicated directions";
  }

  private static GenerateConfig generate(MatrixKind kind, long rows, int cols, String dir, long seed) {
    return DemoStep.generated(kind, rows, cols, dir, seed).build();
  }

  private static LeverageConfig config(String input, String output, LeverageConfig.Method method, Double p, long seed) {
    return new LeverageConfig(InputOptions.of(input), new OutputOptions(output, true, null), method, null, p, null, null,
        null, null, null, null, null, null, null, null, seed, true);
  }

  @Override
  public List<DemoRow> run(SparkSession spark, String workdir, long seed) {
    String lev = workdir + "/leverage-matrix";
    GenerateResult g = GenerateJob.run(spark, generate(MatrixKind.LEVERAGE, ROWS, COLS, lev, seed));
    LeverageResult exact = LeverageJob.FRAME.run(spark, config(lev, workdir + "/leverage-exact", LeverageConfig.Method.EXACT, null, seed));
    LeverageResult approx = LeverageJob.FRAME.run(spark, config(lev, workdir + "/leverage-approx", LeverageConfig.Method.APPROX, null, seed));
    double maxTruth = max((double[]) g.truth().get("identityRowLeverage"));

    String dup = workdir + "/duplicated";
    GenerateResult gd = GenerateJob.run(spark, generate(MatrixKind.DUPLICATED, DUPLICATED_ROWS, DUPLICATED_COLS, dup, seed));
    LeverageResult lewis = LeverageJob.FRAME.run(spark, config(dup, workdir + "/leverage-lewis", LeverageConfig.Method.LEWIS, 1.5, seed));
    double maxWeight = max((double[]) gd.truth().get("lewisWeights"));
    return List.of(
        DemoRow.compare("leverage", "exact: sum of scores", exact.sum(), COLS),
        DemoRow.compare("leverage", "exact: largest score", exact.max(), maxTruth),
        DemoRow.compare("leverage", "approx: sum of scores", approx.sum(), COLS),
        DemoRow.compare("leverage", "approx: largest score", approx.max(), maxTruth),
        DemoRow.info("leverage", "passes exact / approx", DemoRow.fmt(exact.passes()) + " / " + DemoRow.fmt(approx.passes())),
        DemoRow.compare("leverage", "l1.5 Lewis: largest weight", lewis.max(), maxWeight),
        DemoRow.compare("leverage", "l1.5 Lewis: sum of weights", lewis.sum(), DUPLICATED_COLS),
        DemoRow.info("leverage", "l1.5 Lewis: iterations (error bound)", String.format(Locale.ROOT, "%d (%.1e)",
            lewis.iterations(), lewis.errorBound())));
  }

  private static double max(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, x);
    }
    return m;
  }
}
