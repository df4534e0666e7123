package dev.randnla.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TsqrKernelTest {
  private static final double U = 0x1.0p-53;

  static Matrix gaussian(int m, int n, long seed) {
    RandomStream rs = RandomStream.of(seed, Purpose.DRIVER_GAUSSIAN, 0);
    double[] a = new double[m * n];
    rs.fillGaussian(a);
    return new Matrix(m, n, a);
  }

  @ParameterizedTest(name = "{0}x{1} in blocks of {2}")
  @CsvSource({"200, 7, 50", "300, 60, 64", "1000, 100, 333", "97, 97, 10", "50, 130, 25", "5, 1, 2", "400, 49, 400", "700, 300, 256", "260, 257, 100"})
  void matchesLapackQr(int m, int n, int blockRows) {
    Matrix a = gaussian(m, n, 7);
    double[] r = new double[n * n];
    for (int start = 0; start < m; start += blockRows) {
      int b = Math.min(blockRows, m - start);
      double[] block = new double[b * n];
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < b; i++) {
          block[i + j * b] = a.get(start + i, j);
        }
      }
      TsqrKernel.update(r, n, block, b, b);
    }
    TsqrKernel.normalizeSigns(r, n);
    Matrix rk = new Matrix(n, n, r);
    // RᵀR = AᵀA to backward-stable accuracy
    Matrix diff = rk.transposeTimes(rk).minus(a.transposeTimes(a));
    double scale = Math.pow(a.frobeniusNorm(), 2);
    assertTrue(diff.frobeniusNorm() / scale <= 100 * n * U,
        "‖RᵀR − AᵀA‖/‖A‖² = " + diff.frobeniusNorm() / scale);
    if (m >= n) {
      Matrix rl = QrDecomposition.of(a).r();
      double tol = 1e-11 * a.frobeniusNorm();
      for (int j = 0; j < n; j++) {
        for (int i = 0; i <= j; i++) {
          assertEquals(rl.get(i, j), rk.get(i, j), tol, "R[" + i + "," + j + "]");
        }
        for (int i = j + 1; i < n; i++) {
          assertEquals(0.0, rk.get(i, j), 0.0, "strict lower part must stay zero");
        }
      }
    }
  }
}
