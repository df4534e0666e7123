package dev.randnla.jobs.spectrum;

import dev.randnla.linalg.MarchenkoPastur;

/**
 * The spectral density as a histogram beside the fitted Marchenko–Pastur law, for plotting: equal
 * bins over [0, hi] where hi is 10% beyond the larger of the upper bulk edge and the largest
 * eigenvalue that is not a spike (spikes far out would squash the bulk; they are counted in
 * {@link #beyond()} and listed in eigenvalues.csv). Per bin: the eigenvalue count (weights, for a
 * quadrature measure), the empirical density count/(d·width), the MP density at the bin centre
 * and the count MP expects, d·(F(high) − F(low)), which includes the atom at zero when γ &gt; 1.
 *
 * <p>A quadrature measure (m nodes per probe) is binned through a Gaussian kernel of width h, as in
 * Lin, Saad &amp; Yang, "Approximating spectral densities of large matrices" (SIAM Review 2016):
 * each node spreads its weight over the bins, which removes the comb of the nodes.
 */
record SpectralHistogram(double[] edges, double[] counts, double[] expected, double[] mpDensity, double total,
    double beyond) {

  /**
   * @param mp the fitted law, or null
   * @param spikes the spike eigenvalues (excluded from the range)
   * @param kernel the Gaussian kernel width h (0: plain binning)
   */
  static SpectralHistogram of(SpectralMeasure m, MarchenkoPastur mp, double[] spikes, int bins, double kernel) {
    double[] v = m.values();
    double[] w = m.weights();
    double spikeFloor = Double.POSITIVE_INFINITY;
    for (double s : spikes) {
      spikeFloor = Math.min(spikeFloor, s);
    }
    double largestBulk = 0;
    for (double x : v) {
      if (x < spikeFloor) {
        largestBulk = Math.max(largestBulk, x);
      }
    }
    double hi = mp == null ? 1.02 * largestBulk : 1.1 * Math.max(mp.upperEdge(), largestBulk);
    if (!(hi > 0)) {
      hi = 1.0;
    }
    double[] edges = new double[bins + 1];
    for (int i = 0; i <= bins; i++) {
      edges[i] = hi * i / bins;
    }
    double[] counts = new double[bins];
    double beyond = 0;
    for (int i = 0; i < v.length; i++) {
      if (v[i] > hi) {
        beyond += w[i];
      } else if (kernel > 0 && v[i] > 0) {
        // the kernel's mass below 0 stays in the first bin; above hi it counts as beyond
        double below = 0;
        for (int b = 0; b < bins; b++) {
          double upTo = b == bins - 1 ? Double.POSITIVE_INFINITY : normalCdf((edges[b + 1] - v[i]) / kernel);
          double at = b == bins - 1 ? normalCdf((hi - v[i]) / kernel) : upTo;
          counts[b] += w[i] * (at - below);
          below = at;
        }
        beyond += w[i] * (1 - below);
      } else {
        counts[Math.min(bins - 1, (int) (v[i] / hi * bins))] += w[i];
      }
    }
    double d = m.total();
    double[] expected = new double[bins];
    double[] density = new double[bins];
    for (int i = 0; i < bins; i++) {
      if (mp != null) {
        expected[i] = d * (mp.cdf(edges[i + 1]) - (i == 0 ? 0.0 : mp.cdf(edges[i])));
        density[i] = mp.density(0.5 * (edges[i] + edges[i + 1]));
      } else {
        expected[i] = Double.NaN;
        density[i] = Double.NaN;
      }
    }
    return new SpectralHistogram(edges, counts, expected, density, d, beyond);
  }

  int bins() {
    return counts.length;
  }

  double width() {
    return edges[1] - edges[0];
  }

  /** The empirical density of bin i: count/(d·width). */
  double empiricalDensity(int i) {
    return total > 0 ? counts[i] / (total * width()) : 0.0;
  }

  /** The table as CSV with a header line. */
  String toCsv() {
    StringBuilder sb = new StringBuilder("binLow,binHigh,binCenter,count,empiricalDensity,mpExpectedCount,mpDensity\n");
    for (int i = 0; i < bins(); i++) {
      sb.append(edges[i]).append(',').append(edges[i + 1]).append(',').append(0.5 * (edges[i] + edges[i + 1]))
          .append(',').append(counts[i]).append(',').append(cell(empiricalDensity(i))).append(',').append(cell(expected[i]))
          .append(',').append(cell(mpDensity[i])).append('\n');
    }
    return sb.toString();
  }

  /** An undefined value (the MP law of a zero matrix) is an empty cell, not NaN. */
  private static String cell(double v) {
    return Double.isNaN(v) ? "" : Double.toString(v);
  }

  /** Φ(x), the standard normal CDF (Abramowitz &amp; Stegun 7.1.26 for erf, absolute error below 1.5e-7: for plotting). */
  static double normalCdf(double x) {
    double z = Math.abs(x) / Math.sqrt(2);
    double t = 1 / (1 + 0.3275911 * z);
    double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    double erf = 1 - poly * Math.exp(-z * z);
    return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
  }
}
