package dev.randnla.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link SymmetricEigen#top} with k = ⌈n/2⌉ of n pairs (LAPACK dsyevr, range "I"): the k largest, same conventions. */
class SymmetricEigenTopConformanceTest extends SymmetricEigenConformanceTest {
  @Override
  SymmetricEigen decompose(Matrix s) {
    return SymmetricEigen.top(s, pairs(s.rows()));
  }

  @Override
  int pairs(int n) {
    return (n + 1) / 2;
  }

  @Test
  void kOutsideZeroToNIsRejected() {
    Matrix s = Matrix.identity(3);
    for (int k : new int[] {-1, 4}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.top(s, k));
      assertEquals("k must be in [0, n=3]: " + k, e.getMessage());
    }
  }

  @Test
  void zeroPairsOfANonEmptyMatrix() {
    SymmetricEigen eig = SymmetricEigen.top(Matrix.identity(3), 0);
    assertEquals(0, eig.values().length);
    assertEquals(3, eig.vectors().rows());
    assertEquals(0, eig.vectors().cols());
  }
}
