package dev.randnla.linalg;

import static dev.randnla.linalg.Conformance.U;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.linalg.Conformance.Case;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SingularValueDecomposition#of} against the singular-value conformance, and its vectors:
 * U (m×k) and V (n×k) orthonormal, U·diag(σ)·Vᵀ = A, the largest-magnitude entry of each right
 * vector positive, and the known vectors where the singular values are separated.
 *
 * <p>Bounds, with A + E the matrix the computed triple is exact for, ‖E‖ ≤ c·p·u·‖A‖ and the vectors
 * orthonormal to c·p·u (p = max(m, n)): ‖UΣVᵀ − A‖_F ≤ c·p·u·‖A‖_F, ‖UᵀU − I‖_F and ‖VᵀV − I‖_F ≤
 * c·p·u·√k for k = min(m, n) pairs (checks in double-double), and a singular vector whose value is
 * separated by gap from the others within √2·c·p·u·σ₁/gap of the true one (Wedin), up to sign
 * unless the sign convention fixes it.
 */
class SingularValueDecompositionConformanceTest extends SingularValuesConformanceTest {
  @Override
  double[] singularValues(Matrix a) {
    return SingularValueDecomposition.of(a).singularValues();
  }

  /** An input with its known singular values and vectors; {@code signed} when the sign convention determines them. */
  record VectorCase(String name, Matrix a, double[] sigma, Matrix u, Matrix v, boolean signed) {
    @Override
    public String toString() {
      return name + " " + a.rows() + "x" + a.cols();
    }
  }

  List<VectorCase> knownVectors() {
    double[] integers = ExactMatrices.integers(N);
    // A = H_m·diag(σ)·H_nᵀ: the vectors are Hadamard columns, known up to a common sign per pair
    VectorCase tall = new VectorCase("tall", ExactMatrices.withSingularValues(4 * N, N, integers), integers,
        ExactMatrices.hadamardColumns(4 * N, N), ExactMatrices.hadamardColumns(N, N), false);
    VectorCase wide = new VectorCase("wide", ExactMatrices.withSingularValues(N, 4 * N, integers), integers,
        ExactMatrices.hadamardColumns(N, N), ExactMatrices.hadamardColumns(4 * N, N), false);
    // a signed diagonal d at scrambled positions p: σ = |d_p| sorted, v = +e_p, u = sign(d_p)·e_p
    double[] d = new double[N];
    Matrix u = Matrix.zeros(4 * N, N);
    Matrix v = Matrix.zeros(N, N);
    for (int p = 0; p < N; p++) {
      int rank = p * 5 % N;
      d[p] = (p % 2 == 0 ? 1 : -1) * integers[rank];
      v.set(p, rank, 1);
      u.set(p, rank, Math.signum(d[p]));
    }
    VectorCase diagonal = new VectorCase("tall diagonal, signed and scrambled", ExactMatrices.rectangularDiagonal(4 * N, N, d),
        integers, u, v, true);
    VectorCase wideDiagonal = new VectorCase("wide diagonal, signed and scrambled",
        ExactMatrices.rectangularDiagonal(N, 4 * N, d), integers, withRows(u, N), withRows(v, 4 * N), true);
    return List.of(tall, wide, diagonal, wideDiagonal);
  }

  /** m cut or padded with zero rows to a new row count (the diagonal's vectors for the other shape). */
  private static Matrix withRows(Matrix m, int rows) {
    Matrix out = Matrix.zeros(rows, m.cols());
    for (int j = 0; j < m.cols(); j++) {
      for (int i = 0; i < Math.min(rows, m.rows()); i++) {
        out.set(i, j, m.get(i, j));
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void factorsHaveThinShapes(Case c) {
    SingularValueDecomposition svd = SingularValueDecomposition.of(c.a());
    int k = Math.min(c.a().rows(), c.a().cols());
    assertEquals(c.a().rows(), svd.u().rows(), c.name() + ": rows of U");
    assertEquals(k, svd.u().cols(), c.name() + ": cols of U");
    assertEquals(c.a().cols(), svd.v().rows(), c.name() + ": rows of V");
    assertEquals(k, svd.v().cols(), c.name() + ": cols of V");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void uSigmaVTransposeIsA(Case c) {
    SingularValueDecomposition svd = SingularValueDecomposition.of(c.a());
    Matrix us = svd.u().times(Matrix.diagonal(svd.singularValues()));
    double err = Conformance.residual(us, false, svd.v(), true, c.a()).frobeniusNorm();
    double bound = backwardError(c.a()) * c.a().frobeniusNorm();
    assertTrue(err <= bound, c.name() + ": ‖UΣVᵀ − A‖_F = " + err + " > " + bound);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void singularVectorsAreOrthonormal(Case c) {
    SingularValueDecomposition svd = SingularValueDecomposition.of(c.a());
    double bound = backwardError(c.a()) * Math.sqrt(svd.v().cols());
    double errU = Conformance.orthonormalityError(svd.u());
    double errV = Conformance.orthonormalityError(svd.v());
    assertTrue(errU <= bound, c.name() + ": ‖UᵀU − I‖_F = " + errU + " > " + bound);
    assertTrue(errV <= bound, c.name() + ": ‖VᵀV − I‖_F = " + errV + " > " + bound);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void largestEntryOfEachRightVectorIsPositive(Case c) {
    SingularValueDecomposition svd = SingularValueDecomposition.of(c.a());
    for (int k = 0; k < svd.v().cols(); k++) {
      Conformance.assertLargestEntryPositive(svd.v().column(k), c.name() + ": right vector " + k);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("knownVectors")
  void singularVectorsAreTheKnownOnes(VectorCase c) {
    SingularValueDecomposition svd = SingularValueDecomposition.of(c.a());
    double tol = Math.sqrt(2) * backwardError(c.a()) * c.sigma()[0] / 1.0; // the known σ are integers: gap 1
    for (int k = 0; k < c.sigma().length; k++) {
      double errU = c.signed()
          ? Vectors.norm2(Vectors.minus(svd.u().column(k), c.u().column(k)))
          : Conformance.distanceUpToSign(svd.u().column(k), c.u().column(k));
      double errV = c.signed()
          ? Vectors.norm2(Vectors.minus(svd.v().column(k), c.v().column(k)))
          : Conformance.distanceUpToSign(svd.v().column(k), c.v().column(k));
      assertTrue(errU <= tol, c.name() + ": left vector " + k + " is " + errU + " from the known one (bound " + tol + ")");
      assertTrue(errV <= tol, c.name() + ": right vector " + k + " is " + errV + " from the known one (bound " + tol + ")");
    }
  }

  @Test
  void numericalRankCountsTheNonzeroSingularValues() {
    Matrix a = ExactMatrices.withSingularValues(4 * N, N, ExactMatrices.rankDeficient(N));
    // the zero σ come back below c·p·u·σ₁ ≈ 3e-14·σ₁, the smallest nonzero one is σ₁/N
    assertEquals(N / 2, SingularValueDecomposition.of(a).rank(1e-12));
    assertEquals(0, SingularValueDecomposition.numericalRank(new double[0], 1e-12));
    assertEquals(0, SingularValueDecomposition.numericalRank(new double[] {0, 0}, 1e-12));
  }

  @Test
  void emptyShapesHaveEmptyFactors() {
    for (int[] shape : new int[][] {{0, 0}, {0, 3}, {3, 0}}) {
      SingularValueDecomposition svd = SingularValueDecomposition.of(Matrix.zeros(shape[0], shape[1]));
      String what = shape[0] + "x" + shape[1];
      assertEquals(Matrix.zeros(shape[0], 0), svd.u(), what + ": U");
      assertEquals(Matrix.zeros(shape[1], 0), svd.v(), what + ": V");
    }
  }
}
