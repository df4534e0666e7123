package dev.randnla.bench;

import dev.randnla.io.MatrixFormat;
import dev.randnla.io.OutputOptions;
import dev.randnla.jobs.generate.GenerateConfig;
import dev.randnla.jobs.generate.GenerateJob;
import dev.randnla.jobs.generate.MatrixKind;
import java.io.File;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/** Generated bench inputs, cached in the work directory by their parameters. */
public final class Inputs {
  private Inputs() {}

  /**
   * A generated matrix (reused when the same parameters were generated before).
   *
   * @param kind the generator kind
   * @param digits significant digits (0 = full precision)
   * @param kappa condition number for lowrank/regression (null: default)
   */
  public static String generated(SparkSession spark, String workdir, MatrixKind kind, long rows, int cols,
      MatrixFormat format, int digits, Double kappa, long seed) {
    return generated(spark, workdir, kind, rows, cols, format, digits, kappa, null, seed);
  }

  /** As above, with the regression residual ρ (null: the kind's default). */
  public static String generated(SparkSession spark, String workdir, MatrixKind kind, long rows, int cols,
      MatrixFormat format, int digits, Double kappa, Double residual, long seed) {
    String name = String.format(Locale.ROOT, "%s-%dx%d-%s-d%d-k%s%s-s%d", kind.cliName(), rows, cols, format.cliName(),
        digits, kappa == null ? "def" : String.format(Locale.ROOT, "%.0e", kappa),
        residual == null ? "" : String.format(Locale.ROOT, "-r%.0e", residual), seed);
    File dir = new File(workdir, name);
    if (!new File(dir, "_SUCCESS").exists()) {
      GenerateJob.run(spark, new GenerateConfig(kind, rows, cols, new OutputOptions(dir.getAbsolutePath(), true, null),
          format, true, seed, 0, digits, false, null, kappa, kind == MatrixKind.LOWRANK ? cols : null, residual, null, null,
          null, null, null, null, null, true));
    }
    return dir.getAbsolutePath();
  }

  /** Total bytes of the data files in a directory. */
  public static long bytes(String dir) {
    long t = 0;
    File[] files = new File(dir).listFiles((d, n) -> n.startsWith("part-"));
    if (files != null) {
      for (File f : files) {
        t += f.length();
      }
    }
    return t;
  }
}
