package dev.randnla.jobs.regress;

import static dev.randnla.linalg.Vectors.relativeDistance;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.io.MatrixRow;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.SingularValueDecomposition;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import dev.randnla.sketch.SketchKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Weighted least squares min Σ wᵢ(mᵢ·x − bᵢ)² (+ λ‖P·x‖²) in every solver, on in-memory rows
 * ({@link LocalPasses}), against the exact minimiser of the weighted normal equations of the rows as
 * stored ({@link RegressionProblem#reference}: 100-digit decimal arithmetic, weights applied).
 */
class WeightedSolversTest {
  static final int N = 2048;
  static final int D = 8;

  /** The rows with weights uniform in [0, 4), every seventh weight 0 (those rows drop out). */
  static List<MatrixRow> weighted(List<MatrixRow> rows, long seed) {
    RandomStream u = RandomStream.of(seed, Purpose.GENERATE_SOLUTION, 7);
    List<MatrixRow> out = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      double w = 4 * u.nextDouble();
      out.add(rows.get(i).withWeight(i % 7 == 3 ? 0.0 : w));
    }
    return out;
  }

  /** κ(W^{1/2}·A) of the rows, from a dense SVD. */
  static double weightedCondition(List<MatrixRow> rows, int d) {
    double[][] a = new double[rows.size()][];
    for (int i = 0; i < rows.size(); i++) {
      a[i] = rows.get(i).toDense(d).clone();
      double s = Math.sqrt(rows.get(i).weight());
      for (int j = 0; j < d; j++) {
        a[i][j] *= s;
      }
    }
    double[] sv = SingularValueDecomposition.of(Matrix.fromRows(a)).singularValues();
    return sv[0] / sv[d - 1];
  }

  /** Σ wᵢ·bᵢ². */
  static double weightedLabelSquares(List<MatrixRow> rows) {
    return rows.stream().mapToDouble(r -> r.weight() * r.label() * r.label()).sum();
  }

  static long positiveWeights(List<MatrixRow> rows) {
    return rows.stream().filter(r -> r.weight() > 0).count();
  }

  /**
   * exact (TSQR of the √w-scaled rows): backward stable, so within u·(κ + κ²·tanθ) of the weighted
   * solution, κ and tanθ = ‖r‖/‖Mx‖ those of the weighted problem, times p for the backward error's
   * constant; the residual is the weighted one. Zero weights leave their rows out of the row count.
   */
  @Test
  void exactSolvesTheWeightedProblem() {
    for (double kappa : new double[] {1e2, 1e6}) {
      RegressionProblem prob = RegressionProblem.of(N, D, kappa, 1, 21);
      List<MatrixRow> rows = weighted(prob.rows, 1);
      double[] ref = RegressionProblem.reference(rows, D, false, 0);
      Solution sol = ExactSolver.solve(new LocalPasses(rows, 4), new Design(D, false, 0),
          RegressSolversTest.settings(SketchKind.OSNAP, false, 0, 1));
      double k = weightedCondition(rows, D);
      double rss = sol.residualSquares();
      double tanTheta = Math.sqrt(rss / (sol.labels().squares() - rss));
      double bound = D * 0x1p-53 * (k + k * k * tanTheta);
      double err = relativeDistance(sol.x(), ref);
      assertTrue(err <= bound, "κ=" + kappa + ": error " + err + " above p·u(κ + κ²tanθ) = " + bound);
      double refResidual = RegressSolversTest.residual(new LocalPasses(rows, 1), new Design(D, false, 0), ref);
      assertEquals(refResidual, Math.sqrt(rss), 1e-10 * refResidual, "κ=" + kappa + ": weighted residual");
      assertEquals(positiveWeights(rows), sol.labels().rows());
    }
  }

  /** Unit weights take the unweighted code: bit for bit the same coefficients. */
  @Test
  void unitWeightsChangeNothing() {
    RegressionProblem prob = RegressionProblem.of(512, 4, 1e3, 0.5, 22);
    List<MatrixRow> ones = prob.rows.stream().map(r -> r.withWeight(1.0)).toList();
    Design design = new Design(4, true, 1e-3);
    SolverSettings s = RegressSolversTest.settings(SketchKind.OSNAP, false, 80, 3);
    assertArrayEquals(PreconditionSolver.solve(new LocalPasses(prob.rows, 3), design, s).x(),
        PreconditionSolver.solve(new LocalPasses(ones, 3), design, s).x(), 0.0);
    assertArrayEquals(ExactSolver.solve(new LocalPasses(prob.rows, 3), design, s).x(),
        ExactSolver.solve(new LocalPasses(ones, 3), design, s).x(), 0.0);
  }

  /**
   * The iterative solvers converge to the weighted solution at their tolerance (1e-10, as unweighted):
   * precondition with the exact R, with each sketch, with the Gram's Cholesky factor on sparse rows, and
   * ihs; with an intercept (scaled by √w like the row) and a ridge.
   */
  @Test
  void iterativeSolversReachTheWeightedSolution() {
    RegressionProblem prob = RegressionProblem.of(N, D, 1e5, 1, 23);
    List<MatrixRow> shifted = new ArrayList<>();
    for (MatrixRow r : weighted(prob.rows, 2)) {
      double[] v = r.values().clone();
      for (int j = 0; j < v.length; j++) {
        v[j] += 0.01 * (j + 1);
      }
      shifted.add(MatrixRow.dense(r.key(), r.id(), r.label() + 2.0, null, v).withWeight(r.weight()));
    }
    List<MatrixRow> sparse = new ArrayList<>();
    List<MatrixRow> plainSparse = RegressionProblem.sparse(shifted);
    for (int i = 0; i < shifted.size(); i++) {
      sparse.add(plainSparse.get(i).withWeight(shifted.get(i).weight()));
    }
    for (double ridge : new double[] {0, 1e-3}) {
      Design design = new Design(D, true, ridge);
      double[] ref = RegressionProblem.reference(shifted, D, true, ridge);
      for (SketchKind kind : SketchKind.values()) {
        Solution sol = PreconditionSolver.solve(new LocalPasses(shifted, 3), design,
            RegressSolversTest.settings(kind, false, 20 * (D + 1), 4));
        assertTrue(relativeDistance(sol.x(), ref) <= RegressSolversTest.ITERATIVE_ACCURACY,
            kind.cliName() + " ridge " + ridge + ": " + relativeDistance(sol.x(), ref));
      }
      Solution tsqr = PreconditionSolver.solve(new LocalPasses(shifted, 3), design,
          RegressSolversTest.settings(SketchKind.OSNAP, true, 0, 4));
      assertTrue(relativeDistance(tsqr.x(), ref) <= RegressSolversTest.ITERATIVE_ACCURACY,
          "tsqr ridge " + ridge + ": " + relativeDistance(tsqr.x(), ref));
      SolverSettings gram = new SolverSettings(SketchKind.OSNAP, false, true, 20 * (D + 1), 8, 4, RegressConfig.DEFAULT_TOL,
          100, RegressConfig.DEFAULT_RCOND, 0, 0, null, msg -> { });
      Solution viaGram = PreconditionSolver.solve(new LocalPasses(sparse, 3), design, gram);
      assertTrue(relativeDistance(viaGram.x(), ref) <= RegressSolversTest.ITERATIVE_ACCURACY,
          "gram (sparse rows) ridge " + ridge + ": " + relativeDistance(viaGram.x(), ref));
      Solution ihs = IhsSolver.solve(new LocalPasses(shifted, 3), design,
          RegressSolversTest.settings(SketchKind.OSNAP, false, 20 * (D + 1), 4));
      assertTrue(relativeDistance(ihs.x(), ref) <= RegressSolversTest.ITERATIVE_ACCURACY,
          "ihs ridge " + ridge + ": " + relativeDistance(ihs.x(), ref));
    }
  }

  /**
   * sketch-and-solve (Gaussian, m = 20p) and leverage sampling (40p rows) of the weighted problem: the
   * weighted residual within 1 + ε = 1.2 of the weighted optimum for 5 seeds each (the unweighted tests'
   * bound: the guarantee holds for any matrix, here W^{1/2}·A).
   */
  @Test
  void sketchAndSampleMeetTheWeightedResidualBound() {
    RegressionProblem prob = RegressionProblem.of(N, D, 1e3, 1, 24);
    List<MatrixRow> rows = weighted(prob.rows, 3);
    Design design = new Design(D, false, 0);
    double optimum = RegressSolversTest.residual(new LocalPasses(rows, 1), design,
        RegressionProblem.reference(rows, D, false, 0));
    for (long seed = 1; seed <= 5; seed++) {
      LocalPasses passes = new LocalPasses(rows, 4);
      Solution sketched = SketchSolver.solve(passes, design, RegressSolversTest.settings(SketchKind.GAUSSIAN, false, 20 * D, seed));
      double ratio = RegressSolversTest.residual(passes, design, sketched.x()) / optimum;
      assertTrue(ratio >= 1 - 1e-12 && ratio <= 1.2, "sketch seed " + seed + ": residual ratio " + ratio);
      Solution sampled = SampleSolver.solve(new LocalPasses(rows, 4), design,
          RegressSolversTest.settings(SketchKind.OSNAP, false, 20 * D, seed));
      ratio = RegressSolversTest.residual(passes, design, sampled.x()) / optimum;
      assertTrue(ratio >= 1 - 1e-12 && ratio <= 1.2, "sample seed " + seed + ": residual ratio " + ratio);
    }
  }
}
