package dev.randnla.jobs.generate;

import dev.randnla.linalg.OrthonormalBasis;
import java.util.Map;

/**
 * Non-uniform leverage with closed-form scores (docs/algorithms.md, generate): the first d generated rows are
 * α·e_j, the other n − d rows are U·diag(s) (V = I) with U from an exact basis of size n − d.
 * AᵀA = diag(α² + s_j²), so identity row j has leverage α²/(α² + s_j²) and basis row i has
 * Σ_j U[i][j]²·s_j²/(α² + s_j²); the scores sum to d.
 */
final class LeverageGenerator extends DenseGenerator {
  private static final long serialVersionUID = 1L;

  private final OrthonormalBasis basis;
  private final double alpha;
  private final double[] s;

  LeverageGenerator(long n, int d, long seed, double alpha, double kappa) {
    super(n, d, seed, false);
    if (n - d < d + 2) {
      throw new IllegalArgumentException("--rows must be at least 2·cols + 2 = " + (2L * d + 2) + " for the leverage kind: " + n);
    }
    this.basis = new OrthonormalBasis(n - d);
    this.alpha = alpha;
    this.s = new double[d];
    double root = Math.sqrt(kappa);
    for (int j = 0; j < d; j++) {
      double t = d == 1 ? 0.5 : (double) j / (d - 1);
      s[j] = Math.pow(root, 2 * t - 1);
    }
  }

  @Override
  void coefficients(long g, double[] out) {
    java.util.Arrays.fill(out, 0.0);
    if (g < d) {
      out[(int) g] = alpha;
      return;
    }
    for (int j = 0; j < d; j++) {
      out[j] = basis.entry(g - d, j + 1) * s[j];
    }
  }

  /** The exact leverage of generated row g. */
  double leverage(long g) {
    double a2 = alpha * alpha;
    if (g < d) {
      return a2 / (a2 + s[(int) g] * s[(int) g]);
    }
    double t = 0;
    for (int j = 0; j < d; j++) {
      double u = basis.entry(g - d, j + 1);
      t += u * u * s[j] * s[j] / (a2 + s[j] * s[j]);
    }
    return t;
  }

  @Override
  public void describe(Map<String, Object> truth, java.util.function.LongUnaryOperator positionOf) {
    truth.put("basis", basis.kind());
    double[] lambda = new double[d];
    for (int j = 0; j < d; j++) {
      lambda[j] = alpha * alpha + s[j] * s[j];
    }
    describeSpectrum(truth, lambda);
    long[] positions = new long[d];
    double[] scores = new double[d];
    for (int j = 0; j < d; j++) {
      positions[j] = positionOf.applyAsLong(j);
      scores[j] = leverage(j);
    }
    truth.put("alpha", alpha);
    truth.put("s", s.clone());
    truth.put("identityRowPositions", positions);
    truth.put("identityRowLeverage", scores);
    truth.put("leverageSum", (double) d);
    if (basis.kind().equals("hadamard")) {
      truth.put("basisRowLeverage", leverage(d));
    }
    truth.put("construction", "leverage: rows alpha*e_j (at identityRowPositions, 0-based positions in the files) "
        + "stacked on U diag(s) with U from the " + basis.kind() + " basis of size n-d; leverage of identity row j is "
        + "alpha^2/(alpha^2+s_j^2); a basis row i has sum_j U[i][j]^2 s_j^2/(alpha^2+s_j^2)");
  }
}
