package dev.randnla.linalg;

/** {@link SingularValueDecomposition#values}: LAPACK dgesdd without vectors on the TSQR R of a tall A or on the transpose of a wide one. */
class SingularValuesOnlyConformanceTest extends SingularValuesConformanceTest {
  @Override
  double[] singularValues(Matrix a) {
    return SingularValueDecomposition.values(a);
  }
}
