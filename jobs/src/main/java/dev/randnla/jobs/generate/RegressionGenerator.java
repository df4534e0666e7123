package dev.randnla.jobs.generate;

import dev.randnla.linalg.OrthonormalBasis;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import java.util.Map;

/**
 * Known-residual least squares (docs/algorithms.md, generate): A = U·diag(s)·Vᵀ with s geometric from 1 to
 * 1/κ, x* Gaussian, b = A·x* + ρ·U[:, d+1]. Column d+1 of the basis is orthogonal to range(A),
 * so x* is the exact least-squares solution and ‖A·x* − b‖ = ρ exactly.
 */
final class RegressionGenerator extends DenseGenerator {
  private static final long serialVersionUID = 1L;

  private final OrthonormalBasis basis;
  private final double[] s;
  private final double[] xStar;
  /** w = Vᵀ·x*, so that a_g·x* = c_g·w. */
  private final double[] w;
  private final double residual;

  RegressionGenerator(long n, int d, long seed, double kappa, double residual) {
    super(n, d, seed, true);
    if (n < d + 3) {
      throw new IllegalArgumentException("--rows must be at least cols + 3 = " + (d + 3) + ": " + n);
    }
    this.basis = new OrthonormalBasis(n);
    this.s = new double[d];
    for (int j = 0; j < d; j++) {
      s[j] = d == 1 ? 1.0 : Math.pow(kappa, -(double) j / (d - 1));
    }
    RandomStream rs = RandomStream.of(seed, Purpose.GENERATE_SOLUTION, 0);
    this.xStar = new double[d];
    rs.fillGaussian(xStar);
    this.w = v.transposeTimes(xStar);
    this.residual = residual;
  }

  @Override
  public boolean hasLabel() {
    return true;
  }

  @Override
  void coefficients(long g, double[] out) {
    for (int j = 0; j < d; j++) {
      out[j] = basis.entry(g, j + 1) * s[j];
    }
  }

  @Override
  double label(long g, double[] c) {
    double dot = 0;
    for (int j = 0; j < d; j++) {
      dot += c[j] * w[j];
    }
    return dot + residual * basis.entry(g, d + 1);
  }

  @Override
  public void describe(Map<String, Object> truth, java.util.function.LongUnaryOperator positionOf) {
    truth.put("basis", basis.kind());
    double[] lambda = new double[d];
    for (int j = 0; j < d; j++) {
      lambda[j] = s[j] * s[j];
    }
    describeSpectrum(truth, lambda);
    truth.put("xStar", xStar.clone());
    truth.put("residualNorm", residual);
    double ax2 = 0;
    for (int j = 0; j < d; j++) {
      ax2 += s[j] * s[j] * w[j] * w[j];
    }
    double b2 = ax2 + residual * residual;
    truth.put("bNorm", Math.sqrt(b2));
    truth.put("rSquaredUncentered", b2 == 0 ? 1.0 : ax2 / b2);
    truth.put("labelCol", 0);
    truth.put("construction", "regression: A = U diag(s) V^T (s geometric from 1 to 1/kappa), b = A xStar + rho U[:, d+1]; "
        + "the label is the first field of every row");
  }
}
