package dev.randnla.jobs.spectrum;

import dev.randnla.io.Summary;
import dev.randnla.io.UsageException;
import dev.randnla.jobs.InputParams;
import dev.randnla.jobs.JobFrame;
import dev.randnla.jobs.spectrum.SpectrumConfig.Method;
import dev.randnla.linalg.LanczosQuadrature;
import dev.randnla.linalg.MarchenkoPastur;
import dev.randnla.sketch.ColumnStatsSketch;
import dev.randnla.sketch.GramSketch;
import dev.randnla.spark.GramPass;
import dev.randnla.spark.JobRun;
import dev.randnla.spark.MatrixInput;
import dev.randnla.spark.PartitionResult;
import dev.randnla.spark.Resources;
import dev.randnla.spark.SketchPass;
import dev.randnla.spark.StochasticLanczos;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkContext;

/**
 * {@code spectrum}: spectral diagnostics of a matrix (docs/algorithms.md, spectrum) — the eigenvalue spectrum of
 * the covariance C = AᵀA/c (centred with c = n − 1 under {@code --center}, columns scaled to unit
 * variance under {@code --standardize}, else c = n) and its descriptors ({@link SpectralDescriptors}):
 * entropy, effective and stable rank, condition number, the Marchenko–Pastur fit with spikes and
 * their BBP population values, the power-law tail exponent, the nuclear norm and its one-pass bound.
 *
 * <p>Methods. {@code exact}: one pass builds the d×d Gram (GramSketch; sparse rows stay sparse and
 * centring is the rank-one correction), then the driver's symmetric eigensolver gives all d
 * eigenvalues; O(n·d²) flops spread over the tasks, O(d³) on the driver. {@code slq}: one pass of
 * column statistics (n, means, column norms, the exact trace) then m passes of lockstep Lanczos on
 * k Rademacher probes ({@link StochasticLanczos}): the spectral density, entropy and nuclear norm by
 * quadrature with standard errors, the top eigenvalues as Ritz values with residual bounds; the
 * driver holds O(d·k·m). {@code auto} takes exact for d ≤ {@link SpectrumConfig#AUTO_EXACT_MAX_COLS}
 * when the Gram fits the driver and the tasks.
 *
 * <p>{@code --window W}: the same descriptors per window of W consecutive rows ({@link WindowSpectra}),
 * one more pass, written to windows.csv.
 *
 * <p>Reproducibility: the exact spectrum is bitwise the same on every run for a given
 * partitioning (partition sketches merge in a fixed tree) and agrees across partitionings to
 * rounding; SLQ is a pure function of the seed and the data, bitwise for a given partitioning.
 */
public final class SpectrumJob {
  private SpectrumJob() {}

  /** The job's doors ({@link JobFrame}); spectrum.png too is written only when {@code config.output()} names one. */
  public static final JobFrame<SpectrumConfig, SpectrumResult> FRAME = JobFrame.of("spectrum", SpectrumJob::compute);

  private static SpectrumResult compute(JobRun run, SpectrumConfig config, MatrixInput input) {
    int d = input.cols();
    Summary s = run.summary();
    Method method = choose(run.spark().sparkContext(), config, d, s);
    params(s, config, input, method);
    Computed c = method == Method.EXACT ? exact(run, input, config, d) : slq(run, input, config, d);
    SpectralDescriptors desc = c.descriptors;
    Map<String, Object> map = desc.toMap();
    map.forEach(s::result);
    warnings(s, desc, c, config);

    MarchenkoPastur mp = desc.marchenkoPastur();
    double[] spikes = desc.spikeEigenvalues();
    SpectralHistogram hist = SpectralHistogram.of(c.measure, mp, spikes, config.bins(), c.kernel);
    s.result("histogramEigenvaluesBeyondRange", hist.beyond());
    run.writeVector("eigenvalues.csv", c.eigenvalues);
    run.writeText("histogram.csv", hist.toCsv());
    if (c.ritz != null) {
      StringBuilder sb = new StringBuilder("rank,ritzValue,residualBound\n");
      for (int i = 0; i < c.ritz.length; i++) {
        sb.append(i + 1).append(',').append(c.ritz[i][0]).append(',').append(c.ritz[i][1]).append('\n');
      }
      run.writeText("ritz-values.csv", sb.toString());
    }
    if (config.plot() && run.output() != null) {
      try {
        run.stage("plot", () -> writePlot(run, input, desc, hist, mp, spikes, config, method));
      } catch (RuntimeException | LinkageError | java.awt.AWTError e) {
        // a JVM without a usable Java2D (no fonts, a broken AWT) must not lose the diagnostics
        s.warn("spectrum.png was not drawn (" + e.getClass().getSimpleName() + ": " + e.getMessage()
            + "); histogram.csv holds the same data.");
      }
    }
    int windows = 0;
    if (config.window() > 0) {
      List<WindowSpectra.Window> ws = run.stage("windows", () ->
          WindowSpectra.compute(input, config.window(), config.center(), config.standardize()));
      StringBuilder sb = new StringBuilder(SpectralDescriptors.csvHeader()).append('\n');
      for (WindowSpectra.Window w : ws) {
        sb.append(w.descriptors().csvRow(w.index(), w.index() * config.window())).append('\n');
      }
      run.writeText("windows.csv", sb.toString());
      windows = ws.size();
      s.result("windows", windows);
    }
    Summary done = run.finish(input);
    double seconds = JobFrame.seconds(done);
    double[] ell = new double[desc.spikes.size()];
    for (int i = 0; i < ell.length; i++) {
      ell[i] = desc.spikes.get(i).ell;
    }
    return new SpectrumResult(method.cliName(), desc.rows, d, c.eigenvalues, desc.spectralEntropy, desc.effectiveRank,
        desc.stableRank, desc.conditionNumber, desc.sigma2, desc.upperEdge, spikes, ell, desc.mpKs, desc.alpha,
        desc.nuclearNorm, desc.nuclearNormStandardError, desc.columnNormBound, windows, map, input.passes(), seconds,
        done.toJson());
  }

  /** What a method computed. */
  private static final class Computed {
    SpectralDescriptors descriptors;
    SpectralMeasure measure;
    double[] eigenvalues;
    double[][] ritz;
    double kernel;
    CovarianceSpectrum exact;
  }

  private static Method choose(SparkContext sc, SpectrumConfig config, int d, Summary s) {
    long gram = Resources.denseBytes(d, d);
    boolean fits = gram * 4 <= Resources.driverHeap() / 3 && gram + (8L << 20) <= Resources.taskMemory(sc)
        && gram <= Resources.maxResultSize(sc) / 2;
    return switch (config.method()) {
      case EXACT -> {
        s.result("methodReason", "--method exact");
        yield Method.EXACT;
      }
      case SLQ -> {
        s.result("methodReason", "--method slq");
        yield Method.SLQ;
      }
      case AUTO -> {
        if (d <= SpectrumConfig.AUTO_EXACT_MAX_COLS && fits) {
          s.result("methodReason", "d = " + d + " <= " + SpectrumConfig.AUTO_EXACT_MAX_COLS
              + ": one Gram pass and a dense eigensolver give the whole spectrum");
          yield Method.EXACT;
        }
        if (config.window() > 0) {
          throw new UsageException("--window needs the exact spectrum of every window, and a " + d + " x " + d
              + " Gram is too large for auto to choose it: drop --window, or force --method exact");
        }
        s.result("methodReason", d > SpectrumConfig.AUTO_EXACT_MAX_COLS
            ? "d = " + d + " > " + SpectrumConfig.AUTO_EXACT_MAX_COLS + ": stochastic Lanczos quadrature"
            : "the " + d + " x " + d + " Gram does not fit the driver or a task: stochastic Lanczos quadrature");
        yield Method.SLQ;
      }
    };
  }

  private static void params(Summary s, SpectrumConfig config, MatrixInput input, Method method) {
    InputParams.putSource(s, input);
    s.param("method", method.cliName());
    s.param("center", config.center());
    s.param("standardize", config.standardize());
    s.param("window", config.window());
    s.param("top", config.top());
    s.param("bins", config.bins());
    s.param("plot", config.plot());
    if (method == Method.SLQ) {
      s.param("probes", config.probes());
      s.param("steps", config.steps());
      s.param("seed", config.seed());
    }
    InputParams.putReading(s, input);
  }

  private static Computed exact(JobRun run, MatrixInput input, SpectrumConfig config, int d) {
    GramSketch.Gram g = GramPass.run(run, input, "spectrum",
        "the exact spectrum (a " + d + " x " + d + " Gram and its eigensolver)", "use --method slq");
    CovarianceSpectrum cs = run.stage("eigen", () -> CovarianceSpectrum.of(g, config.center(), config.standardize()));
    Computed c = new Computed();
    c.exact = cs;
    c.descriptors = cs.descriptors();
    c.eigenvalues = cs.eigenvalues();
    c.measure = SpectralMeasure.of(cs.eigenvalues());
    Summary s = run.summary();
    if (config.center()) {
      s.result("meanToSpread", cs.meanToSpread());
    }
    s.result("zeroVarianceColumns", cs.zeroColumns());
    return c;
  }

  private static Computed slq(JobRun run, MatrixInput input, SpectrumConfig config, int d) {
    PartitionResult<ColumnStatsSketch> pass = run.stage("column statistics", () ->
        SketchPass.aggregate(input, () -> new ColumnStatsSketch(d), 16L * d + 256, "spectrum: column statistics"));
    ColumnStatsSketch.Stats st = pass.value().result();
    run.recordInput(input, st.nnz());
    long n = st.rows();
    double divisor = CovarianceSpectrum.divisor(n, config.center());
    double[] diag = new double[d];
    int zero = 0;
    for (int j = 0; j < d; j++) {
      double sq = st.columnSquares()[j];
      double sum = st.columnSums()[j];
      diag[j] = Math.max(0.0, config.center() && n > 0 ? sq - sum * sum / n : sq);
      if (diag[j] == 0) {
        zero++;
      }
    }
    double[] scale = CovarianceSpectrum.scaling(diag, divisor, config.standardize());
    double trace = 0;
    double bound = 0;
    for (int j = 0; j < d; j++) {
      double sj = scale == null ? 1.0 : scale[j];
      trace += sj * sj * diag[j];
      bound += sj * Math.sqrt(diag[j]);
    }
    Computed c = new Computed();
    Summary s = run.summary();
    s.result("zeroVarianceColumns", zero);
    if (!(divisor > 0) || !(trace > 0)) {
      c.descriptors = SpectralDescriptors.exact(new double[d], n, divisor, bound);
      c.eigenvalues = new double[Math.min(d, config.top())];
      c.measure = SpectralMeasure.of(new double[d]);
      return c;
    }
    double tr = trace / divisor;
    int probes = config.probes();
    int steps = Math.min(config.steps(), d);
    LanczosQuadrature q = run.stage("lanczos", () -> StochasticLanczos.run(input, config.center(), scale, divisor, probes,
        steps, config.seed(), step -> run.log("Lanczos step " + step + " of " + steps + " (one pass, " + probes + " probes)")));
    c.descriptors = SpectralDescriptors.estimated(q, n, divisor, tr, bound, config.top());
    c.measure = measureOf(q);
    c.ritz = q.topRitzValues(config.top());
    // smooth the m-node comb over about one node spacing of a single probe across the bulk
    MarchenkoPastur law = c.descriptors.marchenkoPastur();
    double spread = law != null ? law.upperEdge() - law.lowerEdge() : c.measure.max();
    c.kernel = spread / Math.max(1, q.steps());
    c.eigenvalues = new double[c.ritz.length];
    for (int i = 0; i < c.ritz.length; i++) {
      c.eigenvalues[i] = c.ritz[i][0];
    }
    int invariant = 0;
    for (LanczosQuadrature.Probe p : q.probes()) {
      if (p.invariant()) {
        invariant++;
      }
    }
    s.result("lanczosSteps", q.steps());
    s.result("lanczosReorthogonalized", q.reorthogonalized());
    s.result("lanczosInvariantProbes", invariant);
    s.result("topRitzResidual", c.ritz.length == 0 ? Double.NaN : c.ritz[0][1]);
    return c;
  }

  private static SpectralMeasure measureOf(LanczosQuadrature q) {
    double[] w = q.measureWeights();
    for (int i = 0; i < w.length; i++) {
      w[i] *= q.dimension();
    }
    return SpectralMeasure.quadrature(q.nodes(), w);
  }

  private static void warnings(Summary s, SpectralDescriptors desc, Computed c, SpectrumConfig config) {
    if (desc.rows == 0) {
      s.warn("The input has no valid rows: every descriptor is undefined (NaN).");
    } else if (!(desc.divisor > 0)) {
      s.warn("One row with --center leaves nothing after centring: every descriptor is undefined (NaN).");
    } else if (!(desc.trace > 0)) {
      s.warn("The matrix is zero (after centring): every descriptor is undefined (NaN).");
    } else if (Double.isNaN(desc.sigma2)) {
      s.warn("The median of the non-zero spectrum is zero (the matrix has low rank), so no Marchenko-Pastur noise level "
          + "can be fitted.");
    }
    if (c.exact != null && c.exact.zeroColumns() > 0 || c.exact == null && ((Number) s.resultMap().get("zeroVarianceColumns")).intValue() > 0) {
      int z = ((Number) s.resultMap().get("zeroVarianceColumns")).intValue();
      s.warn(z + " column(s) are " + (config.center() ? "constant" : "zero") + "; they add zero eigenvalues"
          + (config.standardize() ? " (they cannot be scaled to unit variance and stay zero)." : "."));
    }
    if (c.exact != null && config.center() && c.exact.meanToSpread() > 1e8) {
      s.warn(String.format(Locale.ROOT, "The column means dominate the spread (n|mu|^2/|C| = %.1e): centring by the "
          + "rank-one correction loses about %.0f digits; centre the data before writing it for full accuracy.",
          c.exact.meanToSpread(), Math.log10(c.exact.meanToSpread())));
    }
    if (Double.isFinite(desc.conditionNumber) && desc.conditionNumber > 1e6 && c.exact != null) {
      s.warn(String.format(Locale.ROOT, "The condition number %.1e is near what a Gram-based spectrum resolves "
          + "(about 1e7 for doubles): eigenvalues below %.1e are not accurate.", desc.conditionNumber,
          desc.cols * SpectralDescriptors.RANK_TOLERANCE * desc.topEigenvalue));
    }
    if (desc.trace > 0 && desc.numericalRank >= 0 && desc.numericalRank < desc.cols
        && (c.exact == null || desc.numericalRank < desc.cols - c.exact.zeroColumns())) {
      s.warn("C is singular: numerical rank " + desc.numericalRank + " of " + desc.cols + " columns, so its smallest "
          + "eigenvalues are zero (up to rounding) and the condition number is infinite.");
    }
    if (desc.cols < 50 && desc.rows > 0) {
      s.warn("With d = " + desc.cols + " columns the Marchenko-Pastur law (a large-d limit) and the power-law tail fit "
          + "rest on few eigenvalues; read them as rough indications.");
    }
    if (c.exact == null && c.ritz != null) {
      s.warn("SLQ estimates: the spectral density, entropy and nuclear norm come from Gauss quadrature over "
          + config.probes() + " random probes (standard errors in the summary); the top eigenvalues are Ritz values, "
          + "each within its residualBound of an eigenvalue (ritz-values.csv).");
    }
  }

  private static void writePlot(JobRun run, MatrixInput input, SpectralDescriptors desc, SpectralHistogram hist,
      MarchenkoPastur mp, double[] spikes, SpectrumConfig config, Method method) {
    String what = config.standardize() ? (config.center() ? "the correlation matrix" : "D A\u1d40A D / n (unit columns)")
        : (config.center() ? "the covariance A\u1d9c\u1d40A\u1d9c / (n\u22121)" : "A\u1d40A / n");
    String title = String.format(Locale.ROOT, "Spectrum of %s: n = %d, d = %d, \u03b3 = d/n = %s%s", what, desc.rows,
        desc.cols, dev.randnla.jobs.Png.fmt(desc.gamma), method == Method.SLQ ? " (stochastic Lanczos quadrature)" : "");
    String subtitle = mp == null ? "no Marchenko\u2013Pastur fit (the median of the spectrum is zero)"
        : String.format(Locale.ROOT, "MP fit: \u03c3\u00b2 = %s, bulk [%s, %s], KS distance %.3f; %d spike(s); "
            + "entropy %.3f, effective rank %.1f", dev.randnla.jobs.Png.fmt(desc.sigma2), dev.randnla.jobs.Png.fmt(desc.lowerEdge),
            dev.randnla.jobs.Png.fmt(desc.upperEdge), desc.mpKs, desc.spikes.size(), desc.spectralEntropy, desc.effectiveRank);
    boolean atom = desc.gamma > 1;
    byte[] png = SpectrumPlot.png(title, subtitle, hist, mp, spikes, atom);
    dev.randnla.jobs.Png.write(run, "spectrum.png", png);
  }
}
