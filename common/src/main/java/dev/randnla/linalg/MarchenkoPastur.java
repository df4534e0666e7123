package dev.randnla.linalg;

/**
 * The Marchenko–Pastur law MP(γ, σ²): the limiting spectral distribution of the sample covariance
 * C = XᵀX/n of an n×d matrix of independent entries with mean 0 and variance σ², as n, d → ∞ with
 * d/n → γ. Its continuous part lives on the bulk [σ²(1 − √γ)², σ²(1 + √γ)²] with density
 * √((b − x)(x − a)) / (2πσ²γx) and mass min(1, 1/γ); when γ &gt; 1 the remaining 1 − 1/γ is an
 * atom at 0 (C has rank n &lt; d).
 *
 * <p>Also the spiked model (Baik, Ben Arous &amp; Péché 2005; Baik &amp; Silverstein 2006): a
 * population eigenvalue σ²ℓ separates from the bulk only when ℓ &gt; 1 + √γ, and then the sample
 * eigenvalue converges to σ²·ℓ(1 + γ/(ℓ − 1)); and the Tracy–Widom scale of the largest noise
 * eigenvalue (Johnstone 2001), which turns the bulk edge into a significance test for spikes.
 *
 * <p>The CDF is in closed form (an antiderivative of the density with arcsines), accurate to a few
 * ulps of 1; the median is found by bisection on it.
 */
public final class MarchenkoPastur {
  /** The 0.99 quantile of the Tracy–Widom law for β = 1 (real Wishart), from Tracy &amp; Widom's tables. */
  public static final double TRACY_WIDOM_1_Q99 = 2.0234;

  private final double gamma;
  private final double sigma2;
  private final double lower;
  private final double upper;

  /**
   * @param gamma the aspect ratio d/n (positive)
   * @param sigma2 the noise variance σ² (positive)
   */
  public MarchenkoPastur(double gamma, double sigma2) {
    if (!(gamma > 0) || !Double.isFinite(gamma)) {
      throw new IllegalArgumentException("aspect ratio gamma must be positive and finite: " + gamma);
    }
    if (!(sigma2 > 0) || !Double.isFinite(sigma2)) {
      throw new IllegalArgumentException("noise variance sigma2 must be positive and finite: " + sigma2);
    }
    this.gamma = gamma;
    this.sigma2 = sigma2;
    double r = Math.sqrt(gamma);
    this.lower = sigma2 * (1 - r) * (1 - r);
    this.upper = sigma2 * (1 + r) * (1 + r);
  }

  public double gamma() {
    return gamma;
  }

  public double sigma2() {
    return sigma2;
  }

  /** The lower bulk edge σ²(1 − √γ)². */
  public double lowerEdge() {
    return lower;
  }

  /** The upper bulk edge σ²(1 + √γ)². */
  public double upperEdge() {
    return upper;
  }

  /** The mass of the atom at zero, max(0, 1 − 1/γ). */
  public double atomAtZero() {
    return gamma > 1 ? 1 - 1 / gamma : 0.0;
  }

  /** The mass of the continuous part, min(1, 1/γ). */
  public double continuousMass() {
    return gamma > 1 ? 1 / gamma : 1.0;
  }

  /** The density of the continuous part at x (0 outside the bulk). */
  public double density(double x) {
    if (!(x > lower) || !(x < upper) || x <= 0) {
      return 0.0;
    }
    return Math.sqrt((upper - x) * (x - lower)) / (2 * Math.PI * sigma2 * gamma * x);
  }

  /** P(λ ≤ x), including the atom at zero. */
  public double cdf(double x) {
    if (x < 0) {
      return 0.0;
    }
    return atomAtZero() + continuousCdf(x);
  }

  /** The mass of the continuous part on (−∞, x]: 0 below the bulk, {@link #continuousMass()} above. */
  public double continuousCdf(double x) {
    if (x <= lower) {
      return 0.0;
    }
    if (x >= upper) {
      return continuousMass();
    }
    double a = lower;
    double b = upper;
    double rx = Math.sqrt((b - x) * (x - a));
    double u = clampUnit((2 * x - a - b) / (b - a));
    double integral = rx + 0.5 * (a + b) * (Math.asin(u) + Math.PI / 2);
    if (a > 0) {
      double v = clampUnit(((a + b) * x - 2 * a * b) / (x * (b - a)));
      integral -= Math.sqrt(a * b) * (Math.asin(v) + Math.PI / 2);
    }
    double f = integral / (2 * Math.PI * sigma2 * gamma);
    return Math.min(continuousMass(), Math.max(0.0, f));
  }

  /** The median of the continuous part (the x where half of its mass lies below). */
  public double continuousMedian() {
    double half = continuousMass() / 2;
    double lo = lower;
    double hi = upper;
    for (int it = 0; it < 200 && hi - lo > 1e-15 * upper; it++) {
      double mid = 0.5 * (lo + hi);
      if (continuousCdf(mid) < half) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  /** The smallest population spike ℓ (in σ² units) that separates from the bulk: 1 + √γ (BBP). */
  public static double bbpThreshold(double gamma) {
    return 1 + Math.sqrt(gamma);
  }

  /**
   * Where a population spike σ²ℓ puts its sample eigenvalue in the limit: σ²·ℓ(1 + γ/(ℓ − 1)) when
   * ℓ &gt; 1 + √γ, else the upper bulk edge (it does not separate).
   */
  public double spikeLocation(double ell) {
    if (!(ell > bbpThreshold(gamma))) {
      return upper;
    }
    return sigma2 * ell * (1 + gamma / (ell - 1));
  }

  /**
   * The population spike ℓ (in σ² units) whose limiting sample eigenvalue is λ: the inverse of
   * {@link #spikeLocation}, the larger root of ℓ² − (1 + y − γ)ℓ + y = 0 with y = λ/σ². NaN when
   * λ is not above the upper edge (no spike is identifiable there).
   */
  public double populationSpike(double lambda) {
    double y = lambda / sigma2;
    double edge = upper / sigma2;
    if (!(y > edge)) {
      return Double.NaN;
    }
    double p = 1 + y - gamma;
    double disc = Math.max(0.0, p * p - 4 * y);
    return 0.5 * (p + Math.sqrt(disc));
  }

  /**
   * The asymptotic standard deviation of the sample eigenvalue of a separated spike ℓ with n
   * samples: σ²·ℓ·√(2(1 − γ/(ℓ − 1)²)/n) (Paul 2007; Bai &amp; Yao 2008, Gaussian data).
   */
  public double spikeStandardDeviation(double ell, double n) {
    double g = gamma / ((ell - 1) * (ell - 1));
    return sigma2 * ell * Math.sqrt(2 * Math.max(0.0, 1 - g) / n);
  }

  /**
   * The largest-eigenvalue threshold of a test for spikes at level 1%: under pure Gaussian noise the
   * largest eigenvalue of C = XᵀX/n (X n×d) exceeds it with probability ≈ 1%. Johnstone (2001)
   * centring and scaling μ = (√(n−1) + √d)², s = (√(n−1) + √d)(1/√(n−1) + 1/√d)^{1/3} of the
   * largest eigenvalue of XᵀX/σ², with the Tracy–Widom (β = 1) 0.99 quantile.
   *
   * @param n the samples (rows, or rows − 1 after centring)
   * @param d the dimension
   */
  public double spikeThreshold(double n, double d) {
    double a = Math.sqrt(Math.max(1.0, n - 1));
    double b = Math.sqrt(d);
    double mu = (a + b) * (a + b);
    double s = (a + b) * Math.cbrt(1 / a + 1 / b);
    return sigma2 * (mu + TRACY_WIDOM_1_Q99 * s) / n;
  }

  /** The Tracy–Widom scale s/n of the largest eigenvalue of C (see {@link #spikeThreshold}). */
  public double edgeFluctuation(double n, double d) {
    double a = Math.sqrt(Math.max(1.0, n - 1));
    double b = Math.sqrt(d);
    return sigma2 * (a + b) * Math.cbrt(1 / a + 1 / b) / n;
  }

  /** The median of the continuous part of MP(γ, 1). */
  public static double unitMedian(double gamma) {
    return new MarchenkoPastur(gamma, 1.0).continuousMedian();
  }

  private static double clampUnit(double v) {
    return Math.max(-1.0, Math.min(1.0, v));
  }
}
