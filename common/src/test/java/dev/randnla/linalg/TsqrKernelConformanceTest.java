package dev.randnla.linalg;

import java.util.Arrays;

/**
 * {@link TsqrKernel#update} as TSQR uses it, R ← R factor of [R; B] over successive row blocks,
 * against the R-factor conformance. The blocks are copies (update overwrites its block, as it
 * documents) stored with a leading dimension larger than their row count and NaN in the unused rows,
 * which the kernel must never read. At n = 64 the columns run in two flat 32-column panels with a
 * blocked trailing update; {@link TsqrKernelRecursivePanelConformanceTest} covers the recursive panels.
 */
class TsqrKernelConformanceTest extends RFactorConformanceTest {
  /** Rows of the padding below each block (the leading dimension is rows + PADDING). */
  private static final int PADDING = 3;

  @Override
  int n() {
    return 64;
  }

  /** Row blocks per factorization. */
  int blocks() {
    return 3;
  }

  @Override
  Matrix rFactor(Matrix a) {
    int m = a.rows();
    int n = a.cols();
    double[] r = new double[n * n];
    int rowsPerBlock = Math.max(1, (m + blocks() - 1) / blocks());
    for (int start = 0; start < m; start += rowsPerBlock) {
      int b = Math.min(rowsPerBlock, m - start);
      int ld = b + PADDING;
      double[] block = new double[ld * n];
      Arrays.fill(block, Double.NaN);
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < b; i++) {
          block[i + j * ld] = a.get(start + i, j);
        }
      }
      TsqrKernel.update(r, n, block, b, ld);
    }
    TsqrKernel.normalizeSigns(r, n);
    return new Matrix(n, n, r);
  }
}
