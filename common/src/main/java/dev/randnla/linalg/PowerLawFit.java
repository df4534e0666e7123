package dev.randnla.linalg;

import java.util.Arrays;

/**
 * A continuous power-law fit p(x) ∝ x^(−α) for x ≥ x_min of the upper tail of a (weighted) sample,
 * by the method of Clauset, Shalizi &amp; Newman, "Power-law distributions in empirical data"
 * (SIAM Review 2009, arXiv 0706.1062): for each candidate x_min the maximum-likelihood exponent
 * α̂ = 1 + W / Σ wᵢ ln(xᵢ/x_min) over the tail xᵢ ≥ x_min (W = Σ wᵢ, the tail's size), and the
 * x_min whose fitted tail is closest to the empirical tail in Kolmogorov–Smirnov distance. This is
 * the α of heavy-tailed self-regularization (Martin &amp; Mahoney, arXiv 1810.01075) when the sample
 * is the eigenvalues of a correlation matrix.
 *
 * <p>Weights let a sample be a quadrature measure (stochastic Lanczos nodes and weights, scaled to
 * counts); with unit weights it is the textbook estimator. Standard error of α̂: (α̂ − 1)/√W.
 * Cost O(N²) for N sample points (every point is a candidate x_min).
 */
public final class PowerLawFit {
  /** The fewest tail points (total weight) a candidate x_min must leave. */
  public static final double MIN_TAIL = 5;

  private PowerLawFit() {}

  /**
   * The fitted tail.
   *
   * @param alpha the exponent α of the density (NaN when no fit was possible)
   * @param xmin the lower end of the tail
   * @param tail the weight (number of points) in the tail
   * @param ks the Kolmogorov–Smirnov distance between the fitted and the empirical tail
   * @param standardError (α − 1)/√tail
   */
  public record Result(double alpha, double xmin, double tail, double ks, double standardError) {
    static final Result NONE = new Result(Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN);

    public boolean ok() {
      return !Double.isNaN(alpha);
    }
  }

  /** Fit with unit weights; non-positive values are ignored. */
  public static Result fit(double[] x) {
    double[] w = new double[x.length];
    Arrays.fill(w, 1.0);
    return fit(x, w);
  }

  /**
   * Fit of the weighted sample (x, w): only points with x &gt; 0 and w &gt; 0 take part.
   *
   * @param x values (input, not modified)
   * @param w weights (counts), same length
   */
  public static Result fit(double[] x, double[] w) {
    if (x.length != w.length) {
      throw new IllegalArgumentException("values and weights differ in length: " + x.length + " vs " + w.length);
    }
    int m = 0;
    Integer[] idx = new Integer[x.length];
    for (int i = 0; i < x.length; i++) {
      if (x[i] > 0 && w[i] > 0 && Double.isFinite(x[i])) {
        idx[m++] = i;
      }
    }
    Integer[] order = Arrays.copyOf(idx, m);
    Arrays.sort(order, (a, b) -> Double.compare(x[b], x[a]));
    // points in descending order; merge equal values so each candidate x_min is a distinct value.
    // "Equal" is to rounding (LanczosQuadrature.sameNode): the quadrature nodes of several probes at one eigenvalue
    // differ in their last bits, and splitting them into several candidates with parts of the
    // weight made the fit jump with the summation order (1 vs 16 partitions gave α 1.54 vs 1.65).
    double[] vs = new double[m];
    double[] ws = new double[m];
    double top = m == 0 ? 0 : x[order[0]];
    int k = 0;
    for (int t = 0; t < m; t++) {
      double v = x[order[t]];
      if (k > 0 && LanczosQuadrature.sameNode(vs[k - 1], v, top)) {
        ws[k - 1] += w[order[t]];
      } else {
        vs[k] = v;
        ws[k] = w[order[t]];
        k++;
      }
    }
    Result best = Result.NONE;
    double tailWeight = 0;
    double sumWLog = 0;
    // walking down, candidate x_min = vs[c]: tail = vs[0..c]; Σ w ln(x/xmin) = Σ w ln x − W ln xmin
    for (int c = 0; c < k; c++) {
      tailWeight += ws[c];
      sumWLog += ws[c] * Math.log(vs[c]);
      if (tailWeight < MIN_TAIL) {
        continue;
      }
      double xmin = vs[c];
      double denom = sumWLog - tailWeight * Math.log(xmin);
      if (!(denom > 0)) {
        continue;
      }
      double alpha = 1 + tailWeight / denom;
      double ks = ksDistance(vs, ws, c, xmin, alpha, tailWeight);
      if (!best.ok() || ks < best.ks()) {
        best = new Result(alpha, xmin, tailWeight, ks, (alpha - 1) / Math.sqrt(tailWeight));
      }
    }
    return best;
  }

  /** sup |S_emp(x) − S_fit(x)| over the tail vs[0..c] (descending), with survival functions. */
  private static double ksDistance(double[] vs, double[] ws, int c, double xmin, double alpha, double tailWeight) {
    double d = 0;
    double above = 0;
    for (int t = 0; t <= c; t++) {
      double fit = Math.pow(vs[t] / xmin, 1 - alpha);
      // the empirical survival P(X ≥ v) jumps at v: compare on both sides
      double strictlyAbove = above / tailWeight;
      above += ws[t];
      double atOrAbove = above / tailWeight;
      d = Math.max(d, Math.max(Math.abs(fit - strictlyAbove), Math.abs(fit - atOrAbove)));
    }
    return d;
  }
}
