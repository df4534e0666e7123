package dev.randnla.linalg;

/**
 * {@link TsqrKernel#update(double[], int, double[][])}, the row-array form, one row at a time (a
 * block of b = 1 row, where each reflector touches a single row of B), against the R-factor conformance.
 */
class TsqrKernelRowByRowConformanceTest extends RFactorConformanceTest {
  @Override
  Matrix rFactor(Matrix a) {
    int n = a.cols();
    double[] r = new double[n * n];
    for (int i = 0; i < a.rows(); i++) {
      TsqrKernel.update(r, n, new double[][] {a.row(i)});
    }
    TsqrKernel.normalizeSigns(r, n);
    return new Matrix(n, n, r);
  }
}
