package dev.randnla.jobs.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A quadrature measure must not depend on the last bits of its nodes: the nodes of several probes
 * at one eigenvalue are equal only to rounding, and which comes first in sorted order depends on the
 * summation order (the partitioning of the input).
 */
class SpectralMeasureTest {
  @Test
  void nodesEqualToRoundingAreOneNode() {
    // three probes with a node at the eigenvalue 1 (weights 0.5, 2, 4.5) and one at 3
    double[] w = {0.5, 2.0, 4.5, 1.0, 0.5, 0.5};
    double[] a = {1.0, Math.nextUp(1.0), Math.nextDown(1.0), 3.0, 3.0, Math.nextUp(3.0)};
    double[] b = {Math.nextDown(1.0), 1.0, Math.nextUp(1.0), Math.nextUp(3.0), 3.0, 3.0};
    SpectralMeasure x = SpectralMeasure.quadrature(a, w);
    SpectralMeasure y = SpectralMeasure.quadrature(b, w);
    assertEquals(2, x.size(), "one node per eigenvalue");
    assertEquals(7.0, x.weights()[0], 0.0);
    assertEquals(1.0, x.values()[0], 1e-15);
    java.util.function.DoubleUnaryOperator uniform = t -> Math.min(1, Math.max(0, t / 4));
    assertEquals(x.ksDistance(uniform, 0, true), y.ksDistance(uniform, 0, true), 1e-15);
    for (double q : new double[] {0.1, 0.5, 0.8, 0.95}) {
      assertEquals(x.quantile(q), y.quantile(q), 1e-15, "quantile " + q);
    }
  }
}
