package dev.randnla.jobs.regress;

import dev.randnla.jobs.JobConfig;
import dev.randnla.jobs.JobConfigBuilder;
import dev.randnla.io.InputOptions;
import dev.randnla.io.MatrixFormat;
import dev.randnla.io.OutputOptions;
import dev.randnla.io.Violations;
import dev.randnla.jobs.regress.sparse.SparseMethod;
import dev.randnla.sketch.SketchKind;
import dev.randnla.spark.RowCache;
import java.util.Objects;

/**
 * What {@code regress} solves and how: min ‖A·x (+ c) − b‖² + λ‖x‖² with b the label column.
 *
 * @param input the input (the label from --label-col, or the LIBSVM label)
 * @param output the output directory (or {@link OutputOptions#none()})
 * @param solver the solver
 * @param sketch the sketch, or null for the solver's default (OSNAP; Gaussian for the ℓ∞ guarantee; for
 *     precondition the exact TSQR R when rows are dense and p ≤ {@link RegressJob#TSQR_PRECONDITIONER_MAX_P})
 * @param tsqr precondition with the exact R of TSQR (S = I) instead of a sketch
 * @param sketchSize sketch rows m, or 0 for the default
 * @param nnzPerCol OSNAP nonzeros per column, or null for 8
 * @param tol iterative solvers stop when the relative normal-equation residual is at most this
 * @param maxIter most iterations of an iterative solver
 * @param ridge λ ≥ 0 (the intercept is not penalised)
 * @param intercept fit an intercept c (as a ones column, so sparse rows stay sparse)
 * @param linf size a Gaussian sketch-and-solve for the ℓ∞ guarantee (Song et al. 2023)
 * @param eps ε of the ℓ∞ guarantee
 * @param delta failure probability of the ℓ∞ guarantee
 * @param sampleSize expected rows kept by {@code sample}, or 0 for the default 40·p
 * @param projection JL columns for the approximate leverage scores of {@code sample} (0: none)
 * @param rcond singular values of R below rcond·σ₁ count as zero (minimum-norm solution)
 * @param evaluate run one more pass to compute the exact residual of an approximate solution
 * @param residuals write per-row residuals and fitted values
 * @param cache keep the parsed rows in executor memory between passes (null: auto)
 * @param sparsity sparse regression: at most this many nonzero coefficients (null: no bound; see --lasso)
 * @param lasso sparse regression over the whole regularisation path, the model chosen by cross-validation
 * @param sparseMethod sparse regression's solver (null: auto, the lowest cross-validated error)
 * @param folds sparse regression: cross-validation folds K (0: the default 5)
 * @param lambdas sparse regression: points per λ path (0: the default 50)
 * @param seed the seed of every random choice
 * @param quiet no progress output
 */
public record RegressConfig(InputOptions input, OutputOptions output, Solver solver, SketchKind sketch, boolean tsqr,
    int sketchSize,
    Integer nnzPerCol, double tol, int maxIter, double ridge, boolean intercept, boolean linf, double eps, double delta,
    int sampleSize, int projection, double rcond, boolean evaluate, boolean residuals, RowCache.Mode cache,
    Integer sparsity, boolean lasso, SparseMethod sparseMethod, int folds, int lambdas, long seed, boolean quiet)
    implements JobConfig {

  public static final double DEFAULT_TOL = 1e-12;
  public static final int DEFAULT_MAX_ITER = 100;
  public static final int DEFAULT_NNZ_PER_COL = 8;
  public static final double DEFAULT_EPS = 0.5;
  public static final double DEFAULT_DELTA = 0.01;
  public static final int DEFAULT_PROJECTION = 100;
  public static final double DEFAULT_RCOND = 1e-13;
  public static final int DEFAULT_FOLDS = 5;
  public static final int DEFAULT_LAMBDAS = 50;
  /** The λ path runs from λ_max down to λ_max times this. */
  public static final double LAMBDA_RATIO = 1e-3;

  public RegressConfig {
    Violations v = JobConfig.violations(input);
    output = JobConfig.outputOrNone(output);
    cache = Objects.requireNonNullElse(cache, RowCache.Mode.AUTO);
    sparseMethod = Objects.requireNonNullElse(sparseMethod, SparseMethod.AUTO);
    if (folds == 0) {
      folds = DEFAULT_FOLDS;
    }
    if (lambdas == 0) {
      lambdas = DEFAULT_LAMBDAS;
    }
    if (solver == null) {
      solver = linf ? Solver.SKETCH : Solver.PRECONDITION;
    }
    if (input != null && input.labelCol() == null && input.format() != null && input.format() != MatrixFormat.LIBSVM) {
      v.add(missingLabel(input.format()));
    }
    v.require(sketchSize >= 0, "--sketch-size must be positive (0 for the default): " + sketchSize);
    v.require(nnzPerCol == null || nnzPerCol >= 1, "--nnz-per-col must be at least 1: " + nnzPerCol);
    v.require(nnzPerCol == null || sketch == null || sketch == SketchKind.OSNAP,
        "--nnz-per-col applies to --sketch osnap only");
    boolean sketchOptions = sketch != null || sketchSize > 0 || nnzPerCol != null;
    v.require(!tsqr || solver == Solver.PRECONDITION,
        "--sketch tsqr (the exact R as preconditioner) applies to --solver precondition only");
    v.require(!tsqr || !sketchOptions, "--sketch tsqr uses no sketch: drop --sketch-size and --nnz-per-col");
    v.require(solver != Solver.EXACT || !sketchOptions,
        "--sketch, --sketch-size and --nnz-per-col do not apply to --solver exact (TSQR reads every row)");
    v.require(tol > 0 && tol < 1, "--tol must be in (0, 1): " + tol);
    v.require(maxIter >= 0, "--max-iter must be non-negative: " + maxIter);
    v.require(ridge >= 0 && !Double.isInfinite(ridge), "--ridge must be a finite number >= 0: " + ridge);
    v.require(eps > 0 && eps <= 1, "--eps must be in (0, 1]: " + eps);
    v.require(delta > 0 && delta < 1, "--delta must be in (0, 1): " + delta);
    if (linf) {
      v.require(solver == Solver.SKETCH, "--guarantee linf sizes a sketch-and-solve (--solver sketch); --solver "
          + solver.cliName() + " meets the ℓ∞ bound outright (its error is at the tolerance)");
      v.require(sketch == null || sketch == SketchKind.GAUSSIAN,
          "--guarantee linf needs a dense Gaussian sketch (sparse sketches cannot give the ℓ∞ bound, "
              + "Song et al. 2023): drop --sketch or use --sketch gaussian");
      v.require(sketchSize <= 0, "--guarantee linf sizes the sketch from --eps and --delta: drop --sketch-size");
      if (ridge > 0) {
        v.add("--guarantee linf is stated for unregularised least squares: drop --ridge");
      }
    }
    v.require(sampleSize >= 0, "--sample-size must be positive (0 for the default): " + sampleSize);
    v.require(sampleSize <= 0 || solver == Solver.SAMPLE, "--sample-size applies to --solver sample");
    v.require(projection >= 0, "--projection must be non-negative: " + projection);
    v.require(rcond > 0 && rcond < 1, "--rcond must be in (0, 1): " + rcond);
    v.require(sparsity == null || sparsity >= 1, "--sparsity must be at least 1: " + sparsity);
    v.require(folds >= 2 && folds <= 100, "--folds must be in [2, 100]: " + folds);
    v.require(lambdas >= 2 && lambdas <= 10000, "--lambdas must be in [2, 10000]: " + lambdas);
    v.throwIfAny();
  }

  /** Sparse regression (--sparsity or --lasso) instead of least squares. */
  public boolean sparse() {
    return sparsity != null || lasso;
  }

  /** The message for CSV/TSV/Parquet input without --label-col. */
  static String missingLabel(MatrixFormat format) {
    return "regress needs the response b: give --label-col COL (name or 0-based index) for " + format.cliName()
        + " input, or use LIBSVM input (its first token is the label)";
  }

  /** The defaults for everything but the input and output (tests, notebooks). */
  public static RegressConfig of(InputOptions input, OutputOptions output, Solver solver, long seed) {
    return new RegressConfig(input, output, solver, null, false, 0, null, DEFAULT_TOL, DEFAULT_MAX_ITER, 0, false, false,
        DEFAULT_EPS, DEFAULT_DELTA, 0, DEFAULT_PROJECTION, DEFAULT_RCOND, true, false, RowCache.Mode.AUTO, null, false, null,
        DEFAULT_FOLDS, DEFAULT_LAMBDAS, seed, true);
  }

  public RegressConfig withSketch(SketchKind kind, int size) {
    return builder().from(this).sketch(kind).tsqr(false).sketchSize(size).build();
  }

  /** A builder with {@code randnla regress}'s defaults; no output unless one is set (the run returns its result). */
  public static Builder builder() {
    return new Builder().tol(DEFAULT_TOL).maxIter(DEFAULT_MAX_ITER).eps(DEFAULT_EPS).delta(DEFAULT_DELTA).projection(DEFAULT_PROJECTION).rcond(DEFAULT_RCOND).evaluate(true);
  }

  /** Builds a {@link RegressConfig}: a setter per component; {@link #build()} runs the constructor's checks. */
  public static final class Builder extends JobConfigBuilder.WithInput<RegressConfig, Builder> {
    public Builder solver(Solver solver) { return set("solver", solver); }
    public Builder sketch(SketchKind sketch) { return set("sketch", sketch); }
    public Builder tsqr(boolean tsqr) { return set("tsqr", tsqr); }
    public Builder sketchSize(int sketchSize) { return set("sketchSize", sketchSize); }
    public Builder nnzPerCol(Integer nnzPerCol) { return set("nnzPerCol", nnzPerCol); }
    public Builder tol(double tol) { return set("tol", tol); }
    public Builder maxIter(int maxIter) { return set("maxIter", maxIter); }
    public Builder ridge(double ridge) { return set("ridge", ridge); }
    public Builder intercept(boolean intercept) { return set("intercept", intercept); }
    public Builder linf(boolean linf) { return set("linf", linf); }
    public Builder eps(double eps) { return set("eps", eps); }
    public Builder delta(double delta) { return set("delta", delta); }
    public Builder sampleSize(int sampleSize) { return set("sampleSize", sampleSize); }
    public Builder projection(int projection) { return set("projection", projection); }
    public Builder rcond(double rcond) { return set("rcond", rcond); }
    public Builder evaluate(boolean evaluate) { return set("evaluate", evaluate); }
    public Builder residuals(boolean residuals) { return set("residuals", residuals); }
    public Builder cache(RowCache.Mode cache) { return set("cache", cache); }
    public Builder sparsity(Integer sparsity) { return set("sparsity", sparsity); }
    public Builder lasso(boolean lasso) { return set("lasso", lasso); }
    public Builder sparseMethod(SparseMethod sparseMethod) { return set("sparseMethod", sparseMethod); }
    public Builder folds(int folds) { return set("folds", folds); }
    public Builder lambdas(int lambdas) { return set("lambdas", lambdas); }
    public Builder seed(long seed) { return set("seed", seed); }

    private Builder() {
      super(RegressConfig.class);
    }
  }
}
