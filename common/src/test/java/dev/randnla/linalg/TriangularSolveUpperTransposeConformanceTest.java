package dev.randnla.linalg;

/** {@link Triangular#solveUpperTranspose}: x with Rᵀ·x = b (BLAS dtrsv, transposed). */
class TriangularSolveUpperTransposeConformanceTest extends TriangularSolveConformanceTest {
  @Override
  Matrix solve(Matrix r, Matrix b) {
    return new Matrix(b.rows(), 1, Triangular.solveUpperTranspose(r, b.data()));
  }

  @Override
  Matrix residual(Matrix r, Matrix x, Matrix b) {
    return Conformance.residual(r, true, x, false, b == null ? Matrix.zeros(r.rows(), 1) : b);
  }

  @Override
  Matrix solutionFor(int n) {
    return TriangularSolveUpperConformanceTest.integerVector(n);
  }

  @Override
  String mismatchMessage(int entries, int n) {
    return "right-hand side has " + entries + " entries, R is " + n + "x" + n;
  }
}
