package dev.randnla.jobs.tall;

import dev.randnla.io.CliEnums;
import dev.randnla.jobs.Configs;
import dev.randnla.jobs.InputMixin;
import dev.randnla.jobs.OutputMixin;
import dev.randnla.jobs.RunMixin;
import dev.randnla.jobs.Sessions;
import dev.randnla.spark.TallSkinnySvd;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
  @Option(names = "--k", paramLabel = "K", description = "Principal components to write. Default: all d.")
  Integer k;

  @Option(names = "--method", paramLabel = "M", defaultValue = "tsqr",
      description = "tsqr (default): centred TSQR (block means joined by the Chan-Golub-LeVeque correction), stable at "
          + "any condition number and any mean. gram: covariance A^T A - n mu mu^T from one Gram pass (O(nnz^2) per "
          + "sparse row); squares kappa and loses digits when the mean dominates the spread (reported).")
  String method;

  @Mixin InputMixin input;
  @Mixin OutputMixin output;
  @Mixin RunMixin run;

  @Override
  public Integer call() {
    PcaConfig config = Configs.build(() -> new PcaConfig(input.toOptions(), output.toOptions(), k,
        CliEnums.parse(TallSkinnySvd.Method.class, "--method", method), run.quiet()));
    PcaResult r = PcaJob.run(Sessions.get("randnla pca"), config);
    if (!run.quiet()) {
      double cum = 0;
      for (double x : r.explainedVarianceRatio()) {
        cum += x;
      }
      System.out.printf(java.util.Locale.ROOT, "rows=%d cols=%d k=%d explainedVariance[0]=%s cumulativeRatio=%.6f passes=%s%n",
          r.rows(), r.cols(), r.explainedVariance().length, r.explainedVariance()[0], cum, r.passes());
    }
    return 0;
  }
}
