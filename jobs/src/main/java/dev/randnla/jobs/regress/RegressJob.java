package dev.randnla.jobs.regress;

import dev.randnla.io.MatrixFormat;
import dev.randnla.io.Summary;
import dev.randnla.io.UsageException;
import dev.randnla.jobs.InputParams;
import dev.randnla.jobs.JobFrame;
import dev.randnla.linalg.Compensated;
import dev.randnla.linalg.TruncatedInverse;
import dev.randnla.sketch.SketchKind;
import dev.randnla.spark.JobRun;
import dev.randnla.spark.MatrixInput;
import dev.randnla.spark.Resources;
import dev.randnla.spark.RowCache;
import dev.randnla.spark.RowOutputs;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * {@code regress}: least squares min ‖A·x (+ c) − b‖² + λ‖x‖² on a row stream, b the label column
 * (docs/algorithms.md, regress); with a weight column (--weight-col) min Σ wᵢ(aᵢ·x (+ c) − bᵢ)² + λ‖x‖²,
 * every solver working on the rows scaled by √wᵢ ({@link Design}). Solvers: {@link ExactSolver} (TSQR, one pass), {@link SketchSolver}
 * (sketch-and-solve, optionally sized for the ℓ∞ guarantee), {@link PreconditionSolver} (default:
 * sketch → R → preconditioned CG with double-double gradients, accurate to ≈ u at any κ·u &lt; 1),
 * {@link SampleSolver} (leverage-score sampling) and {@link IhsSolver} (iterative Hessian sketch).
 * An intercept is a ones column (sparse rows stay sparse); ridge rows are folded into the R factors.
 *
 * <p>Outputs: coefficients.csv (one coefficient per input column), summary.json (residual norm,
 * relative residual, R², iterations, passes, condition estimates, standard errors, the solver's
 * diagnostics), and with --residuals the per-row residual and fitted value.
 *
 * <p>Cost: see each solver; the driver holds the sketch (m·(p+1) doubles) or R ((p+1)²).
 */
public final class RegressJob {
  /**
   * precondition's default uses the exact TSQR R up to this p when rows are dense (not LIBSVM): one
   * TSQR pass (2(p+1)² flops per row) costs less than the 20–45 passes a sketch's distortion costs the
   * iteration (bench/RESULTS.md: at p = 2000 the TSQR pass is ≈ 12 reads, the sketch path 46 passes),
   * and (p+1)² doubles per task stay within ≈ 130 MB.
   */
  static final int TSQR_PRECONDITIONER_MAX_P = 4096;
  /** The sketch rows the defaults aim at: 20·p, at least 4·p, within this many doubles per task. */
  static final long SKETCH_BUDGET_DOUBLES = 1L << 23;
  /** exact warns when its forward-error bound u·(κ + κ²·tanθ) exceeds this. */
  static final double EXACT_ERROR_WARNING = 1e-6;
  /** sketch and sample warn when the estimated relative error of the coefficients exceeds this. */
  static final double APPROXIMATE_ERROR_WARNING = 1e-2;

  private RegressJob() {}

  /** The job's doors ({@link JobFrame}); an input already open needs a label column. */
  public static final JobFrame<RegressConfig, RegressResult> FRAME = JobFrame.of("regress", RegressJob::compute);

  private static RegressResult compute(JobRun run, RegressConfig config, MatrixInput input) {
    if (input.format() != MatrixFormat.LIBSVM && config.input().labelCol() == null) {
      throw new UsageException(RegressConfig.missingLabel(input.format()));
    }
    if (config.sparse()) {
      return SparseRegression.run(run, input, config);
    }
    Design design = new Design(input.cols(), config.intercept(), config.ridge());
    SolverSettings settings = settings(config, design.p(), input.format() != MatrixFormat.LIBSVM, run);
    checkMemory(run.spark().sparkContext(), config.solver(), settings, design.p());
    boolean multiPass = config.solver() != Solver.EXACT && !(config.solver() == Solver.SKETCH && !config.evaluate())
        || config.residuals();
    RowCache cache = RowCache.apply(config.cache(), input, multiPass);
    try {
      Passes passes = new SparkPasses(input);
      Solution sol = run.stage("solve", () -> switch (config.solver()) {
        case EXACT -> ExactSolver.solve(passes, design, settings);
        case SKETCH -> SketchSolver.solve(passes, design, settings);
        case PRECONDITION -> PreconditionSolver.solve(passes, design, settings);
        case SAMPLE -> SampleSolver.solve(passes, design, settings);
        case IHS -> IhsSolver.solve(passes, design, settings);
      });
      run.recordInput(input, null);
      double rss = sol.residualSquares();
      double eta = sol.relativeNormalResidual();
      if (Double.isNaN(rss) && config.evaluate()) {
        GradientPass eval = run.stage("evaluate", () -> PreconditionSolver.Iterate.pass(passes, design,
            Compensated.Vector.of(sol.x()), null, "regress: exact residual of the solution"));
        rss = eval.residualSquares();
        Compensated.Vector x = Compensated.Vector.of(sol.x());
        eta = PreconditionSolver.relative(sol.factor().normalSolve(eval.gradient(x)).norm2(), x.norm2());
      }
      if (config.residuals()) {
        run.stage("residuals", () -> writeResiduals(run, input, design, sol.x()));
      }
      run.summary().spark("rowCache", cache.report(input));
      return report(run, input, config, design, settings, sol, rss, eta);
    } finally {
      input.releaseRows();
    }
  }

  /** Defaults resolved for this p (dense: the rows are not LIBSVM). */
  static SolverSettings settings(RegressConfig config, int p, boolean dense, JobRun run) {
    boolean defaults = config.sketch() == null && config.sketchSize() == 0 && config.nnzPerCol() == null
        && !config.linf();
    boolean exactR = config.solver() == Solver.PRECONDITION && (config.tsqr()
        || config.sketch() == null && config.sketchSize() == 0 && dense && p <= TSQR_PRECONDITIONER_MAX_P);
    // sparse rows: the Gram of [A b] costs O(nnz²) per row where TSQR would densify each row (2p² flops)
    boolean gramR = config.solver() == Solver.PRECONDITION && !exactR && defaults && !dense
        && p <= TSQR_PRECONDITIONER_MAX_P;
    SketchKind kind = config.sketch() != null ? config.sketch() : config.linf() ? SketchKind.GAUSSIAN : SketchKind.OSNAP;
    LinfSizing linf = config.linf() ? LinfSizing.of(p, config.eps(), config.delta()) : null;
    int m = config.sketchSize() > 0 ? config.sketchSize() : linf != null ? linf.rows() : defaultSketchRows(p);
    int nnz = config.nnzPerCol() != null ? config.nnzPerCol() : RegressConfig.DEFAULT_NNZ_PER_COL;
    int sample = config.sampleSize() > 0 ? config.sampleSize() : (int) Math.min(Integer.MAX_VALUE - 8, 40L * Math.max(1, p));
    return new SolverSettings(kind, exactR, gramR, m, Math.min(nnz, m), config.seed(), config.tol(), config.maxIter(), config.rcond(),
        sample, config.projection(), linf, run::log);
  }

  /** 20·p rows, but at least 4·p and otherwise within {@link #SKETCH_BUDGET_DOUBLES} per sketch. */
  static int defaultSketchRows(int p) {
    long q = Math.max(1, p);
    long m = Math.max(4 * q, Math.min(20 * q, SKETCH_BUDGET_DOUBLES / (q + 1)));
    return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(m, q + 1));
  }

  static void checkMemory(SparkContext sc, Solver solver, SolverSettings s, int p) {
    long w = p + 1L;
    if (solver == Solver.EXACT || s.exactR() || s.gramR()) {
      Resources.requireTask(sc, "TSQR of [A b]", Resources.denseBytes(w, w) + (8L << 20),
          "use --solver precondition (its tasks hold a sketch of m x (p+1) doubles)");
      Resources.requireDriver(sc, "the R factor of [A b]", 4 * Resources.denseBytes(w, w),
          "use --solver precondition with a smaller --sketch-size");
      return;
    }
    long m = s.sketchRows();
    String advice = "lower --sketch-size (at least 2p; 4p keeps the preconditioned condition number near 3)";
    Resources.requireTask(sc, "a sketch of " + m + " x " + w, Resources.denseBytes(m, w) + (8L << 20), advice);
    Resources.requireDriver(sc, "the sketch of " + m + " x " + w + " and its QR", 3 * Resources.denseBytes(m, w), advice);
  }

  static void writeResiduals(JobRun run, MatrixInput input, Design design, double[] x) {
    JavaRDD<Tuple2<Long, double[]>> rows = input.rows().map(r -> {
      double b = Design.label(r);
      double fitted = r.dot(x) + (design.intercept() ? x[design.d()] : 0.0);
      return new Tuple2<>(r.id(), new double[] {b - fitted, fitted});
    });
    RowOutputs.write(run, "residuals", rows, List.of("residual", "fitted"));
  }

  private static RegressResult report(JobRun run, MatrixInput input, RegressConfig config, Design design,
      SolverSettings s, Solution sol, double rss, double eta) {
    Summary summary = run.summary();
    int d = design.d();
    int p = design.p();
    LabelMoments labels = sol.labels();
    long n = labels.rows();
    TruncatedInverse factor = sol.factor();
    int rank = factor.rank();
    boolean exactResidual = !Double.isNaN(rss);
    double residualSquares = exactResidual ? rss : sol.sketchResidualSquares();
    double residualNorm = Math.sqrt(Math.max(0, residualSquares));
    double bNorm = Math.sqrt(labels.squares());
    double tssCentered = labels.centeredSquares();
    double r2Uncentered = labels.squares() == 0 ? 1.0 : 1 - residualSquares / labels.squares();
    double r2Centered = tssCentered == 0 ? Double.NaN : 1 - residualSquares / tssCentered;
    double[] x = sol.x();
    double[] coefficients = java.util.Arrays.copyOf(x, d);
    double intercept = design.intercept() ? x[d] : Double.NaN;

    InputParams.putSource(summary, input);
    summary.param("labelCol", input.format() == MatrixFormat.LIBSVM ? "libsvm label" : config.input().labelCol());
    if (config.input().weightCol() != null) {
      summary.param("weightCol", config.input().weightCol());
    }
    InputParams.putReading(summary, input);
    summary.param("solver", config.solver().cliName());
    if (s.exactR()) {
      summary.param("sketch", "tsqr");
    } else if (s.gramR()) {
      // the Gram's Cholesky factor first; the sketch below only when it is refused (result: preconditioner)
      summary.param("sketch", "gram, else " + s.sketch().cliName());
      summary.param("sketchSize", s.sketchRows());
    } else if (config.solver() != Solver.EXACT) {
      summary.param("sketch", s.sketch().cliName());
      summary.param("sketchSize", s.sketchRows());
      if (s.sketch() == SketchKind.OSNAP) {
        summary.param("nnzPerCol", s.nnzPerCol());
      }
    }
    if (config.solver() == Solver.PRECONDITION || config.solver() == Solver.IHS) {
      summary.param("tol", config.tol());
      summary.param("maxIter", config.maxIter());
    }
    if (config.solver() == Solver.SAMPLE) {
      summary.param("sampleSize", s.sampleSize());
      summary.param("projection", s.projection());
    }
    summary.param("ridge", config.ridge());
    summary.param("intercept", config.intercept());
    summary.param("guarantee", config.linf() ? "linf" : "l2");
    if (config.linf()) {
      summary.param("eps", config.eps());
      summary.param("delta", config.delta());
    }
    summary.param("rcond", config.rcond());
    summary.param("evaluate", config.evaluate());
    summary.param("residuals", config.residuals());
    summary.param("seed", config.seed());

    summary.result("rows", n);
    summary.result("cols", d);
    summary.result("unknowns", p);
    if (design.intercept()) {
      summary.result("intercept", intercept);
    }
    summary.result("residualNorm", residualNorm);
    summary.result("residualNormSource", exactResidual ? "exact pass over the data"
        : "sketched problem (within the sketch's distortion; run with --evaluate for the exact value)");
    summary.result("relativeResidual", bNorm == 0 ? 0.0 : residualNorm / bNorm);
    summary.result("rSquared", design.intercept() ? r2Centered : r2Uncentered);
    summary.result("rSquaredCentered", r2Centered);
    summary.result("rSquaredUncentered", r2Uncentered);
    summary.result("iterations", sol.iterations());
    if (!Double.isNaN(eta)) {
      summary.result("relativeNormalResidual", eta);
    }
    summary.result("rank", rank);
    summary.result("conditionEstimate", factor.conditionEstimate());
    summary.result("conditionEstimateSource", sol.factorExact() && s.gramR() ? "the Cholesky factor of AᵀA"
        : sol.factorExact()
        ? "R of the exact QR of [A" + (design.intercept() ? " 1" : "") + "]" + (design.ridge() > 0 ? " with the ridge rows" : "")
        : "R of the sketch: within a factor κ(A·R⁻¹) of κ(A)");
    if (config.solver() == Solver.PRECONDITION || !Double.isNaN(sol.preconditionedCondition())) {
      summary.result("preconditionedConditionEstimate", sol.preconditionedCondition());
    }
    if (config.solver() == Solver.PRECONDITION) {
      summary.result("preconditionedConditionEstimateSource", Double.isNaN(sol.preconditionedCondition())
          ? "not estimated: fewer than two CG steps were needed" : "Ritz values of the CG iteration (a lower estimate)");
    }
    double[] se = standardErrors(sol, s.gramR(), design, n, rank, residualSquares, summary);
    for (Map.Entry<String, Object> e : sol.details().entrySet()) {
      summary.result(e.getKey(), e.getValue());
    }
    for (String w : sol.warnings()) {
      summary.warn(w);
    }
    if (rank < p) {
      summary.warn("A" + (design.intercept() ? " with the intercept column" : "") + " has numerical rank " + rank + " < " + p
          + " (singular values below --rcond " + config.rcond() + " x the largest): the minimum-norm solution is returned.");
    }
    if (n < p) {
      summary.warn("Fewer rows (" + n + ") than unknowns (" + p + "): the problem is underdetermined.");
    }
    if (config.solver() == Solver.EXACT && rank == p && n > 0) {
      double fitted = Math.sqrt(Math.max(0, labels.squares() - residualSquares));
      double tanTheta = fitted == 0 ? Double.POSITIVE_INFINITY : residualNorm / fitted;
      double kappa = factor.conditionEstimate();
      double bound = 0x1p-53 * (kappa + kappa * kappa * tanTheta);
      summary.result("forwardErrorBound", bound);
      if (bound > EXACT_ERROR_WARNING) {
        summary.warn(String.format(Locale.ROOT, "exact (TSQR) is backward stable, but at κ ≈ %.2g with tan θ = "
            + "‖r‖/‖Ax‖ ≈ %.2g its coefficients may carry a relative error up to u·(κ + κ²·tanθ) ≈ %.2g; "
            + "--solver precondition refines with double-double gradients to ≈ u.", kappa, tanTheta, bound));
      }
    }
    if (config.solver() == Solver.SKETCH || config.solver() == Solver.SAMPLE) {
      Object model = sol.details().get("relativeErrorFromSketch");
      double rel = !Double.isNaN(eta) ? eta : model instanceof Double v ? v : Double.NaN;
      summary.result("relativeForwardErrorEstimate", rel);
      if (rel > APPROXIMATE_ERROR_WARNING) {
        summary.warn(String.format(Locale.ROOT, "%s: the coefficients' estimated relative error is %.2g (%s), "
            + "while the residual is within (1 + eps) of the optimum: the error grows with the residual "
            + "(tan θ = ‖r‖/‖Ax‖) and with κ(A) ≈ %.2g. Use --solver precondition or exact for accurate coefficients.",
            config.solver().cliName(), rel, !Double.isNaN(eta) ? "from the exact gradient at x" : "sketch model",
            factor.conditionEstimate()));
      }
    }
    if (n == 0) {
      summary.warn("The input has no valid rows; the coefficients are zero.");
    }
    run.writeVector("coefficients.csv", coefficients);
    Summary done = run.finish(input);
    double seconds = ((Number) ((Map<?, ?>) done.get("seconds")).get("total")).doubleValue();
    return new RegressResult(coefficients, intercept, residualNorm, exactResidual,
        design.intercept() ? r2Centered : r2Uncentered, n, rank, sol.iterations(), eta, factor.conditionEstimate(), se,
        input.passes(), seconds, done.warnings(), done.toJson());
  }

  /**
   * σ̂·√[(RᵀR)⁻¹]ⱼⱼ with σ̂² = RSS/(n − p): exact from the TSQR R, approximate (within the sketch's
   * distortion) from a sketch's R; omitted with ridge (not the sampling variance of a penalised
   * fit), rank deficiency, or n ≤ p.
   */
  private static double[] standardErrors(Solution sol, boolean gram, Design design, long n, int rank, double rss,
      Summary summary) {
    int p = design.p();
    String reason = null;
    if (design.ridge() > 0) {
      reason = "not reported with --ridge (the R factor then describes the penalised problem)";
    } else if (rank < p) {
      reason = "not reported: A is rank deficient";
    } else if (n <= p) {
      reason = "not reported: no residual degrees of freedom (rows <= unknowns)";
    }
    if (reason != null) {
      summary.result("standardErrorsFrom", reason);
      return null;
    }
    double sigma = Math.sqrt(rss / (n - p));
    double[] diag = sol.factor().normalInverseDiagonal();
    double[] se = new double[p];
    for (int j = 0; j < p; j++) {
      se[j] = sigma * Math.sqrt(diag[j]);
    }
    summary.result("residualStandardError", sigma);
    summary.result("degreesOfFreedom", n - p);
    summary.result("standardErrors", se);
    summary.result("standardErrorsFrom", sol.factorExact() ? (gram ? "the Cholesky factor of AᵀA (RᵀR within p·u·κ² of AᵀA)"
        : "exact R (TSQR)")
        : "the sketch's R: each within the factor κ(A·R⁻¹) of the exact standard error");
    return se;
  }
}
