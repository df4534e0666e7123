package dev.randnla.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The partial eigensolver and the values-only SVD agree with the full decompositions. */
class EigenValuesTest {
  @ParameterizedTest(name = "n={0}, k={1}")
  @CsvSource({"30, 5", "30, 1", "30, 30", "8, 0", "64, 10"})
  void topEigenpairsMatchTheFullDecomposition(int n, int k) {
    Matrix a = TsqrKernelTest.gaussian(n + 3, n, 5);
    Matrix s = a.transposeTimes(a);
    SymmetricEigen full = SymmetricEigen.of(s);
    SymmetricEigen top = SymmetricEigen.top(s, k);
    assertEquals(k, top.values().length);
    double scale = full.values()[0];
    for (int i = 0; i < k; i++) {
      assertEquals(full.values()[i], top.values()[i], 1e-12 * scale, "eigenvalue " + i);
      assertEquals(1.0, Math.abs(Vectors.dot(full.vector(i), top.vector(i))), 1e-8, "eigenvector " + i);
    }
  }

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"40, 12", "12, 40", "17, 17", "1, 5"})
  void singularValuesMatchTheFullSvd(int m, int n) {
    Matrix a = TsqrKernelTest.gaussian(m, n, 9);
    double[] full = SingularValueDecomposition.of(a).singularValues();
    assertArrayEquals(full, SingularValueDecomposition.values(a), 1e-12 * full[0]);
  }
}
