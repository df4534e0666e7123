package dev.randnla.jobs.leverage;

import dev.randnla.io.CliEnums;
import dev.randnla.jobs.Configs;
import dev.randnla.jobs.InputMixin;
import dev.randnla.jobs.OutputMixin;
import dev.randnla.jobs.RunMixin;
import dev.randnla.jobs.Sessions;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code randnla leverage}. */
@Command(name = "leverage", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Leverage scores or lp Lewis weights of every row; a coreset.",
    description = {"Leverage scores, ridge leverage scores or lp Lewis weights of every row, and",
        "optionally a weighted row sample (coreset) drawn by them.",
        "",
        "Methods [passes over the input]:",
        "  exact   tau_i = |R^-T a_i|^2, R from a stable TSQR; pseudo-inverse when A is",
        "          rank deficient (the numerical rank is reported) [2]",
        "  approx  |a_i^T R_s^-1 Pi|^2: R_s from a CountSketch/OSNAP sketch (O(nnz)), Pi",
        "          a Gaussian d x k projection; health check sum/rank in 1 +- 0.2 [2]",
        "  ridge   a_i^T (A^T A + lambda I)^-1 a_i, summing to d_eff(lambda) [2]",
        "  lewis   lp Lewis weights by the Cohen-Peng fixed point, one pass per",
        "          iteration, and lp sensitivity bounds [iterations + 2]",
        "",
        "--sample m keeps row i with probability q_i = min(1, m u_i / U), u_i the score",
        "(lewis: the sensitivity bound), U their exact total, decided from (--seed,",
        "row id): re-runs and other partitionings keep the same rows. A kept row has",
        "weight w_i = 1/q_i: the coreset's problem is min sum_i w_i |a_i x - b_i|^p.",
        "",
        "Outputs: summary.json (sum, max, coherence, rank, d_eff, health checks,",
        "iterations, sample sizes); scores/ (id, score[, sensitivity][, probability]);",
        "with --sample, coreset/ in the input's format: the rows as read, each with",
        "its id and weight 1/q_i (regress --weight-col reads it as written):",
        "  csv/tsv  id,weight[,label],x0,...      libsvm  label i:v ... # id=ID weight=W",
        "  parquet  id, weight[, label], features (ml Vector)"})
public final class LeverageCommand implements Callable<Integer> {
  @Option(names = "--method", paramLabel = "M", defaultValue = "exact",
      description = "exact (default), approx, ridge or lewis.")
  String method;

  @Option(names = "--lambda", paramLabel = "L",
      description = "ridge: the regularisation lambda > 0, in the units of |A|^2 (required with --method ridge).")
  Double lambda;

  @Option(names = "--p", paramLabel = "P",
      description = "lewis: the exponent p >= 1 of the lp norm (required with --method lewis). p = 2 gives the leverage scores.")
  Double p;

  @Option(names = "--sketch", paramLabel = "S",
      description = "approx: countsketch (one +-1 per row), osnap (--sketch-nonzeros per row, more robust on coherent "
          + "rows) or auto (default: countsketch below 16 columns, osnap from 16 on).")
  String sketch;

  @Option(names = "--sketch-rows", paramLabel = "R1",
      description = "approx: rows r1 of the sketch. Default max(10*d, 256) (2*d is biased about 2x: not an embedding).")
  Integer sketchRows;

  @Option(names = "--sketch-nonzeros", paramLabel = "S",
      description = "approx with osnap: nonzeros per input row. Default 4.")
  Integer sketchNonzeros;

  @Option(names = "--k", paramLabel = "K",
      description = "approx: columns of the Gaussian projection (Johnson-Lindenstrauss), the work per row. Default 100; "
          + "when k >= rank the projection is skipped (exact product, same cost).")
  Integer k;

  @Option(names = "--rank-tol", paramLabel = "T",
      description = "Relative rank tolerance: singular values <= T*sigma_1 count as zero (pseudo-inverse). "
          + "Default 100*d*u (u = 1.1e-16), the backward error of the QR.")
  Double rankTol;

  @Option(names = "--tol", paramLabel = "T",
      description = "lewis: stop when the bound on max |log w_i - log w_i*| is <= T (certified for p < 4 without "
          + "damping, estimated otherwise). Default 1e-6.")
  Double tol;

  @Option(names = "--max-iterations", paramLabel = "N",
      description = "lewis: at most N iteration passes. Default 100.")
  Integer maxIterations;

  @Option(names = "--damping", paramLabel = "B",
      description = "lewis: damping beta in (0, 1], M_next = M #_beta G(M) (matrix geometric mean). Default 1 for p < 4 "
          + "(contraction |1 - p/2|), 4/(p+2) for p >= 4 (where the undamped iteration does not converge).")
  Double damping;

  @Option(names = "--sample", paramLabel = "M",
      description = "Draw a coreset of expected size M (Bernoulli, q_i = min(1, M u_i / U)) into coreset/.")
  Long sample;

  @Option(names = "--sample-rule", paramLabel = "RULE",
      description = "score (default): u_i is the method's score (the sensitivity bound for lewis); "
          + "mixed (lewis only): u_i = s_i + tau_i, sensitivity bound plus leverage (Munteanu & Omlor 2024).")
  String sampleRule;

  @Mixin InputMixin input;
  @Mixin OutputMixin output;
  @Mixin RunMixin run;

  @Override
  public Integer call() {
    LeverageConfig.Method m = Configs.build(() -> CliEnums.parse(LeverageConfig.Method.class, "--method", method));
    boolean random = m == LeverageConfig.Method.APPROX || sample != null;
    long seed = random ? run.seedOrDraw() : 0L;
    LeverageConfig config = Configs.build(() -> new LeverageConfig(input.toOptions(), output.toOptions(), m, lambda, p,
        sketch == null ? null : CliEnums.parse(LeverageConfig.SketchType.class, "--sketch", sketch), sketchRows,
        sketchNonzeros, k, rankTol, tol, maxIterations, damping, sample,
        sampleRule == null ? null : CliEnums.parse(LeverageConfig.SampleRule.class, "--sample-rule", sampleRule), seed,
        run.quiet()));
    LeverageResult r = LeverageJob.FRAME.run(Sessions.get("randnla leverage"), config);
    run.report(() -> line(r), r.warnings());
    return 0;
  }

  private static String line(LeverageResult r) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "method=%s rows=%d cols=%d rank=%d sum=%.10g max=%.6g coherence=%.4g passes=%s", r.method(), r.rows(),
        r.cols(), r.rank(), r.sum(), r.max(), r.coherence(), passes(r.passes())));
    if (!Double.isNaN(r.effectiveDimension())) {
      sb.append(String.format(Locale.ROOT, " d_eff=%.10g", r.effectiveDimension()));
    }
    if (r.iterations() > 0) {
      sb.append(String.format(Locale.ROOT, " iterations=%d converged=%s errorBound=%.3g", r.iterations(), r.converged(),
          r.errorBound()));
    }
    if (r.sampleSize() >= 0) {
      sb.append(String.format(Locale.ROOT, " sample=%d (expected %.1f)", r.sampleSize(), r.expectedSampleSize()));
    }
    return sb.toString();
  }

  private static String passes(double p) {
    return p == Math.rint(p) ? Long.toString((long) p) : String.format(Locale.ROOT, "%.2f", p);
  }
}
