package dev.randnla.sketch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.io.MatrixRow;
import dev.randnla.linalg.Cholesky;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.QrDecomposition;
import dev.randnla.linalg.Triangular;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Leverage scores against dense references: τᵢ = ‖Q(i, :)‖² for a thin QR of A (exact), the
 * solve aᵀ(AᵀA + λI)⁻¹a (ridge), and the sketch's distortion bound (approximate).
 */
class LeverageScoresTest {
  /** Relative accuracy of exact scores on a matrix with κ ≈ 1e3: a few hundred ulps times κ. */
  static final double EXACT_TOL = 1e-11;

  /** A Gaussian n×d matrix with rows scaled by e^{3g} (g Gaussian): strongly non-uniform leverage. */
  static Matrix coherent(int n, int d, long seed) {
    RandomStream rs = RandomStream.of(seed, Purpose.DRIVER_GAUSSIAN, 7);
    Matrix a = Matrix.zeros(n, d);
    for (int i = 0; i < n; i++) {
      double s = Math.exp(3 * rs.nextGaussian());
      for (int j = 0; j < d; j++) {
        a.set(i, j, s * rs.nextGaussian());
      }
    }
    return a;
  }

  static Matrix tsqrR(Matrix a) {
    TsqrSketch t = new TsqrSketch(a.cols(), 16);
    for (int i = 0; i < a.rows(); i++) {
      t.update(i, a.row(i));
    }
    return t.result();
  }

  static double[] reference(Matrix a) {
    Matrix q = QrDecomposition.of(a).q();
    double[] tau = new double[a.rows()];
    for (int i = 0; i < a.rows(); i++) {
      double s = 0;
      for (int j = 0; j < q.cols(); j++) {
        s += q.get(i, j) * q.get(i, j);
      }
      tau[i] = s;
    }
    return tau;
  }

  /** Scores of every row through a ScoringBlock (dense, or sparse with zeros dropped). */
  static double[] blockScores(LeverageScores s, Matrix a, boolean sparse) {
    int n = a.rows();
    double[] out = new double[n];
    ScoringBlock block = new ScoringBlock(a.cols(), 7);
    double[] buf = new double[7];
    int start = 0;
    for (int i = 0; i < n; i++) {
      double[] row = a.row(i);
      MatrixRow r;
      if (sparse) {
        int nz = 0;
        for (double v : row) {
          nz += v != 0 ? 1 : 0;
        }
        int[] idx = new int[nz];
        double[] val = new double[nz];
        for (int j = 0, t = 0; j < row.length; j++) {
          if (row[j] != 0) {
            idx[t] = j;
            val[t++] = row[j];
          }
        }
        r = MatrixRow.sparse(i, i, Double.NaN, null, idx, val);
      } else {
        r = MatrixRow.dense(i, i, Double.NaN, null, row);
      }
      if (block.add(r) || i == n - 1) {
        block.score(s, buf);
        System.arraycopy(buf, 0, out, start, block.size());
        start += block.size();
        block.clear();
      }
    }
    return out;
  }

  static void assertRelative(double[] expected, double[] actual, double tol, String what) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      double err = Math.abs(actual[i] - expected[i]) / Math.max(expected[i], 1e-300);
      assertTrue(err <= tol, what + ": row " + i + " expected " + expected[i] + " got " + actual[i] + " (rel. error " + err + ")");
    }
  }

  @Test
  void exactScoresMatchTheRowNormsOfQ() {
    Matrix a = coherent(300, 7, 1);
    double[] ref = reference(a);
    LeverageScores s = LeverageScores.fromFactor(tsqrR(a), LeverageScores.defaultRankTolerance(7));
    assertEquals(7, s.rank());
    assertEquals(LeverageScores.Kind.EXACT, s.kind());
    double[] single = new double[a.rows()];
    for (int i = 0; i < a.rows(); i++) {
      single[i] = s.score(a.row(i));
    }
    assertRelative(ref, single, EXACT_TOL, "row by row");
    assertRelative(ref, blockScores(s, a, false), EXACT_TOL, "dense blocks");
    assertEquals(7.0, Arrays.stream(single).sum(), 1e-12 * 7);
    assertEquals(7.0, s.expectedTotal());
  }

  /** A well-conditioned R is inverted directly (no SVD); the SVD route gives the same scores. */
  @Test
  void triangularAndSpectralRoutesAgree() {
    Matrix a = coherent(300, 7, 8);
    Matrix r = tsqrR(a);
    LeverageScores fast = LeverageScores.fromFactor(r, LeverageScores.defaultRankTolerance(7));
    LeverageScores svd = LeverageScores.spectral(r, LeverageScores.defaultRankTolerance(7));
    assertTrue(!fast.hasSpectrum() && svd.hasSpectrum());
    assertRelative(blockScores(svd, a, false), blockScores(fast, a, false), 1e-12, "R⁻¹ vs VΣ⁻¹");
    // κ₂/d ≤ κ₁ ≤ d·κ₂, and the estimate is within a small factor of κ₁
    assertTrue(fast.conditionNumber() >= svd.conditionNumber() / 7 / 3 && fast.conditionNumber() <= 7 * svd.conditionNumber());
    assertThrows(IllegalStateException.class, fast::singularValues);
    assertThrows(IllegalStateException.class, () -> fast.ratioRange(svd));
  }

  @Test
  void sparseRowsScoreLikeDenseRows() {
    Matrix a = coherent(120, 9, 2);
    for (int i = 0; i < a.rows(); i++) {
      for (int j = 0; j < a.cols(); j++) {
        if ((i * 31 + j * 7) % 3 != 0) {
          a.set(i, j, 0.0);
        }
      }
    }
    LeverageScores s = LeverageScores.fromFactor(tsqrR(a), LeverageScores.defaultRankTolerance(9));
    assertRelative(blockScores(s, a, false), blockScores(s, a, true), 1e-13, "sparse vs dense");
    assertRelative(reference(a), blockScores(s, a, true), EXACT_TOL, "sparse vs QR");
  }

  @Test
  void rankDeficientMatrixGetsPseudoInverseScores() {
    Matrix a = coherent(200, 6, 3);
    for (int i = 0; i < a.rows(); i++) {
      a.set(i, 5, a.get(i, 0) - 2 * a.get(i, 3));
    }
    // range(A) is spanned by the first five columns: their Q gives the exact leverage
    double[] ref = reference(a.leadingColumns(5));
    LeverageScores s = LeverageScores.fromFactor(tsqrR(a), LeverageScores.defaultRankTolerance(6));
    assertEquals(5, s.rank());
    assertRelative(ref, blockScores(s, a, false), 1e-9, "rank-deficient");
    assertEquals(5.0, s.expectedTotal());
  }

  @Test
  void wideMatrixHasEveryLeverageOne() {
    Matrix a = coherent(3, 6, 4);
    LeverageScores s = LeverageScores.fromFactor(tsqrR(a), LeverageScores.defaultRankTolerance(6));
    assertEquals(3, s.rank());
    for (int i = 0; i < 3; i++) {
      assertEquals(1.0, s.score(a.row(i)), 1e-12);
    }
  }

  @Test
  void zeroMatrixHasRankZeroAndZeroScores() {
    LeverageScores s = LeverageScores.fromFactor(Matrix.zeros(4, 4), 1e-12);
    assertEquals(0, s.rank());
    assertEquals(0.0, s.score(new double[] {1, 2, 3, 4}));
    assertEquals(1.0, s.conditionNumber());
    assertArrayEquals(new double[] {0, 0}, blockScores(s, Matrix.fromRows(new double[][] {{1, 0, 0, 0}, {0, 0, 2, 0}}), false));
  }

  @Test
  void ridgeScoresSolveTheRegularisedNormalEquations() {
    Matrix a = coherent(150, 5, 5);
    double lambda = 3.5;
    Matrix g = a.transposeTimes(a).plus(Matrix.identity(5).scale(lambda));
    Matrix c = Cholesky.of(g).r();
    LeverageScores s = LeverageScores.ridge(tsqrR(a), lambda);
    double[] ref = new double[a.rows()];
    for (int i = 0; i < a.rows(); i++) {
      double[] y = Triangular.solveUpperTranspose(c, a.row(i));
      double t = 0;
      for (double v : y) {
        t += v * v;
      }
      ref[i] = t;
    }
    assertRelative(ref, blockScores(s, a, false), 1e-10, "ridge");
    double sum = Arrays.stream(ref).sum();
    assertEquals(sum, s.expectedTotal(), 1e-10 * sum);
    assertTrue(s.expectedTotal() < 5);
    assertThrows(IllegalArgumentException.class, () -> LeverageScores.ridge(tsqrR(a), 0));
  }

  /**
   * If S embeds range(A) with distortion ε (singular values of S·Q in [1 − ε, 1 + ε] for an
   * orthonormal basis Q), every sketched score lies in f·[τ/(1+ε)², τ/(1−ε)²] with f = (m−d−1)/m the
   * bias correction: checked row by row with the ε of the very sketch used. CountSketch with m = 10·d on these strongly coherent rows
   * gives ε ≈ 0.3–0.45; the median error stays below 0.2. The Gaussian projection (k = 40 &lt; d)
   * adds a relative error of about √(2/k) ≈ 0.22 per row.
   */
  @Test
  void sketchedScoresAreWithinTheEmbeddingDistortion() {
    int n = 4000;
    int d = 50;
    for (long seed = 1; seed <= 3; seed++) {
      Matrix a = coherent(n, d, 10 + seed);
      double[] ref = reference(a);
      Matrix q = QrDecomposition.of(a).q();
      CountSketch cs = new CountSketch(10 * d, d, seed);
      CountSketch csq = new CountSketch(10 * d, d, seed);
      for (int i = 0; i < n; i++) {
        cs.update(i, a.row(i));
        csq.update(i, q.row(i));
      }
      double[] sv = dev.randnla.linalg.SingularValueDecomposition.of(csq.result()).singularValues();
      double eps = Math.max(sv[0] - 1, 1 - sv[d - 1]);
      assertTrue(eps < 1, "seed " + seed + ": not an embedding, distortion " + eps);
      LeverageScores exactWidth = LeverageScores.sketched(cs.result(), LeverageScores.defaultRankTolerance(d), 100, seed);
      assertEquals(d, exactWidth.width(), "k ≥ rank: no Gaussian step");
      double[] got = blockScores(exactWidth, a, false);
      double f = (10.0 * d - d - 1) / (10.0 * d);
      for (int i = 0; i < n; i++) {
        double lo = f * ref[i] / ((1 + eps) * (1 + eps)) * (1 - 1e-9);
        double hi = f * ref[i] / ((1 - eps) * (1 - eps)) * (1 + 1e-9);
        assertTrue(got[i] >= lo && got[i] <= hi, "seed " + seed + ", row " + i + ": " + got[i] + " outside ["
            + lo + ", " + hi + "] for distortion " + eps);
      }
      LeverageScores jl = LeverageScores.sketched(cs.result(), LeverageScores.defaultRankTolerance(d), 40, seed);
      assertEquals(40, jl.width());
      assertEquals(d, jl.rank());
      double[] e1 = relativeErrors(ref, got);
      double[] e2 = relativeErrors(ref, blockScores(jl, a, false));
      assertTrue(e1[e1.length / 2] <= 0.2, "seed " + seed + ": median error without JL " + e1[e1.length / 2]);
      assertTrue(e2[e2.length / 2] <= 0.3, "seed " + seed + ": median error with JL " + e2[e2.length / 2]);
    }
  }

  static double[] relativeErrors(double[] ref, double[] got) {
    double[] e = new double[ref.length];
    for (int i = 0; i < ref.length; i++) {
      e[i] = Math.abs(got[i] - ref[i]) / ref[i];
    }
    Arrays.sort(e);
    return e;
  }

  @Test
  void ratioRangeOfAScaledFactorIsTheSquaredScale() {
    Matrix a = coherent(50, 4, 6);
    Matrix r = tsqrR(a);
    LeverageScores s = LeverageScores.spectral(r, 1e-12);
    LeverageScores t = LeverageScores.spectral(r.scale(2), 1e-12);
    double[] range = s.ratioRange(t);
    assertEquals(0.25, range[0], 1e-14);
    assertEquals(0.25, range[1], 1e-14);
  }

  @Test
  void invalidArgumentsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> LeverageScores.fromFactor(Matrix.identity(3), -1));
    assertThrows(IllegalArgumentException.class, () -> LeverageScores.sketched(Matrix.identity(3), 1e-12, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> LeverageScores.fromFactor(Matrix.identity(3), 1e-12).score(new double[2]));
    Matrix bad = Matrix.identity(2);
    bad.set(0, 1, Double.NaN);
    assertThrows(ArithmeticException.class, () -> LeverageScores.fromFactor(bad, 1e-12));
  }
}
