package dev.randnla.jobs.generate;

import dev.randnla.linalg.Matrix;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import java.util.Arrays;
import java.util.Map;

/**
 * Sparse linear regression with a random support (docs/algorithms.md, generate --kind
 * sparse-regression): rows x_g = z_g·C with z_g ~ N(0, I_d) drawn from (seed, g), labels y_g = x_g·w* + σ·ξ_g
 * with ξ_g ~ N(0, 1) drawn from the same stream, and w* k-sparse on a support drawn uniformly from (seed).
 * C = I (κ = 1, the default) gives an isotropic Gaussian design; κ &gt; 1 gives C = diag(s)·Vᵀ with s
 * geometric from 1 to 1/κ and V Haar-random, so the population covariance V·diag(s²)·Vᵀ has condition
 * number κ² and every column is dominated by the same few top directions: strongly correlated columns,
 * the worst case for plain Lasso that a random support does not avoid.
 *
 * <p>The truth is the construction: w*, its support, σ and κ (not the sample's least-squares answer,
 * which differs from w* by the noise). Cost: O(d²) per row (d Gaussians and, with κ &gt; 1, one
 * d×d product per row block).
 */
final class SparseRegressionGenerator extends DenseGenerator {
  private static final long serialVersionUID = 1L;

  private final int k;
  private final double sigma;
  private final double kappa;
  /** C (d×d) or null for the identity. */
  private final Matrix c;
  private final int[] support;
  private final double[] wStar;

  /**
   * @param k nonzeros of w* (1 ≤ k ≤ d)
   * @param sigma the noise standard deviation σ ≥ 0
   * @param kappa the design's population condition number κ ≥ 1
   */
  SparseRegressionGenerator(long n, int d, long seed, int k, double sigma, double kappa) {
    super(n, d, seed, false);
    if (k < 1 || k > d) {
      throw new IllegalArgumentException("--sparsity must be in [1, cols=" + d + "]: " + k);
    }
    this.k = k;
    this.sigma = sigma;
    this.kappa = kappa;
    if (kappa > 1) {
      Matrix v = randomOrthogonal(d, seed);
      Matrix cm = Matrix.zeros(d, d);
      for (int i = 0; i < d; i++) {
        double s = d == 1 ? 1.0 : Math.pow(kappa, -(double) i / (d - 1));
        for (int j = 0; j < d; j++) {
          cm.set(i, j, s * v.get(j, i));
        }
      }
      this.c = cm;
    } else {
      this.c = null;
    }
    // a uniform k-subset by a partial Fisher–Yates shuffle, then magnitudes in [1, 2] with random signs
    RandomStream rs = RandomStream.of(seed, Purpose.GENERATE_SOLUTION, 0);
    int[] perm = new int[d];
    for (int j = 0; j < d; j++) {
      perm[j] = j;
    }
    for (int i = 0; i < k; i++) {
      int j = i + rs.nextInt(d - i);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    this.support = Arrays.copyOf(perm, k);
    Arrays.sort(support);
    this.wStar = new double[d];
    for (int j : support) {
      wStar[j] = rs.nextSign() * (1 + rs.nextDouble());
    }
  }

  @Override
  public boolean hasLabel() {
    return true;
  }

  /** z_g then ξ_g: d + 1 Gaussians of row g's stream. */
  private double[] draws(long g) {
    double[] z = new double[d + 1];
    RandomStream.of(seed, Purpose.GENERATE_ROW, g).fillGaussian(z);
    return z;
  }

  @Override
  void coefficients(long g, double[] out) {
    double[] z = draws(g);
    if (c == null) {
      System.arraycopy(z, 0, out, 0, d);
      return;
    }
    for (int j = 0; j < d; j++) {
      double s = 0;
      for (int i = 0; i < d; i++) {
        s += z[i] * c.get(i, j);
      }
      out[j] = s;
    }
  }

  @Override
  double label(long g, double[] x) {
    double dot = 0;
    for (int j : support) {
      dot += x[j] * wStar[j];
    }
    return dot + sigma * draws(g)[d];
  }

  @Override
  public void describe(Map<String, Object> truth, java.util.function.LongUnaryOperator positionOf) {
    truth.put("wStar", wStar.clone());
    truth.put("support", support.clone());
    truth.put("sparsity", k);
    truth.put("noise", sigma);
    truth.put("kappa", kappa);
    truth.put("labelCol", 0);
    truth.put("construction", "sparse-regression: rows x = z C, z ~ N(0, I) (C = I when kappa = 1, else diag(s) V^T with s "
        + "geometric from 1 to 1/kappa and V Haar-random: correlated columns), label y = x wStar + noise * N(0, 1); wStar "
        + "has k = sparsity nonzeros on a uniformly random support, magnitudes in [1, 2] with random signs; "
        + "the label is the first field of every row");
  }
}
