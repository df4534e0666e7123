package dev.randnla.sketch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.SingularValueDecomposition;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Subspace-embedding checks for the linear sketches: the singular values of S·U for an orthonormal
 * U (n×d) lie in [1 − ε, 1 + ε], and a sketch is linear and partition-invariant (merging the
 * sketches of two halves gives the sketch of the whole).
 */
class SketchEmbeddingTest {
  static final int N = 4000;
  static final int D = 10;

  static Matrix orthonormal(long seed) {
    RandomStream rs = RandomStream.of(seed, Purpose.DRIVER_GAUSSIAN, 1);
    double[] a = new double[N * D];
    rs.fillGaussian(a);
    return SingularValueDecomposition.of(new Matrix(N, D, a)).u();
  }

  static <S extends RowSketch<S, Matrix>> Matrix sketch(Supplier<S> make, Matrix u, int from, int to) {
    S s = make.get();
    for (int i = from; i < to; i++) {
      s.update(i, u.row(i));
    }
    return s.compact().result();
  }

  static double[] sv(Matrix sa) {
    return SingularValueDecomposition.of(sa).singularValues();
  }

  /**
   * Distortion bounds used: Gaussian with m rows has singular values within 1 ± (√(d/m) + small);
   * at m = 40d, ±0.3 holds with overwhelming probability. CountSketch with m = 40·d² ... we use
   * m = 4000 ≫ d² = 100 for which the variance bound gives distortion ≤ 0.3 with probability ≥ 0.99.
   */
  @Test
  void sketchesEmbedTheColumnSpace() {
    for (long seed = 1; seed <= 3; seed++) {
      Matrix u = orthonormal(seed);
      long s = seed;
      double[][] all = {
          sv(sketch(() -> new GaussianSketch(40 * D, D, s), u, 0, N)),
          sv(sketch(() -> new CountSketch(2000, D, s), u, 0, N)),
          sv(sketch(() -> new OsnapSketch(400, D, 4, s), u, 0, N))};
      String[] names = {"gaussian", "countsketch", "osnap"};
      for (int k = 0; k < all.length; k++) {
        double[] v = all[k];
        assertTrue(v[0] <= 1.3 && v[D - 1] >= 0.7,
            names[k] + " seed " + seed + ": singular values of SU in [" + v[D - 1] + ", " + v[0] + "]");
      }
    }
  }

  @Test
  void mergingHalvesEqualsSketchingTheWhole() {
    Matrix u = orthonormal(9);
    Matrix whole = sketch(() -> new CountSketch(64, D, 5), u, 0, N);
    CountSketch a = new CountSketch(64, D, 5);
    CountSketch b = new CountSketch(64, D, 5);
    for (int i = 0; i < N; i++) {
      (i % 3 == 0 ? a : b).update(i, u.row(i));
    }
    assertArrayEquals(whole.data(), a.merge(b).result().data(), 1e-14);

    Matrix g = sketch(() -> new GaussianSketch(30, D, 5), u, 0, N);
    GaussianSketch ga = new GaussianSketch(30, D, 5);
    GaussianSketch gb = new GaussianSketch(30, D, 5);
    for (int i = 0; i < N; i++) {
      (i < 1234 ? ga : gb).update(i, u.row(i));
    }
    assertArrayEquals(g.data(), ga.merge(gb).result().data(), 1e-12);
  }

  @Test
  void sparseUpdateEqualsDense() {
    CountSketch dense = new CountSketch(16, 6, 3);
    CountSketch sparse = new CountSketch(16, 6, 3);
    dense.update(42, new double[] {0, 2, 0, 0, -1, 0});
    sparse.update(42, new int[] {1, 4}, new double[] {2, -1});
    assertArrayEquals(dense.result().data(), sparse.result().data(), 0.0);
    assertEquals(1, sparse.rows());
  }

  @Test
  void selfMergeAndMismatchedMergeThrow() {
    CountSketch a = new CountSketch(8, 3, 1);
    assertThrows(IllegalArgumentException.class, () -> a.merge(a));
    assertThrows(IllegalArgumentException.class, () -> a.merge(new CountSketch(8, 3, 2)));
  }
}
