package dev.randnla.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RowTransformTest {
  private static final double U = 0x1.0p-53;

  /** An upper-triangular R with condition number around 10^decades (graded diagonal). */
  static Matrix gradedR(int n, double decades, long seed) {
    Matrix g = TsqrKernelTest.gaussian(n + 5, n, seed);
    Matrix r = QrDecomposition.of(g).r();
    for (int i = 0; i < n; i++) {
      double s = Math.pow(10, -decades * i / Math.max(1, n - 1));
      for (int j = i; j < n; j++) {
        r.set(i, j, r.get(i, j) * s);
      }
    }
    return r;
  }

  /** The recursive right solve is backward stable row by row: ‖X·R − B‖ ≤ c·n·u·‖X‖‖R‖ per row. */
  @ParameterizedTest(name = "n={0}")
  @ValueSource(ints = {1, 7, 16, 17, 50, 133})
  void rightSolveIsBackwardStable(int n) {
    Matrix r = gradedR(n, 10, n);
    int m = 37;
    Matrix b = TsqrKernelTest.gaussian(m, n, 3);
    double[] x = b.data().clone();
    Triangular.rightSolveUpperInPlace(r, x, m, m);
    Matrix xm = new Matrix(m, n, x);
    Matrix res = xm.times(r).minus(b);
    for (int i = 0; i < m; i++) {
      double ri = Vectors.norm2(res.row(i));
      double bound = 10 * n * U * Vectors.norm2(xm.row(i)) * r.frobeniusNorm();
      assertTrue(ri <= bound, "row " + i + ": residual " + ri + " > " + bound);
    }
  }

  @Test
  void composesCentringSolvesAndProducts() {
    int d = 5;
    Matrix r = gradedR(d, 2, 1);
    Matrix m = TsqrKernelTest.gaussian(d, 3, 2);
    double[] mu = {1, -2, 3, 0.5, 7};
    RowTransform t = RowTransform.identity(d).centered(mu).thenSolveUpper(r).thenMultiply(m);
    assertEquals(3, t.outputCols());
    assertEquals(d * d + d + d * 3L, t.size());
    Matrix a = TsqrKernelTest.gaussian(9, d, 4);
    int ld = 12;
    double[] block = new double[ld * d];
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < 9; i++) {
        block[i + j * ld] = a.get(i, j);
      }
    }
    double[] out = t.apply(block, 9, ld);
    for (int i = 0; i < 9; i++) {
      double[] y = Triangular.solveUpperTranspose(r, Vectors.minus(a.row(i), mu));
      double[] expected = m.transposeTimes(y);
      double[] got = new double[3];
      for (int j = 0; j < 3; j++) {
        got[j] = out[i + j * ld];
      }
      assertArrayEquals(expected, got, 1e-12 * Vectors.norm2(expected), "row " + i);
    }
  }

  @Test
  void refusesSingularFactorsAndWrongShapes() {
    Matrix r = Matrix.identity(3);
    r.set(1, 1, 0);
    assertThrows(ArithmeticException.class, () -> RowTransform.identity(3).thenSolveUpper(r));
    assertThrows(IllegalArgumentException.class, () -> RowTransform.identity(3).thenSolveUpper(Matrix.identity(4)));
    assertThrows(IllegalArgumentException.class, () -> RowTransform.identity(3).thenMultiply(Matrix.zeros(2, 2)));
    assertThrows(IllegalStateException.class,
        () -> RowTransform.identity(3).thenMultiply(Matrix.identity(3)).centered(new double[3]));
  }
}
