package dev.randnla.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarchenkoPasturTest {

  /** ∫ density over [lower, x] by the substitution x = c − h cos θ and a fine composite Simpson rule. */
  static double numericCdf(MarchenkoPastur mp, double x) {
    double a = mp.lowerEdge();
    double b = mp.upperEdge();
    double c = 0.5 * (a + b);
    double h = 0.5 * (b - a);
    double end = Math.acos(Math.max(-1, Math.min(1, (c - x) / h)));
    int m = 200_000;
    double step = end / m;
    double s = 0;
    for (int i = 0; i <= m; i++) {
      double t = i * step;
      double xt = c - h * Math.cos(t);
      double f = xt <= 0 ? (h * h) * (1 + Math.cos(t)) / h : h * h * Math.sin(t) * Math.sin(t) / xt;
      s += (i == 0 || i == m ? 1 : (i % 2 == 1 ? 4 : 2)) * f;
    }
    return s * step / 3 / (2 * Math.PI * mp.sigma2() * mp.gamma()) + mp.atomAtZero();
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.05, 0.25, 0.5, 0.9, 1.0, 1.7, 4.0})
  void closedFormCdfMatchesTheIntegralOfTheDensity(double gamma) {
    MarchenkoPastur mp = new MarchenkoPastur(gamma, 1.7);
    assertEquals(1.0, mp.cdf(mp.upperEdge()), 1e-14, "total mass, gamma=" + gamma);
    assertEquals(1.0, mp.cdf(mp.upperEdge() * 2), 0.0);
    assertEquals(0.0, mp.cdf(-1e-9), 0.0);
    assertEquals(mp.atomAtZero(), mp.cdf(0.0), 0.0);
    for (double q : new double[] {0.1, 0.3, 0.5, 0.8, 0.97}) {
      double x = mp.lowerEdge() + q * (mp.upperEdge() - mp.lowerEdge());
      assertEquals(numericCdf(mp, x), mp.cdf(x), 1e-9, "gamma=" + gamma + " x=" + x);
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.1, 0.5, 1.0, 3.0})
  void medianHalvesTheContinuousMass(double gamma) {
    MarchenkoPastur mp = new MarchenkoPastur(gamma, 2.0);
    double med = mp.continuousMedian();
    assertEquals(mp.continuousMass() / 2, mp.continuousCdf(med), 1e-12);
    assertEquals(2.0 * MarchenkoPastur.unitMedian(gamma), med, 1e-12 * med);
  }

  @Test
  void edgesAndAtom() {
    MarchenkoPastur mp = new MarchenkoPastur(0.25, 2.0);
    assertEquals(2.0 * 0.25, mp.lowerEdge(), 1e-15);
    assertEquals(2.0 * 2.25, mp.upperEdge(), 1e-15);
    assertEquals(0.0, mp.atomAtZero());
    MarchenkoPastur wide = new MarchenkoPastur(4.0, 1.0);
    assertEquals(0.75, wide.atomAtZero(), 0.0);
    assertEquals(1.0, wide.lowerEdge(), 1e-15);
    assertEquals(9.0, wide.upperEdge(), 1e-15);
    assertEquals(0.0, new MarchenkoPastur(1.0, 1.0).lowerEdge());
    assertThrows(IllegalArgumentException.class, () -> new MarchenkoPastur(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new MarchenkoPastur(1, Double.NaN));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.1, 0.5, 2.0})
  void bbpMapAndItsInverse(double gamma) {
    MarchenkoPastur mp = new MarchenkoPastur(gamma, 1.3);
    double threshold = MarchenkoPastur.bbpThreshold(gamma);
    assertEquals(mp.upperEdge(), mp.spikeLocation(threshold), 0.0, "below or at the threshold: the edge");
    assertEquals(mp.upperEdge(), mp.spikeLocation(threshold * (1 + 1e-9)), 1e-6 * mp.upperEdge(), "continuous at the threshold");
    for (double ell : new double[] {threshold * 1.01, threshold + 0.5, 5, 40}) {
      double lambda = mp.spikeLocation(ell);
      assertTrue(lambda > mp.upperEdge());
      assertEquals(1.3 * ell * (1 + gamma / (ell - 1)), lambda, 1e-12 * lambda);
      assertEquals(ell, mp.populationSpike(lambda), 1e-9 * ell, "gamma=" + gamma + " ell=" + ell);
    }
    assertTrue(Double.isNaN(mp.populationSpike(mp.upperEdge() * 0.99)));
  }

  @Test
  void tracyWidomThresholdSitsJustAboveTheEdge() {
    MarchenkoPastur mp = new MarchenkoPastur(0.25, 1.0);
    double t = mp.spikeThreshold(4000, 1000);
    assertTrue(t > mp.upperEdge() && t < mp.upperEdge() * 1.05, "threshold " + t);
    assertEquals(t - mp.upperEdge(), 0.0, 3 * mp.edgeFluctuation(4000, 1000));
  }
}
