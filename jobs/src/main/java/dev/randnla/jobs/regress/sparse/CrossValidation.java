package dev.randnla.jobs.regress.sparse;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the sparse solvers' paths on the full data's factor and on each fold's training factor, scores every
 * path point by its K-fold cross-validated prediction error Σ_j ‖X_j·w^(−j) − y_j‖² / N (w^(−j) fitted without
 * fold j, evaluated on fold j's own factor), and picks the model by the one-standard-error rule: among the
 * points whose CV error is within one standard error (over the folds) of the lowest, the one with the fewest
 * nonzeros (ties: the lower CV error, then the earlier point). Without the rule, CV prefers supersets of the
 * support whenever a spurious column lowers the held-out error by chance. With {@link SparseMethod#AUTO} the
 * rule runs over the points of all three methods, so it also picks the method. With a sparsity bound K only
 * points with at most K nonzeros compete. Every path uses a grid fixed by the full data, so fold j solves the
 * same problems as the full fit, on fewer rows.
 */
public final class CrossValidation {
  /** OMP steps when no sparsity bound is given: min(d, rank, this). */
  public static final int DEFAULT_OMP_STEPS = 100;

  private CrossValidation() {}

  /**
   * A fold: the factor of the other folds' rows (training) and the fold's own residual (held out).
   *
   * @param intercept with an intercept: the training rows' profile ({@code train} is its centred factor), whose
   *     c(w) the held-out rows are scored with; null without one
   */
  public record Fold(Factor train, Residual heldOut, Intercept intercept) {
    public Fold(Factor train, Residual heldOut) {
      this(train, heldOut, null);
    }

    /** ‖X_j·w (+ c_train(w)) − y_j‖² on the held-out rows. */
    double heldOutSquares(double[] w) {
      return heldOut.squares(intercept == null ? w : intercept.append(w));
    }
  }

  /**
   * @param method the method asked for (AUTO: all three)
   * @param sparsity at most this many nonzeros in the chosen model, or null for no bound
   * @param lambdas points per λ path
   * @param lambdaRatio the smallest λ over the largest
   * @param rcond rank tolerance of refits and of the preconditioner
   */
  public record Settings(SparseMethod method, Integer sparsity, int lambdas, double lambdaRatio, double rcond) {}

  /**
   * One point of a path.
   *
   * @param method the solver
   * @param tau the preconditioner's damping (NaN for the others)
   * @param lambda the penalty (NaN for OMP)
   * @param step OMP's step (support size it aimed at), or the index on the λ grid
   * @param trainingError ‖X·w − y‖²/N on all rows
   * @param cvError the cross-validated prediction error (NaN when some fold's path was shorter)
   * @param cvStandardError the standard error of cvError: the folds' spread of their mean error over √K
   * @param coefficients w fitted on all rows
   */
  public record Point(SparseMethod method, double tau, double lambda, int step, double trainingError, double cvError,
      double cvStandardError, double[] coefficients) {
    /** Nonzeros of w. */
    public int supportSize() {
      return Factor.support(coefficients).length;
    }
  }

  /**
   * @param path every point, by method (lasso, preconditioned by τ, omp) and along each path
   * @param chosen the model
   * @param bestByMethod the one-standard-error point of each method run
   * @param unconverged λ values (over all fits) where coordinate descent hit its sweep limit, by method
   */
  public record Result(List<Point> path, Point chosen, java.util.Map<SparseMethod, Point> bestByMethod,
      java.util.Map<SparseMethod, Integer> unconverged) {}

  /**
   * @param full the factor every full-data path is fitted on
   * @param training the data residual each point's training error is measured with ({@code full} itself unless
   *     the factors carry a ridge penalty, which a training error must not include)
   */
  public static Result run(Factor full, Residual training, List<Fold> folds, int rank, Settings s) {
    List<Point> path = new ArrayList<>();
    java.util.Map<SparseMethod, Point> best = new java.util.EnumMap<>(SparseMethod.class);
    java.util.Map<SparseMethod, Integer> unconverged = new java.util.EnumMap<>(SparseMethod.class);
    boolean all = s.method() == SparseMethod.AUTO;
    List<Factor> factors = new ArrayList<>();
    factors.add(full);
    folds.forEach(f -> factors.add(f.train()));
    if (all || s.method() == SparseMethod.LASSO) {
      double[] grid = CoordinateDescent.grid(Lasso.lambdaMax(full), s.lambdaRatio(), s.lambdas());
      List<Counted> fits = EachFactor.map(factors, i -> Counted.of(bad -> Lasso.path(factors.get(i), grid, bad)));
      add(path, SparseMethod.LASSO, Double.NaN, grid, fits, training, folds);
      unconverged.put(SparseMethod.LASSO, Counted.total(fits));
    }
    if (all || s.method() == SparseMethod.PRECONDITIONED) {
      int limited = 0;
      double[] scale = full.columnNorms();
      List<PreconditionedLasso> pre = EachFactor.map(factors, i -> new PreconditionedLasso(factors.get(i), scale, s.rcond()));
      for (double tau : PreconditionedLasso.TAUS) {
        double[] grid = CoordinateDescent.grid(pre.get(0).lambdaMax(tau), s.lambdaRatio(), s.lambdas());
        List<Counted> fits = EachFactor.map(factors, i -> Counted.of(
            bad -> pre.get(i).path(factors.get(i), tau, grid, s.rcond(), bad)));
        add(path, SparseMethod.PRECONDITIONED, tau, grid, fits, training, folds);
        limited += Counted.total(fits);
      }
      unconverged.put(SparseMethod.PRECONDITIONED, limited);
    }
    if (all || s.method() == SparseMethod.OMP) {
      int steps = s.sparsity() != null ? s.sparsity() : Math.min(rank, DEFAULT_OMP_STEPS);
      List<Counted> fits = EachFactor.map(factors, i -> new Counted(ForwardStepwise.path(factors.get(i), steps, s.rcond()), 0));
      add(path, SparseMethod.OMP, Double.NaN, null, fits, training, folds);
    }
    Point chosen = oneStandardError(path, s.sparsity(), null);
    for (SparseMethod m : SparseMethod.values()) {
      Point p = oneStandardError(path, s.sparsity(), m);
      if (p != null) {
        best.put(m, p);
      }
    }
    if (chosen == null) {
      throw new IllegalStateException("no path point is eligible (every cross-validated error undefined)");
    }
    return new Result(path, chosen, best, unconverged);
  }

  /**
   * The one-standard-error choice among the eligible points of {@code method} (null: every method), or null
   * when none is eligible. The threshold is at least the lowest CV error times 1 + 1e-9, so that errors equal
   * up to rounding (a noise-free problem) tie.
   */
  static Point oneStandardError(List<Point> path, Integer sparsity, SparseMethod method) {
    Point min = null;
    for (Point p : path) {
      if (eligible(p, sparsity, method) && (min == null || p.cvError() < min.cvError())) {
        min = p;
      }
    }
    if (min == null) {
      return null;
    }
    double threshold = Math.max(min.cvError() + min.cvStandardError(), min.cvError() * (1 + 1e-9));
    Point chosen = null;
    for (Point p : path) {
      if (eligible(p, sparsity, method) && p.cvError() <= threshold && (chosen == null
          || p.supportSize() < chosen.supportSize()
          || p.supportSize() == chosen.supportSize() && p.cvError() < chosen.cvError())) {
        chosen = p;
      }
    }
    return chosen;
  }

  private static boolean eligible(Point p, Integer sparsity, SparseMethod method) {
    return !Double.isNaN(p.cvError()) && (method == null || p.method() == method)
        && (sparsity == null || p.supportSize() <= sparsity);
  }

  /** A path's fits and how many of its λ values hit the sweep limit. */
  private record Counted(double[][] fits, int unconverged) {
    static Counted of(java.util.function.Function<int[], double[][]> path) {
      int[] bad = new int[1];
      double[][] fits = path.apply(bad);
      return new Counted(fits, bad[0]);
    }

    static int total(List<Counted> all) {
      return all.stream().mapToInt(Counted::unconverged).sum();
    }
  }

  /** Adds the points of one path: {@code fits} holds the full data's fits, then each fold's. */
  private static void add(List<Point> path, SparseMethod m, double tau,
      double[] grid, List<Counted> fits, Residual full, List<Fold> folds) {
    double[][] fit = fits.get(0).fits();
    double n = Math.max(1, full.rows());
    double heldRows = 0;
    for (Fold f : folds) {
      heldRows += f.heldOut().rows();
    }
    int k = folds.size();
    for (int i = 0; i < fit.length; i++) {
      double cv = 0;
      double[] perFold = new double[k];
      for (int j = 0; j < k && !Double.isNaN(cv); j++) {
        double[][] ff = fits.get(j + 1).fits();
        double e = i < ff.length ? folds.get(j).heldOutSquares(ff[i]) : Double.NaN;
        cv += e;
        perFold[j] = e / Math.max(1, folds.get(j).heldOut().rows());
      }
      cv = k == 0 ? Double.NaN : cv / Math.max(1, heldRows);
      double mean = 0;
      for (double e : perFold) {
        mean += e / k;
      }
      double var = 0;
      for (double e : perFold) {
        var += (e - mean) * (e - mean) / Math.max(1, k - 1);
      }
      path.add(new Point(m, tau, grid == null ? Double.NaN : grid[i], grid == null ? i + 1 : i,
          full.squares(fit[i]) / n, cv, Math.sqrt(var / k), fit[i]));
    }
  }
}
