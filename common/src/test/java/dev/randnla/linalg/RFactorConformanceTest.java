package dev.randnla.linalg;

import static dev.randnla.linalg.Conformance.U;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.linalg.Conformance.Case;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every computation of the R factor of a QR factorization must satisfy, whichever kernel runs
 * it (EJML's habit: one abstract conformance test per decomposition, one subclass per
 * implementation or code path). For an m×n A, R is n×n, upper triangular with diag(R) ≥ 0 (the
 * sign convention {@link QrDecomposition} and {@link TsqrKernel#normalizeSigns} document, which
 * makes R unique for full-rank A), the exact R of a nearby matrix, and A is not modified.
 *
 * <p>Bounds. Both kernels document backward stability, R = the exact R factor of A + E with
 * ‖E‖ ≤ c·n·u·‖A‖; Householder QR satisfies it column by column in any order of reflectors, with the
 * reflectors' length m entering too (Higham, <i>Accuracy and Stability of Numerical Algorithms</i>,
 * 2nd ed., Thm 19.4), so the tests take ‖eⱼ‖ ≤ c·p·u·‖aⱼ‖ with p = max(m, n), the same as c·n·u up to
 * the constant for the shapes here (m ≤ 4n). Hence ‖RᵀR − AᵀA‖_F ≤ 2c·p·u·‖A‖²_F, plus (m + n)·u·‖A‖²_F
 * for rounding AᵀA and RᵀR in the check itself (γₘ‖A‖²_F + γₙ‖R‖²_F). For A = Q₀·D with orthonormal
 * Q₀ and diagonal D, write A + E = (Q₀ + F)·D with ‖fⱼ‖ ≤ c·p·u: to first order the R factor of
 * Q₀ + F is I + ΔR with ΔR + ΔRᵀ = Q₀ᵀF + FᵀQ₀, so |ΔRᵢⱼ| ≤ ‖fᵢ‖ + ‖fⱼ‖ and R = (I + ΔR)·|D| is within
 * 2c·p·u·|dⱼ| of |D| in column j however ill-conditioned D is. The tests take c = {@link #C}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RFactorConformanceTest {
  /** c in the documented backward error ‖E‖ ≤ c·n·u·‖A‖ of the R factor (taken column by column). */
  static final double C = 4;

  /** The n×n R factor of the m×n {@code a} with diag(R) ≥ 0. */
  abstract Matrix rFactor(Matrix a);

  /** Columns of the square and tall cases (a power of 4): subclasses pick the sizes that reach their code paths. */
  int n() {
    return 16;
  }

  /** The message of the IllegalArgumentException thrown for m &lt; n, or null when wide input is accepted. */
  String wideRejection(int m, int n) {
    return null;
  }

  /** c·p·u with p = max(m, n, 1): the relative backward error of a column. */
  static double backwardError(Matrix a) {
    return C * Math.max(1, Math.max(a.rows(), a.cols())) * U;
  }

  private final Conformance.Once<List<Case>> shapes = new Conformance.Once<>(this::buildShapes);
  private final Conformance.Once<List<Case>> exactR = new Conformance.Once<>(this::buildExactR);

  /** Built once per test class (the inputs are never modified, which {@link #inputIsLeftUnchanged} checks). */
  List<Case> shapes() {
    return shapes.get();
  }

  /** A = Q₀·D or a diagonal D (rectangular when tall), with known |D|; signs alternate so R must flip them. */
  List<Case> exactR() {
    return exactR.get();
  }

  private List<Case> buildShapes() {
    int n = n();
    List<Case> cases = new ArrayList<>(List.of(
        new Case("tall", ExactMatrices.withSingularValues(4 * n, n, ExactMatrices.integers(n))),
        new Case("square", ExactMatrices.withSingularValues(n, n, ExactMatrices.integers(n))),
        new Case("one column", ExactMatrices.withSingularValues(4 * n, 1, new double[] {3})),
        new Case("1x1", Matrix.fromRows(new double[][] {{-3}})),
        new Case("tall rank-deficient", ExactMatrices.withSingularValues(4 * n, n, ExactMatrices.rankDeficient(n))),
        new Case("square rank-deficient", ExactMatrices.withSingularValues(n, n, ExactMatrices.rankDeficient(n))),
        new Case("zero", Matrix.zeros(4 * n, n)),
        new Case("tall ill-conditioned", ExactMatrices.withSingularValues(4 * n, n, ExactMatrices.graded(n))),
        new Case("square ill-conditioned", ExactMatrices.withSingularValues(n, n, ExactMatrices.graded(n)))));
    if (wideRejection(n / 4, n) == null) {
      cases.add(new Case("wide", ExactMatrices.withSingularValues(n / 4, n, ExactMatrices.integers(n / 4))));
      cases.add(new Case("one row", ExactMatrices.withSingularValues(1, n, new double[] {-2})));
    }
    return cases;
  }

  private List<Case> buildExactR() {
    int n = n();
    double[] integers = alternateSigns(ExactMatrices.integers(n));
    double[] graded = alternateSigns(ExactMatrices.graded(n));
    return List.of(
        new Case("tall Q0*D", ExactMatrices.orthonormalTimesDiagonal(4 * n, integers), integers),
        new Case("square Q0*D", ExactMatrices.orthonormalTimesDiagonal(n, integers), integers),
        new Case("tall Q0*D ill-conditioned", ExactMatrices.orthonormalTimesDiagonal(4 * n, graded), graded),
        new Case("square Q0*D ill-conditioned", ExactMatrices.orthonormalTimesDiagonal(n, graded), graded),
        new Case("tall diagonal", ExactMatrices.rectangularDiagonal(4 * n, n, integers), integers),
        new Case("square diagonal ill-conditioned", Matrix.diagonal(graded), graded),
        new Case("1x1", Matrix.fromRows(new double[][] {{-3}}), new double[] {-3}));
  }

  static double[] alternateSigns(double[] d) {
    double[] s = d.clone();
    for (int i = 1; i < s.length; i += 2) {
      s[i] = -s[i];
    }
    return s;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void rIsUpperTriangularWithNonNegativeDiagonal(Case c) {
    Matrix r = rFactor(c.a());
    assertEquals(c.a().cols(), r.rows(), "rows of R");
    assertEquals(c.a().cols(), r.cols(), "cols of R");
    Conformance.assertUpperTriangular(r, c.name());
    for (int i = 0; i < r.rows(); i++) {
      assertTrue(r.get(i, i) >= 0, c.name() + ": R[" + i + "," + i + "] = " + r.get(i, i));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void rTransposeRIsTheGramOfA(Case c) {
    Matrix a = c.a();
    Matrix r = rFactor(a);
    double err = Conformance.distance(r.transposeTimes(r), a.transposeTimes(a));
    double bound = (2 * backwardError(a) + (a.rows() + a.cols()) * U) * Math.pow(a.frobeniusNorm(), 2);
    assertTrue(err <= bound, c.name() + ": ‖RᵀR − AᵀA‖_F = " + err + " > " + bound);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void inputIsLeftUnchanged(Case c) {
    Conformance.assertLeavesUnchanged(c.a(), this::rFactor, getClass().getSimpleName());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exactR")
  void rIsTheKnownDiagonal(Case c) {
    Matrix r = rFactor(c.a());
    double[] d = c.known();
    double tol = 2 * backwardError(c.a());
    for (int j = 0; j < d.length; j++) {
      for (int i = 0; i <= j; i++) {
        double expected = i == j ? Math.abs(d[j]) : 0;
        assertEquals(expected, r.get(i, j), tol * Math.abs(d[j]), c.name() + ": R[" + i + "," + j + "]");
      }
    }
  }

  @Test
  void noColumnsGiveAnEmptyR() {
    for (int m : new int[] {0, 1, 5}) {
      Matrix r = rFactor(Matrix.zeros(m, 0));
      assertEquals(0, r.rows(), "rows of R for " + m + "x0");
      assertEquals(0, r.cols(), "cols of R for " + m + "x0");
    }
  }

  @Test
  void noRowsGiveAZeroROrTheDocumentedRejection() {
    int n = 3;
    String rejection = wideRejection(0, n);
    if (rejection != null) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rFactor(Matrix.zeros(0, n)));
      assertEquals(rejection, e.getMessage());
      return;
    }
    assertEquals(Matrix.zeros(n, n), rFactor(Matrix.zeros(0, n)));
  }

  @Test
  void wideInputIsFactoredOrRejectedAsDocumented() {
    int n = n();
    Matrix a = ExactMatrices.withSingularValues(n / 4, n, ExactMatrices.integers(n / 4));
    String rejection = wideRejection(n / 4, n);
    if (rejection == null) {
      // a wide A of rank m has an R whose rows below m vanish (to rounding): R is [R₁ R₂; 0 0]
      Matrix r = rFactor(a);
      for (int i = n / 4; i < n; i++) {
        for (int j = i; j < n; j++) {
          assertEquals(0.0, r.get(i, j), backwardError(a) * a.frobeniusNorm(), "R[" + i + "," + j + "] of a wide A");
        }
      }
      return;
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rFactor(a));
    assertEquals(rejection, e.getMessage());
  }
}
