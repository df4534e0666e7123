package dev.randnla.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/** R⁺ by triangular solves (full rank) and by the truncated SVD (rank deficient). */
class TruncatedInverseTest {
  static Matrix randomUpper(int p, double kappa, long seed) {
    RandomStream rs = RandomStream.of(seed, Purpose.DRIVER_GAUSSIAN, 3);
    double[] g = new double[2 * p * p];
    rs.fillGaussian(g);
    Matrix q = QrDecomposition.of(new Matrix(2 * p, p, g)).q();
    double[] s = new double[p];
    for (int j = 0; j < p; j++) {
      s[j] = Math.pow(kappa, -(double) j / Math.max(1, p - 1));
    }
    Matrix a = q.times(Matrix.diagonal(s));
    return QrDecomposition.rOnly(a.times(QrDecomposition.of(new Matrix(p, p, java.util.Arrays.copyOf(g, p * p))).q().transpose()));
  }

  @Test
  void fullRankSolvesAndConditionEstimate() {
    Matrix r = randomUpper(8, 1e6, 1);
    TruncatedInverse inv = TruncatedInverse.of(r, 1e-13);
    assertTrue(inv.triangular());
    assertEquals(8, inv.rank());
    double[] z = {1, -2, 3, 0.5, 4, -1, 2, 7};
    assertArrayEquals(Triangular.solveUpper(r, z), inv.solve(z), 1e-9 * Vectors.norm2(inv.solve(z)));
    double kappa = inv.conditionEstimate();
    assertTrue(kappa > 0.5e6 && kappa < 2e6, "κ estimate " + kappa);
    double[] diag = inv.normalInverseDiagonal();
    Matrix rinv = Triangular.inverseUpper(r);
    for (int i = 0; i < 8; i++) {
      double t = 0;
      for (int k = 0; k < 8; k++) {
        t += rinv.get(i, k) * rinv.get(i, k);
      }
      assertEquals(t, diag[i], 1e-10 * t);
    }
  }

  /** (RᵀR)⁻¹g in double-double agrees with exact BigDecimal triangular solves to ≈ u²·κ². */
  @Test
  void doubleDoubleNormalSolveIsExact() {
    int p = 6;
    Matrix r = randomUpper(p, 1e8, 2);
    TruncatedInverse inv = TruncatedInverse.of(r, 1e-13);
    double[] g = {1e-3, 2, -1, 3e-4, 0.7, -5};
    Compensated.Vector got = inv.normalSolve(Compensated.Vector.of(g));
    MathContext mc = new MathContext(60);
    BigDecimal[] w = new BigDecimal[p];
    for (int j = 0; j < p; j++) {
      BigDecimal s = new BigDecimal(g[j]);
      for (int i = 0; i < j; i++) {
        s = s.subtract(new BigDecimal(r.get(i, j)).multiply(w[i]));
      }
      w[j] = s.divide(new BigDecimal(r.get(j, j)), mc);
    }
    BigDecimal[] x = new BigDecimal[p];
    for (int i = p - 1; i >= 0; i--) {
      BigDecimal s = w[i];
      for (int j = i + 1; j < p; j++) {
        s = s.subtract(new BigDecimal(r.get(i, j)).multiply(x[j]));
      }
      x[i] = s.divide(new BigDecimal(r.get(i, i)), mc);
    }
    for (int i = 0; i < p; i++) {
      BigDecimal dd = new BigDecimal(got.hi(i)).add(new BigDecimal(got.lo(i)));
      double rel = dd.subtract(x[i]).abs().doubleValue() / x[i].abs().doubleValue();
      assertTrue(rel < 1e-20, "entry " + i + " relative error " + rel);
    }
    assertArrayEquals(inv.normalSolve(g), got.values(), 1e-6 * got.norm2());
  }

  /** A duplicated column: rank p − 1, and R⁺z is the minimum-norm solution of R·x = z. */
  @Test
  void rankDeficientGivesTheMinimumNormSolution() {
    double[][] a = {{1, 2, 1}, {0, 1, 0}, {3, 1, 3}, {1, 1, 1}, {2, 0, 2}};
    Matrix r = QrDecomposition.rOnly(Matrix.fromRows(a));
    TruncatedInverse inv = TruncatedInverse.of(r, 1e-13);
    assertFalse(inv.triangular());
    assertEquals(2, inv.rank());
    double[] x = inv.solve(r.times(new double[] {2, 1, 0}));
    assertArrayEquals(new double[] {1, 1, 1}, x, 1e-12);
    double[] viaNormal = inv.normalSolve(r.transposeTimes(r.times(new double[] {2, 1, 0})));
    assertArrayEquals(new double[] {1, 1, 1}, viaNormal, 1e-12);
    Compensated.Vector dd = inv.normalSolve(Compensated.Vector.of(r.transposeTimes(r.times(new double[] {2, 1, 0}))));
    assertArrayEquals(new double[] {1, 1, 1}, dd.values(), 1e-12);
    assertEquals(3, inv.factor().rows());
    assertEquals(2, inv.factor().cols());
  }

  @Test
  void zeroAndEmpty() {
    TruncatedInverse zero = TruncatedInverse.of(Matrix.zeros(3, 3), 1e-13);
    assertEquals(0, zero.rank());
    assertArrayEquals(new double[3], zero.solve(new double[] {1, 2, 3}), 0);
    assertEquals(0, TruncatedInverse.of(Matrix.zeros(0, 0), 1e-13).rank());
  }
}
