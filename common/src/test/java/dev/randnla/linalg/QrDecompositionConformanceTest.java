package dev.randnla.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.linalg.Conformance.Case;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link QrDecomposition#of} (LAPACK dgeqrf + dorgqr) against the R-factor conformance, and its Q,
 * which the class documents orthonormal to ≈ n·u with QR = A + E, ‖E‖ ≤ c·n·u·‖A‖ (the tests use
 * p = max(m, n) for n, as the R-factor conformance explains): ‖QᵀQ − I‖_F ≤ 2c·p·u and
 * ‖QR − A‖_F ≤ c·p·u·‖A‖_F (both checks accumulated in double-double), and for A = Q₀·D,
 * Q = Q₀·sign(D) to within (3 + √n)·c·p·u per column (‖qⱼ − q₀ⱼ‖ ≤ ‖fⱼ‖ + ‖ΔR·eⱼ‖ ≤ (2 + √n)·c·p·u with
 * the R-factor bound's F and ΔR, plus c·p·u for forming Q). Wide input is rejected.
 */
class QrDecompositionConformanceTest extends RFactorConformanceTest {
  @Override
  Matrix rFactor(Matrix a) {
    return QrDecomposition.of(a).r();
  }

  @Override
  String wideRejection(int m, int n) {
    return "QR needs rows >= cols, got " + m + "x" + n;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void qIsOrthonormal(Case c) {
    Matrix q = QrDecomposition.of(c.a()).q();
    assertEquals(c.a().rows(), q.rows(), "rows of Q");
    assertEquals(c.a().cols(), q.cols(), "cols of Q");
    double err = Conformance.orthonormalityError(q);
    double bound = 2 * backwardError(c.a());
    assertTrue(err <= bound, c.name() + ": ‖QᵀQ − I‖_F = " + err + " > " + bound);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void qTimesRIsA(Case c) {
    QrDecomposition qr = QrDecomposition.of(c.a());
    double err = Conformance.residual(qr.q(), false, qr.r(), false, c.a()).frobeniusNorm();
    double bound = backwardError(c.a()) * c.a().frobeniusNorm();
    assertTrue(err <= bound, c.name() + ": ‖QR − A‖_F = " + err + " > " + bound);
  }

  /** A = Q₀·D: Q = Q₀·sign(D) column by column (Q₀ = A·D⁻¹ exactly, since every entry of A is q·d rounded exactly). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("exactR")
  void qIsTheKnownOrthonormalFactor(Case c) {
    Matrix q = QrDecomposition.of(c.a()).q();
    double[] d = c.known();
    double tol = (3 + Math.sqrt(d.length)) * backwardError(c.a());
    for (int j = 0; j < d.length; j++) {
      double[] expected = Vectors.scale(1 / Math.abs(d[j]), c.a().column(j));
      double err = Vectors.norm2(Vectors.minus(q.column(j), expected));
      assertTrue(err <= tol, c.name() + ": ‖qⱼ − sign(dⱼ)·q₀ⱼ‖ = " + err + " > " + tol + " at j = " + j);
    }
  }

  @Test
  void noColumnsGiveAnEmptyQ() {
    for (int m : new int[] {0, 1, 5}) {
      Matrix q = QrDecomposition.of(Matrix.zeros(m, 0)).q();
      assertEquals(m, q.rows(), "rows of Q for " + m + "x0");
      assertEquals(0, q.cols(), "cols of Q for " + m + "x0");
    }
  }
}
