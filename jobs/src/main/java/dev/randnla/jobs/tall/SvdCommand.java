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
  @Option(names = "--k", paramLabel = "K", description = "Singular vectors to write (V.csv and U). Default: all d.")
  Integer k;

  @Option(names = "--u", description = "Also write U (n x k, one row per input row with its id): two more passes. "
      + "Cut to the numerical rank when k exceeds it (with a warning).")
  boolean u;

  @Option(names = "--method", paramLabel = "M", defaultValue = "tsqr",
      description = "tsqr (default): SVD of the TSQR factor R, stable at any condition number. gram: eigen-decomposition "
          + "of A^T A (O(nnz^2) per sparse row), which squares kappa: singular values below about 1e-7 sigma_1 are noise.")
  String method;

  @Mixin InputMixin input;
  @Mixin OutputMixin output;
  @Mixin RunMixin run;

  @Override
  public Integer call() {
    SvdConfig config = Configs.build(() -> new SvdConfig(input.toOptions(), output.toOptions(), k, u,
        CliEnums.parse(TallSkinnySvd.Method.class, "--method", method), run.quiet()));
    SvdResult r = SvdJob.run(Sessions.get("randnla svd"), config);
    if (!run.quiet()) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < Math.min(5, r.singularValues().length); i++) {
        sb.append(i == 0 ? "" : ", ").append(r.singularValues()[i]);
      }
      System.out.printf(java.util.Locale.ROOT, "rows=%d cols=%d rank=%d sigma=[%s%s] passes=%s%n", r.rows(), r.cols(),
          r.rank(), sb, r.singularValues().length > 5 ? ", ..." : "", r.passes());
    }
    return 0;
  }
}
