package dev.randnla.linalg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Cholesky#of} at n ≤ {@link Cholesky#LEAF}: no recursion, one LAPACK dpotrf on the whole matrix. */
class CholeskyLeafConformanceTest extends CholeskyConformanceTest {
  @Override
  int n() {
    return 16;
  }

  @Test
  void sizeStaysOnTheLeafPath() {
    assertTrue(n() <= Cholesky.LEAF, "n = " + n() + " no longer runs the non-recursive path");
  }
}
