package dev.randnla.sketch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.linalg.Cholesky;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.QrDecomposition;
import dev.randnla.linalg.Triangular;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Lewis weights against exact answers: the duplicated-directions matrix (every copy of direction j
 * has weight 1/m_j for every p, docs/algorithms.md, generate) and the fixed-point equation on a random matrix.
 */
class LewisWeightsTest {
  static final int[] MULTIPLICITIES = {1, 2, 3, 5, 8};

  /** Rows v_j (columns of a random orthogonal V) repeated m_j times, in a scrambled order. */
  static Matrix duplicated(long seed, int[] direction) {
    int d = MULTIPLICITIES.length;
    RandomStream rs = RandomStream.of(seed, Purpose.DRIVER_GAUSSIAN, 1);
    double[] g = new double[d * d];
    rs.fillGaussian(g);
    Matrix v = QrDecomposition.of(new Matrix(d, d, g)).q();
    int n = Arrays.stream(MULTIPLICITIES).sum();
    Matrix a = Matrix.zeros(n, d);
    int row = 0;
    for (int j = 0; j < d; j++) {
      for (int c = 0; c < MULTIPLICITIES[j]; c++) {
        int pos = (row * 7) % n;
        direction[pos] = j;
        for (int k = 0; k < d; k++) {
          a.set(pos, k, v.get(k, j));
        }
        row++;
      }
    }
    return a;
  }

  @ParameterizedTest
  @ValueSource(doubles = {1, 1.5, 2, 3, 4, 6})
  void duplicatedDirectionsHaveWeightOneOverMultiplicity(double p) {
    int n = Arrays.stream(MULTIPLICITIES).sum();
    int[] dir = new int[n];
    Matrix a = duplicated(3, dir);
    LewisWeights.Local r = LewisWeights.compute(a, p, LewisWeights.defaultDamping(p), 1e-10, 200, 1e-12);
    assertTrue(r.iteration().converged(), "p = " + p + " did not converge: " + r.iteration().history());
    for (int i = 0; i < n; i++) {
      double expected = 1.0 / MULTIPLICITIES[dir[i]];
      assertEquals(expected, r.weights()[i], 1e-8 * expected, "p = " + p + ", row " + i);
    }
    assertEquals(MULTIPLICITIES.length, Arrays.stream(r.weights()).sum(), 1e-8);
    if (p == 2) {
      assertEquals(0, r.iteration().history().size(), "p = 2: leverage scores are the Lewis weights");
    }
  }

  /** At p = 4 the undamped map has contraction |1 − p/2| = 1: it oscillates and never converges. */
  @Test
  void undampedIterationDoesNotConvergeAtPFour() {
    int[] dir = new int[Arrays.stream(MULTIPLICITIES).sum()];
    LewisWeights.Local r = LewisWeights.compute(duplicated(3, dir), 4, 1.0, 1e-8, 30, 1e-12);
    assertFalse(r.iteration().converged());
    assertEquals(30, r.iteration().history().size());
    assertFalse(r.iteration().isCertified());
  }

  /** On a random matrix the weights satisfy w = (aᵀ(AᵀW^{1−2/p}A)⁻¹a)^{p/2} and sum to d. */
  @ParameterizedTest
  @ValueSource(doubles = {1, 3})
  void weightsSatisfyTheFixedPointEquation(double p) {
    int n = 80;
    int d = 5;
    RandomStream rs = RandomStream.of(9, Purpose.DRIVER_GAUSSIAN, 2);
    Matrix a = Matrix.zeros(n, d);
    for (int i = 0; i < n; i++) {
      double s = Math.exp(rs.nextGaussian());
      for (int j = 0; j < d; j++) {
        a.set(i, j, s * rs.nextGaussian());
      }
    }
    LewisWeights.Local r = LewisWeights.compute(a, p, 1.0, 1e-11, 200, 1e-12);
    assertTrue(r.iteration().converged());
    assertTrue(r.iteration().isCertified());
    double[] w = r.weights();
    Matrix m = Matrix.zeros(d, d);
    for (int i = 0; i < n; i++) {
      double f = Math.pow(w[i], 1 - 2 / p);
      double[] ai = a.row(i);
      for (int x = 0; x < d; x++) {
        for (int y = 0; y < d; y++) {
          m.set(x, y, m.get(x, y) + f * ai[x] * ai[y]);
        }
      }
    }
    Matrix c = Cholesky.of(m).r();
    for (int i = 0; i < n; i++) {
      double[] z = Triangular.solveUpperTranspose(c, a.row(i));
      double tau = 0;
      for (double v : z) {
        tau += v * v;
      }
      double expected = Math.pow(tau, p / 2);
      assertEquals(expected, w[i], 1e-9 * expected, "p = " + p + ", row " + i);
    }
    assertEquals(d, Arrays.stream(w).sum(), 1e-9);
    LewisWeights.Step last = r.iteration().history().get(r.iteration().history().size() - 1);
    assertTrue(last.errorBound() <= 1e-11);
  }

  @Test
  void sensitivityFactorIsOneUpToPTwoAndDToThePowerAbove() {
    assertEquals(1.0, LewisWeights.sensitivityFactor(1.5, 10));
    assertEquals(1.0, LewisWeights.sensitivityFactor(2, 10));
    assertEquals(Math.sqrt(10), LewisWeights.sensitivityFactor(3, 10), 1e-14);
    assertEquals(1.0 / 3, LewisWeights.contraction(4, LewisWeights.defaultDamping(4)), 1e-15);
    assertEquals(0.5, LewisWeights.contraction(1, 1), 0);
  }
}
