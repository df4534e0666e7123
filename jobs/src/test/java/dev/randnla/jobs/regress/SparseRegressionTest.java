package dev.randnla.jobs.regress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.io.InputOptions;
import dev.randnla.io.MatrixRow;
import dev.randnla.io.OutputOptions;
import dev.randnla.io.UsageException;
import dev.randnla.jobs.generate.GenerateConfig;
import dev.randnla.jobs.generate.Generators;
import dev.randnla.jobs.generate.MatrixKind;
import dev.randnla.jobs.generate.RowGenerator;
import dev.randnla.jobs.regress.sparse.CrossValidation;
import dev.randnla.jobs.regress.sparse.Factor;
import dev.randnla.jobs.regress.sparse.SparseMethod;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.QrDecomposition;
import dev.randnla.linalg.TruncatedInverse;
import dev.randnla.sketch.TsqrSketch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sparse regression ({@link SparseRegression}) on generated random-support instances, driver-side through
 * {@link LocalPasses}: support recovery, the oracle bound, the correlated design where plain Lasso fails,
 * the fold factors, partition independence and the usage errors.
 */
class SparseRegressionTest {
  /** A generated instance: its rows and truth. */
  record Instance(List<MatrixRow> rows, int[] support, double[] wStar) {}

  static Instance instance(long n, int d, int k, double noise, double kappa, long seed) {
    GenerateConfig gc = GenerateConfig.builder().kind(MatrixKind.SPARSE_REGRESSION).rows(n).cols(d).sparsity(k)
        .noise(noise).kappa(kappa).seed(seed).output(OutputOptions.to("/nonexistent/never-written")).build();
    RowGenerator gen = Generators.of(gc);
    long[] g = new long[(int) n];
    for (int i = 0; i < n; i++) {
      g[i] = i;
    }
    List<MatrixRow> rows = Arrays.asList(gen.generate(g, (int) n));
    Map<String, Object> truth = new HashMap<>();
    gen.describe(truth, x -> x);
    return new Instance(rows, (int[]) truth.get("support"), (double[]) truth.get("wStar"));
  }

  static RegressConfig config(Integer sparsity, SparseMethod method) {
    return RegressConfig.builder().input(InputOptions.of("unused.csv").withLabelCol("0")).sparsity(sparsity)
        .lasso(sparsity == null).sparseMethod(method).seed(11).build();
  }

  static SparseRegression.Fit fit(Instance inst, int partitions, Integer sparsity, SparseMethod method) {
    Design design = new Design(inst.wStar().length, false, 0);
    return SparseRegression.solve(new LocalPasses(inst.rows(), partitions), design, config(sparsity, method), false,
        msg -> { });
  }

  /** (1/N)‖X(w* − w)‖² through the full factor: ‖R_X (w* − w)‖²/N. */
  static double predictionError(Factor full, double[] wStar, double[] w) {
    int d = wStar.length;
    double[] diff = new double[d];
    for (int j = 0; j < d; j++) {
      diff[j] = wStar[j] - w[j];
    }
    double[] r = full.rx().times(diff);
    double s = 0;
    for (double v : r) {
      s += v * v;
    }
    return s / full.rows();
  }

  /**
   * Isotropic Gaussian design, N = 1000, d = 30, k = 4, σ = 0.5, |w*_j| ≥ 1. The least-squares error of each
   * coordinate is σ/√N·√[(XᵀX/N)⁻¹]_jj ≈ 0.016 (one in 60 of the smallest signal), so the preconditioned path
   * (at τ = 0 the soft-thresholded least-squares solution) passes through the exact support except with
   * probability below d·P(|Z| &gt; 30) per seed: asserted for every seed. Which point the one-standard-error
   * rule then picks is random (a spurious column is kept when it lowers the CV error by more than one
   * standard error: roughly P(χ²₁ &gt; 3) ≈ 8% per step beyond the support), so exact recovery by the chosen model
   * is asserted for at least 8 of 10 seeds, and a missed true column (a prediction-error increase ≥ 1, a hundred
   * standard errors) for none. The chosen model's prediction error is the oracle least squares' on the true
   * support when the support is exact, and otherwise at most the oracle's plus {@link #supersetExcess} σ²/N.
   */
  @Test
  void recoversRandomSupportsOnWellConditionedDesigns() {
    int exact = 0;
    for (long seed = 1; seed <= 10; seed++) {
      Instance inst = instance(1000, 30, 4, 0.5, 1, seed);
      SparseRegression.Fit fit = fit(inst, 3, null, SparseMethod.AUTO);
      boolean onPath = fit.cv().path().stream().anyMatch(p -> p.method() == SparseMethod.PRECONDITIONED
          && Arrays.equals(Factor.support(p.coefficients()), inst.support()));
      assertTrue(onPath, "seed " + seed + ": the preconditioned path misses the support " + Arrays.toString(inst.support()));
      int[] chosen = Factor.support(fit.coefficients());
      for (int j : inst.support()) {
        assertTrue(Arrays.binarySearch(chosen, j) >= 0, "seed " + seed + ": true column " + j + " missed: "
            + Arrays.toString(chosen));
      }
      if (Arrays.equals(chosen, inst.support())) {
        exact++;
      }
      double[] oracle = fit.full().refit(inst.support(), 1e-13).coefficients();
      double oracleError = predictionError(fit.full(), inst.wStar(), oracle);
      double[] refit = fit.refit().coefficients();
      double error = predictionError(fit.full(), inst.wStar(), refit);
      int extra = chosen.length - inst.support().length;
      double bound = oracleError + 0.25 / 1000 * supersetExcess(extra, 30 - 4, 1e-6);
      assertTrue(error <= bound, "seed " + seed + ": prediction error " + error + " vs oracle " + oracleError
          + " (+ " + extra + " spurious columns: bound " + bound + ")");
      if (Arrays.equals(chosen, inst.support())) {
        assertEquals(oracleError, error, 1e-12 * oracleError);
      }
    }
    assertTrue(exact >= 8, "exact support recovered for " + exact + " of 10 seeds");
  }

  /**
   * A bound on N/σ² times the extra prediction error of least squares on a superset Ŝ ⊇ S with m columns outside
   * S, whichever m columns of the d − k the data picked: ‖X(ŵ_Ŝ − w*)‖² − ‖X(ŵ_S − w*)‖² = ‖(P_Ŝ − P_S)ξ‖² is
   * σ²·χ²_m for each fixed Ŝ, P(χ²_m ≥ m + 2√(m·x) + 2x) ≤ e^(−x) (Laurent and Massart 2000), and a union bound
   * over the C(d − k, m) supersets gives x = ln(C(d − k, m)/δ): the bound holds with probability ≥ 1 − δ.
   */
  static double supersetExcess(int m, int outside, double delta) {
    if (m == 0) {
      return 0;
    }
    double logChoose = 0;
    for (int i = 0; i < m; i++) {
      logChoose += Math.log((double) (outside - i) / (i + 1));
    }
    double x = logChoose - Math.log(delta);
    return m + 2 * Math.sqrt(m * x) + 2 * x;
  }

  /**
   * The rate at which the preconditioned path passes through the exact support, over random supports, against
   * the rate Lasso theory gives (the primal-dual witness; our analysis, not the paper's: its guarantee is on
   * prediction error, and its text beyond the abstract is not available to us). On the problem
   * ½uᵀHu − qᵀu + λ‖u‖₁ (H = H_τ, q = q_τ = H·u* + e, u* = D·w*, e = V_τ·diag(1/s)·U_τᵀ·n with n ~ N(0, σ²I),
   * so Cov(e) = σ²·V_τ·diag(1/s²)·V_τᵀ), the point at λ has exactly the signed support S of u* unless
   * |(H_SS⁻¹e_S)_i| ≥ |u*_i| − λ|(H_SS⁻¹σ_S)_i| for some i in S or |e_j − H_jS·H_SS⁻¹e_S| ≥ λ(1 − |H_jS·H_SS⁻¹σ_S|)
   * for some j outside it: Gaussian tails bound the chance of each, and their sum p(λ) bounds the failure at λ.
   * With p_i the smallest p over τ and the λ grid of seed i (a union bound, so an upper bound), every seed with
   * p_i ≤ 10⁻⁶ must succeed and the number of successes must be at least Σ(1 − p_i) − 3·(Σ p_i(1 − p_i))^½.
   * The instances (N = 2000, d = 40, k = 5, κ = 10⁸, σ = 10⁻⁴) are the correlated design with more noise, where
   * recovery depends on the support drawn.
   */
  @Test
  void recoveryRateMeetsTheWitnessBound() {
    int seeds = 40;
    int successes = 0;
    double expected = 0;
    double variance = 0;
    for (long seed = 1; seed <= seeds; seed++) {
      double sigma = 1e-4;
      Instance inst = instance(2000, 40, 5, sigma, 1e8, seed);
      RegressConfig c = config(null, SparseMethod.PRECONDITIONED);
      SparseRegression.Fit fit = fit(inst, 2, null, SparseMethod.PRECONDITIONED);
      boolean onPath = fit.cv().path().stream().anyMatch(p -> p.method() == SparseMethod.PRECONDITIONED
          && Arrays.equals(Factor.support(p.coefficients()), inst.support()));
      double p = WitnessBound.failure(fit.full(), inst.wStar(), inst.support(), sigma, c);
      if (p <= 1e-6) {
        assertTrue(onPath, "seed " + seed + ": the witness bound gives failure probability " + p + " but the path misses "
            + Arrays.toString(inst.support()));
      }
      successes += onPath ? 1 : 0;
      expected += 1 - p;
      variance += p * (1 - p);
    }
    double floor = expected - 3 * Math.sqrt(variance);
    assertTrue(successes >= floor, successes + " of " + seeds + " supports on the path; the bound gives at least " + floor);
    assertTrue(expected >= 5, "the bound must predict some successes to test anything: " + expected);
  }

  /**
   * κ = 10⁸ with strongly correlated columns (every column dominated by the same top directions), N = 2000,
   * d = 40, k = 5, σ = 10⁻⁶: plain Lasso's bias λ·(XᵀX)⁻¹·sign(w) is huge in the ill-conditioned directions and
   * its chosen model carries wrong columns; the preconditioned Lasso (whitened: the soft-thresholded least
   * squares, whose error here is σ·κ/√N-sized only in directions the truncation can drop) recovers the support
   * and has a strictly lower prediction error.
   */
  @Test
  void preconditionedBeatsPlainLassoOnCorrelatedIllConditionedDesign() {
    for (long seed = 3; seed <= 5; seed++) {
      Instance inst = instance(2000, 40, 5, 1e-6, 1e8, seed);
      SparseRegression.Fit pre = fit(inst, 2, null, SparseMethod.PRECONDITIONED);
      SparseRegression.Fit lasso = fit(inst, 2, null, SparseMethod.LASSO);
      assertTrue(pre.conditionEstimate() >= 1e7, "condition " + pre.conditionEstimate());
      assertArrayEquals(inst.support(), Factor.support(pre.coefficients()), "seed " + seed);
      assertNotEquals(Arrays.toString(inst.support()), Arrays.toString(Factor.support(lasso.coefficients())),
          "seed " + seed + ": plain Lasso recovered the support on the correlated design");
      double ePre = predictionError(pre.full(), inst.wStar(), pre.coefficients());
      double eLasso = predictionError(lasso.full(), inst.wStar(), lasso.coefficients());
      assertTrue(ePre < eLasso, "seed " + seed + ": preconditioned " + ePre + " vs lasso " + eLasso);
      SparseRegression.Fit auto = fit(inst, 2, null, SparseMethod.AUTO);
      assertEquals(SparseMethod.PRECONDITIONED, auto.cv().chosen().method());
    }
  }

  /** The full factor is the R of all rows (unique with diag ≥ 0): stacking the fold factors reproduces it. */
  @Test
  void foldFactorsReproduceTheFullFactor() {
    Instance inst = instance(600, 12, 3, 0.3, 100, 7);
    int w = 13;
    Design design = new Design(12, false, 0);
    FoldedFactors<TsqrSketch> folded = new LocalPasses(inst.rows(), 3).aggregate(
        () -> new FoldedFactors<>(design, 5, 11L, () -> new TsqrSketch(w)), 1, "folds");
    AugmentedSketch<TsqrSketch> whole = new LocalPasses(inst.rows(), 3).aggregate(
        () -> new AugmentedSketch<>(design, true, new TsqrSketch(w)), 1, "whole");
    List<Factor> parts = new ArrayList<>();
    long rows = 0;
    for (int j = 0; j < 5; j++) {
      parts.add(new Factor(folded.fold(j).result(), folded.fold(j).labels().rows()));
      rows += folded.fold(j).labels().rows();
      assertTrue(folded.fold(j).labels().rows() > 60, "fold " + j + " has " + folded.fold(j).labels().rows() + " rows");
    }
    assertEquals(600, rows);
    Matrix stacked = Factor.stack(parts).r();
    Matrix direct = whole.result();
    assertTrue(stacked.minus(direct).maxAbs() <= 1e-12 * direct.maxAbs(), "stacked vs direct R");
    // each fold's rows are fixed by (seed, key): the same assignment whatever the partitioning
    for (MatrixRow r : inst.rows().subList(0, 50)) {
      assertEquals(FoldedFactors.fold(11L, 5, r.key()), FoldedFactors.fold(11L, 5, r.key()));
    }
    FoldedFactors<TsqrSketch> other = new LocalPasses(inst.rows(), 7).aggregate(
        () -> new FoldedFactors<>(design, 5, 11L, () -> new TsqrSketch(w)), 1, "folds");
    for (int j = 0; j < 5; j++) {
      assertEquals(folded.fold(j).labels().rows(), other.fold(j).labels().rows());
    }
  }

  /**
   * The partitioning changes the TSQR merge tree, so the factors agree to rounding, not bitwise; the chosen
   * method, point and support are the same, the coefficients agree to 1e-9, and a repeated run with the
   * same partitioning is bitwise identical.
   */
  @Test
  void resultsDoNotDependOnPartitioning() {
    Instance inst = instance(800, 20, 3, 0.2, 10, 9);
    SparseRegression.Fit one = fit(inst, 1, null, SparseMethod.AUTO);
    for (int parts : new int[] {3, 16}) {
      SparseRegression.Fit f = fit(inst, parts, null, SparseMethod.AUTO);
      assertEquals(one.cv().chosen().method(), f.cv().chosen().method());
      assertEquals(one.cv().chosen().step(), f.cv().chosen().step());
      assertArrayEquals(Factor.support(one.coefficients()), Factor.support(f.coefficients()));
      for (int j = 0; j < 20; j++) {
        assertEquals(one.coefficients()[j], f.coefficients()[j], 1e-9, "coefficient " + j + " at " + parts + " partitions");
      }
    }
    SparseRegression.Fit again = fit(inst, 3, null, SparseMethod.AUTO);
    assertArrayEquals(fit(inst, 3, null, SparseMethod.AUTO).coefficients(), again.coefficients());
  }

  /** --sparsity K bounds every candidate; the OMP path then has exactly K steps. */
  @Test
  void sparsityBoundsTheModel() {
    Instance inst = instance(800, 20, 4, 0.2, 1, 12);
    SparseRegression.Fit two = fit(inst, 2, 2, SparseMethod.AUTO);
    assertTrue(Factor.support(two.coefficients()).length <= 2);
    SparseRegression.Fit omp = fit(inst, 2, 4, SparseMethod.OMP);
    assertArrayEquals(inst.support(), Factor.support(omp.coefficients()));
    assertEquals(4, omp.cv().path().size());
    // standard errors on the support, NaN off it
    for (int j = 0; j < 20; j++) {
      boolean on = Arrays.binarySearch(inst.support(), j) >= 0;
      assertEquals(on, !Double.isNaN(omp.standardErrors()[j]), "column " + j);
    }
  }

  /** --sparsity beyond d, or beyond the rank of A (a duplicated column), is a usage error with the reason. */
  @Test
  void sparsityBeyondDOrRankIsAUsageError() {
    Instance inst = instance(300, 6, 2, 0.1, 1, 2);
    UsageException big = assertThrows(UsageException.class, () -> fit(inst, 2, 7, SparseMethod.AUTO));
    assertTrue(big.getMessage().contains("d = 6"), big.getMessage());
    List<MatrixRow> dup = new ArrayList<>();
    for (MatrixRow r : inst.rows()) {
      double[] v = r.values().clone();
      v[5] = v[4];
      dup.add(MatrixRow.dense(r.key(), r.id(), r.label(), null, v));
    }
    Instance rankFive = new Instance(dup, inst.support(), inst.wStar());
    UsageException rank = assertThrows(UsageException.class, () -> fit(rankFive, 2, 6, SparseMethod.AUTO));
    assertTrue(rank.getMessage().contains("rank 5"), rank.getMessage());
  }

  static SparseRegression.Fit fitWithIntercept(Instance inst, boolean gram) {
    Design design = new Design(inst.wStar().length, true, 0);
    RegressConfig c = RegressConfig.builder().input(InputOptions.of("unused.csv").withLabelCol("0")).lasso(true)
        .intercept(true).seed(11).build();
    return SparseRegression.solve(new LocalPasses(inst.rows(), 3), design, c, gram, msg -> { });
  }

  /**
   * --intercept: shifting column j by μ_j = 20 + 5j and the labels by c₀ + μᵀw* (c₀ = 7) gives y = X'·w* + c₀ + ξ.
   * A fit with an intercept is translation invariant, so on the shifted rows it must choose the same method,
   * point and support as on the original rows, with the same coefficients (to the rounding of the larger
   * entries) and intercept ĉ + c₀ + μᵀ(w* − ŵ); the support is the true one (this seed recovers it); the refit
   * and its standard errors are ordinary least squares on [1 X'_S], computed here from the rows. The Gram path
   * (sparse rows) gives the same model. A label shift alone is what a fit without the intercept cannot absorb.
   */
  @Test
  void interceptIsProfiledOutOfEveryFactor() {
    Instance inst = instance(1000, 30, 4, 0.5, 1, 1);
    int d = 30;
    double c0 = 7;
    double[] mu = new double[d];
    double shift = c0;
    for (int j = 0; j < d; j++) {
      mu[j] = 20 + 5 * j;
      shift += mu[j] * inst.wStar()[j];
    }
    List<MatrixRow> moved = new ArrayList<>();
    for (MatrixRow r : inst.rows()) {
      double[] v = r.values().clone();
      for (int j = 0; j < d; j++) {
        v[j] += mu[j];
      }
      moved.add(MatrixRow.dense(r.key(), r.id(), r.label() + shift, null, v));
    }
    Instance shifted = new Instance(moved, inst.support(), inst.wStar());
    SparseRegression.Fit base = fitWithIntercept(inst, false);
    SparseRegression.Fit fit = fitWithIntercept(shifted, false);
    CrossValidation.Point a = base.cv().chosen();
    CrossValidation.Point b = fit.cv().chosen();
    assertEquals(a.method(), b.method());
    assertEquals(a.step(), b.step());
    assertEquals(a.tau(), b.tau());
    assertArrayEquals(inst.support(), Factor.support(b.coefficients()));
    double expected = base.intercept().of(a.coefficients()) + c0;
    for (int j = 0; j < d; j++) {
      assertEquals(a.coefficients()[j], b.coefficients()[j], 1e-9, "coefficient " + j);
      expected += mu[j] * (inst.wStar()[j] - a.coefficients()[j]);
    }
    assertEquals(expected, fit.intercept().of(b.coefficients()), 1e-8 * Math.abs(shift));

    // the refit against least squares on [1 X'_S] from the rows, with its standard errors
    int[] s = inst.support();
    double[] z = new double[moved.size() * (s.length + 2)];
    int n = moved.size();
    for (int i = 0; i < n; i++) {
      z[i] = 1;
      for (int k = 0; k < s.length; k++) {
        z[i + (k + 1) * n] = moved.get(i).values()[s[k]];
      }
      z[i + (s.length + 1) * n] = moved.get(i).label();
    }
    Factor ols = new Factor(QrDecomposition.rOnly(new Matrix(n, s.length + 2, z)), n);
    TruncatedInverse inv = TruncatedInverse.of(ols.rx(), 1e-13);
    double[] x = inv.solve(ols.z());
    double sigma = Math.sqrt(ols.squares(x) / (n - s.length - 1));
    double[] diag = inv.normalInverseDiagonal();
    assertEquals(x[0], fit.intercept().of(fit.refit().coefficients()), 1e-9 * Math.abs(shift), "refit intercept");
    assertEquals(sigma, fit.sigma(), 1e-9 * sigma);
    assertEquals(sigma * Math.sqrt(diag[0]), fit.interceptStandardError(), 1e-6 * sigma * Math.sqrt(diag[0]));
    for (int k = 0; k < s.length; k++) {
      assertEquals(x[k + 1], fit.refit().coefficients()[s[k]], 1e-9, "refit coefficient " + s[k]);
      assertEquals(sigma * Math.sqrt(diag[k + 1]), fit.standardErrors()[s[k]], 1e-6 * sigma * Math.sqrt(diag[k + 1]));
    }

    SparseRegression.Fit gram = fitWithIntercept(shifted, true);
    assertEquals(b.method(), gram.cv().chosen().method());
    assertArrayEquals(Factor.support(b.coefficients()), Factor.support(gram.coefficients()));
    for (int j = 0; j < d; j++) {
      assertEquals(b.coefficients()[j], gram.coefficients()[j], 1e-7, "Gram path, coefficient " + j);
    }

    // labels shifted by c₀ alone (columns of mean ≈ 0 cannot absorb it): without the intercept the CV error
    // is about σ² + c₀² (49.25), with it σ² (0.25) and the intercept within 5 standard errors of c₀
    List<MatrixRow> lifted = new ArrayList<>();
    for (MatrixRow r : inst.rows()) {
      lifted.add(MatrixRow.dense(r.key(), r.id(), r.label() + c0, null, r.values()));
    }
    Instance up = new Instance(lifted, inst.support(), inst.wStar());
    SparseRegression.Fit with = fitWithIntercept(up, false);
    SparseRegression.Fit none = fit(up, 3, null, SparseMethod.AUTO);
    assertTrue(none.cv().chosen().cvError() > 40, "without the intercept: CV error " + none.cv().chosen().cvError());
    assertTrue(with.cv().chosen().cvError() < 0.3, "with the intercept: CV error " + with.cv().chosen().cvError());
    double c = with.intercept().of(with.refit().coefficients());
    assertTrue(Math.abs(c - c0) < 5 * with.interceptStandardError(), c + " +- " + with.interceptStandardError());
  }

  static SparseRegression.Fit fitElastic(Instance inst, boolean intercept, double ridge, boolean gram) {
    Design design = new Design(inst.wStar().length, intercept, 0);
    RegressConfig c = RegressConfig.builder().input(InputOptions.of("unused.csv").withLabelCol("0")).lasso(true)
        .intercept(intercept).ridge(ridge).sparseMethod(SparseMethod.LASSO).seed(11).build();
    return SparseRegression.solve(new LocalPasses(inst.rows(), 3), design, c, gram, msg -> { });
  }

  /**
   * --ridge λ₂ with --lasso: every point of the path satisfies the optimality (KKT) conditions of the elastic net
   * (1/2N)(‖Xw (+ c) − y‖² + λ₂‖w‖²) + λ‖w‖₁, checked here from the rows themselves (centred for the intercept):
   * with g = (Xᵀ(Xw − y) + λ₂w)/N, g_j = −λ·sign(w_j) where w_j ≠ 0 and |g_j| ≤ λ elsewhere, within the stopping
   * rule's tolerance. λ₂ = N/2 (MLlib's regParam·(1 − α) = 1/2) is large enough that the Lasso's own solutions
   * fail these conditions. Each point's training error is the data's ‖Xw (+ c) − y‖²/N, without the penalty. The
   * Gram path (sparse rows) gives the same path.
   */
  @Test
  void ridgeMakesTheLassoPathTheElasticNets() {
    Instance base = instance(800, 15, 3, 0.3, 1, 5);
    List<MatrixRow> lifted = new ArrayList<>();
    for (MatrixRow r : base.rows()) {
      lifted.add(MatrixRow.dense(r.key(), r.id(), r.label() + 3, null, r.values()));
    }
    for (boolean intercept : new boolean[] {false, true}) {
      Instance inst = intercept ? new Instance(lifted, base.support(), base.wStar()) : base;
      int n = inst.rows().size();
      int d = 15;
      double ridge = 0.5 * n;
      double[][] x = new double[n][];
      double[] y = new double[n];
      double[] mx = new double[d];
      double my = 0;
      for (int i = 0; i < n; i++) {
        x[i] = inst.rows().get(i).values().clone();
        y[i] = inst.rows().get(i).label();
        for (int j = 0; j < d; j++) {
          mx[j] += x[i][j] / n;
        }
        my += y[i] / n;
      }
      SparseRegression.Fit fit = fitElastic(inst, intercept, ridge, false);
      SparseRegression.Fit lasso = fitElastic(inst, intercept, 0, false);
      SparseRegression.Fit gram = fitElastic(inst, intercept, ridge, true);
      int checked = 0;
      boolean lassoFails = false;
      for (int p = 0; p < fit.cv().path().size(); p++) {
        CrossValidation.Point pt = fit.cv().path().get(p);
        double lambda = pt.lambda();
        double[] w = pt.coefficients();
        double c = intercept ? my - dot(mx, w) : 0;
        double[] g = new double[d];
        double rss = 0;
        for (int i = 0; i < n; i++) {
          double e = dot(x[i], w) + c - y[i];
          rss += e * e;
          for (int j = 0; j < d; j++) {
            g[j] += x[i][j] * e / n;
          }
        }
        assertEquals(rss / n, pt.trainingError(), 1e-9 * rss / n, "training error without the penalty, point " + p);
        double tol = 1e-7;
        for (int j = 0; j < d; j++) {
          double gj = g[j] + ridge * w[j] / n;
          if (w[j] != 0) {
            assertEquals(-lambda * Math.signum(w[j]), gj, tol, "KKT of nonzero " + j + " at point " + p);
          } else {
            assertTrue(Math.abs(gj) <= lambda + tol, "KKT of zero " + j + " at point " + p + ": " + gj + " > " + lambda);
          }
        }
        checked++;
        // the Lasso's solution at the same λ (the same grid: λ_max = |Xᵀy|∞/N) violates the elastic net's conditions
        double[] v = lasso.cv().path().get(p).coefficients();
        double cv = intercept ? my - dot(mx, v) : 0;
        double[] h = new double[d];
        for (int i = 0; i < n; i++) {
          double e = dot(x[i], v) + cv - y[i];
          for (int j = 0; j < d; j++) {
            h[j] += x[i][j] * e / n;
          }
        }
        for (int j = 0; j < d; j++) {
          double hj = h[j] + ridge * v[j] / n;
          lassoFails |= v[j] != 0 ? Math.abs(hj + lambda * Math.signum(v[j])) > 1e-3 : Math.abs(hj) > lambda + 1e-3;
        }
        double[] u = gram.cv().path().get(p).coefficients();
        for (int j = 0; j < d; j++) {
          assertEquals(w[j], u[j], 1e-7, "Gram path, point " + p + ", coefficient " + j);
        }
      }
      assertEquals(50, checked);
      assertTrue(lassoFails, "lambda_2 changes the solutions");
      assertEquals(null, fit.standardErrors(), "no least-squares standard errors for a penalised refit");
    }
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }
}
