package dev.randnla.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link Triangular#rightSolveUpperInPlace}: X with X·R = B for a block of M rows (recursive, dgemm
 * between dtrsm leaves). It documents that it overwrites its block with X, so the conformance solves
 * a copy of B; {@link #solvesInPlaceAndLeavesThePaddingAlone} checks the in-place contract itself.
 */
class TriangularRightSolveConformanceTest extends TriangularSolveConformanceTest {
  /** Rows of the block. */
  private static final int M = 3;

  @Override
  Matrix solve(Matrix r, Matrix b) {
    double[] x = b.data().clone();
    Triangular.rightSolveUpperInPlace(r, x, b.rows(), Math.max(1, b.rows()));
    return new Matrix(b.rows(), b.cols(), x);
  }

  @Override
  Matrix residual(Matrix r, Matrix x, Matrix b) {
    return Conformance.residual(x, false, r, false, b == null ? Matrix.zeros(x.rows(), r.cols()) : b);
  }

  @Override
  Matrix solutionFor(int n) {
    Matrix x = Matrix.zeros(M, n);
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < M; i++) {
        x.set(i, j, (i + 2 * j) % 5 - 2);
      }
    }
    return x;
  }

  /** With a leading dimension above the row count, X lands in the block's rows and the rows between are not touched. */
  @Test
  void solvesInPlaceAndLeavesThePaddingAlone() {
    Matrix r = CholeskyConformanceTest.unitUpper(N);
    Matrix x0 = solutionFor(N);
    Matrix b = x0.times(r);
    int ld = M + 2;
    double[] block = new double[ld * N];
    Arrays.fill(block, Double.NaN);
    for (int j = 0; j < N; j++) {
      for (int i = 0; i < M; i++) {
        block[i + j * ld] = b.get(i, j);
      }
    }
    Triangular.rightSolveUpperInPlace(r, block, M, ld);
    for (int j = 0; j < N; j++) {
      for (int i = 0; i < ld; i++) {
        String where = "block[" + i + "," + j + "]";
        if (i < M) {
          assertEquals(x0.get(i, j), block[i + j * ld], 0.0, where);
        } else {
          assertEquals(Double.doubleToRawLongBits(Double.NaN), Double.doubleToRawLongBits(block[i + j * ld]), where + " (padding)");
        }
      }
    }
  }

  @Test
  void aBufferTooSmallForTheShapeIsRefusedWithTheShapeInTheMessage() {
    Matrix r = Matrix.identity(3);
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> Triangular.rightSolveUpperInPlace(r, new double[8], 4, 3));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("m=4, ld=3, x.length=8"), e.getMessage());
    // 4 rows, 3 columns, ld 4 needs 4·2 + 4 = 12 entries: 11 is one short
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> Triangular.rightSolveUpperInPlace(r, new double[11], 4, 4));
    Triangular.rightSolveUpperInPlace(r, new double[12], 4, 4);
  }
}
