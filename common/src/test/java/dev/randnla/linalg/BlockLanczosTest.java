package dev.randnla.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlockLanczosTest {
  /** AᵀA for a Gaussian m×n A with columns scaled by a decaying profile (distinct eigenvalues). */
  private static Matrix gram(int m, int n, long seed, int rank) {
    double[] a = new double[m * n];
    RandomStream.of(seed, Purpose.DRIVER_GAUSSIAN, 1).fillGaussian(a);
    Matrix am = new Matrix(m, n, a);
    for (int j = 0; j < n; j++) {
      double scale = j < rank ? Math.pow(0.8, j) : 0.0;
      for (int i = 0; i < m; i++) {
        am.set(i, j, am.get(i, j) * scale);
      }
    }
    Matrix v = QrDecomposition.of(gaussian(n, n, seed + 1)).q();
    Matrix b = am.times(v.transpose());
    return b.transposeTimes(b);
  }

  private static Matrix gaussian(int r, int c, long seed) {
    double[] g = new double[r * c];
    RandomStream.of(seed, Purpose.DRIVER_GAUSSIAN, 2).fillGaussian(g);
    return new Matrix(r, c, g);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5})
  void topEigenpairsMatchTheDenseSolver(int block) {
    int n = 60;
    Matrix s = gram(200, n, 3, n);
    SymmetricEigen ref = SymmetricEigen.of(s);
    int k = 3;
    BlockLanczos.Result r = BlockLanczos.solve(SymmetricOperator.of(s), gaussian(n, block, 9), k, 200, 1e-12, 1, null);
    assertTrue(r.converged(), "block " + block);
    for (int j = 0; j < k; j++) {
      double lambda = ref.values()[j];
      assertEquals(lambda, r.values()[j], 1e-10 * ref.values()[0], "eigenvalue " + j + ", block " + block);
      double corr = Vectors.absCorrelation(ref.vector(j), r.vectors().column(j));
      assertTrue(1 - corr <= 1e-10, "eigenvector " + j + ", block " + block + ": 1 - corr = " + (1 - corr));
      assertTrue(r.residuals()[j] <= 1e-12 * ref.values()[0] * 10, "residual " + r.residuals()[j]);
    }
    assertTrue(r.iterations() < 200 && r.basisSize() <= n);
  }

  @Test
  void rankDeficientOperatorDeflatesAndConverges() {
    int n = 30;
    Matrix s = gram(100, n, 5, 2);
    SymmetricEigen ref = SymmetricEigen.of(s);
    BlockLanczos.Result r = BlockLanczos.solve(SymmetricOperator.of(s), gaussian(n, 4, 1), 3, 50, 1e-12, 7, null);
    assertTrue(r.converged());
    assertEquals(ref.values()[0], r.values()[0], 1e-10 * ref.values()[0]);
    assertEquals(ref.values()[1], r.values()[1], 1e-10 * ref.values()[0]);
    assertEquals(0.0, r.values()[2], 1e-10 * ref.values()[0]);
    assertTrue(1 - Vectors.absCorrelation(ref.vector(0), r.vectors().column(0)) <= 1e-10);
  }

  @Test
  void blockWiderThanTheSpaceAndTinyOperators() {
    Matrix s = Matrix.fromRows(new double[][] {{2, 1}, {1, 2}});
    BlockLanczos.Result r = BlockLanczos.solve(SymmetricOperator.of(s), gaussian(2, 4, 3), 2, 5, 1e-14, 1, null);
    assertTrue(r.converged());
    assertEquals(1, r.iterations());
    assertEquals(3.0, r.values()[0], 1e-14);
    assertEquals(1.0, r.values()[1], 1e-14);
    Matrix one = Matrix.fromRows(new double[][] {{5}});
    BlockLanczos.Result r1 = BlockLanczos.solve(SymmetricOperator.of(one), gaussian(1, 1, 3), 1, 3, 1e-14, 1, null);
    assertEquals(5.0, r1.values()[0], 0.0);
    assertEquals(1.0, r1.vectors().get(0, 0), 0.0);
  }

  @Test
  void zeroOperatorGivesZeroEigenvaluesAndUnitVectors() {
    int n = 6;
    BlockLanczos.Result r = BlockLanczos.solve(SymmetricOperator.of(Matrix.zeros(n, n)), Matrix.zeros(n, 2), 2, 10, 1e-12, 1, null);
    assertEquals(0.0, r.values()[0], 0.0);
    assertEquals(1.0, Vectors.norm2(r.vectors().column(0)), 1e-14);
    assertEquals(0.0, Vectors.dot(r.vectors().column(0), r.vectors().column(1)), 1e-14);
  }

  @Test
  void listenerSeesEveryIterationAndMaxIterationsIsHonoured() {
    int n = 80;
    Matrix s = gram(300, n, 11, n);
    AtomicInteger calls = new AtomicInteger();
    BlockLanczos.Result r = BlockLanczos.solve(SymmetricOperator.of(s), gaussian(n, 1, 2), 1, 3, 1e-15, 1,
        (it, values, res) -> calls.incrementAndGet());
    assertEquals(3, r.iterations());
    assertEquals(3, calls.get());
  }
}
