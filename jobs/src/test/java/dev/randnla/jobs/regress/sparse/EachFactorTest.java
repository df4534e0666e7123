package dev.randnla.jobs.regress.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.QrDecomposition;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link EachFactor}: the fits of a cross-validated path on threads are the same bits, in the same order, as
 * one after another, and a failing fit's exception reaches the caller as it was thrown.
 */
class EachFactorTest {
  /** Six factors of random correlated [X y] (40 columns), as a path's full data and five folds give. */
  private static List<Factor> factors() {
    Random rnd = new Random(3);
    List<Factor> out = new ArrayList<>();
    for (int f = 0; f < 6; f++) {
      int n = 200;
      int d = 40;
      double[] a = new double[n * (d + 1)];
      for (int i = 0; i < n; i++) {
        double common = rnd.nextGaussian();
        for (int j = 0; j <= d; j++) {
          a[i + j * n] = common + 0.3 * rnd.nextGaussian();
        }
      }
      out.add(new Factor(QrDecomposition.of(new Matrix(n, d + 1, a)).r(), n));
    }
    return out;
  }

  @Test
  void threadsGiveTheSameBitsInTheSameOrder() {
    List<Factor> factors = factors();
    double[] scale = factors.get(0).columnNorms();
    List<double[][]> inTurn = EachFactor.map(factors, i -> new PreconditionedLasso(factors.get(i), scale, 1e-12)
        .path(factors.get(i), 1e-8, CoordinateDescent.grid(1, 1e-3, 10), 1e-12, new int[1]), 1);
    List<double[][]> threaded = EachFactor.map(factors, i -> new PreconditionedLasso(factors.get(i), scale, 1e-12)
        .path(factors.get(i), 1e-8, CoordinateDescent.grid(1, 1e-3, 10), 1e-12, new int[1]), 4);
    assertEquals(inTurn.size(), threaded.size());
    for (int i = 0; i < inTurn.size(); i++) {
      for (int p = 0; p < inTurn.get(i).length; p++) {
        assertArrayEquals(inTurn.get(i)[p], threaded.get(i)[p], 0.0, "factor " + i + ", point " + p);
      }
    }
    assertEquals(List.of(0, 1, 2, 3, 4, 5), EachFactor.map(factors, i -> i, 3));
  }

  @Test
  void aFailingFitThrowsItsOwnException() {
    List<Factor> factors = factors();
    IllegalArgumentException second = new IllegalArgumentException("fit 2 failed");
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> EachFactor.map(factors, i -> {
      if (i >= 2) {
        throw i == 2 ? second : new IllegalStateException("fit " + i + " failed");
      }
      return i;
    }, 4));
    assertSame(second, thrown);
  }
}
