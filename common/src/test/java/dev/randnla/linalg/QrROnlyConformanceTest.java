package dev.randnla.linalg;

/** {@link QrDecomposition#rOnly} (one TSQR kernel update on a copy of A, then signs normalized) against the R-factor conformance. */
class QrROnlyConformanceTest extends RFactorConformanceTest {
  @Override
  Matrix rFactor(Matrix a) {
    return QrDecomposition.rOnly(a);
  }
}
