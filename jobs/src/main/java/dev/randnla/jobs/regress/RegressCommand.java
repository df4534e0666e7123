package dev.randnla.jobs.regress;

import dev.randnla.io.CliEnums;
import dev.randnla.jobs.Configs;
import dev.randnla.jobs.InputMixin;
import dev.randnla.jobs.OutputMixin;
import dev.randnla.jobs.RunMixin;
import dev.randnla.jobs.Sessions;
import dev.randnla.jobs.regress.sparse.SparseMethod;
import dev.randnla.sketch.SketchKind;
import dev.randnla.spark.RowCache;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code randnla regress}. */
@Command(name = "regress", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Least squares, optionally ridge, on a row stream: five solvers.",
    description = {"Least squares min ||A x (+ c) - b||^2 + ridge ||x||^2 on a row stream. b is the",
        "label column: --label-col for CSV/TSV/Parquet, the label of LIBSVM rows.",
        "--weight-col W fits weighted least squares min sum_i w_i (a_i x (+ c) - b_i)^2.",
        "",
        "Solvers:",
        "  precondition  (default) pass 1 gives R and a first x: the exact R of [A b]",
        "                by TSQR (dense rows, p <= 4096: 2-6 passes in all) or a sketch's",
        "                (--sketch: 10-50 passes); then conjugate gradients",
        "                preconditioned by R, one pass per iteration, with exact",
        "                (double-double) gradients: about 1e-15 relative error at any",
        "                condition number below ~1e15",
        "  exact         TSQR of [A b], one pass; backward stable: relative error up",
        "                to u (kappa + kappa^2 tan theta), reported",
        "  sketch        sketch-and-solve, one pass: residual within (1 + eps) of the",
        "                optimum, coefficients approximate (error estimated, reported)",
        "  sample        leverage-score row sampling (2 passes), exact solve of it",
        "  ihs           iterative Hessian sketch: a fresh sketch per pass",
        "sketch and sample make one more pass for the exact residual (--no-evaluate).",
        "",
        "--guarantee linf costs much more and, at large condition numbers, says little.",
        "Its dense Gaussian sketch has m = (sqrt(p) (1 + z/eps) + t)^2 rows (rounded up),",
        "z = sqrt(2 ln(2p/delta)), t = sqrt(2 ln(2/delta)): 10459 rows for p = 100",
        "at the defaults. Each input row costs m (p+1) flops, about 50 times the",
        "2 (p+1)^2 of the default's TSQR. The bound (eps/sqrt(p)) |A x* - b| |A^+| is",
        "absolute and grows with 1/sigma_min(A); on an ill-conditioned problem it can",
        "exceed the coefficients themselves (linfBound in summary.json). For accurate",
        "coefficients there, use the default solver.",
        "",
        "Sparse regression (--sparsity K, --lasso): one pass collects the R factor of",
        "[A b] (TSQR; the Gram's Cholesky factor for LIBSVM rows) for each of --folds",
        "cross-validation folds (a row's fold: a seeded hash of its key); the full and",
        "training factors come from them on the driver, where the solvers run:",
        "  lasso           plain Lasso (1/2n)||Ax - b||^2 + lambda |x|_1, coordinate",
        "                  descent, warm-started path of --lambdas values from",
        "                  lambda_max = |A^T b|_inf / n down to lambda_max 1e-3",
        "  preconditioned  phase 1: from R, a preconditioner that whitens the design",
        "                  over the directions with s^2 > tau (tau in {0, 1e-12, 1e-8,",
        "                  1e-4, 1e-2}, s the singular values of the unit-column X);",
        "                  phase 2: the Lasso path there, least-squares refit on each",
        "                  support (our adaptation of Chandrasekaran-Meka-",
        "                  Stavropoulos 2025, not their exact algorithm)",
        "  omp             orthogonal matching pursuit, refit at each step (K steps,",
        "                  else min(d, rank, 100))",
        "Every path point gets its K-fold cross-validated prediction error; the model",
        "is the sparsest point within one standard error of the lowest, over all three",
        "methods with --sparse-method auto (default), or over one (lasso,",
        "preconditioned, omp). --sparsity K keeps models with <= K nonzeros (K above d",
        "or the rank of A: exit 2). --intercept fits an unpenalised c: it is profiled",
        "out of every factor (the solvers see the centred [A b]; a fold's held-out",
        "rows are scored with its training rows' c). --ridge L2 adds L2 |w|^2 to",
        "|Aw - b|^2 in every method (the elastic net (1/2n)(|Aw - b|^2 + L2 |w|^2)",
        "+ lambda |w|_1 for lasso; MLlib's regParam r, elasticNetParam a: lambda =",
        "r a, L2 = n r (1 - a) / sd(b): MLlib divides its L2 term by the labels'",
        "standard deviation); refits are then ridge refits, without standard errors.",
        "Outputs: coefficients.csv (the chosen model), path.csv (method, tau, lambda,",
        "step, support size, |w|_1, training and CV prediction error, its standard",
        "error, |w|^2 per point), path.png (the chosen method's coefficients and CV",
        "error +-1 s.e. against log10 lambda, the chosen point marked), support.csv",
        "(refit coefficient and standard error per selected column).",
        "",
        "Outputs: coefficients.csv (one per input column); summary.json (intercept,",
        "residual norm, relative residual, R^2, iterations, passes, condition",
        "estimates, standard errors, warnings); residuals/ with --residuals."})
public final class RegressCommand implements Callable<Integer> {
  @Mixin InputMixin input;

  @Option(names = "--solver", paramLabel = "S",
      description = "precondition (default; sketch with --guarantee linf), exact, sketch, sample or ihs (see above).")
  String solver;

  @Option(names = "--sketch", paramLabel = "KIND",
      description = "countsketch, osnap, gaussian, srht (block SRHT) or, for precondition, tsqr (the exact R of [A b]: "
          + "converges in a few passes; 2(p+1)^2 flops per row). Default: osnap; gaussian with --guarantee linf; "
          + "precondition: tsqr when rows are dense (not LIBSVM) and p <= 4096.")
  String sketch;

  @Option(names = "--sketch-size", paramLabel = "M", defaultValue = "0",
      description = "Sketch rows m. Default: 20p, at least 4p, else kept within 64 MB (p = columns + intercept).")
  int sketchSize;

  @Option(names = "--nnz-per-col", paramLabel = "S",
      description = "OSNAP: nonzeros per sketch column (per input row). Default 8.")
  Integer nnzPerCol;

  @Option(names = "--tol", paramLabel = "T", defaultValue = "1e-12",
      description = "precondition, ihs: stop when the relative normal-equation residual ||(R^T R)^-1 A^T r|| / ||x|| "
          + "(an estimate of the relative error of x) is at most T. Default 1e-12.")
  double tol;

  @Option(names = "--max-iter", paramLabel = "N", defaultValue = "100",
      description = "precondition, ihs: at most N iterations (about one pass each). Default 100.")
  int maxIter;

  @Option(names = "--ridge", paramLabel = "L", defaultValue = "0",
      description = "Ridge penalty lambda ||x||^2 (the intercept is not penalised). Default 0.")
  double ridge;

  @Option(names = "--intercept",
      description = "Fit an intercept c (as a column of ones: sparse rows stay sparse, no centring).")
  boolean intercept;

  @Option(names = "--guarantee", paramLabel = "G", defaultValue = "l2",
      description = "l2 (default): the solver's usual guarantee. linf: sketch-and-solve with a dense Gaussian sketch "
          + "sized so that |x - x*|_inf <= (eps/sqrt(p)) |A x* - b| |A^+| with probability >= 1 - delta "
          + "(Song et al. 2023); reports l-inf and l2 error estimates. Implies --solver sketch.")
  String guarantee;

  @Option(names = "--eps", paramLabel = "E", defaultValue = "0.5", description = "linf: epsilon of the bound. Default 0.5.")
  double eps;

  @Option(names = "--delta", paramLabel = "D", defaultValue = "0.01",
      description = "linf: failure probability of the bound. Default 0.01.")
  double delta;

  @Option(names = "--sample-size", paramLabel = "M", defaultValue = "0",
      description = "sample: expected number of rows kept. Default 40p.")
  int sampleSize;

  @Option(names = "--projection", paramLabel = "K", defaultValue = "100",
      description = "sample: Johnson-Lindenstrauss columns for approximate leverage scores when p > K (0: none). Default 100.")
  int projection;

  @Option(names = "--rcond", paramLabel = "R", defaultValue = "1e-13",
      description = "Singular values of R below R x the largest count as zero: a rank-deficient A gets the minimum-norm "
          + "solution. Default 1e-13.")
  double rcond;

  @Option(names = "--evaluate", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "sketch, sample: one more pass for the exact residual and normal-equation residual of x "
          + "(default). --no-evaluate reports the sketch's estimates instead.")
  boolean evaluate;

  @Option(names = "--cache", paramLabel = "C", defaultValue = "auto",
      description = "Keep the parsed rows in executor memory (spilling to local disk) between passes: auto (default: "
          + "when the solver makes more than one pass and the rows, estimated at 1.5x the text's bytes or, for Parquet, "
          + "rows x (8 x columns + 48) bytes, fit in half the executors' free storage memory), on, or off (every pass re-reads the files). Results are identical; "
          + "summary.json spark.rowCache says what was done.")
  String cache;

  @Option(names = "--residuals",
      description = "Also write residuals/: per row id, the residual b - Ax (- c) and the fitted value (one more pass).")
  boolean residuals;

  @Option(names = "--weight-col", paramLabel = "COL",
      description = "Weighted least squares: the row weight w_i >= 0 from column COL (name or 0-based index, like "
          + "--label-col; LIBSVM: 'weight', read from '# weight=W' at the end of the line, as leverage --sample "
          + "writes it). A zero weight leaves the row out; negative, NaN or infinite weights are bad rows. "
          + "Reads a leverage --sample coreset as it is written (README).")
  String weightCol;

  // sparse regression (the description above explains them; summary.json params repeat the values used)
  @Option(names = "--sparsity", paramLabel = "K", description = "Sparse fit with at most K nonzeros (K <= d, rank).")
  Integer sparsity;
  @Option(names = "--lasso", description = "Sparse fit over the whole lambda path, chosen by cross-validation.")
  boolean lasso;
  @Option(names = "--sparse-method", paramLabel = "M", defaultValue = "auto",
      description = "auto (default), lasso, preconditioned or omp.") String sparseMethod;
  @Option(names = "--folds", paramLabel = "K", defaultValue = "5",
      description = "Cross-validation folds (a row's fold: hash of --seed and its key). Default 5.") int folds;
  @Option(names = "--lambdas", paramLabel = "L", defaultValue = "50",
      description = "Points per lambda path, lambda_max down to lambda_max x 1e-3. Default 50.") int lambdas;

  @Mixin OutputMixin output;
  @Mixin RunMixin run;

  @Override
  public Integer call() {
    RegressConfig config = Configs.build(() -> new RegressConfig(
        input.toOptions().withWeightCol(weightCol == null || weightCol.isBlank() ? null : weightCol), output.toOptions(),
        solver == null ? null : CliEnums.parse(Solver.class, "--solver", solver),
        sketch == null || isTsqr(sketch) ? null : parseSketch(sketch), sketch != null && isTsqr(sketch), sketchSize,
        nnzPerCol, tol, maxIter, ridge, intercept, CliEnums.parseWord("--guarantee", guarantee, "l2", "linf").equals("linf"),
        eps, delta, sampleSize, projection, rcond, evaluate, residuals,
        CliEnums.parse(RowCache.Mode.class, "--cache", cache), sparsity, lasso,
        CliEnums.parse(SparseMethod.class, "--sparse-method", sparseMethod), folds, lambdas, run.seedOrDraw(),
        run.quiet()));
    RegressResult r = RegressJob.FRAME.run(Sessions.get("randnla regress"), config);
    run.report(() -> String.format(Locale.ROOT, "rows=%d residualNorm=%s rSquared=%s iterations=%d passes=%s", r.rows(),
        r.residualNorm(), r.rSquared(), r.iterations(), r.passes()));
    return 0;
  }

  private static SketchKind parseSketch(String s) {
    try {
      return CliEnums.parse(SketchKind.class, "--sketch", s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " (or tsqr with --solver precondition)", e);
    }
  }

  private static boolean isTsqr(String s) {
    return s.trim().equalsIgnoreCase("tsqr");
  }
}
