package dev.randnla.jobs.eigen;

import dev.randnla.io.CliEnums;
import dev.randnla.jobs.Configs;
import dev.randnla.jobs.InputMixin;
import dev.randnla.jobs.OutputMixin;
import dev.randnla.jobs.RunMixin;
import dev.randnla.jobs.Sessions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code randnla eigen}. */
@Command(name = "eigen", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Top eigenvectors and eigenvalues of A^T A for a tall matrix A.",
    description = {"The top eigenvector(s) and eigenvalue(s) of A^T A for a tall matrix A stored",
        "as a row stream.",
        "",
        "Methods (--method):",
        "  auto     exact when the d x d Gram is cheap next to reading the input",
        "           (small d), rows are fewer than 8 d, or the input cannot be",
        "           split into 8 partitions (compressed files), else stream; the",
        "           choice and its reason are in summary.json (default)",
        "  stream   one pass: segmented power method over seeded random groups of",
        "           partitions; heavy rows kept aside and applied exactly (Kacham",
        "           & Woodruff 2024). Assumes rows in random order and warns when",
        "           they do not look it (then run 'randnla shuffle' once).",
        "  oja      one sequential pass of Oja's rule with a fixed learning rate",
        "           (Price & Xun 2024); declares failure (exit 1, no output) on",
        "           rows with eta*|a|^2 > 1",
        "  exact    one Gram pass + dense eigensolver: the reference, best for",
        "           small d (d^2 memory)",
        "  lanczos  block Krylov on the Gram operator, one pass per iteration,",
        "           O(d*b) memory: large d, high accuracy",
        "",
        "Outputs: eigenvector.csv (d lines, k values each), eigenvalues.csv (k",
        "lines), summary.json (eigenvalues, passes, method and reason; for stream:",
        "segments, heavy rows, per-step change, gap estimate, order test)."})
public final class EigenCommand implements Callable<Integer> {
  @Option(names = "--method", paramLabel = "M", defaultValue = "auto",
      description = "auto (default), stream, oja, exact or lanczos.")
  String method;

  @Option(names = "--k", paramLabel = "K", defaultValue = "1",
      description = "Eigenpairs wanted, the top K (stream: a d x (K+2) block with a QR per step). Default 1.")
  int k;

  @Option(names = "--center", description = "Use the centred matrix A - 1 mu^T (PCA): the mean is removed by a rank-one "
      + "correction, so sparse rows stay sparse.")
  boolean center;

  @Option(names = "--verify", description = "One more pass: residual |A^T A z - lambda z|/lambda and Rayleigh quotient "
      + "z^T A^T A z of the answer, in summary.json.")
  boolean verify;

  @Option(names = "--segments", paramLabel = "P",
      description = "stream: number of segments (power steps). Default: min(30, n/(10 d ln d)) so each segment is a "
          + "spectral approximation, but at least 8. The input is split into at least segments x cores partitions.")
  Integer segments;

  @Option(names = "--max-heavy", paramLabel = "H",
      description = "stream: most heavy rows (|a - mu|^2 >= |A|_F^2/(2 d ln d)) kept in the side channel. Default: "
          + "ceil(2 d ln d), the most rows that can reach the threshold, within memory.")
  Integer maxHeavy;

  @Option(names = "--learning-rate", paramLabel = "ETA",
      description = "oja: the fixed learning rate. Default 2 ln d / lambda1, lambda1 estimated from a pilot of ~1/30 of the "
          + "partitions. Given (without --center), oja reads each row once and is independent of partitioning.")
  Double learningRate;

  @Option(names = "--max-unsafe-rows", paramLabel = "N", defaultValue = "0",
      description = "oja: rows with eta*|a|^2 > 1 tolerated before the method declares failure. Default 0.")
  int maxUnsafeRows;

  @Option(names = "--tol", paramLabel = "T",
      description = "lanczos: stop when every Ritz pair has |A^T A x - theta x| <= T*theta1. Default 1e-10.")
  Double tolerance;

  @Option(names = "--max-iterations", paramLabel = "N",
      description = "lanczos: most iterations (each one pass). Default 100.")
  Integer maxIterations;

  @Option(names = "--block", paramLabel = "B", description = "lanczos: block size. Default K + 2.")
  Integer block;

  @Mixin InputMixin input;
  @Mixin OutputMixin output;
  @Mixin RunMixin run;

  @Override
  public Integer call() {
    EigenConfig config = Configs.build(() -> new EigenConfig(input.toOptions(), output.toOptions(),
        CliEnums.parse(EigenMethod.class, "--method", method), k, center, verify, run.seedOrDraw(), segments, maxHeavy,
        learningRate, maxUnsafeRows, tolerance, maxIterations, block, run.quiet(), true));
    EigenResult r = EigenJob.FRAME.run(Sessions.get("randnla eigen"), config);
    run.report(() -> String.format(java.util.Locale.ROOT, "method=%s eigenvalue=%s passes=%s", r.method().cliName(),
        r.topEigenvalue(), r.passes()), r.warnings());
    return 0;
  }
}
