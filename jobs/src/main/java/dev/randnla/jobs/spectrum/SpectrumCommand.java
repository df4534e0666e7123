package dev.randnla.jobs.spectrum;

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

/** {@code randnla spectrum}. */
@Command(name = "spectrum", mixinStandardHelpOptions = true, sortOptions = false,
    header = "The eigenvalue spectrum of A^T A / n and its diagnostics.",
    description = {"Spectral diagnostics of a matrix: the eigenvalue spectrum of C = A^T A / n",
        "(--center: the sample covariance A_c^T A_c / (n-1); --standardize: unit-variance",
        "columns) and its descriptors: spectral entropy, effective rank, stable rank,",
        "condition number, the Marchenko-Pastur fit (noise sigma^2 from the median, bulk",
        "edges, spikes above the Tracy-Widom 1%% threshold with their BBP population",
        "values, KS distance from MP), the power-law tail exponent alpha",
        "(Clauset-Shalizi-Newman), the nuclear norm and its one-pass column-norm bound.",
        "",
        "Methods: exact = one Gram pass and a dense eigensolver (all d eigenvalues);",
        "slq = stochastic Lanczos quadrature, 1 + --steps passes, for d too large for a",
        "Gram (density, entropy and nuclear norm with standard errors; the top",
        "eigenvalues as Ritz values with residual bounds); auto = exact for d <= 2048",
        "when the Gram fits, else slq.",
        "",
        "Outputs: summary.json, eigenvalues.csv (largest first; slq: top Ritz values),",
        "histogram.csv (spectral density beside the MP density, with a header),",
        "spectrum.png, ritz-values.csv (slq), windows.csv (--window)."})
public final class SpectrumCommand implements Callable<Integer> {
  @Option(names = "--method", paramLabel = "M", defaultValue = "auto",
      description = "auto (default), exact or slq (see above).")
  String method;

  @Option(names = "--center", description = "Subtract the column means (sample covariance, divisor n-1). "
      + "Sparse rows stay sparse: the mean is removed by a rank-one correction of the Gram.")
  boolean center;

  @Option(names = "--standardize", description = "Scale every column to unit variance (with --center: the correlation "
      + "matrix, whose Marchenko-Pastur noise level is 1 for independent columns). Zero-variance columns stay zero.")
  boolean standardize;

  @Option(names = "--window", paramLabel = "W", defaultValue = "0",
      description = "Also compute every descriptor per window of W consecutive rows (row ids w*W to (w+1)*W-1: the row "
          + "number in input order, or the --id-col value) into windows.csv. One more pass; needs the exact method.")
  long window;

  @Option(names = "--probes", paramLabel = "K", defaultValue = "" + SpectrumConfig.DEFAULT_PROBES,
      description = "slq: Rademacher probe vectors (default ${DEFAULT-VALUE}); the standard error falls as 1/sqrt(K).")
  int probes;

  @Option(names = "--steps", paramLabel = "M", defaultValue = "" + SpectrumConfig.DEFAULT_STEPS,
      description = "slq: Lanczos steps, one pass each (default ${DEFAULT-VALUE}); Gauss quadrature with M nodes is "
          + "exact for polynomials of degree 2M-1.")
  int steps;

  @Option(names = "--top", paramLabel = "K", defaultValue = "" + SpectrumConfig.DEFAULT_TOP,
      description = "slq: how many top Ritz values to report (default ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--bins", paramLabel = "B", defaultValue = "" + SpectrumConfig.DEFAULT_BINS,
      description = "Histogram bins (default ${DEFAULT-VALUE}).")
  int bins;

  @Option(names = "--no-plot", description = "Do not draw spectrum.png.")
  boolean noPlot;

  @Mixin InputMixin input;
  @Mixin OutputMixin output;
  @Mixin RunMixin run;

  @Override
  public Integer call() {
    SpectrumConfig.Method m = Configs.build(() -> CliEnums.parse(SpectrumConfig.Method.class, "--method", method));
    long seed = m == SpectrumConfig.Method.EXACT ? 0L : run.seedOrDraw();
    SpectrumConfig config = Configs.build(() -> new SpectrumConfig(input.toOptions(), output.toOptions(), m, center,
        standardize, window, probes, steps, top, bins, !noPlot, seed, run.quiet()));
    SpectrumResult r = SpectrumJob.FRAME.run(Sessions.get("randnla spectrum"), config);
    run.report(() -> String.format(Locale.ROOT, "method=%s rows=%d cols=%d entropy=%.6g effectiveRank=%.6g "
        + "stableRank=%.6g sigma2=%.6g spikes=%d mpKs=%.4g alpha=%.4g nuclearNorm=%.10g columnNormBound=%.10g passes=%s",
        r.method(), r.rows(), r.cols(), r.spectralEntropy(), r.effectiveRank(), r.stableRank(), r.sigma2(),
        r.spikeEigenvalues().length, r.mpKsDistance(), r.powerLawAlpha(), r.nuclearNorm(), r.columnNormBound(),
        r.passes()));
    return 0;
  }
}
