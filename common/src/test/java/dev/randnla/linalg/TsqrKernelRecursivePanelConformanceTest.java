package dev.randnla.linalg;

/**
 * {@link TsqrKernel#update} over two row blocks at n = 256 &gt; {@link TsqrKernel#NARROW}: columns run in
 * {@link TsqrKernel#PANEL}-column panels, each factored recursively down to {@link TsqrKernel#LEAF}-column
 * leaves with the T factors joined, the code path the n = 64 case never reaches.
 */
class TsqrKernelRecursivePanelConformanceTest extends TsqrKernelConformanceTest {
  @Override
  int n() {
    return 256;
  }

  @Override
  int blocks() {
    return 2;
  }
}
