package dev.randnla.sketch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.OrthonormalBasis;
import dev.randnla.linalg.QrDecomposition;
import dev.randnla.linalg.TruncatedInverse;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link LeverageScores#fromInverse} (the scores {@code regress --solver sample} uses) on the closed-form matrix (docs/algorithms.md, generate): α·I_d stacked on
 * U·diag(s) (U Hadamard columns), where identity row j has leverage α²/(α² + s_j²) and every
 * Hadamard row s_j²·U_ij²/(α² + s_j²) summed over j.
 */
class LeverageFromInverseTest {
  static final int N = 1024;
  static final int D = 6;
  static final double ALPHA = 0.7;

  static double[][] rows() {
    OrthonormalBasis u = new OrthonormalBasis(N);
    double[][] a = new double[N + D][D];
    for (int j = 0; j < D; j++) {
      a[j][j] = ALPHA;
    }
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < D; j++) {
        a[D + i][j] = u.entry(i, j + 1) * s(j);
      }
    }
    return a;
  }

  static double s(int j) {
    return Math.pow(10, -j / 2.0);
  }

  static double exactLeverage(int row) {
    if (row < D) {
      return ALPHA * ALPHA / (ALPHA * ALPHA + s(row) * s(row));
    }
    OrthonormalBasis u = new OrthonormalBasis(N);
    double t = 0;
    for (int j = 0; j < D; j++) {
      double e = u.entry(row - D, j + 1);
      t += s(j) * s(j) * e * e / (ALPHA * ALPHA + s(j) * s(j));
    }
    return t;
  }

  @Test
  void exactScoresFromTheExactR() {
    double[][] a = rows();
    TruncatedInverse r = TruncatedInverse.of(QrDecomposition.rOnly(Matrix.fromRows(a)), 1e-13);
    LeverageScores scores = LeverageScores.fromInverse(LeverageScores.Kind.EXACT, r, D, 1);
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double tau = scores.score(a[i]);
      sum += tau;
      assertEquals(exactLeverage(i), tau, 1e-12 * Math.max(1e-3, exactLeverage(i)), "row " + i);
    }
    assertEquals(D, sum, 1e-10);
    int[] idx = {0};
    assertEquals(exactLeverage(0), scores.score(idx, new double[] {ALPHA}, new double[D]), 1e-12);
  }

  /** From an OSNAP sketch with m = 40d and a JL projection of k = 200: median relative error ≤ 0.2. */
  @Test
  void approximateScoresFromASketch() {
    double[][] a = rows();
    for (long seed = 1; seed <= 3; seed++) {
      OsnapSketch sk = new OsnapSketch(40 * D, D, 4, seed);
      for (int i = 0; i < a.length; i++) {
        sk.update(i, a[i]);
      }
      TruncatedInverse r = TruncatedInverse.of(QrDecomposition.rOnly(sk.result()), 1e-13);
      LeverageScores scores = LeverageScores.fromInverse(LeverageScores.Kind.SKETCHED, r, 200, seed);
      double[] rel = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        rel[i] = Math.abs(scores.score(a[i]) - exactLeverage(i)) / exactLeverage(i);
      }
      Arrays.sort(rel);
      assertTrue(rel[rel.length / 2] <= 0.2, "seed " + seed + ": median relative error " + rel[rel.length / 2]);
      assertEquals(D, LeverageScores.fromInverse(LeverageScores.Kind.SKETCHED, r, D, seed).width());
      assertEquals(3, LeverageScores.fromInverse(LeverageScores.Kind.SKETCHED, r, 3, seed).width());
    }
  }
}
