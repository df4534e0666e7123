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

/** {@code randnla svd}. */
@Command(name = "svd", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Singular values and vectors of a tall matrix from one TSQR pass.",
    description = {"Singular values and right singular vectors of a tall matrix from one TSQR pass",
        "(accurate to about d u sigma_1 at any condition number); with --u the left",
        "singular vectors, orthonormal to machine precision.",
        "",
        "Outputs: summary.json, singular-values.csv (all d), V.csv (d x k); with --u the",
        "per-row output U/ (id + k values)."})
public final class SvdCommand implements Callable<Integer> {
  @Mixin SvdOptions svd;

  @Option(names = "--u", description = "Also write U (n x k, one row per input row with its id): two more passes. "
      + "Cut to the numerical rank when k exceeds it (with a warning).")
  boolean u;

  @Mixin InputMixin input;
  @Mixin OutputMixin output;
  @Mixin RunMixin run;

  @Override
  public Integer call() {
    SvdConfig config = Configs.build(() -> new SvdConfig(input.toOptions(), output.toOptions(), svd.k, u, svd.method(),
        run.quiet()));
    SvdResult r = SvdJob.FRAME.run(Sessions.get("randnla svd"), config);
    run.report(() -> line(r));
    return 0;
  }

  private static String line(SvdResult r) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(5, r.singularValues().length); i++) {
      sb.append(i == 0 ? "" : ", ").append(r.singularValues()[i]);
    }
    return String.format(java.util.Locale.ROOT, "rows=%d cols=%d rank=%d sigma=[%s%s] passes=%s", r.rows(), r.cols(),
        r.rank(), sb, r.singularValues().length > 5 ? ", ..." : "", r.passes());
  }
}
