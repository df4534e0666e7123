package dev.randnla.linalg;

import static dev.randnla.linalg.Conformance.U;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every solve with an upper-triangular R in {@link Triangular} must satisfy (one subclass per
 * solve: R·x = b, Rᵀ·x = b, X·R = B), EJML's conformance habit.
 *
 * <p>Exact answers. With R₀ unit upper triangular with entries in {−1, 0, 1} and an integer solution
 * X₀, B = op(R₀, X₀) and every partial sum of the substitution are small integers, so the solve returns
 * X₀ bit for bit in any order of operations (BLAS dtrsv/dtrsm or the recursive dgemm form). Scaling the
 * rows of R₀ by powers of two from 1 to 2⁻⁴⁰ (κ ≥ 2⁴⁰ ≈ 1.1e12) keeps every quantity within 53 bits, so
 * the answer stays exact.
 *
 * <p>Bound. Substitution in any summation order is componentwise backward stable (Higham, <i>Accuracy
 * and Stability of Numerical Algorithms</i>, 2nd ed., Thm 8.5): op(R + ΔR, X̂) = B with |ΔR| ≤ γₙ|R|,
 * so ‖op(R, X̂) − B‖_F ≤ γₙ‖op(|R|, |X̂|)‖_F whatever the conditioning of R (the residual in double-double).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TriangularSolveConformanceTest {
  /** c in γₙ ≤ c·n·u (c = 1 to first order). */
  static final double C = 2;

  /** Order of R: 64 columns take the recursive right solve through two levels above its 16-column leaves. */
  static final int N = 64;

  /** The solution X of op(R, X) = B. */
  abstract Matrix solve(Matrix r, Matrix b);

  /** op(R, X) accumulated in double-double, minus B (or plain op(R, X) when B is null: exact for the integer cases). */
  abstract Matrix residual(Matrix r, Matrix x, Matrix b);

  /** An n-row or n-column solution of the shape the solve takes, filled with small integers. */
  abstract Matrix solutionFor(int n);

  /** The message of the IllegalArgumentException for a right-hand side of the wrong length, or null when the solve takes no length to check. */
  String mismatchMessage(int entries, int n) {
    return null;
  }

  /** op(|R|, |X|), the scale of the componentwise bound. */
  Matrix absoluteProduct(Matrix r, Matrix x) {
    return residual(abs(r), abs(x), null);
  }

  record SolveCase(String name, Matrix r, Matrix b, Matrix x) {
    @Override
    public String toString() {
      return name + " n=" + r.rows();
    }
  }

  private final Conformance.Once<List<SolveCase>> cases = new Conformance.Once<>(this::buildCases);

  /** Built once per test class (the inputs are never modified, which {@link #inputIsLeftUnchanged} checks). */
  List<SolveCase> cases() {
    return cases.get();
  }

  private List<SolveCase> buildCases() {
    Matrix r0 = CholeskyConformanceTest.unitUpper(N);
    Matrix rowScaled = Matrix.diagonal(ExactMatrices.graded(N)).times(r0);
    Matrix x0 = solutionFor(N);
    Matrix ill = QrDecomposition.of(ExactMatrices.withSingularValues(N, N, ExactMatrices.graded(N))).r();
    Matrix one = Matrix.fromRows(new double[][] {{2}});
    Matrix x1 = solutionFor(1);
    return List.of(
        new SolveCase("unit upper R0", r0, residual(r0, x0, null), x0),
        new SolveCase("rows scaled by 2^0…2^-40", rowScaled, residual(rowScaled, x0, null), x0),
        new SolveCase("1x1", one, residual(one, x1, null), x1),
        // not exact: only the residual bound applies
        new SolveCase("R of an ill-conditioned A, κ = 2^40", ill, residual(ill, x0, null), null));
  }

  static Matrix abs(Matrix a) {
    Matrix out = a.copy();
    double[] d = out.data();
    for (int i = 0; i < d.length; i++) {
      d[i] = Math.abs(d[i]);
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void solutionIsTheExactOne(SolveCase c) {
    if (c.x() != null) {
      assertEquals(c.x(), solve(c.r(), c.b()), c.name() + ": exact arithmetic must give X exactly");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void residualIsWithinTheComponentwiseBound(SolveCase c) {
    Matrix x = solve(c.r(), c.b());
    double err = residual(c.r(), x, c.b()).frobeniusNorm();
    double bound = C * c.r().rows() * U * absoluteProduct(c.r(), x).frobeniusNorm();
    assertTrue(err <= bound, c.name() + ": ‖op(R, X) − B‖_F = " + err + " > " + bound);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void inputIsLeftUnchanged(SolveCase c) {
    double[] r = Conformance.snapshot(c.r());
    double[] b = Conformance.snapshot(c.b());
    solve(c.r(), c.b());
    Conformance.assertUnchanged(r, c.r(), getClass().getSimpleName() + " (R)");
    Conformance.assertUnchanged(b, c.b(), getClass().getSimpleName() + " (B)");
  }

  @Test
  void emptySystemHasAnEmptySolution() {
    Matrix b = solutionFor(0);
    Matrix x = solve(Matrix.zeros(0, 0), b);
    assertEquals(b.rows(), x.rows());
    assertEquals(b.cols(), x.cols());
  }

  @Test
  void mismatchedRightHandSideIsRejected() {
    String message = mismatchMessage(3, 2);
    if (message != null) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> solve(Matrix.identity(2), solutionFor(3)));
      assertEquals(message, e.getMessage());
    }
  }

  @Test
  void nonSquareRIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> solve(Matrix.zeros(2, 3), solutionFor(2)));
    assertEquals("R must be square: 2x3", e.getMessage());
  }
}
