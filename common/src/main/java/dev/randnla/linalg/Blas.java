package dev.randnla.linalg;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.LAPACK;

/**
 * The BLAS and LAPACK in use ({@code dev.ludovic.netlib}: native through JNI when the host has
 * {@code libblas.so.3}/{@code liblapack.so.3}, else the Java Vector API BLAS and the F2J LAPACK)
 * and the few level-3 helpers every kernel shares.
 *
 * <p>Measured on the project's 2-core machine (bench/RESULTS.md): VectorBLAS {@code dgemm} runs at
 * 25–40 GFLOP/s while its {@code dsyrk} runs at ≈5, so in the Java fallback a Gram block is computed
 * with {@code dgemm} (the full product for d ≤ {@link #GRAM_PANEL}, the upper block triangle panel by
 * panel above; 4–8× faster than {@code dsyrk}); with native BLAS it is {@code dsyrk}.
 */
public final class Blas {
  private static final BLAS BLAS_INSTANCE = BLAS.getInstance();
  private static final LAPACK LAPACK_INSTANCE = withMachineConstants(LAPACK.getInstance());
  private static final boolean NATIVE_BLAS =
      BLAS_INSTANCE.getClass().getName().contains("JNI");

  private Blas() {}

  /**
   * Computes LAPACK's machine constants once, here, under the class-initialisation lock. F2J's
   * LAPACK computes them (dlamch: ε, the safe minimum, the base, …) on its first call and keeps them
   * in unsynchronised static fields. Two tasks of one executor making their first LAPACK call at the
   * same moment could leave wrong constants for the life of the JVM (ε doubled, or t = 93 and
   * ε = 1e-28): last-bit differences in every later factorisation, {@code dgesdd} failing to
   * converge, {@code dlascl} never returning. Every LAPACK call in randnla goes through
   * {@link #lapack()}, so none can run before this. A native LAPACK does this itself; the call is
   * then harmless.
   */
  private static LAPACK withMachineConstants(LAPACK lapack) {
    lapack.dlamch("E");
    return lapack;
  }

  public static BLAS blas() {
    return BLAS_INSTANCE;
  }

  public static LAPACK lapack() {
    return LAPACK_INSTANCE;
  }

  /** True when BLAS calls go to a native library. */
  public static boolean isNative() {
    return NATIVE_BLAS;
  }

  /** The implementations in use, e.g. {@code "VectorBLAS + F2jLAPACK"}. */
  public static String implementation() {
    return BLAS_INSTANCE.getClass().getSimpleName() + " + " + LAPACK_INSTANCE.getClass().getSimpleName();
  }

  /**
   * G += XᵀX for a block of {@code b} rows stored row-major in {@code block} (that is, X is the
   * column-major d×b matrix {@code block} and the update is X·Xᵀ). Only the upper triangle of G
   * is guaranteed to be updated; callers symmetrise at the end. Flops: d²·b (dsyrk) or
   * (d + {@link #GRAM_PANEL})·d·b (panels of dgemm in the Java fallback, which is still faster there).
   */
  public static void gramUpdate(double[] gram, int d, double[] block, int b) {
    if (b == 0 || d == 0) {
      return;
    }
    if (NATIVE_BLAS) {
      BLAS_INSTANCE.dsyrk("U", "N", d, b, 1.0, block, d, 1.0, gram, d);
    } else if (d <= GRAM_PANEL) {
      BLAS_INSTANCE.dgemm("N", "T", d, d, b, 1.0, block, d, block, d, 1.0, gram, d);
    } else {
      // the upper block triangle only, one dgemm per panel of columns: (1 + GRAM_PANEL/d)/2 of the
      // flops of the full product, and dgemm keeps its speed on these shapes (dsyrk does not)
      for (int j0 = 0; j0 < d; j0 += GRAM_PANEL) {
        int j1 = Math.min(d, j0 + GRAM_PANEL);
        BLAS_INSTANCE.dgemm("N", "T", j1, j1 - j0, b, 1.0, block, 0, d, block, j0, d, 1.0, gram, j0 * d, d);
      }
    }
  }

  /**
   * Column panel of the Java-BLAS Gram update. Measured (thread CPU time, b = 1337, d = 784): the full
   * dgemm gives 20 useful GFLOP/s, panels of 64–256 give 28–31; below d = 128 there is nothing to gain.
   */
  static final int GRAM_PANEL = 128;

  /** op(A)·op(B) as a new matrix. */
  static Matrix multiply(Matrix a, boolean transA, Matrix b, boolean transB) {
    int m = transA ? a.cols() : a.rows();
    int k = transA ? a.rows() : a.cols();
    int kb = transB ? b.cols() : b.rows();
    int n = transB ? b.rows() : b.cols();
    if (k != kb) {
      throw new IllegalArgumentException(
          "inner dimensions differ: " + shape(a, transA) + " times " + shape(b, transB));
    }
    Matrix c = Matrix.zeros(m, n);
    if (m == 0 || n == 0 || k == 0) {
      return c;
    }
    BLAS_INSTANCE.dgemm(transA ? "T" : "N", transB ? "T" : "N", m, n, k, 1.0,
        a.data(), Math.max(1, a.rows()), b.data(), Math.max(1, b.rows()), 0.0, c.data(), m);
    return c;
  }

  static double[] multiply(Matrix a, boolean transA, double[] x) {
    int m = transA ? a.cols() : a.rows();
    int k = transA ? a.rows() : a.cols();
    if (x.length != k) {
      throw new IllegalArgumentException(
          "vector length " + x.length + " does not match " + shape(a, transA));
    }
    double[] y = new double[m];
    if (m == 0 || k == 0) {
      return y;
    }
    BLAS_INSTANCE.dgemv(transA ? "T" : "N", a.rows(), a.cols(), 1.0, a.data(),
        Math.max(1, a.rows()), x, 1, 0.0, y, 1);
    return y;
  }

  private static String shape(Matrix a, boolean trans) {
    return trans ? a.cols() + "x" + a.rows() : a.rows() + "x" + a.cols();
  }
}
