package dev.randnla.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import java.util.function.Supplier;

/** Checks shared by the conformance tests of the dense kernels (one abstract test per decomposition). */
final class Conformance {
  /** Unit roundoff of IEEE double precision. */
  static final double U = 0x1.0p-53;

  private Conformance() {}

  /**
   * A named input for a parameterized conformance test, with what is known exactly about its
   * answer (R's diagonal, the singular values or the eigenvalues, as the test says), or null.
   */
  record Case(String name, Matrix a, double[] known) {
    Case(String name, Matrix a) {
      this(name, a, null);
    }

    @Override
    public String toString() {
      return name + " " + a.rows() + "x" + a.cols();
    }
  }

  /** A bitwise copy, taken before a call whose input must come back unchanged. */
  static double[] snapshot(Matrix a) {
    return a.data().clone();
  }

  /** {@code call} leaves {@code a} bitwise unchanged ({@link #assertUnchanged}); {@code what} names the call. */
  static void assertLeavesUnchanged(Matrix a, Consumer<Matrix> call, String what) {
    double[] before = snapshot(a);
    call.accept(a);
    assertUnchanged(before, a, what);
  }

  /**
   * A test class's cases, built on first use and kept for every test of the class (a conformance test's
   * inputs are never modified, which its {@code inputIsLeftUnchanged} checks, so sharing them is safe).
   */
  static final class Once<T> implements Supplier<T> {
    private final Supplier<T> build;
    private T value;

    Once(Supplier<T> build) {
      this.build = build;
    }

    @Override
    public T get() {
      if (value == null) {
        value = build.get();
      }
      return value;
    }
  }

  /** Every entry of {@code a} has the same bits as in {@code before} (−0.0 ≠ 0.0, NaN payloads kept). */
  static void assertUnchanged(double[] before, Matrix a, String call) {
    double[] after = a.data();
    assertEquals(before.length, after.length, call + " changed the shape of its input");
    for (int i = 0; i < before.length; i++) {
      if (Double.doubleToRawLongBits(before[i]) != Double.doubleToRawLongBits(after[i])) {
        throw new AssertionError(call + " modified its input at (" + i % Math.max(1, a.rows()) + ", "
            + i / Math.max(1, a.rows()) + "): " + before[i] + " -> " + after[i]);
      }
    }
  }

  /** Upper triangular with its strict lower part exactly zero. */
  static void assertUpperTriangular(Matrix r, String what) {
    for (int j = 0; j < r.cols(); j++) {
      for (int i = j + 1; i < r.rows(); i++) {
        assertEquals(0.0, r.get(i, j), 0.0, what + ": strict lower part at (" + i + ", " + j + ")");
      }
    }
  }

  /** A copy of the square {@code s} whose strict lower triangle is replaced by values unrelated to its upper one. */
  static Matrix withGarbageBelowDiagonal(Matrix s) {
    Matrix g = s.copy();
    for (int j = 0; j < s.cols(); j++) {
      for (int i = j + 1; i < s.rows(); i++) {
        g.set(i, j, 1e3 * (1 + i + 7 * j));
      }
    }
    return g;
  }

  /**
   * op(A)·op(B) − C with every entry accumulated in double-double ({@link Compensated.Sum}, the Dot2
   * of Ogita, Rump &amp; Oishi 2005) and rounded once: the check's own error is at most u·|entry| +
   * γ²ₖ·Σ|aᵢₖbₖⱼ|, far below the kernels' c·n·u, so a residual bound needs no term for the check.
   */
  static Matrix residual(Matrix a, boolean transA, Matrix b, boolean transB, Matrix c) {
    int m = transA ? a.cols() : a.rows();
    int k = transA ? a.rows() : a.cols();
    int n = transB ? b.rows() : b.cols();
    Matrix out = Matrix.zeros(m, n);
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < m; i++) {
        Compensated.Sum s = new Compensated.Sum();
        s.add(-c.get(i, j));
        for (int p = 0; p < k; p++) {
          s.addProduct(transA ? a.get(p, i) : a.get(i, p), transB ? b.get(j, p) : b.get(p, j));
        }
        out.set(i, j, s.value());
      }
    }
    return out;
  }

  /** ‖QᵀQ − I‖_F, the check accumulated in double-double ({@link #residual}). */
  static double orthonormalityError(Matrix q) {
    return residual(q, true, q, false, Matrix.identity(q.cols())).frobeniusNorm();
  }

  /** ‖A − B‖_F. */
  static double distance(Matrix a, Matrix b) {
    return a.minus(b).frobeniusNorm();
  }

  /** min(‖x − y‖₂, ‖x + y‖₂): the distance between vectors known up to sign. */
  static double distanceUpToSign(double[] x, double[] y) {
    return Math.min(Vectors.norm2(Vectors.minus(x, y)), Vectors.norm2(Vectors.minus(x, Vectors.scale(-1, y))));
  }

  /** Largest first, strictly or with ties. */
  static void assertDescending(double[] values, String what) {
    for (int i = 1; i < values.length; i++) {
      assertTrue(values[i - 1] >= values[i], what + " not descending at " + i + ": " + values[i - 1] + " < " + values[i]);
    }
  }

  /**
   * The sign convention of the eigen- and singular vectors: the first entry of largest magnitude
   * (the entry the kernels pick, scanning from the top) is positive.
   */
  static void assertLargestEntryPositive(double[] v, String what) {
    int big = 0;
    for (int i = 1; i < v.length; i++) {
      if (Math.abs(v[i]) > Math.abs(v[big])) {
        big = i;
      }
    }
    assertTrue(v.length == 0 || v[big] > 0, what + ": largest-magnitude entry " + big + " is " + v[big]);
  }
}
