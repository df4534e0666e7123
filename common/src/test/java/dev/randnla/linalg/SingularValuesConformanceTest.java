package dev.randnla.linalg;

import static dev.randnla.linalg.Conformance.U;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.linalg.Conformance.Case;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every way of computing singular values must satisfy (one subclass per entry point, EJML's
 * conformance habit): min(m, n) values, largest first, non-negative, equal to the known ones; A not
 * modified; every shape (empty, 1×1, tall through QR, square, wide through the transpose).
 *
 * <p>Inputs are exact products U·diag(s)·Vᵀ of Hadamard matrices ({@link ExactMatrices}), so the
 * singular values are exactly |s| sorted, and rectangular diagonals with scrambled signed entries.
 *
 * <p>Bound. The computed values are those of A + E with ‖E‖₂ ≤ c·p·u·‖A‖₂, p = max(m, n): the
 * Householder QR that reduces a tall A (reflectors of length m) and LAPACK dgesdd on the square
 * result are both backward stable with this form, and the transpose of a wide A is exact. So
 * |σ̂ᵢ − σᵢ| ≤ c·p·u·σ₁ (Weyl); the class's "≈ u·σ₁" is this without the dimension. The tests take
 * c = {@link #C}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SingularValuesConformanceTest {
  /**
   * c in the bounds: the QR of a tall A, the reduction to bidiagonal form, the bidiagonal SVD and the
   * two back-transformations each contribute a Householder-sized c·p·u, hence a larger c than for QR alone.
   */
  static final double C = 8;

  /** Columns of the square case; tall is 4N×N and wide N×4N. */
  static final int N = 16;

  /** The singular values under test of {@code a}, largest first. */
  abstract double[] singularValues(Matrix a);

  /** c·p·u with p = max(m, n, 1): the relative backward error of the decomposition. */
  static double backwardError(Matrix a) {
    return C * Math.max(1, Math.max(a.rows(), a.cols())) * U;
  }

  private final Conformance.Once<List<Case>> cases = new Conformance.Once<>(SingularValuesConformanceTest::buildCases);

  /** Built once per test class (the inputs are never modified, which {@link #inputIsLeftUnchanged} checks). */
  List<Case> cases() {
    return cases.get();
  }

  private static List<Case> buildCases() {
    double[] integers = ExactMatrices.integers(N);
    double[] scrambled = new double[N];
    for (int i = 0; i < N; i++) {
      scrambled[i] = (i % 2 == 0 ? 1 : -1) * integers[i * 5 % N];
    }
    return List.of(
        new Case("tall", ExactMatrices.withSingularValues(4 * N, N, integers), integers),
        new Case("square", ExactMatrices.withSingularValues(N, N, integers), integers),
        new Case("wide", ExactMatrices.withSingularValues(N, 4 * N, integers), integers),
        new Case("1x1", Matrix.fromRows(new double[][] {{-3}}), new double[] {3}),
        new Case("one row", ExactMatrices.withSingularValues(1, N, new double[] {-2}), new double[] {2}),
        new Case("one column", ExactMatrices.withSingularValues(4 * N, 1, new double[] {5}), new double[] {5}),
        new Case("tall rank-deficient", ExactMatrices.withSingularValues(4 * N, N, ExactMatrices.rankDeficient(N)),
            ExactMatrices.rankDeficient(N)),
        new Case("wide rank-deficient", ExactMatrices.withSingularValues(N, 4 * N, ExactMatrices.rankDeficient(N)),
            ExactMatrices.rankDeficient(N)),
        new Case("zero", Matrix.zeros(4 * N, N), new double[N]),
        new Case("tall ill-conditioned, κ = 2^40", ExactMatrices.withSingularValues(4 * N, N, ExactMatrices.graded(N)),
            ExactMatrices.graded(N)),
        new Case("square ill-conditioned, κ = 2^40", ExactMatrices.withSingularValues(N, N, ExactMatrices.graded(N)),
            ExactMatrices.graded(N)),
        new Case("wide ill-conditioned, κ = 2^40", ExactMatrices.withSingularValues(N, 4 * N, ExactMatrices.graded(N)),
            ExactMatrices.graded(N)),
        new Case("tall diagonal, signed and scrambled", ExactMatrices.rectangularDiagonal(4 * N, N, scrambled), integers),
        new Case("wide diagonal, signed and scrambled", ExactMatrices.rectangularDiagonal(N, 4 * N, scrambled), integers));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void singularValuesAreTheKnownOnesLargestFirst(Case c) {
    double[] sigma = singularValues(c.a());
    assertEquals(Math.min(c.a().rows(), c.a().cols()), sigma.length, c.name() + ": number of singular values");
    Conformance.assertDescending(sigma, c.name());
    double tol = backwardError(c.a()) * c.known()[0];
    for (int i = 0; i < sigma.length; i++) {
      assertTrue(sigma[i] >= 0, c.name() + ": σ" + i + " = " + sigma[i]);
      assertEquals(c.known()[i], sigma[i], tol, c.name() + ": σ" + i);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void inputIsLeftUnchanged(Case c) {
    Conformance.assertLeavesUnchanged(c.a(), this::singularValues, getClass().getSimpleName());
  }

  @Test
  void emptyShapesHaveNoSingularValues() {
    for (int[] shape : new int[][] {{0, 0}, {0, 3}, {3, 0}}) {
      assertEquals(0, singularValues(Matrix.zeros(shape[0], shape[1])).length, shape[0] + "x" + shape[1]);
    }
  }

  @Test
  void nonFiniteEntryIsRejected() {
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
      Matrix a = Matrix.fromRows(new double[][] {{1, 2}, {3, bad}, {5, 6}});
      ArithmeticException e = assertThrows(ArithmeticException.class, () -> singularValues(a));
      assertEquals("SVD: the matrix has a non-finite entry", e.getMessage());
    }
  }
}
