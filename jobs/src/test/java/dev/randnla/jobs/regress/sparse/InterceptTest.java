package dev.randnla.jobs.regress.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.QrDecomposition;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Intercept#profile} against the direct computation on the rows: for any w, the centred factor's residual
 * is min over c of ‖X·w + c·1 − y‖² (weighted: Σ wᵢ(xᵢw + c − yᵢ)²), reached at c(w) = ȳ − x̄ᵀw with (weighted)
 * means; the profile keeps the row count; a factor without rows gives c = 0.
 */
class InterceptTest {
  @Test
  void centredFactorIsTheResidualAtTheBestIntercept() {
    for (boolean weighted : new boolean[] {false, true}) {
      int n = 300;
      int d = 6;
      Random rnd = new Random(weighted ? 3 : 2);
      double[][] x = new double[n][d];
      double[] y = new double[n];
      double[] wt = new double[n];
      double[] rows = new double[n * (d + 2)];
      for (int i = 0; i < n; i++) {
        wt[i] = weighted ? 0.1 + 3 * rnd.nextDouble() : 1;
        double s = Math.sqrt(wt[i]);
        for (int j = 0; j < d; j++) {
          // column means far from 0 (5 + 10 j) against unit spread: centring matters
          x[i][j] = 5 + 10 * j + rnd.nextGaussian();
          rows[i + j * n] = s * x[i][j];
        }
        y[i] = 40 + x[i][1] - 2 * x[i][4] + 0.3 * rnd.nextGaussian();
        rows[i + d * n] = s;
        rows[i + (d + 1) * n] = s * y[i];
      }
      Factor withOnes = new Factor(QrDecomposition.rOnly(new Matrix(n, d + 2, rows)), weighted ? sum(wt) : n);
      Intercept p = Intercept.profile(withOnes);
      assertEquals(d + 1, p.centred().r().cols());
      assertEquals(withOnes.rows(), p.centred().rows());
      for (int trial = 0; trial < 5; trial++) {
        double[] w = new double[d];
        for (int j = 0; j < d; j++) {
          w[j] = trial == 0 ? 0 : rnd.nextGaussian();
        }
        // the best c in closed form from the (weighted) means, and the residual there, summed directly
        double sw = 0;
        double mean = 0;
        for (int i = 0; i < n; i++) {
          mean += wt[i] * (y[i] - dot(x[i], w));
          sw += wt[i];
        }
        double c = mean / sw;
        double direct = 0;
        for (int i = 0; i < n; i++) {
          double e = dot(x[i], w) + c - y[i];
          direct += wt[i] * e * e;
        }
        assertEquals(c, p.of(w), 1e-11 * (1 + Math.abs(c)), "c(w), trial " + trial + ", weighted " + weighted);
        assertEquals(direct, p.centred().squares(w), 1e-10 * direct, "profiled residual, trial " + trial);
        // the un-centred factor at [w; c(w)] is the same residual: what a held-out fold is scored with
        assertEquals(direct, withOnes.squares(p.append(w)), 1e-10 * direct, "[w; c(w)] on the factor of [X 1 y]");
        // and any other c is worse
        double[] off = p.append(w);
        off[d] += 0.01;
        assertEquals(direct + 0.01 * 0.01 * sw, withOnes.squares(off), 1e-9 * direct);
      }
    }
  }

  /** A factor that carries its Gram (sparse rows) gives the centred Gram: equal to R_cᵀR_c of the centred factor. */
  @Test
  void centredGramMatchesTheCentredFactor() {
    int n = 200;
    int d = 5;
    Random rnd = new Random(4);
    double[] z = new double[n * (d + 2)];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        z[i + j * n] = 3 * j + rnd.nextGaussian();
      }
      z[i + d * n] = 1;
      z[i + (d + 1) * n] = 2 + z[i] - z[i + 3 * n] + 0.1 * rnd.nextGaussian();
    }
    Matrix a = new Matrix(n, d + 2, z);
    Matrix gram = a.transposeTimes(a);
    Intercept withGram = Intercept.profile(new Factor(QrDecomposition.rOnly(a), n, gram));
    Intercept without = Intercept.profile(new Factor(QrDecomposition.rOnly(a), n));
    Matrix g1 = withGram.centred().gram();
    Matrix g2 = without.centred().gram();
    assertEquals(0, g1.minus(g2).maxAbs(), 1e-12 * gram.maxAbs());
    double[] q1 = withGram.centred().xty();
    double[] q2 = without.centred().xty();
    for (int j = 0; j < d; j++) {
      assertEquals(q2[j], q1[j], 1e-12 * gram.maxAbs());
    }
  }

  @Test
  void factorWithoutRowsHasInterceptZero() {
    Intercept p = Intercept.profile(new Factor(Matrix.zeros(5, 5), 0));
    assertEquals(0.0, p.of(new double[] {1, 2, 3}));
    assertEquals(0.0, p.centred().squares(new double[] {1, 2, 3}));
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }
}
