package dev.randnla.sketch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.linalg.Matrix;
import org.junit.jupiter.api.Test;

/**
 * The block SRHT: a subspace embedding at the distortions its javadoc states, linear and the same
 * under any split of the rows, with sparse updates equal to dense ones.
 */
class BlockSrhtSketchTest {
  static final int N = SketchEmbeddingTest.N;
  static final int D = SketchEmbeddingTest.D;

  /**
   * Singular values of S·U for an orthonormal U lie within the bound of a Gaussian sketch of the same
   * size, 1 ± (√(d/m) + t/√m) (Davidson–Szarek), at t = 4 (failure probability 2e^(−8) per trial for
   * the Gaussian): the SRHT's guarantee has the same form with larger constants and log factors, so
   * this is the natural yardstick. Checked with one block and with four (100 rows each).
   */
  @Test
  void embedsTheColumnSpace() {
    int m = 40 * D;
    double radius = Math.sqrt((double) D / m) + 4 / Math.sqrt(m);
    for (long seed = 1; seed <= 5; seed++) {
      Matrix u = SketchEmbeddingTest.orthonormal(seed);
      long s = seed;
      for (int blocks : new int[] {1, 4}) {
        double[] v = SketchEmbeddingTest.sv(SketchEmbeddingTest.sketch(() -> new BlockSrhtSketch(m, D, blocks, s), u, 0, N));
        assertTrue(v[0] <= 1 + radius && v[D - 1] >= 1 - radius,
            blocks + " block(s), seed " + seed + ": [" + v[D - 1] + ", " + v[0] + "] outside 1 ± " + radius);
      }
    }
  }

  /** Unbiased: E‖S·x‖² = ‖x‖²; the mean over 200 seeds is within 5 standard errors of 1. */
  @Test
  void preservesNormsOnAverage() {
    double[] x = new double[64];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.sin(i + 1.0);
    }
    double norm2 = 0;
    for (double v : x) {
      norm2 += v * v;
    }
    int trials = 200;
    double sum = 0;
    double sumSq = 0;
    for (int seed = 0; seed < trials; seed++) {
      BlockSrhtSketch s = new BlockSrhtSketch(8, 1, 2, seed);
      for (int i = 0; i < x.length; i++) {
        s.update(i, new double[] {x[i]});
      }
      double[] sx = s.result().data();
      double r = 0;
      for (double v : sx) {
        r += v * v;
      }
      r /= norm2;
      sum += r;
      sumSq += r * r;
    }
    double mean = sum / trials;
    double se = Math.sqrt((sumSq / trials - mean * mean) / trials);
    assertTrue(Math.abs(mean - 1) <= 5 * se, "mean ‖Sx‖²/‖x‖² = " + mean + " ± " + se);
  }

  /** Any split of the rows gives the same S·A (up to the order of additions). */
  @Test
  void mergingPartsEqualsSketchingTheWhole() {
    Matrix u = SketchEmbeddingTest.orthonormal(9);
    Matrix whole = SketchEmbeddingTest.sketch(() -> new BlockSrhtSketch(64, D, 4, 5), u, 0, N);
    BlockSrhtSketch a = new BlockSrhtSketch(64, D, 4, 5);
    BlockSrhtSketch b = new BlockSrhtSketch(64, D, 4, 5);
    BlockSrhtSketch c = new BlockSrhtSketch(64, D, 4, 5);
    for (int i = 0; i < N; i++) {
      (i % 3 == 0 ? a : i % 3 == 1 ? b : c).update(i, u.row(i));
    }
    assertArrayEquals(whole.data(), a.merge(b).merge(c).result().data(), 1e-13);
    assertEquals(N, a.rows());
    BlockSrhtSketch empty = new BlockSrhtSketch(64, D, 4, 5);
    assertArrayEquals(whole.data(), empty.merge(a).result().data(), 1e-13);
  }

  @Test
  void sparseUpdateEqualsDense() {
    BlockSrhtSketch dense = new BlockSrhtSketch(16, 6, 2, 3);
    BlockSrhtSketch sparse = new BlockSrhtSketch(16, 6, 2, 3);
    for (long k = 0; k < 50; k++) {
      dense.update(k, new double[] {0, 2, 0, 0, -1 - k, 0});
      sparse.update(k, new int[] {1, 4}, new double[] {2, -1 - k});
    }
    assertArrayEquals(dense.result().data(), sparse.result().data(), 1e-12);
  }

  /** Buffered rows are flushed before Java serialization, so a sketch survives a trip between tasks. */
  @Test
  void serializationKeepsBufferedRows() throws Exception {
    BlockSrhtSketch s = new BlockSrhtSketch(12, 3, 3, 8);
    for (long k = 0; k < 10; k++) {
      s.update(k, new double[] {k, 1, -k});
    }
    BlockSrhtSketch back = JavaSerialization.copy(s);
    assertArrayEquals(s.result().data(), back.result().data(), 0.0);
    back.update(99, new double[] {1, 2, 3});
    s.update(99, new double[] {1, 2, 3});
    assertArrayEquals(s.result().data(), back.result().data(), 0.0);
  }

  @Test
  void rejectsBadShapesAndMerges() {
    assertThrows(IllegalArgumentException.class, () -> new BlockSrhtSketch(4, 3, 5, 1));
    assertThrows(IllegalArgumentException.class, () -> new BlockSrhtSketch(0, 3, 1, 1));
    BlockSrhtSketch a = new BlockSrhtSketch(8, 3, 2, 1);
    assertThrows(IllegalArgumentException.class, () -> a.merge(a));
    assertThrows(IllegalArgumentException.class, () -> a.merge(new BlockSrhtSketch(8, 3, 2, 2)));
    assertThrows(IllegalArgumentException.class, () -> a.merge(new BlockSrhtSketch(8, 3, 1, 1)));
    assertThrows(IllegalArgumentException.class, () -> a.update(1, new double[2]));
  }

  @Test
  void defaultBlocksKeepEnoughRowsPerBlock() {
    assertEquals(1, BlockSrhtSketch.defaultBlocks(400, 100));
    assertEquals(15, BlockSrhtSketch.defaultBlocks(8000, 2000));
    assertEquals(2, BlockSrhtSketch.defaultBlocks(64, 2000));
  }
}
