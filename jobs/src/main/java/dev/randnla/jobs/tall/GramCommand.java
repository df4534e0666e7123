package dev.randnla.jobs.tall;

import dev.randnla.jobs.Configs;
import dev.randnla.jobs.InputMixin;
import dev.randnla.jobs.OutputMixin;
import dev.randnla.jobs.RunMixin;
import dev.randnla.jobs.Sessions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code randnla gram}. */
@Command(name = "gram", mixinStandardHelpOptions = true, sortOptions = false,
    header = "A^T A or the covariance in one pass, with an estimate of kappa(A).",
    description = {"A^T A in one pass (or the sample covariance with --center), with an estimate of",
        "kappa(A). The Gram squares the condition number: summary.json reports the",
        "estimate and warns when small eigenvalues lose their digits (use qr or svd,",
        "which run TSQR, then).",
        "",
        "Outputs: summary.json, gram.csv (d x d); with --center covariance.csv and",
        "column-means.csv."})
public final class GramCommand implements Callable<Integer> {
  @Option(names = "--center", description = "Sample covariance (A - 1 mu^T)^T (A - 1 mu^T) / (n - 1) instead of A^T A "
      + "(same single pass; sparse rows stay sparse).")
  boolean center;

  @Mixin InputMixin input;
  @Mixin OutputMixin output;
  @Mixin RunMixin run;

  @Override
  public Integer call() {
    GramConfig config = Configs.build(() -> new GramConfig(input.toOptions(), output.toOptions(), center, run.quiet()));
    GramResult r = GramJob.FRAME.run(Sessions.get("randnla gram"), config);
    run.report(() -> String.format(java.util.Locale.ROOT, "rows=%d cols=%d nnz=%d conditionNumberEstimate=%.3e passes=%s",
        r.rows(), r.cols(), r.nnz(), r.conditionNumberEstimate(), r.passes()));
    return 0;
  }
}
