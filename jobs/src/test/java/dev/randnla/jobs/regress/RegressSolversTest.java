package dev.randnla.jobs.regress;

import static dev.randnla.linalg.Vectors.relativeDistance;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.io.InvalidInputException;
import dev.randnla.io.MatrixRow;
import dev.randnla.linalg.Compensated;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.SingularValueDecomposition;
import dev.randnla.linalg.Vectors;
import dev.randnla.sketch.SketchKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The solvers' numerics on in-memory rows ({@link LocalPasses}: the accumulators are serialized
 * between "tasks" as on Spark), against exact answers: x* and ρ of the known-residual problem, or
 * the exact least-squares solution of the rows as stored (100-digit reference).
 */
class RegressSolversTest {
  static final int N = 2048;
  static final int D = 8;
  /** The bound for the iterative solvers. */
  static final double ITERATIVE_ACCURACY = 1e-10;
  static final int MAX_PASSES = 60;

  static SolverSettings settings(SketchKind kind, boolean exactR, int m, long seed) {
    return new SolverSettings(kind, exactR, false, m, 8, seed, RegressConfig.DEFAULT_TOL, 100, RegressConfig.DEFAULT_RCOND,
        40 * (D + 1), 0, null, msg -> { });
  }

  static double residual(Passes passes, Design design, double[] x) {
    return Math.sqrt(PreconditionSolver.Iterate.pass(passes, design, Compensated.Vector.of(x), null, "eval")
        .residualSquares());
  }

  /**
   * exact: ‖x − x*‖/‖x*‖ ≤ 1e-10·κ and the residual to 1e-12 (relative to ρ, or to ‖b‖ when ρ = 0). At
   * κ = 1e10 this holds with ρ = 0 only: with ρ = 1 the rows' own solution is O(10) from x* (see
   * {@link RegressionProblem}) and a backward-stable solve is only within u·(κ + κ²·tanθ) ≈ 1e4 of
   * it — the bound the job reports and warns about, checked below; precondition handles that case.
   */
  @Test
  void exactMeetsTheTruth() {
    double[][] cases = {{1e2, 1}, {1e6, 1}, {1e10, 0}};
    for (double[] c : cases) {
      RegressionProblem prob = RegressionProblem.of(N, D, c[0], c[1], 5);
      LocalPasses passes = new LocalPasses(prob.rows, 4);
      Design design = new Design(D, false, 0);
      Solution sol = ExactSolver.solve(passes, design, settings(SketchKind.OSNAP, false, 0, 1));
      String at = "κ=" + c[0] + ", ρ=" + c[1];
      assertTrue(relativeDistance(sol.x(), prob.reference()) <= 1e-10 * c[0], at + ": vs the rows' solution "
          + relativeDistance(sol.x(), prob.reference()));
      if (c[0] < 1e10 || c[1] == 0) {
        assertTrue(relativeDistance(sol.x(), prob.xStar) <= 1e-10 * c[0], at + ": vs x* " + relativeDistance(sol.x(), prob.xStar));
      }
      double rho = Math.sqrt(sol.residualSquares());
      double bNorm = Math.sqrt(sol.labels().squares());
      assertEquals(c[1], rho, 1e-12 * Math.max(c[1], bNorm), at + ": residual");
      assertEquals(1, passes.passes());
      assertEquals(N, sol.labels().rows());
    }
    RegressionProblem prob = RegressionProblem.of(N, D, 1e10, 1, 5);
    Solution sol = ExactSolver.solve(new LocalPasses(prob.rows, 4), new Design(D, false, 0),
        settings(SketchKind.OSNAP, false, 0, 1));
    double fitted = Math.sqrt(sol.labels().squares() - sol.residualSquares());
    double tanTheta = Math.sqrt(sol.residualSquares()) / fitted;
    double bound = 0x1p-53 * (1e10 + 1e20 * tanTheta);
    double err = relativeDistance(sol.x(), prob.reference());
    assertTrue(err <= bound, "κ=1e10, ρ=1: error " + err + " above u(κ + κ²tanθ) = " + bound);
  }

  /** Standard errors from the exact R equal σ̂·√[(AᵀA)⁻¹]ⱼⱼ of the exact normal equations. */
  @Test
  void standardErrorsFromTheExactR() {
    RegressionProblem prob = RegressionProblem.of(256, 4, 10, 2, 8);
    Solution sol = ExactSolver.solve(new LocalPasses(prob.rows, 2), new Design(4, false, 0), settings(SketchKind.OSNAP, false, 0, 1));
    double[] diag = sol.factor().normalInverseDiagonal();
    double[][] inverse = inverseGram(prob.rows, 4);
    for (int j = 0; j < 4; j++) {
      assertEquals(inverse[j][j], diag[j], 1e-10 * inverse[j][j], "diag " + j);
    }
  }

  /** (AᵀA)⁻¹ by Cholesky of the Gram: accurate to ≈ κ²u = 1e-14 at κ = 10. */
  static double[][] inverseGram(List<MatrixRow> rows, int d) {
    double[][] g = new double[d][d];
    for (MatrixRow r : rows) {
      double[] a = r.toDense(d);
      for (int p = 0; p < d; p++) {
        for (int q = 0; q < d; q++) {
          g[p][q] += a[p] * a[q];
        }
      }
    }
    Matrix inv = dev.randnla.linalg.Triangular.inverseUpper(dev.randnla.linalg.Cholesky.of(Matrix.fromRows(g)).r());
    return inv.times(inv.transpose()).toRowArrays();
  }

  /**
   * precondition: ‖x − x_ref‖/‖x_ref‖ ≤ 1e-10 within 60 passes at κ = 1e4 and κ = 1e10, with and without
   * residual, with the exact TSQR R and with every sketch; and against x* itself where the rows'
   * rounding allows it (κ = 1e4, ρ = 1e-3: the rows' solution is within ≈ 1e-13 of x*).
   */
  @Test
  void preconditionReachesFullAccuracyAtAnyCondition() {
    for (double kappa : new double[] {1e4, 1e10}) {
      for (double rho : new double[] {0, 1}) {
        RegressionProblem prob = RegressionProblem.of(N, D, kappa, rho, 11);
        double[] ref = prob.reference();
        Design design = new Design(D, false, 0);
        for (SketchKind kind : SketchKind.values()) {
          for (boolean exactR : kind == SketchKind.OSNAP ? new boolean[] {true, false} : new boolean[] {false}) {
            LocalPasses passes = new LocalPasses(prob.rows, 3);
            Solution sol = PreconditionSolver.solve(passes, design, settings(kind, exactR, 20 * D, 7));
            String at = (exactR ? "tsqr" : kind.cliName()) + " κ=" + kappa + " ρ=" + rho;
            assertTrue(relativeDistance(sol.x(), ref) <= ITERATIVE_ACCURACY, at + ": error " + relativeDistance(sol.x(), ref));
            assertTrue(passes.passes() <= MAX_PASSES, at + ": passes " + passes.passes());
            assertTrue(sol.relativeNormalResidual() <= RegressConfig.DEFAULT_TOL, at + ": η " + sol.relativeNormalResidual());
            assertEquals(rho, Math.sqrt(sol.residualSquares()), 1e-12 * Math.max(rho, 1), at + ": residual");
            if (exactR) {
              assertTrue(passes.passes() <= 6, at + ": the exact R converges in a few passes, took " + passes.passes());
            }
          }
        }
      }
    }
    RegressionProblem prob = RegressionProblem.of(N, D, 1e4, 1e-3, 12);
    Solution sol = PreconditionSolver.solve(new LocalPasses(prob.rows, 3), new Design(D, false, 0),
        settings(SketchKind.OSNAP, false, 20 * D, 3));
    assertTrue(relativeDistance(sol.x(), prob.xStar) <= ITERATIVE_ACCURACY, "vs x*: " + relativeDistance(sol.x(), prob.xStar));
  }

  /** The Lanczos estimate of κ(A·R⁻¹) is an inner estimate: between 1 and the true value. */
  @Test
  void preconditionedConditionEstimateIsInnerBound() {
    RegressionProblem prob = RegressionProblem.of(N, D, 1e6, 1, 2);
    LocalPasses passes = new LocalPasses(prob.rows, 2);
    Design design = new Design(D, false, 0);
    Solution sol = PreconditionSolver.solve(passes, design, settings(SketchKind.GAUSSIAN, false, 4 * D, 9));
    Matrix a = Matrix.fromRows(prob.rows.stream().map(MatrixRow::values).toArray(double[][]::new));
    Matrix ar = a.times(sol.factor().factor());
    double[] sv = SingularValueDecomposition.of(ar).singularValues();
    double truth = sv[0] / sv[sv.length - 1];
    double est = sol.preconditionedCondition();
    assertTrue(est >= 1 && est <= truth * (1 + 1e-6), "estimate " + est + " vs κ(AR⁻¹) = " + truth);
    assertTrue(est >= 0.5 * truth, "estimate " + est + " far inside κ(AR⁻¹) = " + truth);
  }

  /** sketch-and-solve with a Gaussian sketch of m = 20d rows: residual ratio ≤ 1.2 for 5 seeds; error within its estimate. */
  @Test
  void sketchAndSolveResidual() {
    RegressionProblem prob = RegressionProblem.of(N, D, 1e4, 1, 4);
    Design design = new Design(D, false, 0);
    double[] ref = prob.reference();
    for (long seed = 1; seed <= 5; seed++) {
      LocalPasses passes = new LocalPasses(prob.rows, 4);
      Solution sol = SketchSolver.solve(passes, design, settings(SketchKind.GAUSSIAN, false, 20 * D, seed));
      assertResidualRatioAtMost(1.2, prob, passes, design, sol, seed);
      double l2 = (Double) sol.details().get("l2ErrorEstimate");
      double err = Vectors.norm2(Vectors.minus(sol.x(), ref));
      assertTrue(err <= 3 * l2, "seed " + seed + ": error " + err + " vs estimate " + l2);
      assertEquals(1, passes.passes() - 1);
    }
  }

  /**
   * The ℓ∞ guarantee on small instances: ‖x̂ − x*‖∞ ≤ (ε/√p)·ρ·‖A⁺‖ (‖A⁺‖ = κ exactly here) for 5 seeds
   * at ε = 0.5, δ = 0.01, and the reported bound and estimate are at least the error.
   */
  @Test
  void linfGuaranteeHolds() {
    RegressionProblem prob = RegressionProblem.of(N, D, 100, 1, 6);
    double[] ref = prob.reference();
    Design design = new Design(D, false, 0);
    LinfSizing linf = LinfSizing.of(D, 0.5, 0.01);
    assertTrue(linf.rows() < N, "m = " + linf.rows());
    for (long seed = 1; seed <= 5; seed++) {
      SolverSettings s = new SolverSettings(SketchKind.GAUSSIAN, false, false, 0, 8, seed, 1e-12, 100, 1e-13, 0, 0, linf, msg -> { });
      Solution sol = SketchSolver.solve(new LocalPasses(prob.rows, 3), design, s);
      double errInf = Vectors.maxAbs(Vectors.minus(sol.x(), ref));
      double guarantee = 0.5 / Math.sqrt(D) * prob.rho * prob.kappa;
      assertTrue(errInf <= guarantee, "seed " + seed + ": ‖x̂ − x*‖∞ = " + errInf + " > " + guarantee);
      assertTrue(errInf <= (Double) sol.details().get("linfBound"), "seed " + seed + ": reported bound");
      assertTrue(errInf <= (Double) sol.details().get("linfErrorEstimate"), "seed " + seed + ": reported estimate");
    }
  }

  /** ‖A·x − b‖/ρ of the solution is at most {@code bound} (ρ the problem's optimal residual). */
  private static void assertResidualRatioAtMost(double bound, RegressionProblem prob, LocalPasses passes, Design design,
      Solution sol, long seed) {
    double ratio = residual(passes, design, sol.x()) / prob.rho;
    assertTrue(ratio <= bound, "seed " + seed + ": residual ratio " + ratio);
  }

  /** Leverage-score sampling with 40p expected rows: residual ratio ≤ 1.2 for 5 seeds. */
  @Test
  void sampleResidual() {
    RegressionProblem prob = RegressionProblem.of(N, D, 1e3, 1, 14);
    Design design = new Design(D, false, 0);
    for (long seed = 1; seed <= 5; seed++) {
      LocalPasses passes = new LocalPasses(prob.rows, 4);
      Solution sol = SampleSolver.solve(passes, design, settings(SketchKind.OSNAP, false, 20 * D, seed));
      assertResidualRatioAtMost(1.2, prob, passes, design, sol, seed);
      long kept = (Long) sol.details().get("sampledRows");
      assertTrue(Math.abs(kept - 40.0 * (D + 1)) <= 5 * Math.sqrt(40.0 * (D + 1)), "seed " + seed + ": kept " + kept);
    }
  }

  @Test
  void ihsConverges() {
    RegressionProblem prob = RegressionProblem.of(N, D, 1e4, 1, 15);
    LocalPasses passes = new LocalPasses(prob.rows, 2);
    Solution sol = IhsSolver.solve(passes, new Design(D, false, 0), settings(SketchKind.OSNAP, false, 20 * D, 5));
    assertTrue(relativeDistance(sol.x(), prob.reference()) <= ITERATIVE_ACCURACY, "error " + relativeDistance(sol.x(), prob.reference()));
    assertTrue(passes.passes() <= MAX_PASSES, "passes " + passes.passes());
  }

  /** Ridge λ‖x‖² and an unpenalised intercept: every solver that is exact at convergence matches the reference. */
  @Test
  void ridgeAndIntercept() {
    RegressionProblem prob = RegressionProblem.of(512, 5, 1e3, 0.5, 16);
    List<MatrixRow> shifted = new ArrayList<>();
    for (MatrixRow r : prob.rows) {
      double[] v = r.values().clone();
      for (int j = 0; j < v.length; j++) {
        v[j] += 0.3 * (j + 1);
      }
      shifted.add(MatrixRow.dense(r.key(), r.id(), r.label() + 2.0, null, v));
    }
    for (double ridge : new double[] {0, 1e-3}) {
      Design design = new Design(5, true, ridge);
      double[] ref = RegressionProblem.reference(shifted, 5, true, ridge);
      String at = "ridge " + ridge;
      double[] exact = ExactSolver.solve(new LocalPasses(shifted, 3), design, settings(SketchKind.OSNAP, false, 0, 1)).x();
      assertTrue(relativeDistance(exact, ref) <= 1e-10, at + ": exact " + relativeDistance(exact, ref));
      for (boolean exactR : new boolean[] {true, false}) {
        double[] pre = PreconditionSolver.solve(new LocalPasses(shifted, 3), design,
            settings(SketchKind.OSNAP, exactR, 20 * 6, 2)).x();
        assertTrue(relativeDistance(pre, ref) <= ITERATIVE_ACCURACY, at + ": precondition " + relativeDistance(pre, ref));
        double[] sparse = PreconditionSolver.solve(new LocalPasses(RegressionProblem.sparse(shifted), 3), design,
            settings(SketchKind.OSNAP, exactR, 20 * 6, 2)).x();
        assertTrue(relativeDistance(sparse, ref) <= ITERATIVE_ACCURACY, at + ": sparse rows " + relativeDistance(sparse, ref));
      }
      double[] ihs = IhsSolver.solve(new LocalPasses(shifted, 3), design, settings(SketchKind.OSNAP, false, 20 * 6, 2)).x();
      assertTrue(relativeDistance(ihs, ref) <= ITERATIVE_ACCURACY, at + ": ihs " + relativeDistance(ihs, ref));
    }
  }

  /** A duplicated column: the minimum-norm solution splits the coefficient between the two copies. */
  @Test
  void rankDeficientGivesTheMinimumNormSolution() {
    RegressionProblem prob = RegressionProblem.of(1024, 4, 100, 0.5, 17);
    List<MatrixRow> dup = new ArrayList<>();
    for (MatrixRow r : prob.rows) {
      double[] v = java.util.Arrays.copyOf(r.values(), 5);
      v[4] = v[0];
      dup.add(MatrixRow.dense(r.key(), r.id(), r.label(), null, v));
    }
    double[] x = prob.reference();
    double[] want = {x[0] / 2, x[1], x[2], x[3], x[0] / 2};
    Design design = new Design(5, false, 0);
    Solution exact = ExactSolver.solve(new LocalPasses(dup, 2), design, settings(SketchKind.OSNAP, false, 0, 1));
    assertEquals(4, exact.factor().rank());
    assertTrue(relativeDistance(exact.x(), want) <= 1e-10, "exact " + relativeDistance(exact.x(), want));
    for (boolean exactR : new boolean[] {true, false}) {
      Solution pre = PreconditionSolver.solve(new LocalPasses(dup, 2), design, settings(SketchKind.OSNAP, exactR, 100, 3));
      assertEquals(4, pre.factor().rank());
      assertTrue(relativeDistance(pre.x(), want) <= 1e-9, (exactR ? "tsqr" : "osnap") + ": " + relativeDistance(pre.x(), want));
    }
  }

  /** Wide (fewer rows than columns): the minimum-norm solution A⁺b, with zero residual. */
  @Test
  void wideGivesTheMinimumNormSolution() {
    double[][] a = {{1, 2, 0, -1, 3, 0.5, 1}, {0, 1, 1, 2, -1, 0, 2}, {2, 0, 1, 1, 1, 1, -1}, {1, 1, 1, 1, 1, 1, 1}};
    double[] b = {1, -2, 0.5, 3};
    List<MatrixRow> rows = new ArrayList<>();
    for (int i = 0; i < a.length; i++) {
      rows.add(MatrixRow.dense(i, i, b[i], null, a[i]));
    }
    SingularValueDecomposition svd = SingularValueDecomposition.of(Matrix.fromRows(a));
    double[] utb = svd.u().transposeTimes(b);
    double[] sv = svd.singularValues();
    for (int k = 0; k < sv.length; k++) {
      utb[k] /= sv[k];
    }
    double[] want = svd.v().times(utb);
    Design design = new Design(7, false, 0);
    double[] exact = ExactSolver.solve(new LocalPasses(rows, 2), design, settings(SketchKind.OSNAP, false, 0, 1)).x();
    assertTrue(relativeDistance(exact, want) <= 1e-12, "exact " + relativeDistance(exact, want));
    double[] pre = PreconditionSolver.solve(new LocalPasses(rows, 2), design, settings(SketchKind.GAUSSIAN, false, 40, 1)).x();
    assertTrue(relativeDistance(pre, want) <= 1e-10, "precondition " + relativeDistance(pre, want));
  }

  @Test
  void zeroRowsOneRowAndEmptyPartitions() {
    Design design = new Design(3, false, 0);
    for (Solution s : List.of(
        ExactSolver.solve(new LocalPasses(List.of(), 3), design, settings(SketchKind.OSNAP, false, 0, 1)),
        PreconditionSolver.solve(new LocalPasses(List.of(), 3), design, settings(SketchKind.OSNAP, false, 12, 1)),
        SketchSolver.solve(new LocalPasses(List.of(), 3), design, settings(SketchKind.OSNAP, false, 12, 1)))) {
      assertArrayEquals(new double[3], s.x(), 0);
      assertEquals(0, s.labels().rows());
    }
    MatrixRow one = MatrixRow.dense(0, 0, 6.0, null, new double[] {1, 2, 2});
    double[] x = ExactSolver.solve(new LocalPasses(List.of(one), 4), design, settings(SketchKind.OSNAP, false, 0, 1)).x();
    assertArrayEquals(new double[] {6.0 / 9, 12.0 / 9, 12.0 / 9}, x, 1e-14);
    RegressionProblem prob = RegressionProblem.of(8, 3, 10, 0.1, 3);
    double[] few = ExactSolver.solve(new LocalPasses(prob.rows.subList(0, 5), 10), design, settings(SketchKind.OSNAP, false, 0, 1)).x();
    double[] oneP = ExactSolver.solve(new LocalPasses(prob.rows.subList(0, 5), 1), design, settings(SketchKind.OSNAP, false, 0, 1)).x();
    assertArrayEquals(oneP, few, 1e-13 * Vectors.norm2(oneP));
  }

  /**
   * 1 vs many partitions: every solver agrees to rounding (the sums run in another order, so not
   * bitwise); the same partitioning twice is bitwise identical. Sketches depend on row keys only.
   */
  @Test
  void partitioningChangesOnlyRounding() {
    RegressionProblem prob = RegressionProblem.of(1024, 6, 1e3, 1, 18);
    Design design = new Design(6, false, 0);
    for (Solver solver : Solver.values()) {
      double[][] x = new double[3][];
      int[] parts = {1, 7, 7};
      for (int t = 0; t < 3; t++) {
        LocalPasses passes = new LocalPasses(prob.rows, parts[t]);
        SolverSettings s = settings(SketchKind.OSNAP, false, 60, 4);
        x[t] = switch (solver) {
          case EXACT -> ExactSolver.solve(passes, design, s).x();
          case SKETCH -> SketchSolver.solve(passes, design, s).x();
          case PRECONDITION -> PreconditionSolver.solve(passes, design, s).x();
          case SAMPLE -> SampleSolver.solve(passes, design, s).x();
          case IHS -> IhsSolver.solve(passes, design, s).x();
        };
      }
      double tol = solver == Solver.SAMPLE ? 1e-8 : 1e-11;
      assertTrue(relativeDistance(x[1], x[0]) <= tol, solver + ": 1 vs 7 partitions differ by " + relativeDistance(x[1], x[0]));
      assertArrayEquals(x[1], x[2], 0.0, solver + " is not deterministic for a fixed partitioning");
    }
  }

  @Test
  void rowsWithoutALabelAreInvalid() {
    MatrixRow unlabelled = MatrixRow.dense(0, 7, Double.NaN, null, new double[] {1, 2});
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Design.label(unlabelled));
    assertTrue(e.getMessage().contains("id 7"), e.getMessage());
  }
}
