package dev.randnla.jobs.tall;

import dev.randnla.jobs.Configs;
import dev.randnla.jobs.InputMixin;
import dev.randnla.jobs.OutputMixin;
import dev.randnla.jobs.RunMixin;
import dev.randnla.jobs.Sessions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code randnla pca}. */
@Command(name = "pca", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Principal components and explained variance in one pass.",
    description = {"Principal components (right singular vectors of the column-centred matrix) and",
        "explained variance in one pass. Centring never densifies the input beyond one",
        "block of rows and never forms A^T A - n mu mu^T.",
        "",
        "Outputs: summary.json, V.csv (d x k, components as columns),",
        "explained-variance.csv (all d), singular-values.csv (of the centred matrix),",
        "column-means.csv."})
public final class PcaCommand implements Callable<Integer> {
  @Mixin SvdOptions svd;

  @Mixin InputMixin input;
  @Mixin OutputMixin output;
  @Mixin RunMixin run;

  @Override
  public Integer call() {
    PcaConfig config = Configs.build(() -> new PcaConfig(input.toOptions(), output.toOptions(), svd.k, svd.method(),
        run.quiet()));
    PcaResult r = PcaJob.FRAME.run(Sessions.get("randnla pca"), config);
    run.report(() -> line(r));
    return 0;
  }

  private static String line(PcaResult r) {
    double cum = 0;
    for (double x : r.explainedVarianceRatio()) {
      cum += x;
    }
    return String.format(java.util.Locale.ROOT, "rows=%d cols=%d k=%d explainedVariance[0]=%s cumulativeRatio=%.6f passes=%s",
        r.rows(), r.cols(), r.explainedVariance().length, r.explainedVariance()[0], cum, r.passes());
  }
}
