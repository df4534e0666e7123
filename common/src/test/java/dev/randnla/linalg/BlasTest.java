package dev.randnla.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlasTest {
  /** The Gram update's upper triangle is BᵀB (+ the previous G) for full and panelled shapes. */
  @ParameterizedTest(name = "d={0} b={1}")
  @CsvSource({"7, 5", "128, 40", "129, 33", "300, 77", "257, 1"})
  void gramUpdateAddsTheUpperTriangleOfBtB(int d, int b) {
    Matrix rows = TsqrKernelTest.gaussian(b, d, d + b);
    double[] block = rows.transpose().data();
    double[] g = new double[d * d];
    for (int i = 0; i < g.length; i++) {
      g[i] = 0.5;
    }
    Blas.gramUpdate(g, d, block, b);
    Matrix ref = rows.transposeTimes(rows);
    for (int j = 0; j < d; j++) {
      for (int i = 0; i <= j; i++) {
        assertEquals(ref.get(i, j) + 0.5, g[i + j * d], 1e-12 * b, "G[" + i + "," + j + "]");
      }
    }
  }
}
