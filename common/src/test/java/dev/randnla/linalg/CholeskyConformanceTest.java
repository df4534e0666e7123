package dev.randnla.linalg;

import static dev.randnla.linalg.Conformance.U;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@link Cholesky#of} must satisfy on each of its code paths (one subclass per path, EJML's
 * conformance habit): S = RᵀR with R upper triangular and diag(R) &gt; 0 when S is positive definite;
 * otherwise a result, not an exception, naming the first column whose pivot is not positive; S not
 * modified and its strict lower triangle never read.
 *
 * <p>Exact answers. For R₀ unit upper triangular with entries in {−1, 0, 1}, every quantity the
 * algorithm forms from S = R₀ᵀR₀ (pivots, solves with unit diagonals, Schur complements) is a small
 * integer, so floating point is exact in any order and R = R₀ bit for bit; scaling the columns by
 * powers of two (S = D·R₀ᵀR₀·D, R = R₀·D) keeps it exact and makes S as ill-conditioned as D², which
 * a scale-invariant factorization must not notice. Replacing R₀'s k-th diagonal by 0 (singular
 * positive semidefinite) or S's k-th pivot by −1 (indefinite) makes pivot k exactly 0 or −1.
 *
 * <p>Bound. Higham, <i>Accuracy and Stability of Numerical Algorithms</i>, 2nd ed., Thm 10.3:
 * RᵀR = S + ΔS with |ΔS| ≤ γ_{n+1}|Rᵀ||R|, so ‖RᵀR − S‖_F ≤ γ_{n+1}‖R‖²_F ≈ (n + 1)·u·trace(S); the
 * check itself is accumulated in double-double. Success is guaranteed (Thm 10.7, Demmel) when the
 * smallest eigenvalue of the unit-diagonal scaling of S exceeds n·γ_{n+1}/(1 − n·γ_{n+1}); the
 * ill-conditioned case (κ = 2⁴⁰ ≈ 1.1e12) is built to meet it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CholeskyConformanceTest {
  /** c in ‖RᵀR − S‖_F ≤ c·(n + 1)·u·trace(S) (c = 1 to first order; 2 covers the second-order terms). */
  static final double C = 2;

  /** Order of the matrices: subclasses pick one that reaches their code path. */
  abstract int n();

  /** An input with its exact answer: R (null when unknown) or the column where factoring must fail (−1 when it succeeds). */
  record SpdCase(String name, Matrix s, Matrix r, int failsAt) {
    @Override
    public String toString() {
      return name + " " + s.rows() + "x" + s.cols();
    }
  }

  /** Unit upper triangular with off-diagonal entries in {−1, 0, 1} (a fixed pattern, no two rows alike). */
  static Matrix unitUpper(int n) {
    Matrix r = Matrix.identity(n);
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < j; i++) {
        r.set(i, j, (i * 7 + j * 3 + i * j) % 3 - 1);
      }
    }
    return r;
  }

  /** Where the singular and indefinite cases fail: in the last recursive block of a large n. */
  int failingColumn() {
    return n() - 3;
  }

  private final Conformance.Once<List<SpdCase>> cases = new Conformance.Once<>(this::buildCases);

  /** Built once per test class (the inputs are never modified, which {@link #inputIsLeftUnchanged} checks). */
  List<SpdCase> cases() {
    return cases.get();
  }

  private List<SpdCase> buildCases() {
    int n = n();
    Matrix r0 = unitUpper(n);
    Matrix scale = Matrix.diagonal(ExactMatrices.graded(n));
    Matrix r0Scaled = r0.times(scale);
    int k = failingColumn();
    Matrix singular = r0.copy();
    singular.set(k, k, 0);
    Matrix signs = Matrix.identity(n);
    signs.set(k, k, -1);
    double[] d = new double[n];
    Matrix diagonalR = Matrix.zeros(n, n);
    for (int i = 0; i < n; i++) {
      d[i] = (i * 5 % n + 1) * (i * 5 % n + 1);
      diagonalR.set(i, i, i * 5 % n + 1);
    }
    return List.of(
        new SpdCase("unit upper R0", r0.transposeTimes(r0), r0, -1),
        new SpdCase("column-scaled, κ ≥ 2^80", r0Scaled.transposeTimes(r0Scaled), r0Scaled, -1),
        new SpdCase("diagonal of squares", Matrix.diagonal(d), diagonalR, -1),
        new SpdCase("ill-conditioned, κ = 2^40", ExactMatrices.withSingularValues(n, n, ExactMatrices.graded(n)), null, -1),
        new SpdCase("1x1", Matrix.fromRows(new double[][] {{9}}), Matrix.fromRows(new double[][] {{3}}), -1),
        new SpdCase("singular semidefinite", singular.transposeTimes(singular), null, k),
        new SpdCase("indefinite", r0.transposeTimes(signs).times(r0), null, k),
        new SpdCase("zero", Matrix.zeros(n, n), null, 0),
        new SpdCase("1x1 zero", Matrix.fromRows(new double[][] {{0}}), null, 0),
        new SpdCase("1x1 negative", Matrix.fromRows(new double[][] {{-1}}), null, 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void succeedsOrFailsAtTheKnownColumn(SpdCase c) {
    Cholesky chol = Cholesky.of(c.s());
    assertEquals(c.failsAt() < 0, chol.succeeded(), c.name() + ": succeeded()");
    assertEquals(c.failsAt(), chol.failedAtColumn(), c.name() + ": failedAtColumn()");
    if (c.failsAt() >= 0) {
      IllegalStateException e = assertThrows(IllegalStateException.class, chol::r);
      assertEquals("matrix is not positive definite (column " + c.failsAt() + ")", e.getMessage());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rIsUpperTriangularWithPositiveDiagonal(SpdCase c) {
    factorWhenDefinite(c).ifPresent(r -> {
      Conformance.assertUpperTriangular(r, c.name());
      for (int i = 0; i < r.rows(); i++) {
        assertTrue(r.get(i, i) > 0, c.name() + ": R[" + i + "," + i + "] = " + r.get(i, i));
      }
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rTransposeRIsS(SpdCase c) {
    factorWhenDefinite(c).ifPresent(r -> {
      double trace = 0;
      for (int i = 0; i < r.rows(); i++) {
        trace += c.s().get(i, i);
      }
      double err = Conformance.residual(r, true, r, false, c.s()).frobeniusNorm();
      double bound = C * (r.rows() + 1) * U * trace;
      assertTrue(err <= bound, c.name() + ": ‖RᵀR − S‖_F = " + err + " > " + bound);
    });
  }

  /** R of the case's matrix, or empty when it is not positive definite (that case's failure is checked above). */
  private static Optional<Matrix> factorWhenDefinite(SpdCase c) {
    Cholesky chol = Cholesky.of(c.s());
    return chol.succeeded() ? Optional.of(chol.r()) : Optional.empty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rIsTheExactFactor(SpdCase c) {
    if (c.r() != null) {
      assertEquals(c.r(), Cholesky.of(c.s()).r(), c.name() + ": exact arithmetic must give R exactly");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void inputIsLeftUnchanged(SpdCase c) {
    Conformance.assertLeavesUnchanged(c.s(), Cholesky::of, "Cholesky.of");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void strictLowerTriangleIsNotRead(SpdCase c) {
    Cholesky expected = Cholesky.of(c.s());
    Cholesky actual = Cholesky.of(Conformance.withGarbageBelowDiagonal(c.s()));
    assertEquals(expected.failedAtColumn(), actual.failedAtColumn(), c.name());
    if (expected.succeeded()) {
      assertEquals(expected.r(), actual.r(), c.name() + ": R must depend on the upper triangle only");
    }
  }

  @Test
  void emptyMatrixHasAnEmptyFactor() {
    Cholesky chol = Cholesky.of(Matrix.zeros(0, 0));
    assertTrue(chol.succeeded());
    assertEquals(-1, chol.failedAtColumn());
    assertEquals(Matrix.zeros(0, 0), chol.r());
  }

  @Test
  void nonSquareInputIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cholesky.of(Matrix.zeros(2, 3)));
    assertEquals("matrix must be square: 2x3", e.getMessage());
  }

  @Test
  void failingDoesNotThrow() {
    Matrix s = Matrix.fromRows(new double[][] {{1, 2}, {2, 1}});
    Cholesky chol = Cholesky.of(s);
    assertFalse(chol.succeeded(), "eigenvalues 3 and −1");
    assertEquals(1, chol.failedAtColumn());
  }
}
