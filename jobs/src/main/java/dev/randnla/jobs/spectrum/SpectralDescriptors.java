package dev.randnla.jobs.spectrum;

import dev.randnla.linalg.LanczosQuadrature;
import dev.randnla.linalg.MarchenkoPastur;
import dev.randnla.linalg.PowerLawFit;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The spectral descriptors of a covariance-type matrix C = AᵀA/c (A possibly centred and
 * standardized, c = n or n − 1) from its spectrum λ₁ ≥ … ≥ λ_d (docs/algorithms.md, spectrum):
 *
 * <ul>
 *   <li>spectral entropy H = −Σ pⱼ ln pⱼ with pⱼ = λⱼ/Σλ (Roy &amp; Vetterli 2007), effective rank e^H,
 *       stable rank Σλ/λ₁ = ‖A‖_F²/σ₁², condition number σ₁/σ_d = √(λ₁/λ_d);</li>
 *   <li>the Marchenko–Pastur fit: γ = d/c, σ² from the median of the non-zero part of the spectrum
 *       (the spikes barely move a median), the bulk edges σ²(1 ∓ √γ)², the number and variance share
 *       of eigenvalues above the upper edge, the spikes (eigenvalues above the 1% Tracy–Widom threshold,
 *       see {@link MarchenkoPastur#spikeThreshold}) each with its BBP population value ℓ, and the
 *       Kolmogorov–Smirnov distance of the spectral distribution from MP(γ, σ²);</li>
 *   <li>the power-law tail exponent α of heavy-tailed self-regularization ({@link PowerLawFit});</li>
 *   <li>the nuclear norm ‖A‖_* = Σ σⱼ = Σ √(c·λⱼ) and its one-pass upper bound Σⱼ ‖A eⱼ‖ (triangle
 *       inequality over the rank-one columns; the Matrix Nuclear-Norm proxy of Li et al., arXiv 2410.10672).</li>
 * </ul>
 *
 * Built from the exact spectrum ({@link #exact}) or from stochastic Lanczos quadrature
 * ({@link #estimated}). A plain class: it travels from tasks (per-window descriptors).
 */
final class SpectralDescriptors implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Eigenvalues below this multiple of d·u·λ₁ are numerically zero for a Gram-based spectrum. */
  static final double RANK_TOLERANCE = 10 * 2.220446049250313e-16;

  /** One eigenvalue above the spike threshold. */
  static final class Spike implements Serializable {
    private static final long serialVersionUID = 1L;
    final double sample;
    final double ell;
    final double population;
    final double residual;

    Spike(double sample, double ell, double population, double residual) {
      this.sample = sample;
      this.ell = ell;
      this.population = population;
      this.residual = residual;
    }

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("eigenvalue", clean(sample));
      m.put("populationSpike", clean(ell));
      m.put("populationEigenvalue", clean(population));
      if (!Double.isNaN(residual)) {
        m.put("residualBound", clean(residual));
      }
      return m;
    }
  }

  final long rows;
  final double divisor;
  final int cols;
  final double gamma;
  final double trace;
  final double topEigenvalue;
  final double smallestEigenvalue;
  final double spectralEntropy;
  final double effectiveRank;
  final double stableRank;
  final double conditionNumber;
  final int numericalRank;
  final double sigma2;
  final double sigma2Upper;
  final double lowerEdge;
  final double upperEdge;
  final double spikeThreshold;
  final double eigenvaluesAboveEdge;
  final double varianceAboveEdge;
  final List<Spike> spikes;
  final double mpKs;
  final double alpha;
  final double alphaXmin;
  final double alphaTail;
  final double alphaKs;
  final double alphaStandardError;
  final double nuclearNorm;
  final double nuclearNormStandardError;
  final double columnNormBound;

  private SpectralDescriptors(Builder b) {
    this.rows = b.rows;
    this.divisor = b.divisor;
    this.cols = b.cols;
    this.gamma = b.divisor > 0 ? b.cols / b.divisor : Double.NaN;
    this.trace = b.trace;
    this.topEigenvalue = b.top;
    this.smallestEigenvalue = b.bottom;
    this.numericalRank = b.numericalRank;
    this.nuclearNorm = b.nuclear;
    this.nuclearNormStandardError = b.nuclearSe;
    this.columnNormBound = b.columnNormBound;
    boolean degenerate = !(b.trace > 0) || !(b.divisor > 0);
    this.spectralEntropy = degenerate ? Double.NaN : b.entropy;
    this.effectiveRank = degenerate ? Double.NaN : Math.exp(b.entropy);
    this.stableRank = degenerate ? Double.NaN : b.trace / b.top;
    double zero = b.cols * RANK_TOLERANCE * b.top;
    this.conditionNumber = degenerate ? Double.NaN
        : (b.bottom > zero && b.divisor >= b.cols ? Math.sqrt(b.top / b.bottom) : Double.POSITIVE_INFINITY);

    SpectralMeasure measure = b.measure;
    double s2 = Double.NaN;
    double s2Upper = Double.NaN;
    MarchenkoPastur mp = null;
    if (!degenerate) {
      double continuous = gamma > 1 ? 1 / gamma : 1.0;
      double q = 1 - continuous / 2;
      double median = measure.quantile(q);
      if (median > zero) {
        double unit = MarchenkoPastur.unitMedian(gamma);
        s2 = median / unit;
        mp = new MarchenkoPastur(gamma, s2);
        s2Upper = b.quantileUpper == null ? s2 : Math.max(s2, b.quantileUpper.applyAsDouble(q) / unit);
      }
    }
    this.sigma2 = s2;
    this.sigma2Upper = s2Upper;
    if (mp == null) {
      this.lowerEdge = Double.NaN;
      this.upperEdge = Double.NaN;
      this.spikeThreshold = Double.NaN;
      this.eigenvaluesAboveEdge = Double.NaN;
      this.varianceAboveEdge = Double.NaN;
      this.spikes = new ArrayList<>(); // a plain list: windows travel through Kryo, which cannot rebuild List.of
      this.mpKs = Double.NaN;
    } else {
      this.lowerEdge = mp.lowerEdge();
      this.upperEdge = mp.upperEdge();
      // with a quadrature measure σ² is only bracketed: test spikes against the bracket's top
      this.spikeThreshold = new MarchenkoPastur(gamma, s2Upper).spikeThreshold(b.divisor, b.cols);
      this.eigenvaluesAboveEdge = measure.weightAbove(upperEdge);
      this.varianceAboveEdge = measure.massAbove(upperEdge) / b.trace;
      List<Spike> found = new ArrayList<>();
      for (int i = 0; i < b.topValues.length && b.topValues[i] > spikeThreshold; i++) {
        double ell = mp.populationSpike(b.topValues[i]);
        found.add(new Spike(b.topValues[i], ell, ell * s2, b.topResiduals[i]));
      }
      this.spikes = found;
      MarchenkoPastur law = mp;
      this.mpKs = measure.ksDistance(law::cdf, law.atomAtZero(), b.quadrature);
    }
    PowerLawFit.Result fit = degenerate ? PowerLawFit.fit(new double[0]) : fitTail(measure, zero);
    this.alpha = fit.alpha();
    this.alphaXmin = fit.xmin();
    this.alphaTail = fit.tail();
    this.alphaKs = fit.ks();
    this.alphaStandardError = fit.standardError();
  }

  private static PowerLawFit.Result fitTail(SpectralMeasure m, double zero) {
    double[] v = m.values();
    double[] w = m.weights();
    for (int i = 0; i < v.length; i++) {
      if (v[i] <= zero) {
        w[i] = 0;
      }
    }
    return PowerLawFit.fit(v, w);
  }

  /**
   * From the exact spectrum of C.
   *
   * @param eigenvalues the d eigenvalues of C (any order)
   * @param rows n
   * @param divisor c (C = AᵀA/c)
   * @param columnNormBound Σⱼ ‖A eⱼ‖
   */
  static SpectralDescriptors exact(double[] eigenvalues, long rows, double divisor, double columnNormBound) {
    int d = eigenvalues.length;
    double[] desc = eigenvalues.clone();
    Arrays.sort(desc);
    reverse(desc);
    double top = d == 0 ? 0.0 : Math.max(0.0, desc[0]);
    // below d·u·λ₁ a Gram-based eigenvalue is rounding: it is zero (√ would turn 1e-17 into 3e-9)
    double zero = d * RANK_TOLERANCE * top;
    for (int i = 0; i < d; i++) {
      desc[i] = desc[i] > zero ? desc[i] : 0.0;
    }
    Builder b = new Builder(rows, divisor, d, SpectralMeasure.of(desc));
    double trace = 0;
    for (double x : desc) {
      trace += x;
    }
    double entropy = 0;
    double nuclear = 0;
    int rank = 0;
    for (double x : desc) {
      if (x > 0 && trace > 0) {
        double p = x / trace;
        entropy -= p * Math.log(p);
      }
      nuclear += Math.sqrt(Math.max(0.0, divisor) * x);
      if (x > zero) {
        rank++;
      }
    }
    b.trace = trace;
    b.top = top;
    b.bottom = d == 0 ? 0.0 : desc[d - 1];
    b.entropy = entropy;
    b.nuclear = nuclear;
    b.nuclearSe = 0.0;
    b.numericalRank = rank;
    b.columnNormBound = columnNormBound;
    b.topValues = desc;
    b.topResiduals = new double[d];
    Arrays.fill(b.topResiduals, Double.NaN);
    return new SpectralDescriptors(b);
  }

  /**
   * From stochastic Lanczos quadrature on C with Rademacher probes.
   *
   * @param trace tr C, known exactly from the column statistics
   * @param topCount how many top Ritz values to consider as spikes
   */
  static SpectralDescriptors estimated(LanczosQuadrature q, long rows, double divisor, double trace, double columnNormBound,
      int topCount) {
    int d = q.dimension();
    double[][] top = q.topRitzValues(topCount);
    double zero = d * RANK_TOLERANCE * (top.length == 0 ? 0.0 : Math.max(0.0, top[0][0]));
    double[] nodes = q.nodes();
    double[] weights = q.measureWeights();
    for (int i = 0; i < weights.length; i++) {
      weights[i] *= d;
      nodes[i] = nodes[i] > zero ? nodes[i] : 0.0;
    }
    Builder b = new Builder(rows, divisor, d, SpectralMeasure.quadrature(nodes, weights));
    b.trace = trace;
    b.top = top.length == 0 ? 0.0 : Math.max(0.0, top[0][0]);
    b.bottom = Math.max(0.0, q.bottomRitzValue()[0]);
    if (divisor < d) {
      b.bottom = 0.0;
    }
    // H = ln tr C − tr(C ln C)/tr C, with tr C exact and tr(C ln C) by quadrature
    LanczosQuadrature.Estimate clc = q.trace(x -> x > zero ? x * Math.log(x) : 0.0);
    b.entropy = trace > 0 ? Math.log(trace) - clc.value() / trace : Double.NaN;
    LanczosQuadrature.Estimate sq = q.trace(x -> x > zero ? Math.sqrt(x) : 0.0);
    double scale = Math.sqrt(Math.max(0.0, divisor));
    b.nuclear = scale * sq.value();
    b.nuclearSe = scale * sq.standardError();
    b.numericalRank = -1;
    b.quadrature = true;
    b.quantileUpper = qq -> quantileUpperBound(q, qq, zero);
    b.columnNormBound = columnNormBound;
    b.topValues = new double[top.length];
    b.topResiduals = new double[top.length];
    for (int i = 0; i < top.length; i++) {
      b.topValues[i] = top[i][0];
      b.topResiduals[i] = top[i][1];
    }
    return new SpectralDescriptors(b);
  }

  /**
   * An upper bound of the q-quantile of the spectral measure from the Chebyshev–Markov–Stieltjes
   * inequalities of each probe's Gauss rule: the true CDF vₚᵀ1(M ≤ x)vₚ is at least the weight of
   * the probe's nodes below its largest node ≤ x, so the quantile lies below the smallest x where
   * the probe-average of these lower bounds reaches q (up to the Hutchinson error of the average).
   */
  static double quantileUpperBound(LanczosQuadrature q, double level, double zero) {
    int k = q.probes().size();
    double[][] nodes = new double[k][];
    double[][] below = new double[k][];
    java.util.TreeSet<Double> xs = new java.util.TreeSet<>();
    for (int p = 0; p < k; p++) {
      double[] v = q.probes().get(p).nodes();
      double[] w = q.probes().get(p).weights();
      int m = v.length;
      nodes[p] = new double[m];
      below[p] = new double[m];
      double cum = 0;
      for (int i = m - 1; i >= 0; i--) {
        nodes[p][m - 1 - i] = v[i] > zero ? v[i] : 0.0;
        below[p][m - 1 - i] = cum;
        cum += w[i];
        xs.add(nodes[p][m - 1 - i]);
      }
    }
    for (double x : xs) {
      double lower = 0;
      for (int p = 0; p < k; p++) {
        int at = Arrays.binarySearch(nodes[p], x);
        int idx = at >= 0 ? at : -at - 2;
        while (at >= 0 && idx + 1 < nodes[p].length && nodes[p][idx + 1] == x) {
          idx++;
        }
        lower += idx >= 0 ? below[p][idx] : 0.0;
      }
      if (lower / k >= level) {
        return x;
      }
    }
    return xs.isEmpty() ? Double.NaN : xs.last();
  }

  private static final class Builder {
    final long rows;
    final double divisor;
    final int cols;
    final SpectralMeasure measure;
    double trace;
    double top;
    double bottom;
    double entropy;
    double nuclear;
    double nuclearSe;
    int numericalRank;
    double columnNormBound;
    double[] topValues = new double[0];
    double[] topResiduals = new double[0];
    boolean quadrature;
    java.util.function.DoubleUnaryOperator quantileUpper;

    Builder(long rows, double divisor, int cols, SpectralMeasure measure) {
      this.rows = rows;
      this.divisor = divisor;
      this.cols = cols;
      this.measure = measure;
    }
  }

  private static void reverse(double[] a) {
    for (int i = 0, j = a.length - 1; i < j; i++, j--) {
      double t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** The Marchenko–Pastur law fitted, or null when σ² could not be estimated. */
  MarchenkoPastur marchenkoPastur() {
    return Double.isNaN(sigma2) ? null : new MarchenkoPastur(gamma, sigma2);
  }

  /** The sample eigenvalues of the spikes, largest first. */
  double[] spikeEigenvalues() {
    double[] out = new double[spikes.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = spikes.get(i).sample;
    }
    return out;
  }

  /** The descriptors as summary.json result entries (insertion order kept). */
  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rows", rows);
    m.put("cols", cols);
    m.put("divisor", clean(divisor));
    m.put("aspectRatio", clean(gamma));
    m.put("trace", clean(trace));
    m.put("frobeniusNorm", clean(Math.sqrt(Math.max(0.0, divisor) * trace)));
    m.put("topEigenvalue", clean(topEigenvalue));
    m.put("smallestEigenvalue", clean(smallestEigenvalue));
    m.put("spectralEntropy", clean(spectralEntropy));
    m.put("effectiveRank", clean(effectiveRank));
    m.put("stableRank", clean(stableRank));
    m.put("conditionNumber", clean(conditionNumber));
    if (numericalRank >= 0) {
      m.put("numericalRank", numericalRank);
    }
    Map<String, Object> mp = new LinkedHashMap<>();
    mp.put("sigma2", clean(sigma2));
    if (sigma2Upper != sigma2) {
      mp.put("sigma2UpperBound", clean(sigma2Upper));
    }
    mp.put("lowerEdge", clean(lowerEdge));
    mp.put("upperEdge", clean(upperEdge));
    mp.put("bbpThreshold", clean(MarchenkoPastur.bbpThreshold(gamma)));
    mp.put("spikeThreshold", clean(spikeThreshold));
    mp.put("eigenvaluesAboveEdge", clean(eigenvaluesAboveEdge));
    mp.put("varianceAboveEdge", clean(varianceAboveEdge));
    mp.put("spikes", spikes.size());
    List<Map<String, Object>> list = new ArrayList<>();
    for (Spike s : spikes) {
      list.add(s.toMap());
    }
    mp.put("spikeDetails", list);
    mp.put("ksDistance", clean(mpKs));
    m.put("marchenkoPastur", mp);
    Map<String, Object> pl = new LinkedHashMap<>();
    pl.put("alpha", clean(alpha));
    pl.put("xmin", clean(alphaXmin));
    pl.put("tailEigenvalues", clean(alphaTail));
    pl.put("ksDistance", clean(alphaKs));
    pl.put("standardError", clean(alphaStandardError));
    m.put("powerLaw", pl);
    m.put("nuclearNorm", clean(nuclearNorm));
    m.put("nuclearNormStandardError", clean(nuclearNormStandardError));
    m.put("columnNormBound", clean(columnNormBound));
    return m;
  }

  /** The header of the per-window table. */
  static String csvHeader() {
    return "window,firstRow,rows,trace,topEigenvalue,spectralEntropy,effectiveRank,stableRank,conditionNumber,"
        + "numericalRank,sigma2,mpLowerEdge,mpUpperEdge,spikeThreshold,eigenvaluesAboveEdge,varianceAboveEdge,spikes,"
        + "mpKsDistance,powerLawAlpha,powerLawXmin,nuclearNorm,columnNormBound,populationSpikes";
  }

  /** One line of the per-window table (no newline). */
  String csvRow(long window, long firstRow) {
    StringBuilder sb = new StringBuilder();
    sb.append(window).append(',').append(firstRow).append(',').append(rows);
    for (double v : new double[] {trace, topEigenvalue, spectralEntropy, effectiveRank, stableRank, conditionNumber}) {
      sb.append(',').append(v);
    }
    sb.append(',').append(numericalRank);
    for (double v : new double[] {sigma2, lowerEdge, upperEdge, spikeThreshold, eigenvaluesAboveEdge, varianceAboveEdge}) {
      sb.append(',').append(v);
    }
    sb.append(',').append(spikes.size());
    for (double v : new double[] {mpKs, alpha, alphaXmin, nuclearNorm, columnNormBound}) {
      sb.append(',').append(v);
    }
    sb.append(',');
    for (int i = 0; i < spikes.size(); i++) {
      if (i > 0) {
        sb.append(';');
      }
      sb.append(String.format(Locale.ROOT, "%.6g", spikes.get(i).ell));
    }
    return sb.toString();
  }

  /** A value for summary.json, which writes a non-finite one as null with a sibling saying which. */
  private static Object clean(double v) {
    return v;
  }
}
