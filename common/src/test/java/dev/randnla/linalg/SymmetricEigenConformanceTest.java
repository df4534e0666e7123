package dev.randnla.linalg;

import static dev.randnla.linalg.Conformance.U;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every entry point of {@link SymmetricEigen} must satisfy (one subclass per entry point,
 * EJML's conformance habit): eigenvalues largest first and equal to the known spectrum, S·v = λ·v,
 * orthonormal eigenvectors whose largest-magnitude entry is positive, S not modified and its strict
 * lower triangle never read.
 *
 * <p>Inputs: S = H·diag(λ)·Hᵀ with H an exactly orthonormal Hadamard matrix and λ small integers or
 * powers of two (exact in floating point, {@link ExactMatrices}), so the spectrum is known exactly;
 * a diagonal S, whose eigenvectors are unit vectors with a determined sign.
 *
 * <p>Bounds. The class documents eigenvalues accurate to ≈ n·u·‖S‖ absolute: the computed pairs
 * are exact for S + E with ‖E‖₂ ≤ c·n·u·‖S‖₂ and orthonormal to c·n·u, so |λ̂ᵢ − λᵢ| ≤ c·n·u·‖S‖₂
 * (Weyl), ‖S·V − V·Λ‖_F ≤ c·n·u·‖S‖₂·√k and ‖VᵀV − I‖_F ≤ c·n·u·√k for k pairs (both checks in
 * double-double), and an eigenvector whose eigenvalue is separated by gap from the rest is within
 * √2·c·n·u·‖S‖₂/gap of the true one up to sign (Davis–Kahan). The tests take c = {@link #C}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SymmetricEigenConformanceTest {
  /**
   * c in the bounds above: the reduction to tridiagonal form, the tridiagonal eigensolver (MRRR) and
   * the back-transformation each contribute a Householder-sized c·n·u, hence a larger c than for QR alone.
   */
  static final double C = 8;

  /** Order of the test matrices (a power of 4). */
  static final int N = 16;

  /** The decomposition under test of the n×n symmetric {@code s}. */
  abstract SymmetricEigen decompose(Matrix s);

  /** How many pairs {@link #decompose} returns for order n. */
  abstract int pairs(int n);

  /** An input with its eigenvalues, largest first, and its eigenvectors as columns when they are determined (else null). */
  record EigenCase(String name, Matrix s, double[] lambda, Matrix vectors) {
    @Override
    public String toString() {
      return name + " " + s.rows() + "x" + s.cols();
    }
  }

  private final Conformance.Once<List<EigenCase>> cases = new Conformance.Once<>(SymmetricEigenConformanceTest::buildCases);

  /** Built once per test class (the inputs are never modified, which {@link #inputIsLeftUnchanged} checks). */
  List<EigenCase> cases() {
    return cases.get();
  }

  private static List<EigenCase> buildCases() {
    double[] integers = new double[N];
    for (int i = 0; i < N; i++) {
      integers[i] = N / 2 - i;
    }
    // a diagonal with the same values in a scrambled order: eigenvectors e_p, sign determined
    double[] diagonal = new double[N];
    Matrix unitVectors = Matrix.zeros(N, N);
    for (int p = 0; p < N; p++) {
      diagonal[p] = integers[p * 5 % N];
      unitVectors.set(p, p * 5 % N, 1);
    }
    return List.of(
        new EigenCase("distinct integers, indefinite", withEigenvalues(integers), integers, ExactMatrices.hadamardColumns(N, N)),
        new EigenCase("diagonal", Matrix.diagonal(diagonal), integers, unitVectors),
        new EigenCase("rank-deficient", withEigenvalues(ExactMatrices.rankDeficient(N)), ExactMatrices.rankDeficient(N), null),
        new EigenCase("ill-conditioned, κ = 2^40", withEigenvalues(ExactMatrices.graded(N)), ExactMatrices.graded(N), null),
        new EigenCase("identity", Matrix.identity(N), ones(N), null),
        new EigenCase("1x1", Matrix.fromRows(new double[][] {{-2.5}}), new double[] {-2.5}, Matrix.identity(1)));
  }

  private static Matrix withEigenvalues(double[] lambda) {
    return ExactMatrices.withSingularValues(lambda.length, lambda.length, lambda);
  }

  private static double[] ones(int n) {
    double[] x = new double[n];
    Arrays.fill(x, 1);
    return x;
  }

  /** ‖S‖₂ = max |λ|. */
  private static double spectralNorm(double[] lambda) {
    double m = 0;
    for (double l : lambda) {
      m = Math.max(m, Math.abs(l));
    }
    return m;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eigenvaluesAreTheKnownSpectrumLargestFirst(EigenCase c) {
    int n = c.s().rows();
    double[] values = decompose(c.s()).values();
    assertEquals(pairs(n), values.length, c.name() + ": number of eigenvalues");
    Conformance.assertDescending(values, c.name());
    double tol = C * n * U * spectralNorm(c.lambda());
    for (int i = 0; i < values.length; i++) {
      assertEquals(c.lambda()[i], values[i], tol, c.name() + ": λ" + i);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eigenpairsSatisfySvEqualsLambdaV(EigenCase c) {
    int n = c.s().rows();
    SymmetricEigen eig = decompose(c.s());
    Matrix v = eig.vectors();
    assertEquals(n, v.rows(), c.name() + ": rows of V");
    assertEquals(pairs(n), v.cols(), c.name() + ": cols of V");
    double err = Conformance.residual(c.s(), false, v, false, v.times(Matrix.diagonal(eig.values()))).frobeniusNorm();
    double bound = C * n * U * spectralNorm(c.lambda()) * Math.sqrt(v.cols());
    assertTrue(err <= bound, c.name() + ": ‖SV − VΛ‖_F = " + err + " > " + bound);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eigenvectorsAreOrthonormal(EigenCase c) {
    int n = c.s().rows();
    Matrix v = decompose(c.s()).vectors();
    double err = Conformance.orthonormalityError(v);
    double bound = C * n * U * Math.sqrt(v.cols());
    assertTrue(err <= bound, c.name() + ": ‖VᵀV − I‖_F = " + err + " > " + bound);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void largestEntryOfEachEigenvectorIsPositive(EigenCase c) {
    SymmetricEigen eig = decompose(c.s());
    for (int k = 0; k < eig.vectors().cols(); k++) {
      Conformance.assertLargestEntryPositive(eig.vector(k), c.name() + ": eigenvector " + k);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eigenvectorsAreTheKnownOnes(EigenCase c) {
    if (c.vectors() == null) {
      return;
    }
    int n = c.s().rows();
    SymmetricEigen eig = decompose(c.s());
    boolean signDetermined = isSignDetermined(c.vectors());
    for (int k = 0; k < eig.vectors().cols(); k++) {
      double gap = Double.POSITIVE_INFINITY;
      for (int j = 0; j < n; j++) {
        if (j != k) {
          gap = Math.min(gap, Math.abs(c.lambda()[k] - c.lambda()[j]));
        }
      }
      double tol = Math.sqrt(2) * C * n * U * spectralNorm(c.lambda()) / gap;
      double[] expected = c.vectors().column(k);
      double err = signDetermined
          ? Vectors.norm2(Vectors.minus(eig.vector(k), expected))
          : Conformance.distanceUpToSign(eig.vector(k), expected);
      assertTrue(err <= tol, c.name() + ": eigenvector " + k + " is " + err + " from the known one (bound " + tol + ")");
    }
  }

  /** Whether every column has a single largest-magnitude entry, so the sign convention fixes its sign. */
  private static boolean isSignDetermined(Matrix v) {
    for (int k = 0; k < v.cols(); k++) {
      double max = 0;
      int count = 0;
      for (int i = 0; i < v.rows(); i++) {
        double a = Math.abs(v.get(i, k));
        if (a > max) {
          max = a;
          count = 1;
        } else if (a == max) {
          count++;
        }
      }
      if (count > 1) {
        return false;
      }
    }
    return true;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void inputIsLeftUnchanged(EigenCase c) {
    Conformance.assertLeavesUnchanged(c.s(), this::decompose, getClass().getSimpleName());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void strictLowerTriangleIsNotRead(EigenCase c) {
    SymmetricEigen expected = decompose(c.s());
    SymmetricEigen actual = decompose(Conformance.withGarbageBelowDiagonal(c.s()));
    assertEquals(Arrays.toString(expected.values()), Arrays.toString(actual.values()), c.name());
    assertEquals(expected.vectors(), actual.vectors(), c.name() + ": eigenvectors must depend on the upper triangle only");
  }

  /** The documented contract is that only the upper triangle is read, so a NaN below the diagonal cannot matter. */
  @Test
  void nonFiniteEntryBelowTheDiagonalIsNotRead() {
    Matrix s = Matrix.fromRows(new double[][] {{2, 1}, {Double.NaN, 2}});
    double[] values = decompose(s).values();
    double[] expected = Arrays.copyOf(new double[] {3, 1}, pairs(2));
    assertArrayEquals(expected, values, C * 2 * U * 3, "eigenvalues of [2 1; 1 2]");
  }

  @Test
  void nonFiniteEntryIsRejected() {
    Matrix s = Matrix.fromRows(new double[][] {{2, Double.POSITIVE_INFINITY}, {1, 2}});
    ArithmeticException e = assertThrows(ArithmeticException.class, () -> decompose(s));
    assertEquals("symmetric eigensolver: the matrix has a non-finite entry", e.getMessage());
  }

  @Test
  void emptyMatrixHasNoEigenpairs() {
    SymmetricEigen eig = decompose(Matrix.zeros(0, 0));
    assertEquals(0, eig.values().length);
    assertEquals(0, eig.vectors().rows());
    assertEquals(0, eig.vectors().cols());
  }

  @Test
  void nonSquareInputIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> decompose(Matrix.zeros(2, 3)));
    assertEquals("matrix must be square: 2x3", e.getMessage());
  }
}
