package dev.randnla.linalg;

/**
 * {@link Triangular#solveUpperTranspose}: x with Rᵀ·x = b (BLAS dtrsv, transposed); the same
 * right-hand sides and checks as {@link TriangularSolveUpperConformanceTest}.
 */
class TriangularSolveUpperTransposeConformanceTest extends TriangularSolveUpperConformanceTest {
  @Override
  Matrix solve(Matrix r, Matrix b) {
    return new Matrix(b.rows(), 1, Triangular.solveUpperTranspose(r, b.data()));
  }

  @Override
  boolean transposed() {
    return true;
  }
}
