package dev.randnla.linalg;

/** {@link Triangular#solveUpper}: x with R·x = b (BLAS dtrsv). */
class TriangularSolveUpperConformanceTest extends TriangularSolveConformanceTest {
  @Override
  Matrix solve(Matrix r, Matrix b) {
    return new Matrix(b.rows(), 1, Triangular.solveUpper(r, b.data()));
  }

  @Override
  Matrix residual(Matrix r, Matrix x, Matrix b) {
    return Conformance.residual(r, transposed(), x, false, b == null ? Matrix.zeros(r.rows(), 1) : b);
  }

  /** Whether {@link #solve} solves with Rᵀ rather than R. */
  boolean transposed() {
    return false;
  }

  @Override
  Matrix solutionFor(int n) {
    return integerVector(n);
  }

  @Override
  String mismatchMessage(int entries, int n) {
    return "right-hand side has " + entries + " entries, R is " + n + "x" + n;
  }

  /** Entries in {−3, …, 3}, n×1. */
  static Matrix integerVector(int n) {
    Matrix x = Matrix.zeros(n, 1);
    for (int i = 0; i < n; i++) {
      x.set(i, 0, i * 3 % 7 - 3);
    }
    return x;
  }
}
