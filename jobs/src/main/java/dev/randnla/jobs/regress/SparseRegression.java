package dev.randnla.jobs.regress;

import dev.randnla.io.MatrixFormat;
import dev.randnla.io.Summary;
import dev.randnla.io.UsageException;
import dev.randnla.jobs.InputParams;
import dev.randnla.jobs.regress.sparse.CrossValidation;
import dev.randnla.jobs.regress.sparse.Factor;
import dev.randnla.jobs.regress.sparse.GramResidual;
import dev.randnla.jobs.regress.sparse.Intercept;
import dev.randnla.jobs.regress.sparse.PreconditionedLasso;
import dev.randnla.jobs.regress.sparse.Residual;
import dev.randnla.jobs.regress.sparse.SparseMethod;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.TruncatedInverse;
import dev.randnla.sketch.TsqrSketch;
import dev.randnla.spark.JobRun;
import dev.randnla.spark.MatrixInput;
import dev.randnla.spark.Resources;
import dev.randnla.spark.RowCache;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code regress --sparsity K} / {@code regress --lasso} (docs/algorithms.md, sparse regression): one pass
 * collects, per cross-validation fold, the TSQR R of [A b] (dense rows) or the Gram of [A b] (LIBSVM rows,
 * Cholesky-factored on the driver with {@link GramFactor}'s guards); the full factor and every fold's
 * training factor are combined from them on the driver, where the sparse solvers of
 * {@link dev.randnla.jobs.regress.sparse} run their paths and cross-validation picks the model. No further
 * pass reads the data (one more with --residuals).
 */
final class SparseRegression {
  private SparseRegression() {}

  /**
   * What the sparse fit found.
   *
   * @param cv the paths, their CV errors and the chosen point
   * @param full the factor of all rows
   * @param training the full data's residual without the ridge penalty (the same as {@code full} without --ridge)
   * @param refit least squares on the chosen support (its standard errors)
   * @param standardErrors per column: σ̂·√[(X_SᵀX_S)⁻¹]_jj on the support, NaN off it (null: no residual degrees of freedom)
   * @param sigma σ̂ = (RSS_S/(N − |S| (− 1 with the intercept)))^½ of the refit, RSS_S without the ridge penalty;
   *     NaN when there are no degrees of freedom left
   * @param rank numerical rank of X
   * @param conditionEstimate κ of the full factor's R_X
   * @param labels the labels' moments
   * @param factorSource how the factors were formed
   * @param intercept with --intercept: the full data's profile ({@code full} is then its centred factor), else null
   * @param interceptStandardError the refit intercept's standard error (NaN when not reported)
   */
  record Fit(CrossValidation.Result cv, Factor full, Residual training, Factor.Refit refit, double[] standardErrors,
      double sigma, int rank, double conditionEstimate, LabelMoments labels, String factorSource, Intercept intercept,
      double interceptStandardError) {
    /** The chosen model's coefficients. */
    double[] coefficients() {
      return cv.chosen().coefficients();
    }

    /** The chosen model's coefficients with its intercept appended, as {@link Design} lays out x (p entries). */
    double[] solution() {
      return intercept == null ? coefficients() : intercept.append(coefficients());
    }
  }

  /**
   * The pass and the driver-side fit.
   *
   * @param gram form fold Grams (sparse rows) instead of TSQR factors
   */
  static Fit solve(Passes passes, Design design, RegressConfig c, boolean gram, Consumer<String> log) {
    int d = design.d();
    int p = design.p();
    int w = p + 1;
    int k = c.folds();
    long seed = c.seed();
    if (c.sparsity() != null && c.sparsity() > d) {
      throw new UsageException("--sparsity " + c.sparsity() + " is larger than the number of columns d = " + d);
    }
    log.accept("sparse: " + (gram ? "Gram" : "TSQR") + " of [A b] for each of " + k + " folds, one pass");
    List<Factor> foldFactors = new ArrayList<>();
    List<Matrix> foldGrams = new ArrayList<>();
    LabelMoments labels = new LabelMoments();
    long[] foldRows = new long[k];
    if (gram) {
      FoldedFactors<AugmentedGram> pass = passes.aggregate(() -> new FoldedFactors<>(design, k, seed,
          () -> new AugmentedGram(w)), 8L * k * w * w + 256, "regress: per-fold Gram of [A b]");
      for (int j = 0; j < k; j++) {
        foldGrams.add(pass.fold(j).result());
        foldRows[j] = pass.fold(j).labels().rows();
        labels.merge(pass.fold(j).labels());
      }
    } else {
      FoldedFactors<TsqrSketch> pass = passes.aggregate(() -> new FoldedFactors<>(design, k, seed,
          () -> new TsqrSketch(w)), 8L * k * w * w + 256, "regress: per-fold TSQR of [A b]");
      for (int j = 0; j < k; j++) {
        foldRows[j] = pass.fold(j).labels().rows();
        foldFactors.add(new Factor(pass.fold(j).result(), foldRows[j]));
        labels.merge(pass.fold(j).labels());
      }
    }
    List<CrossValidation.Fold> folds = new ArrayList<>();
    Factor full;
    Residual data; // the full data's residual without any penalty, on un-centred [A (1) b]
    String source;
    double ridge = c.ridge();
    double n = labels.rows();
    if (gram) {
      Matrix total = sum(foldGrams, -1);
      data = new GramResidual(total, n);
      full = gramFactor(ridged(total, d, ridge), p, labels.rows(), "all rows");
      for (int j = 0; j < k; j++) {
        long heldRows = foldRows[j];
        long trainRows = labels.rows() - heldRows;
        Factor train = gramFactor(ridged(sum(foldGrams, j), d, ridge * trainRows / n), p, trainRows,
            "the rows outside fold " + j);
        folds.add(new CrossValidation.Fold(train, new GramResidual(foldGrams.get(j), heldRows)));
      }
      source = "Cholesky factors of the per-fold Grams of [A b] (sparse rows)";
    } else {
      Factor stacked = Factor.stack(foldFactors);
      data = stacked;
      full = ridged(stacked, design, ridge);
      for (int j = 0; j < k; j++) {
        List<Factor> others = new ArrayList<>(foldFactors);
        others.remove(j);
        Factor train = Factor.stack(others);
        folds.add(new CrossValidation.Fold(ridged(train, design, ridge * train.rows() / n), foldFactors.get(j)));
      }
      source = "TSQR of [A b] per fold; full and training factors the QR of the stacked fold factors";
    }
    if (ridge > 0) {
      source += gram ? "; lambda_2 added to the diagonal of each Gram's A block (scaled by its rows / N)"
          : "; the ridge rows sqrt(lambda_2) e_j folded into each (lambda_2 scaled by its rows / N)";
    }
    Intercept intercept = null;
    if (design.intercept()) {
      intercept = Intercept.profile(full);
      full = intercept.centred();
      List<CrossValidation.Fold> centred = new ArrayList<>();
      for (CrossValidation.Fold f : folds) {
        Intercept train = Intercept.profile(f.train());
        centred.add(new CrossValidation.Fold(train.centred(), f.heldOut(), train));
      }
      folds = centred;
      source += "; the intercept profiled out of each (the ones column moved first, Givens rotations)";
    }
    TruncatedInverse inv = TruncatedInverse.of(full.rx(), c.rcond());
    int rank = inv.rank();
    if (c.sparsity() != null && c.sparsity() > rank) {
      throw new UsageException("--sparsity " + c.sparsity() + " is larger than the numerical rank " + rank + " of A (d = "
          + d + ", singular values below --rcond " + c.rcond() + " x the largest count as zero)");
    }
    Residual training = ridge == 0 ? full : withIntercept(data, intercept);
    CrossValidation.Result cv = CrossValidation.run(full, training, folds, rank, new CrossValidation.Settings(
        c.sparseMethod(), c.sparsity(), c.lambdas(), RegressConfig.LAMBDA_RATIO, c.rcond()));
    int[] support = Factor.support(cv.chosen().coefficients());
    Factor.Refit refit = full.refit(support, c.rcond());
    int unknowns = support.length + (intercept == null ? 0 : 1);
    double sigma = n > unknowns ? Math.sqrt(training.squares(refit.coefficients()) / (n - unknowns)) : Double.NaN;
    double[] se = null;
    double interceptSe = Double.NaN;
    // a penalised refit has no least-squares standard errors
    if (ridge == 0 && !Double.isNaN(sigma) && refit.rank() == support.length) {
      se = new double[d];
      Arrays.fill(se, Double.NaN);
      double[] diag = support.length == 0 ? new double[0] : refit.inverse().normalInverseDiagonal();
      for (int i = 0; i < support.length; i++) {
        se[support[i]] = sigma * Math.sqrt(diag[i]);
      }
      if (intercept != null && intercept.rho() != 0) {
        interceptSe = sigma * Math.sqrt(interceptVarianceFactor(intercept, support, refit));
      }
    }
    return new Fit(cv, full, training, refit, se, sigma, rank, inv.conditionEstimate(), labels, source, intercept,
        interceptSe);
  }

  /** The residual of w (d entries) on un-centred rows: with an intercept, at [w; c(w)]. */
  private static Residual withIntercept(Residual data, Intercept intercept) {
    if (intercept == null) {
      return data;
    }
    return new Residual() {
      @Override
      public double squares(double[] w) {
        return data.squares(intercept.append(w));
      }

      @Override
      public double rows() {
        return data.rows();
      }
    };
  }

  /** The Gram of [A (1) b] with λ added to its first d diagonal entries (λ = 0: the same matrix). */
  private static Matrix ridged(Matrix gram, int d, double lambda) {
    if (lambda == 0) {
      return gram;
    }
    Matrix out = gram.copy();
    for (int j = 0; j < d; j++) {
      out.set(j, j, out.get(j, j) + lambda);
    }
    return out;
  }

  /** The factor of [A (1) b; √λ·[I 0 0]]: the ridge rows folded in by the TSQR kernel (λ = 0: the same factor). */
  private static Factor ridged(Factor f, Design design, double lambda) {
    if (lambda == 0) {
      return f;
    }
    double[] r = f.r().data().clone();
    int w = f.r().cols();
    AugmentedFactor.foldRidge(r, w, new Design(design.d(), design.intercept(), lambda));
    return new Factor(new Matrix(w, w, r), f.rows());
  }

  /**
   * [((1 X_S)ᵀ(1 X_S))⁻¹]₀₀: with R = [[ρ, g_Sᵀ], [0, R_S]] the factor of [1 X_S] (R_S the refit's factor of the
   * centred X_S), row 0 of R⁻¹ is [1/ρ, −g_SᵀR_S⁻¹/ρ], so the entry is (1 + ‖R_S⁻ᵀg_S‖²)/ρ².
   */
  private static double interceptVarianceFactor(Intercept intercept, int[] support, Factor.Refit refit) {
    double t = 0;
    if (support.length > 0) {
      double[] gs = new double[support.length];
      for (int i = 0; i < support.length; i++) {
        gs[i] = intercept.g()[support[i]];
      }
      for (double v : refit.inverse().factorTransposeTimes(gs)) {
        t += v * v;
      }
    }
    return (1 + t) / (intercept.rho() * intercept.rho());
  }

  /** Σ of the Grams except index {@code skip} (−1: none), in fold order. */
  private static Matrix sum(List<Matrix> grams, int skip) {
    Matrix total = null;
    for (int j = 0; j < grams.size(); j++) {
      if (j == skip) {
        continue;
      }
      total = total == null ? grams.get(j).copy() : total.plus(grams.get(j));
    }
    return total;
  }

  private static Factor gramFactor(Matrix gram, int d, long rows, String what) {
    GramFactor g = GramFactor.of(gram, d, 0, 0);
    if (g.rAug() == null) {
      throw new UsageException("sparse regression on sparse rows needs the Cholesky factor of the Gram of [A b] of "
          + what + ", which was " + g.outcome() + "; give the rows as dense CSV/TSV/Parquet to use TSQR instead");
    }
    return new Factor(g.rAug(), rows, gram);
  }

  /** The job: pass, fit, outputs (coefficients.csv, path.csv, path.png, support.csv, summary.json). */
  static RegressResult run(JobRun run, MatrixInput input, RegressConfig config) {
    Design design = new Design(input.cols(), config.intercept(), 0);
    int w = design.p() + 1;
    boolean gram = input.format() == MatrixFormat.LIBSVM;
    Resources.requireTask(input.spark().sparkContext(), config.folds() + " factors of [A b]",
        config.folds() * Resources.denseBytes(w, w) + (8L << 20), "lower --folds");
    Resources.requireDriver(input.spark().sparkContext(), "the per-fold factors of [A b]",
        (3L * config.folds() + 4) * Resources.denseBytes(w, w), "lower --folds");
    // the rows are read once, twice with --residuals: only then is keeping them worth anything
    RowCache cache = RowCache.apply(config.cache(), input, config.residuals());
    try {
      Passes passes = new SparkPasses(input);
      Fit fit = run.stage("solve", () -> solve(passes, design, config, gram, run::log));
      run.recordInput(input, null);
      if (config.residuals()) {
        run.stage("residuals", () -> RegressJob.writeResiduals(run, input, design, fit.solution()));
      }
      run.summary().spark("rowCache", cache.report(input));
      return report(run, input, config, fit);
    } finally {
      input.releaseRows();
    }
  }

  private static RegressResult report(JobRun run, MatrixInput input, RegressConfig config, Fit fit) {
    Summary summary = run.summary();
    CrossValidation.Point chosen = fit.cv().chosen();
    double[] x = chosen.coefficients();
    int d = x.length;
    double rss = fit.training().squares(x);
    boolean ridge = config.ridge() > 0;
    double yy = fit.labels().squares();
    boolean withIntercept = fit.intercept() != null;
    double tss = withIntercept ? fit.labels().centeredSquares() : yy;
    double rSquared = withIntercept ? (tss == 0 ? Double.NaN : 1 - rss / tss) : (yy == 0 ? 1.0 : 1 - rss / yy);
    double intercept = withIntercept ? fit.intercept().of(x) : Double.NaN;
    InputParams.putSource(summary, input);
    summary.param("labelCol", input.format() == MatrixFormat.LIBSVM ? "libsvm label" : config.input().labelCol());
    if (config.input().weightCol() != null) {
      summary.param("weightCol", config.input().weightCol());
    }
    InputParams.putReading(summary, input);
    summary.param("sparsity", config.sparsity());
    summary.param("lasso", config.lasso());
    summary.param("intercept", config.intercept());
    summary.param("ridge", config.ridge());
    summary.param("sparseMethod", config.sparseMethod().cliName());
    summary.param("folds", config.folds());
    summary.param("lambdas", config.lambdas());
    summary.param("lambdaRatio", RegressConfig.LAMBDA_RATIO);
    summary.param("preconditionerTaus", PreconditionedLasso.TAUS.clone());
    summary.param("rcond", config.rcond());
    summary.param("residuals", config.residuals());
    summary.param("seed", config.seed());

    int[] support = Factor.support(x);
    summary.result("rows", fit.labels().rows());
    summary.result("cols", d);
    summary.result("factors", fit.factorSource());
    summary.result("rank", fit.rank());
    summary.result("conditionEstimate", fit.conditionEstimate());
    summary.result("chosenMethod", chosen.method().cliName());
    summary.result("chosenBy", config.sparseMethod() == SparseMethod.AUTO
        ? "one-standard-error rule on the " + config.folds() + "-fold cross-validated prediction error over the methods' paths"
        : "one-standard-error rule on the " + config.folds() + "-fold cross-validated prediction error along its path");
    if (!Double.isNaN(chosen.lambda())) {
      summary.result("lambda", chosen.lambda());
    }
    if (!Double.isNaN(chosen.tau())) {
      summary.result("tau", chosen.tau());
    }
    summary.result("support", support);
    summary.result("supportSize", support.length);
    summary.result("cvError", chosen.cvError());
    summary.result("cvStandardError", chosen.cvStandardError());
    summary.result("trainingError", chosen.trainingError());
    Map<String, Object> byMethod = new java.util.LinkedHashMap<>();
    for (Map.Entry<SparseMethod, CrossValidation.Point> e : fit.cv().bestByMethod().entrySet()) {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("cvError", e.getValue().cvError());
      m.put("supportSize", e.getValue().supportSize());
      m.put("support", Factor.support(e.getValue().coefficients()));
      byMethod.put(e.getKey().cliName(), m);
    }
    summary.result("bestByMethod", byMethod);
    for (Map.Entry<SparseMethod, Integer> e : fit.cv().unconverged().entrySet()) {
      if (e.getValue() > 0) {
        summary.warn(String.format(Locale.ROOT, "%s: coordinate descent hit its limit of %d sweeps at %d path point(s) "
            + "(over the full and fold fits): an ill-conditioned design; those points are approximate.",
            e.getKey().cliName(), dev.randnla.jobs.regress.sparse.CoordinateDescent.MAX_SWEEPS, e.getValue()));
      }
    }
    summary.result("unconvergedPathPoints", fit.cv().unconverged().entrySet().stream().collect(
        java.util.stream.Collectors.toMap(e -> e.getKey().cliName(), Map.Entry::getValue, (a, b) -> a,
            java.util.LinkedHashMap::new)));
    double residualNorm = Math.sqrt(rss);
    if (withIntercept) {
      summary.result("intercept", intercept);
      summary.result("refitIntercept", fit.intercept().of(fit.refit().coefficients()));
      if (!Double.isNaN(fit.interceptStandardError())) {
        summary.result("interceptStandardError", fit.interceptStandardError());
      }
    }
    summary.result("residualNorm", residualNorm);
    if (withIntercept) {
      summary.result("rSquared", rSquared);
    }
    summary.result("rSquaredUncentered", yy == 0 ? 1.0 : 1 - rss / yy);
    summary.result("refitResidualNorm", Math.sqrt(fit.training().squares(fit.refit().coefficients())));
    if (fit.standardErrors() != null) {
      summary.result("residualStandardError", fit.sigma());
      summary.result("standardErrorsFrom", "least squares refit on the support (exact factor): sigma^2 = RSS/(n - |S|"
          + (withIntercept ? " - 1" : "") + "); conditional on the selected support");
    } else if (ridge) {
      summary.result("standardErrorsFrom", "not reported with --ridge: the refit on the support is penalised");
    } else {
      summary.result("standardErrorsFrom", "not reported: no residual degrees of freedom or a rank-deficient support");
    }
    String refitKind = ridge ? "ridge (lambda_2 = " + config.ridge() + ") refit" : "least-squares refit";
    if (chosen.method() == SparseMethod.LASSO) {
      summary.result("coefficientsAre", ridge
          ? "the elastic net's (shrunk); support.csv holds the " + refitKind + " on its support"
          : "the Lasso's (shrunk); support.csv holds the least-squares refit on its support");
    } else {
      summary.result("coefficientsAre", "the " + refitKind + " on the selected support");
    }
    run.writeVector("coefficients.csv", x);
    run.writeText("path.csv", pathCsv(fit.cv().path()));
    run.writeText("support.csv", supportCsv(support, fit.refit().coefficients(), fit.standardErrors()));
    try {
      String title = String.format(Locale.ROOT, "%s path%s: %d-fold CV, chosen %d nonzeros", chosen.method().cliName(),
          Double.isNaN(chosen.tau()) ? "" : " (\u03c4 = " + chosen.tau() + ")", config.folds(), support.length);
      dev.randnla.jobs.Png.write(run, "path.png", PathPlot.png(fit.cv().path(), chosen, title));
    } catch (RuntimeException | LinkageError | java.awt.AWTError e) {
      // a JVM without a usable Java2D must not lose the fit; path.csv holds the same data
      summary.warn("path.png was not drawn (" + e.getClass().getSimpleName() + ": " + e.getMessage()
          + "); path.csv holds the same data.");
    }
    Summary done = run.finish(input);
    double seconds = ((Number) ((Map<?, ?>) done.get("seconds")).get("total")).doubleValue();
    return new RegressResult(x, intercept, residualNorm, true, rSquared, fit.labels().rows(),
        fit.rank(), 0, Double.NaN, fit.conditionEstimate(), resultErrors(fit), input.passes(), seconds,
        done.warnings(), done.toJson());
  }

  /** The coefficients' standard errors (NaN off the support), the intercept's last when there is one; null when none. */
  private static double[] resultErrors(Fit fit) {
    double[] se = fit.standardErrors();
    if (se == null || fit.intercept() == null) {
      return se;
    }
    double[] out = Arrays.copyOf(se, se.length + 1);
    out[se.length] = fit.interceptStandardError();
    return out;
  }

  /**
   * method, tau, lambda, step, supportSize, l1Norm, trainingError, cvError, cvStandardError, l2Squared (‖w‖², the
   * ridge term's factor; last, so the earlier columns keep their places): one line per path point.
   */
  static String pathCsv(List<CrossValidation.Point> path) {
    StringBuilder b = new StringBuilder(
        "method,tau,lambda,step,supportSize,l1Norm,trainingError,cvError,cvStandardError,l2Squared\n");
    for (CrossValidation.Point p : path) {
      double[] w = p.coefficients();
      b.append(p.method().cliName()).append(',').append(num(p.tau())).append(',').append(num(p.lambda())).append(',')
          .append(p.step()).append(',').append(p.supportSize()).append(',')
          .append(num(java.util.Arrays.stream(w).map(Math::abs).sum())).append(',').append(num(p.trainingError()))
          .append(',').append(num(p.cvError())).append(',').append(num(p.cvStandardError())).append(',')
          .append(num(java.util.Arrays.stream(w).map(v -> v * v).sum())).append('\n');
    }
    return b.toString();
  }

  /** column, coefficient (refit), standardError: one line per selected column. */
  static String supportCsv(int[] support, double[] refit, double[] se) {
    StringBuilder b = new StringBuilder("column,coefficient,standardError\n");
    for (int j : support) {
      b.append(j).append(',').append(num(refit[j])).append(',').append(se == null ? "" : num(se[j])).append('\n');
    }
    return b.toString();
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "" : Double.toString(v);
  }
}
