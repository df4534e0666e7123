package dev.randnla.jobs.tall;

import dev.randnla.io.CliEnums;
import dev.randnla.jobs.Configs;
import dev.randnla.jobs.InputMixin;
import dev.randnla.jobs.OutputMixin;
import dev.randnla.jobs.RunMixin;
import dev.randnla.jobs.Sessions;
import dev.randnla.spark.TallSkinnyQr;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code randnla qr}. */
@Command(name = "qr", mixinStandardHelpOptions = true, sortOptions = false,
    header = "A = QR of a tall matrix: R and, with --q, the rows of Q.",
    description = {"A = QR for a tall matrix: R (d x d, diag >= 0) and, with --q, the rows of Q with",
        "their row ids, orthonormal to machine precision (Q^T Q = I to about 1e-15) at",
        "any condition number the method accepts.",
        "",
        "Outputs: summary.json, R.csv; with --q the per-row output Q/ (id + values)."})
public final class QrCommand implements Callable<Integer> {
  @Option(names = "--method", paramLabel = "M", defaultValue = "tsqr",
      description = "tsqr (default): streaming Householder TSQR, backward stable at any condition number; 1 pass "
          + "(3 with --q: Q = A R1^-1 R2^-1, TSQR twice). "
          + "cholqr2: two Gram passes and Cholesky (CholeskyQR2); fast with native BLAS, but it squares kappa and is "
          + "refused (exit 2) when kappa(A) is above about 1e8. "
          + "randcholqr: an OSNAP sketch (8d rows) preconditions A, then one Gram pass; stable to kappa about 1e15 "
          + "for full-rank A; 2 passes (3 with --q).")
  String method;

  @Option(names = "--q", description = "Also write Q (n x d) as per-row output, with row ids. Needs full column rank.")
  boolean q;

  @Mixin InputMixin input;
  @Mixin OutputMixin output;
  @Mixin RunMixin run;

  @Override
  public Integer call() {
    TallSkinnyQr.Method m = Configs.build(() -> CliEnums.parse(TallSkinnyQr.Method.class, "--method", method));
    long seed = m == TallSkinnyQr.Method.RANDCHOLQR ? run.seedOrDraw() : 0L;
    QrConfig config = Configs.build(() -> new QrConfig(input.toOptions(), output.toOptions(), m, q, seed, run.quiet()));
    QrResult r = QrJob.FRAME.run(Sessions.get("randnla qr"), config);
    run.report(() -> String.format(java.util.Locale.ROOT, "rows=%d cols=%d method=%s conditionNumberEstimate=%s passes=%s",
        r.rows(), r.cols(), config.method().cliName(), r.factorization().diagnostics().get("conditionNumberEstimate"),
        r.passes()));
    return 0;
  }
}
