package dev.randnla.sketch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.linalg.Matrix;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RowFactorSketchTest {
  private static final double U = 0x1.0p-53;

  private static double[][] rows(int m, int d, long seed) {
    RandomStream rs = RandomStream.of(seed, Purpose.DRIVER_GAUSSIAN, 3);
    double[][] a = new double[m][d];
    for (double[] row : a) {
      rs.fillGaussian(row);
    }
    return a;
  }

  private static RowFactorSketch fold(double[][] a, int from, int to, int d, int limit) {
    RowFactorSketch s = new RowFactorSketch(d, limit);
    for (int i = from; i < to; i++) {
      s.update(i, a[i]);
    }
    return s;
  }

  private static double[] gram(double[][] a, int d) {
    double[] g = new double[d * d];
    for (double[] row : a) {
      for (int j = 0; j < d; j++) {
        for (int i = 0; i < d; i++) {
          g[i + j * d] += row[i] * row[j];
        }
      }
    }
    return g;
  }

  private static double squares(double[][] a) {
    double s = 0;
    for (double[] row : a) {
      for (double v : row) {
        s += v * v;
      }
    }
    return s;
  }

  @ParameterizedTest(name = "{0} rows, d={1}, raw limit {2}, split at {3}")
  @CsvSource({"5, 8, 8, 2", "8, 8, 8, 4", "9, 8, 8, 4", "40, 6, 6, 17", "300, 12, 12, 150", "3, 10, 2, 1", "0, 4, 4, 0"})
  void factorReproducesTheGramUnderAnySplit(int m, int d, int limit, int split) {
    double[][] a = rows(m, d, 7);
    RowFactorSketch whole = fold(a, 0, m, d, limit);
    RowFactorSketch merged = fold(a, 0, split, d, limit).merge(fold(a, split, m, d, limit));
    double[] g = gram(a, d);
    double scale = Math.max(1e-300, squares(a));
    for (RowFactorSketch s : new RowFactorSketch[] {whole, merged}) {
      assertEquals(m, s.rows());
      Matrix f = s.result();
      Matrix ftf = f.transposeTimes(f);
      double err = ftf.minus(new Matrix(d, d, g)).frobeniusNorm() / scale;
      assertTrue(err <= 100 * d * U, "‖FᵀF − AᵀA‖/‖A‖² = " + err);
      assertEquals(squares(a), s.sumOfSquares(), 1e-13 * scale);
    }
    if (m <= limit) {
      // never folded: the rows themselves, bitwise, in input order, whatever the split
      assertTrue(whole.isRaw() && merged.isRaw());
      assertArrayEquals(Matrix.fromRows(a.length == 0 ? new double[0][0] : a).data(), whole.result().data());
      assertArrayEquals(whole.result().data(), merged.result().data());
      assertEquals(whole.sumOfSquares(), merged.sumOfSquares(), 0.0);
    } else {
      assertFalse(whole.isRaw());
      assertEquals(d, whole.result().rows(), "folded factor is the d×d R");
    }
  }

  @Test
  void sparseRowsMatchDenseRows() {
    int d = 7;
    RowFactorSketch dense = new RowFactorSketch(d, 4);
    RowFactorSketch sparse = new RowFactorSketch(d, 4);
    for (int i = 0; i < 6; i++) {
      int[] idx = {i % d, (i + 3) % d};
      java.util.Arrays.sort(idx);
      double[] vals = {1.0 + i, -2.0 * i};
      double[] row = new double[d];
      row[idx[0]] = vals[0];
      row[idx[1]] = vals[1];
      dense.update(i, row);
      sparse.update(i, idx, vals);
    }
    assertArrayEquals(dense.result().data(), sparse.result().data(), 0.0);
    assertEquals(dense.sumOfSquares(), sparse.sumOfSquares(), 0.0);
  }

  @Test
  void emptyMergeIsIdentityAndSelfMergeThrows() {
    double[][] a = rows(5, 3, 1);
    RowFactorSketch s = fold(a, 0, 5, 3, 3);
    double[] before = s.result().data();
    s.merge(new RowFactorSketch(3, 3));
    assertArrayEquals(before, s.result().data(), 0.0);
    RowFactorSketch empty = new RowFactorSketch(3, 3).merge(fold(a, 0, 5, 3, 3));
    assertArrayEquals(before, empty.result().data(), 1e-14);
    assertThrows(IllegalArgumentException.class, () -> s.merge(s));
    assertThrows(IllegalArgumentException.class, () -> s.merge(new RowFactorSketch(4, 3)));
    assertEquals(0, new RowFactorSketch(3, 3).result().rows());
  }

  @Test
  void serializedFormRoundTrips() throws Exception {
    double[][] a = rows(5, 4, 2);
    RowFactorSketch s = fold(a, 0, 3, 4, 8);
    RowFactorSketch back = JavaSerialization.copy(s);
    back.update(3, a[3]);
    back.update(4, a[4]);
    assertArrayEquals(fold(a, 0, 5, 4, 8).result().data(), back.result().data(), 0.0);
  }
}
