package dev.randnla.jobs.demo;

import dev.randnla.io.InputOptions;
import dev.randnla.jobs.generate.GenerateJob;
import dev.randnla.jobs.generate.GenerateResult;
import dev.randnla.jobs.generate.MatrixKind;
import dev.randnla.jobs.regress.RegressConfig;
import dev.randnla.jobs.regress.RegressJob;
import dev.randnla.jobs.regress.RegressResult;
import dev.randnla.jobs.regress.Solver;
import dev.randnla.linalg.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/** Demo of {@code regress}: a known-residual problem with κ = 1e6, solved exactly, by preconditioned CG and by sketch-and-solve. */
final class RegressDemo implements DemoStep {
  static final long ROWS = 16_384;
  static final int COLS = 20;
  static final double KAPPA = 1e6;
  static final double RESIDUAL = 1e-3;

  @Override
  public String title() {
    return "generate a " + ROWS + " x " + COLS + " regression CSV with κ = 1e6 and ρ = 1e-3, then regress it three ways";
  }

  @Override
  public List<DemoRow> run(SparkSession spark, String workdir, long seed) {
    String dir = workdir + "/regression";
    GenerateResult g = GenerateJob.run(spark,
        DemoStep.generated(MatrixKind.REGRESSION, ROWS, COLS, dir, seed).kappa(KAPPA).residual(RESIDUAL).build());
    double[] xStar = (double[]) g.truth().get("xStar");
    InputOptions input = InputOptions.of(dir).withLabelCol("0");
    List<DemoRow> rows = new ArrayList<>();
    for (Solver solver : new Solver[] {Solver.EXACT, Solver.PRECONDITION, Solver.SKETCH}) {
      RegressResult r = RegressJob.FRAME.run(spark, RegressConfig.of(input,
          DemoStep.output(workdir, "regress-" + solver.cliName()), solver, seed));
      String name = "regress " + solver.cliName();
      rows.add(DemoRow.compare(name, "residual norm", r.residualNorm(), RESIDUAL));
      rows.add(DemoRow.info(name, "|x - x*| / |x*|", String.format(Locale.ROOT, "%.1e", Vectors.relativeDistance(r.coefficients(), xStar))));
      rows.add(DemoRow.info(name, "passes, seconds", String.format(Locale.ROOT, "%.0f, %.2f", r.passes(), r.seconds())));
    }
    return rows;
  }
}
