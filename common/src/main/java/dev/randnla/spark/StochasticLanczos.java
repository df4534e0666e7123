package dev.randnla.spark;

import dev.randnla.linalg.LanczosQuadrature;
import dev.randnla.linalg.Matrix;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;

/**
 * Stochastic Lanczos quadrature over a distributed input ({@link LanczosQuadrature}): the operator
 * is the covariance-type matrix M = D·(AᵀA − s·sᵀ/n)·D / c (centring optional, D a column scaling,
 * c a divisor such as n or n − 1), applied with {@link GramProducts#multiply} so that each Lanczos
 * step is one pass that advances every probe; the probes are Rademacher vectors z/√d drawn from
 * (seed, {@link Purpose#PROBES}, probe).
 *
 * <p>Cost: m passes for m steps, each 4·d·k flops per dense row (O(nnz·k) sparse); the driver holds
 * a few d×k blocks, plus d·k·m doubles for full reorthogonalization when that fits a third of its
 * heap (otherwise the Lanczos vectors are not kept and a note says so).
 */
public final class StochasticLanczos {
  private StochasticLanczos() {}

  /**
   * The operator M·X of the covariance-type matrix.
   *
   * @param center subtract the column means (s sᵀ/n, from each pass's own column sums)
   * @param scale the diagonal D (null: the identity); input, not modified
   * @param divisor c (positive)
   */
  public static UnaryOperator<Matrix> covarianceOperator(MatrixInput input, boolean center, double[] scale,
      double divisor, IntConsumer onPass) {
    int d = input.cols();
    if (scale != null && scale.length != d) {
      throw new IllegalArgumentException("scale has " + scale.length + " entries, the input has " + d + " columns");
    }
    if (!(divisor > 0)) {
      throw new IllegalArgumentException("divisor must be positive: " + divisor);
    }
    int[] pass = {0};
    return x -> {
      Matrix y = scaleRows(x, scale);
      pass[0]++;
      if (onPass != null) {
        onPass.accept(pass[0]);
      }
      var r = GramProducts.multiply(input, y, "Lanczos step " + pass[0] + ": A^T A X");
      Matrix p = center ? r.centered() : r.product();
      Matrix out = scaleRows(p, scale);
      double[] data = out.data();
      for (int i = 0; i < data.length; i++) {
        data[i] /= divisor;
      }
      return out;
    };
  }

  /** The d×k block of Rademacher probes z/√d from (seed, PROBES, probe index). */
  public static Matrix rademacher(int d, int k, long seed) {
    Matrix z = Matrix.zeros(d, k);
    double s = 1 / Math.sqrt(d);
    for (int p = 0; p < k; p++) {
      RandomStream rs = RandomStream.of(seed, Purpose.PROBES, p);
      for (int i = 0; i < d; i++) {
        z.set(i, p, rs.nextSign() * s);
      }
    }
    return z;
  }

  /** Whether full reorthogonalization of k probes over m steps fits the driver (a third of its heap). */
  public static boolean reorthogonalizationFits(int d, int k, int steps) {
    long bytes = Resources.denseBytes(d, (long) k * (steps + 6));
    return bytes <= Resources.driverHeap() / 3;
  }

  /**
   * Runs m lockstep Lanczos steps (m passes) with k Rademacher probes.
   *
   * @param onPass called with the step number before each pass (progress)
   */
  public static LanczosQuadrature run(MatrixInput input, boolean center, double[] scale, double divisor, int probes,
      int steps, long seed, IntConsumer onPass) {
    int d = input.cols();
    Resources.requireDriver(input.spark().sparkContext(), "stochastic Lanczos quadrature", Resources.denseBytes(d, 6L * probes),
        "use fewer --probes");
    boolean reorth = reorthogonalizationFits(d, probes, steps);
    if (!reorth) {
      input.note("Full reorthogonalization of " + probes + " probes over " + steps + " Lanczos steps does not fit the driver; "
          + "ran without it: the quadrature estimates stay valid, but converged Ritz values may repeat.");
    }
    UnaryOperator<Matrix> op = covarianceOperator(input, center, scale, divisor, onPass);
    return LanczosQuadrature.run(rademacher(d, probes, seed), op, steps, reorth);
  }

  /** diag(scale)·X as a new matrix (a copy of X when scale is null). */
  private static Matrix scaleRows(Matrix x, double[] scale) {
    Matrix y = x.copy();
    if (scale == null) {
      return y;
    }
    int d = x.rows();
    double[] data = y.data();
    for (int i = 0; i < data.length; i++) {
      data[i] *= scale[i % d];
    }
    return y;
  }
}
