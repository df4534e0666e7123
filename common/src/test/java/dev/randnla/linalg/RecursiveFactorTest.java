package dev.randnla.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The recursive Cholesky factorisation and triangular inverse against their backward-error bounds, at
 * sizes below, at and across the leaf size (so every branch of the recursion runs), and their
 * failures reported at the right global column.
 */
class RecursiveFactorTest {
  private static final double U = 0x1.0p-53;

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 64, 65, 130, 301})
  void choleskyReproducesTheMatrix(int n) {
    Matrix r0 = TruncatedInverseTest.randomUpper(n, 1e3, n);
    Matrix s = r0.transposeTimes(r0);
    Cholesky c = Cholesky.of(s);
    assertTrue(c.succeeded());
    Matrix r = c.r();
    for (int j = 0; j < n; j++) {
      assertTrue(r.get(j, j) > 0, "positive diagonal at " + j);
      for (int i = j + 1; i < n; i++) {
        assertEquals(0.0, r.get(i, j), "strict lower part at " + i + "," + j);
      }
    }
    // backward error of Cholesky: ‖RᵀR − S‖_F ≤ c·n·u·‖S‖_F (Higham, Thm 10.3), here with c = 4
    double err = frobenius(r.transposeTimes(r).minus(s));
    assertTrue(err <= 4 * n * U * frobenius(s), "‖RᵀR − S‖ = " + err + " at n = " + n);
  }

  @Test
  void choleskyFailureNamesTheGlobalColumn() {
    int n = 200;
    for (int bad : new int[] {0, 63, 64, 150, 199}) {
      Matrix s = Matrix.identity(n);
      for (int j = 0; j < n; j++) {
        s.set(j, j, 1 + j);
      }
      s.set(bad, bad, 0);
      Cholesky c = Cholesky.of(s);
      assertFalse(c.succeeded());
      assertEquals(bad, c.failedAtColumn());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 64, 65, 130, 301})
  void inverseUpperIsAnInverse(int n) {
    Matrix r = TruncatedInverseTest.randomUpper(n, 1e4, 7 + n);
    Matrix x = Triangular.inverseUpper(r);
    for (int j = 0; j < n; j++) {
      for (int i = j + 1; i < n; i++) {
        assertEquals(0.0, x.get(i, j), "strict lower part at " + i + "," + j);
      }
    }
    // ‖R·X − I‖_F ≤ c·n·u·‖R‖_F‖X‖_F for triangular inversion (Du Croz & Higham 1992), c = 4
    double err = frobenius(r.times(x).minus(Matrix.identity(n)));
    assertTrue(err <= 4 * n * U * frobenius(r) * frobenius(x), "‖RX − I‖ = " + err + " at n = " + n);
  }

  @Test
  void inverseOfASingularTriangleNamesTheDiagonal() {
    int n = 200;
    Matrix r = Matrix.identity(n);
    r.set(150, 150, 0);
    ArithmeticException e = assertThrows(ArithmeticException.class, () -> Triangular.inverseUpper(r));
    assertTrue(e.getMessage().contains("diagonal 150"), e.getMessage());
  }

  private static double frobenius(Matrix a) {
    return Vectors.norm2(a.data());
  }
}
