package dev.randnla.jobs.demo;

import dev.randnla.io.InputOptions;
import dev.randnla.jobs.eigen.EigenConfig;
import dev.randnla.jobs.eigen.EigenJob;
import dev.randnla.jobs.eigen.EigenMethod;
import dev.randnla.jobs.eigen.EigenResult;
import dev.randnla.linalg.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** Demo of {@code eigen}: the top eigenvector of the spiked CSV by the one-pass stream method and by exact. */
final class EigenDemo implements DemoStep {
  @Override
  public String title() {
    return "eigen: top eigenvector of the spiked " + ScanDemo.ROWS + " x " + ScanDemo.COLS + " CSV (stream, one pass; exact)";
  }

  @Override
  public List<DemoRow> run(SparkSession spark, String workdir, long seed) {
    String input = ScanDemo.spikedInput(spark, workdir, seed);
    Map<String, Object> truth = DemoStep.truth(spark, input);
    double lambda = ((Number) truth.get("topEigenvalue")).doubleValue();
    @SuppressWarnings("unchecked")
    List<Number> v = (List<Number>) truth.get("topEigenvector");
    double[] v1 = v.stream().mapToDouble(Number::doubleValue).toArray();
    List<DemoRow> rows = new ArrayList<>();
    for (EigenMethod m : List.of(EigenMethod.STREAM, EigenMethod.EXACT)) {
      EigenResult r = EigenJob.FRAME.run(spark, EigenConfig.of(InputOptions.of(input),
          DemoStep.output(workdir, "eigen-" + m.cliName()), m, seed));
      String job = "eigen " + m.cliName();
      rows.add(DemoRow.compare(job, "top eigenvalue", r.topEigenvalue(), lambda));
      rows.add(DemoRow.compare(job, "|<v, v1>|", Vectors.absCorrelation(r.topEigenvector(), v1), 1.0));
      rows.add(DemoRow.info(job, "passes, seconds", String.format(Locale.ROOT, "%s, %.2f", DemoRow.fmt(r.passes()), r.seconds())));
    }
    return rows;
  }
}
