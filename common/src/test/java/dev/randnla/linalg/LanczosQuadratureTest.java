package dev.randnla.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class LanczosQuadratureTest {

  /** Q diag(lambda) Qᵀ with a seeded random orthogonal Q. */
  static Matrix withSpectrum(double[] lambda, long seed) {
    int d = lambda.length;
    double[] g = new double[d * d];
    RandomStream.of(seed, Purpose.DRIVER_GAUSSIAN, 0).fillGaussian(g);
    Matrix q = QrDecomposition.of(new Matrix(d, d, g)).q();
    return q.times(Matrix.diagonal(lambda)).timesTranspose(q);
  }

  static Matrix rademacher(int d, int k, long seed) {
    Matrix z = Matrix.zeros(d, k);
    for (int p = 0; p < k; p++) {
      RandomStream rs = RandomStream.of(seed, Purpose.PROBES, p);
      for (int i = 0; i < d; i++) {
        z.set(i, p, rs.nextSign() / Math.sqrt(d));
      }
    }
    return z;
  }

  /** f(M) through the eigendecomposition. */
  static Matrix apply(Matrix m, DoubleUnaryOperator f) {
    SymmetricEigen e = SymmetricEigen.of(m);
    double[] v = e.values();
    for (int i = 0; i < v.length; i++) {
      v[i] = f.applyAsDouble(Math.max(0, v[i]));
    }
    return e.vectors().times(Matrix.diagonal(v)).timesTranspose(e.vectors());
  }

  @Test
  void traceEstimatesAreWithinTheHutchinsonErrorAndTheQuadratureIsConverged() {
    int d = 240;
    double[] lambda = new double[d];
    for (int i = 0; i < d; i++) {
      lambda[i] = 0.05 + 4.95 * Math.pow((double) i / (d - 1), 2);
    }
    Matrix m = withSpectrum(lambda, 3);
    int k = 24;
    DoubleUnaryOperator sqrt = Math::sqrt;
    DoubleUnaryOperator xlogx = x -> x > 0 ? x * Math.log(x) : 0;
    for (DoubleUnaryOperator f : new DoubleUnaryOperator[] {sqrt, xlogx}) {
      Matrix fm = apply(m, f);
      double exact = 0;
      double offDiagonal = 0;
      for (int i = 0; i < d; i++) {
        exact += fm.get(i, i);
        for (int j = 0; j < d; j++) {
          if (i != j) {
            offDiagonal += fm.get(i, j) * fm.get(i, j);
          }
        }
      }
      // Rademacher Hutchinson: Var(zᵀFz) = 2 Σ_{i≠j} F_ij²; 30 steps make the quadrature error
      // ~((√κ−1)/(√κ+1))^60 ≈ 1e-8 relative for κ = 100
      double sd = Math.sqrt(2 * offDiagonal / k);
      for (long seed = 1; seed <= 4; seed++) {
        LanczosQuadrature q = LanczosQuadrature.run(rademacher(d, k, seed), m::times, 30, true);
        LanczosQuadrature.Estimate e = q.trace(f);
        assertEquals(exact, e.value(), 4 * sd + 1e-7 * Math.abs(exact), "seed " + seed);
        // the same run's probes estimate vᵀf(M)v to the quadrature accuracy
        for (int p = 0; p < 3; p++) {
          double[] z = rademacher(d, k, seed).column(p);
          double direct = Vectors.dot(z, fm.times(z));
          assertEquals(direct, q.probes().get(p).quadrature(f), 1e-7 * Math.abs(exact) / d, "probe " + p);
        }
      }
    }
  }

  @Test
  void quadratureIsExactOnceTheKrylovSpaceIsInvariant() {
    int d = 60;
    double[] lambda = new double[d];
    for (int i = 0; i < d; i++) {
      lambda[i] = 1 + (i % 5);
    }
    Matrix m = withSpectrum(lambda, 5);
    LanczosQuadrature q = LanczosQuadrature.run(rademacher(d, 4, 2), m::times, 20, true);
    assertTrue(q.steps() <= 6, "5 distinct eigenvalues: the probes stop after 5 steps, took " + q.steps());
    Matrix sq = apply(m, Math::sqrt);
    for (int p = 0; p < 4; p++) {
      LanczosQuadrature.Probe probe = q.probes().get(p);
      assertTrue(probe.invariant());
      double[] z = rademacher(d, 4, 2).column(p);
      assertEquals(Vectors.dot(z, sq.times(z)), probe.quadrature(Math::sqrt), 1e-12);
      double sum = 0;
      for (double w : probe.weights()) {
        sum += w;
      }
      assertEquals(1.0, sum, 1e-13);
    }
  }

  @Test
  void ritzValuesInterlaceAndTheirResidualsBoundTheDistanceToAnEigenvalue() {
    int d = 300;
    double[] lambda = new double[d];
    for (int i = 0; i < d; i++) {
      lambda[i] = 1.0 + i / (double) d;
    }
    lambda[d - 1] = 10;
    lambda[d - 2] = 6;
    Matrix m = withSpectrum(lambda, 8);
    for (boolean reorth : new boolean[] {true, false}) {
      LanczosQuadrature q = LanczosQuadrature.run(rademacher(d, 6, 4), m::times, 25, reorth);
      double[][] top = q.topRitzValues(2);
      assertTrue(top[0][0] <= 10 * (1 + 1e-12) && 10 - top[0][0] <= top[0][1] + 1e-12, "reorth " + reorth);
      assertEquals(10, top[0][0], 1e-8);
      if (reorth) {
        assertTrue(top[1][0] <= 6 * (1 + 1e-12) && 6 - top[1][0] <= top[1][1] + 1e-12);
        assertEquals(6, top[1][0], 1e-6);
      }
      assertTrue(q.bottomRitzValue()[0] >= 1.0 - 1e-12);
    }
  }

  @Test
  void theZeroOperatorStopsAtOnceWithANodeAtZero() {
    LanczosQuadrature q = LanczosQuadrature.run(rademacher(10, 3, 1), x -> Matrix.zeros(10, 3), 5, true);
    assertEquals(1, q.steps());
    assertEquals(0.0, q.trace(Math::sqrt).value(), 0.0);
    assertEquals(0.0, q.nodes()[0], 0.0);
  }

  @Test
  void startVectorsMustHaveUnitNorm() {
    assertThrows(IllegalArgumentException.class, () -> LanczosQuadrature.run(Matrix.identity(3), x -> x, 0, true));
    Matrix z = Matrix.zeros(4, 1);
    z.set(0, 0, 2);
    assertThrows(IllegalArgumentException.class, () -> LanczosQuadrature.run(z, x -> x, 3, true));
  }
}
