package dev.randnla.linalg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link Cholesky#of} at n = 256 &gt; 2·{@link Cholesky#LEAF}: two levels of recursion (triangular
 * solve and dgemm Schur update between dpotrf leaves); the singular and indefinite cases fail in the
 * last leaf, so the column is reported through the recursion.
 */
class CholeskyRecursiveConformanceTest extends CholeskyConformanceTest {
  @Override
  int n() {
    return 256;
  }

  @Test
  void sizeReachesTwoLevelsOfRecursion() {
    assertTrue(n() > 2 * Cholesky.LEAF, "n = " + n() + " no longer recurses twice");
  }
}
