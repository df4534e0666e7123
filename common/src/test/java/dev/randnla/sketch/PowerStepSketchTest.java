package dev.randnla.sketch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.linalg.Matrix;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PowerStepSketchTest {
  private static final int D = 7;
  private static final int C = 3;

  private static double[][] rows(int n, long seed) {
    double[][] a = new double[n][D];
    RandomStream rs = RandomStream.of(seed, Purpose.DRIVER_GAUSSIAN, 9);
    for (double[] r : a) {
      rs.fillGaussian(r);
    }
    return a;
  }

  private static Matrix block() {
    double[] x = new double[D * C];
    RandomStream.of(1, Purpose.DRIVER_GAUSSIAN, 8).fillGaussian(x);
    return new Matrix(D, C, x);
  }

  /** Σ a(aᵀX) over the given rows, by the definition. */
  private static double[] product(List<double[]> rows, Matrix x) {
    double[] y = new double[D * C];
    for (double[] a : rows) {
      for (int c = 0; c < C; c++) {
        double t = 0;
        for (int j = 0; j < D; j++) {
          t += a[j] * x.get(j, c);
        }
        for (int j = 0; j < D; j++) {
          y[j + c * D] += a[j] * t;
        }
      }
    }
    return y;
  }

  private static void assertClose(double[] expected, double[] actual, double tol) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tol * (1 + Math.abs(expected[i])), "entry " + i);
    }
  }

  @Test
  void lightProductMatchesTheDefinitionForDenseAndSparseRows() {
    double[][] a = rows(3000, 1);
    Matrix x = block();
    PowerStepSketch s = new PowerStepSketch(x, null, Double.POSITIVE_INFINITY, 0, 32, 0, C - 1);
    for (int i = 0; i < a.length; i++) {
      if (i % 3 == 0) {
        int[] idx = {0, 2, 5};
        s.update(i, idx, new double[] {a[i][0], a[i][2], a[i][5]});
        a[i] = new double[] {a[i][0], 0, a[i][2], 0, 0, a[i][5], 0};
      } else {
        s.update(i, a[i]);
      }
    }
    PowerStepSketch.Result r = s.result();
    assertClose(product(List.of(a), x), r.product().data(), 1e-12);
    assertEquals(a.length, r.rows());
    assertEquals(0, r.candidates().size());
    long chunked = 0;
    for (double[] ch : r.chunks()) {
      chunked += (long) (ch[PowerStepSketch.EVEN_ROWS] + ch[PowerStepSketch.ODD_ROWS]);
    }
    assertEquals(a.length, chunked, "every light row is in one chunk");
    assertTrue(r.chunks().size() <= PowerStepSketch.MAX_CHUNKS);
  }

  @Test
  void rankingKeepsTheHeaviestRowsAndFoldsTheRestIn() {
    double[][] a = rows(500, 2);
    for (int i = 0; i < a.length; i += 50) {
      a[i] = new double[D];
      a[i][i / 50 % D] = 100 + i;
    }
    Matrix x = block();
    int capacity = 4;
    PowerStepSketch s = new PowerStepSketch(x, null, 0.0, capacity, 16, 0, C - 1);
    for (int i = 0; i < a.length; i++) {
      s.update(i, a[i]);
    }
    PowerStepSketch.Result r = s.result();
    assertEquals(capacity, r.candidates().size());
    assertEquals(a.length - capacity, r.rows());
    assertEquals(a.length, r.overTau());
    assertEquals(List.of(450L, 400L, 350L, 300L), candidateKeys(r), "the heaviest rows, heaviest first");
    assertLightProduct(a, x, r, 1e-11);
  }

  /** The keys of the result's candidates, in its order. */
  private static List<Long> candidateKeys(PowerStepSketch.Result r) {
    List<Long> keys = new ArrayList<>();
    for (PowerStepSketch.Candidate c : r.candidates()) {
      keys.add(c.key());
    }
    return keys;
  }

  /** The result's product is AᵀX over the rows that are not candidates (the light rows), within {@code tol}. */
  private static void assertLightProduct(double[][] a, Matrix x, PowerStepSketch.Result r, double tol) {
    List<Long> keys = candidateKeys(r);
    List<double[]> light = new ArrayList<>();
    for (int i = 0; i < a.length; i++) {
      if (!keys.contains((long) i)) {
        light.add(a[i]);
      }
    }
    assertClose(product(light, x), r.product().data(), tol);
  }

  @Test
  void rowsOverTauBecomeCandidatesAndMergeIsTheUnion() {
    double[][] a = rows(400, 3);
    a[10] = new double[] {50, 0, 0, 0, 0, 0, 0};
    a[300] = new double[] {0, 60, 0, 0, 0, 0, 0};
    Matrix x = block();
    PowerStepSketch left = new PowerStepSketch(x, null, 100.0, 10, 8, 0, C - 1);
    PowerStepSketch right = new PowerStepSketch(x, null, 100.0, 10, 8, 0, C - 1);
    List<double[]> light = new ArrayList<>();
    for (int i = 0; i < a.length; i++) {
      (i < 200 ? left : right).update(i, a[i]);
      if (i != 10 && i != 300) {
        light.add(a[i]);
      }
    }
    left.compact().tagPartition(0);
    right.compact().tagPartition(1);
    PowerStepSketch.Result r = left.merge(right).result();
    assertEquals(2, r.candidates().size());
    assertEquals(300L, r.candidates().get(0).key());
    assertEquals(1, r.candidates().get(0).partition());
    assertEquals(0, r.candidates().get(1).partition());
    assertEquals(2, r.overTau());
    assertClose(product(light, x), r.product().data(), 1e-11);
    assertThrows(IllegalArgumentException.class, () -> left.merge(left));
  }

  /** A provisional threshold keeps the bulk out of the ranking but never a row that dominates the mass. */
  @Test
  void provisionalThresholdSkipsTheBulk() {
    double[][] a = rows(2000, 4);
    a[1500] = new double[] {0, 0, 0, 400, 0, 0, 0};
    Matrix x = block();
    PowerStepSketch s = new PowerStepSketch(x, null, 0.0, 100, 16, 0, C - 1).withProvisionalThreshold(0.01);
    for (int i = 0; i < a.length; i++) {
      s.update(i, a[i]);
    }
    PowerStepSketch.Result r = s.result();
    // the rule: row i is ranked iff ‖a_i‖² ≥ 0.01·Σ_{j≤i} ‖a_j‖²; the 100 heaviest ranked rows are kept
    List<long[]> ranked = new ArrayList<>();
    double seen = 0;
    for (int i = 0; i < a.length; i++) {
      double sq = 0;
      for (double v : a[i]) {
        sq += v * v;
      }
      seen += sq;
      if (sq >= 0.01 * seen) {
        ranked.add(new long[] {i, Double.doubleToLongBits(sq)});
      }
    }
    ranked.sort((p, q) -> Double.compare(Double.longBitsToDouble(q[1]), Double.longBitsToDouble(p[1])));
    assertTrue(ranked.size() < a.length / 4, "most rows skip the ranking: " + ranked.size());
    assertEquals(Math.min(100, ranked.size()), r.candidates().size());
    for (int c = 0; c < r.candidates().size(); c++) {
      assertEquals(ranked.get(c)[0], r.candidates().get(c).key(), "candidate " + c);
    }
    assertLightProduct(a, x, r, 1e-10);
  }

  @Test
  void centredNormsDecideWhoIsHeavy() {
    Matrix x = block();
    double[] mu = {10, 10, 10, 10, 10, 10, 10};
    PowerStepSketch s = new PowerStepSketch(x, mu, 1.0, 5, 8, 0, C - 1);
    s.update(1, new double[] {10, 10, 10, 10, 10, 10, 10.5});
    s.update(2, new double[] {10, 10, 10, 10, 10, 10, 12});
    PowerStepSketch.Result r = s.result();
    assertEquals(1, r.candidates().size(), "only the row 2 away from the centre is heavy");
    assertEquals(2L, r.candidates().get(0).key());
    assertEquals(4.0, r.candidates().get(0).centredSquared(), 1e-12);
  }
}
