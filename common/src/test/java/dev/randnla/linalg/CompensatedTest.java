package dev.randnla.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/** Double-double sums, products and residuals against exact BigDecimal arithmetic. */
class CompensatedTest {
  @Test
  void sumKeepsWhatDoubleLoses() {
    Compensated.Sum s = new Compensated.Sum();
    s.add(1e16);
    s.add(1.0);
    s.add(-1e16);
    assertEquals(1.0, s.value(), 0);
    Compensated.Sum p = new Compensated.Sum();
    double a = 1 + 0x1p-30;
    p.addProduct(a, a);
    p.add(-1);
    p.add(-0x1p-29);
    assertEquals(0x1p-60, p.value(), 0);
  }

  /** A residual b − a·x with massive cancellation is exact to about u² of the terms. */
  @Test
  void residualIsAccurateToUSquared() {
    double[] a = new double[200];
    double[] x = new double[200];
    BigDecimal dot = BigDecimal.ZERO;
    double scale = 0;
    for (int i = 0; i < a.length; i++) {
      a[i] = Math.sin(i * 1.7) * Math.pow(10, (i % 7) - 3);
      x[i] = Math.cos(i * 0.3) * Math.pow(10, 3 - (i % 5));
      dot = dot.add(new BigDecimal(a[i]).multiply(new BigDecimal(x[i])));
      scale += Math.abs(a[i] * x[i]);
    }
    double b = dot.doubleValue();
    BigDecimal exact = new BigDecimal(b).subtract(dot);
    double[] out = new double[2];
    Compensated.residual(null, a, x, 0.0, b, out);
    BigDecimal got = new BigDecimal(out[0]).add(new BigDecimal(out[1]));
    assertTrue(got.subtract(exact).abs().compareTo(new BigDecimal(1e-30 * scale)) <= 0,
        "error " + got.subtract(exact) + " vs scale " + scale);
    int[] idx = {3, 10, 50};
    double[] v = {a[3], a[10], a[50]};
    Compensated.residual(idx, v, x, 2.5, 1.0, out);
    BigDecimal sparse = BigDecimal.ONE.subtract(new BigDecimal(2.5)).subtract(new BigDecimal(a[3]).multiply(new BigDecimal(x[3])))
        .subtract(new BigDecimal(a[10]).multiply(new BigDecimal(x[10]))).subtract(new BigDecimal(a[50]).multiply(new BigDecimal(x[50])));
    assertEquals(sparse.doubleValue(), out[0] + out[1], 1e-30);
  }

  @Test
  void vectorOperationsAndDivision() {
    Compensated.Vector v = Compensated.Vector.of(new double[] {1e16, 3});
    v.addScaled(0, 1.0, 1.0, 0.0);
    v.add(0, -1e16, 0);
    v.normalize();
    assertEquals(1.0, v.values()[0], 0);
    Compensated.Vector w = Compensated.Vector.of(new double[] {2, 0.5});
    assertEquals(3.5, v.dot(w), 0);
    v.axpy(-2, w);
    assertEquals(-3.0, v.values()[0], 0);
    assertEquals(2.0, v.values()[1], 0);
    w.scaleAdd(0.5, Compensated.Vector.of(new double[] {1, 1}));
    assertEquals(2.0, w.values()[0], 0);
    assertEquals(1.25, w.values()[1], 0);
    double[] q = new double[2];
    Compensated.divide(1, 0, 3, q);
    BigDecimal third = BigDecimal.ONE.divide(new BigDecimal(3), MathContext.DECIMAL128);
    assertTrue(new BigDecimal(q[0]).add(new BigDecimal(q[1])).subtract(third).abs()
        .compareTo(new BigDecimal("1e-32")) <= 0, "1/3 as a double-double: " + q[0] + " + " + q[1]);
  }
}
