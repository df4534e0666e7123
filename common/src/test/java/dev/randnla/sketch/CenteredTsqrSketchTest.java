package dev.randnla.sketch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.linalg.Matrix;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CenteredTsqrSketchTest {
  private static final double U = 0x1.0p-53;

  /** n×d Gaussian rows with column j shifted by shift·(j+1). */
  static Matrix shiftedGaussian(int n, int d, double shift, long seed) {
    RandomStream rs = RandomStream.of(seed, Purpose.DRIVER_GAUSSIAN, 0);
    Matrix a = Matrix.zeros(n, d);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        a.set(i, j, rs.nextGaussian() + shift * (j + 1));
      }
    }
    return a;
  }

  /** The centred Gram computed from explicitly centred rows (two-pass reference). */
  static Matrix centeredGram(Matrix a, double[] mean) {
    Matrix c = a.copy();
    for (int i = 0; i < a.rows(); i++) {
      for (int j = 0; j < a.cols(); j++) {
        c.set(i, j, a.get(i, j) - mean[j]);
      }
    }
    return c.transposeTimes(c);
  }

  static double[] mean(Matrix a) {
    double[] m = new double[a.cols()];
    for (int j = 0; j < a.cols(); j++) {
      double s = 0;
      for (int i = 0; i < a.rows(); i++) {
        s += a.get(i, j);
      }
      m[j] = s / a.rows();
    }
    return m;
  }

  /** Folds rows [from, to) of A into a sketch with the given block size. */
  static CenteredTsqrSketch sketch(Matrix a, int from, int to, int block) {
    CenteredTsqrSketch s = new CenteredTsqrSketch(a.cols(), block);
    for (int i = from; i < to; i++) {
      s.update(i, a.row(i));
    }
    return s;
  }

  @ParameterizedTest(name = "n={0} d={1} block={2} shift={3} parts={4}")
  @CsvSource({"500, 7, 64, 0, 1", "500, 7, 64, 1e6, 1", "1000, 30, 100, 1e8, 3", "333, 12, 7, 1e4, 5", "50, 20, 1000, 10, 2"})
  void matchesTheCentredGramWhateverTheMean(int n, int d, int block, double shift, int parts) {
    Matrix a = shiftedGaussian(n, d, shift, n + d);
    CenteredTsqrSketch s = new CenteredTsqrSketch(d, block);
    for (int p = 0; p < parts; p++) {
      s.merge(sketch(a, p * n / parts, (p + 1) * n / parts, block));
    }
    CenteredTsqrSketch.Result r = s.result();
    assertEquals(n, r.rows());
    double[] mu = mean(a);
    for (int j = 0; j < d; j++) {
      assertEquals(mu[j], r.mean()[j], 1e-12 * Math.max(1, Math.abs(shift * (j + 1))), "mean " + j);
    }
    Matrix ref = centeredGram(a, mu);
    double scale = ref.frobeniusNorm();
    double err = r.r().transposeTimes(r.r()).minus(ref).frobeniusNorm() / scale;
    // backward stable for the centred matrix: the shift only enters through the rounding of the input itself
    double inputRounding = U * Math.max(1, shift * d) * Math.max(1, shift * d) * n / scale;
    assertTrue(err <= 100 * d * U + 10 * inputRounding, "‖RᵀR − C‖/‖C‖ = " + err);
    for (int i = 0; i < d; i++) {
      assertTrue(r.r().get(i, i) >= 0, "diag(R) ≥ 0");
    }
  }

  @Test
  void theGramRouteCancelsWhereTheCentredTsqrDoesNot() {
    int n = 2000;
    int d = 5;
    Matrix a = shiftedGaussian(n, d, 1e7, 3);
    double[] mu = mean(a);
    Matrix ref = centeredGram(a, mu);
    CenteredTsqrSketch.Result r = sketch(a, 0, n, 256).result();
    double tsqrErr = r.r().transposeTimes(r.r()).minus(ref).frobeniusNorm() / ref.frobeniusNorm();
    GramSketch g = new GramSketch(d);
    for (int i = 0; i < n; i++) {
      g.update(i, a.row(i));
    }
    double gramErr = g.result().centered().minus(ref).frobeniusNorm() / ref.frobeniusNorm();
    // the data themselves carry u·|μ| ≈ 5e-9 of rounding per entry: the centred TSQR stays at that level
    assertTrue(tsqrErr < 100 * U * 1e7 * d, "centred TSQR: " + tsqrErr);
    assertTrue(gramErr > 1e3 * tsqrErr, "the mean correction should lose digits here: " + gramErr + " vs " + tsqrErr);
  }

  @Test
  void emptyIsTheIdentityAndSelfMergeThrows() {
    Matrix a = shiftedGaussian(100, 4, 3, 1);
    CenteredTsqrSketch full = sketch(a, 0, 100, 16);
    Matrix before = full.result().r();
    full.merge(new CenteredTsqrSketch(4, 16));
    assertEquals(before, full.result().r());
    CenteredTsqrSketch empty = new CenteredTsqrSketch(4, 16);
    empty.merge(sketch(a, 0, 100, 16));
    assertEquals(before, empty.result().r());
    assertThrows(IllegalArgumentException.class, () -> full.merge(full));
    CenteredTsqrSketch none = new CenteredTsqrSketch(4);
    assertEquals(0, none.result().rows());
    assertEquals(0.0, none.result().r().frobeniusNorm());
    CenteredTsqrSketch one = sketch(a, 0, 1, 16);
    assertEquals(0.0, one.result().r().frobeniusNorm(), "one row has no spread");
    assertEquals(a.get(0, 2), one.result().mean()[2]);
  }

  @Test
  void sparseRowsEqualTheirDenseForm() {
    CenteredTsqrSketch s = new CenteredTsqrSketch(6, 4);
    CenteredTsqrSketch t = new CenteredTsqrSketch(6, 4);
    for (int i = 0; i < 11; i++) {
      int[] idx = {i % 6, (i + 2) % 6 > i % 6 ? (i + 2) % 6 : 5};
      if (idx[0] == idx[1]) {
        idx = new int[] {idx[0]};
      }
      double[] vals = new double[idx.length];
      double[] dense = new double[6];
      for (int k = 0; k < idx.length; k++) {
        vals[k] = i + k + 0.5;
        dense[idx[k]] = vals[k];
      }
      s.update(i, idx, vals);
      t.update(i, dense);
    }
    assertEquals(t.result().r(), s.result().r());
  }
}
