package dev.randnla.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import org.junit.jupiter.api.Test;

class PowerLawFitTest {

  /** n draws of a Pareto law with density ∝ x^(−alpha) on [xmin, ∞), by inversion. */
  static double[] pareto(int n, double alpha, double xmin, long seed) {
    RandomStream rs = RandomStream.of(seed, Purpose.DRIVER_GAUSSIAN, 0);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = xmin * Math.pow(1 - rs.nextDouble(), -1 / (alpha - 1));
    }
    return x;
  }

  /**
   * A quadrature measure repeats each eigenvalue once per probe, equal only to rounding: the fit must
   * not depend on those last bits (it did: partial merges made other x_min candidates, and the
   * spectrum job's α changed with the partitioning).
   */
  @Test
  void valuesEqualToRoundingAreOnePoint() {
    double[] eigen = {1.0, 0.52, 0.27, 0.14, 0.072, 0.037, 0.019, 0.01, 0.0052};
    int probes = 16;
    double[] exact = new double[eigen.length * probes];
    double[] rounded = new double[exact.length];
    double[] w = new double[exact.length];
    RandomStream rs = RandomStream.of(3, Purpose.DRIVER_GAUSSIAN, 0);
    for (int p = 0; p < probes; p++) {
      for (int i = 0; i < eigen.length; i++) {
        int j = p * eigen.length + i;
        exact[j] = eigen[i];
        // a few ulps either way, and at most 1e-15 of the largest value, as Ritz values of several probes
        rounded[j] = eigen[i] + (rs.nextDouble() - 0.5) * Math.min(8 * Math.ulp(eigen[i]), 1e-15);
        w[j] = (i + 1.0) / probes;
      }
    }
    PowerLawFit.Result a = PowerLawFit.fit(exact, w);
    PowerLawFit.Result b = PowerLawFit.fit(rounded, w);
    assertTrue(a.ok(), a.toString());
    assertEquals(a.xmin(), b.xmin(), 1e-14, "x_min: " + a + " vs " + b);
    assertEquals(a.tail(), b.tail(), 1e-12, "tail weight: " + a + " vs " + b);
    assertEquals(a.alpha(), b.alpha(), 1e-9 * a.alpha(), "alpha: " + a + " vs " + b);
    assertEquals(a.ks(), b.ks(), 1e-9, "KS: " + a + " vs " + b);
  }

  @Test
  void recoversTheExponentOfAParetoSampleWithinItsStandardError() {
    for (long seed = 1; seed <= 5; seed++) {
      double[] x = pareto(3000, 2.5, 1.0, seed);
      PowerLawFit.Result r = PowerLawFit.fit(x);
      assertTrue(r.ok());
      // the MLE is asymptotically normal with sd (alpha - 1)/sqrt(tail); the x_min search adds a little
      assertEquals(2.5, r.alpha(), 4 * r.standardError(), "seed " + seed + ": " + r);
      assertTrue(r.ks() < 0.05, "seed " + seed + ": " + r);
    }
  }

  @Test
  void findsWhereTheTailStartsAboveAUniformBulk() {
    for (long seed = 1; seed <= 3; seed++) {
      double[] tail = pareto(1500, 3.0, 2.0, seed);
      RandomStream rs = RandomStream.of(seed, Purpose.DRIVER_GAUSSIAN, 1);
      double[] x = new double[4500];
      System.arraycopy(tail, 0, x, 0, tail.length);
      for (int i = tail.length; i < x.length; i++) {
        x[i] = 2.0 * rs.nextDouble();
      }
      PowerLawFit.Result r = PowerLawFit.fit(x);
      assertTrue(r.xmin() > 1.6 && r.xmin() < 2.6, "seed " + seed + ": " + r);
      assertEquals(3.0, r.alpha(), 4 * r.standardError() + 0.1, "seed " + seed + ": " + r);
    }
  }

  @Test
  void weightsCountAsRepeatedPoints() {
    double[] x = pareto(400, 2.2, 1.0, 9);
    double[] twice = new double[800];
    double[] w = new double[400];
    for (int i = 0; i < 400; i++) {
      twice[2 * i] = x[i];
      twice[2 * i + 1] = x[i];
      w[i] = 2.0;
    }
    PowerLawFit.Result a = PowerLawFit.fit(twice);
    PowerLawFit.Result b = PowerLawFit.fit(x, w);
    assertEquals(a.alpha(), b.alpha(), 1e-12 * a.alpha());
    assertEquals(a.xmin(), b.xmin(), 0.0);
    assertEquals(a.tail(), b.tail(), 1e-9);
  }

  @Test
  void tooFewPositivePointsGiveNoFit() {
    assertFalse(PowerLawFit.fit(new double[] {0, 0, -1, 3, 4, 5}).ok());
    assertFalse(PowerLawFit.fit(new double[0]).ok());
    assertFalse(PowerLawFit.fit(new double[] {2, 2, 2, 2, 2, 2, 2}).ok(), "all equal: no tail to fit");
  }
}
