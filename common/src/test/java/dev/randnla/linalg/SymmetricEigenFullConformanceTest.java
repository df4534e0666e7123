package dev.randnla.linalg;

/** {@link SymmetricEigen#of}: every eigenpair (LAPACK dsyevr, range "A"). */
class SymmetricEigenFullConformanceTest extends SymmetricEigenConformanceTest {
  @Override
  SymmetricEigen decompose(Matrix s) {
    return SymmetricEigen.of(s);
  }

  @Override
  int pairs(int n) {
    return n;
  }
}
