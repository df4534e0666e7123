package dev.randnla.jobs.cluster;

import dev.randnla.linalg.BlockLanczos;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.SymmetricOperator;
import java.util.ArrayList;
import java.util.List;

/**
 * A certified upper bound on a cluster's rank-r error from its explicit Gram G = Σ FₖᵀFₖ, without a
 * d×d eigendecomposition (docs/algorithms.md, cluster): block Lanczos on G from a warm start (the
 * cluster's previous Ritz vectors), stopped as soon as the bound meets ε or the Ritz pairs converge.
 *
 * <p>Why it is a bound: the Ritz values of any orthonormal basis Q are the eigenvalues of QᵀGQ, and
 * by Cauchy interlacing (the Ky Fan maximum principle) the sum of the r largest is at most Σ_{i≤r}
 * λᵢ(G), the cluster's captured energy. So the error computed from it is never below the true
 * error, converged or not; convergence only makes it tight (equal to the exact error up to the
 * square of the residual over the gap).
 *
 * <p>Cost: 2·d²·b flops per Lanczos step for a b-column block (b = r + oversampling), usually one
 * to three steps from a warm start; no O(d³) step.
 */
final class GramBound {
  /** Lanczos steps between restarts (the Krylov basis stays at most this many blocks wide). */
  private static final int STEPS = 4;
  /** Restarts from the best Ritz vectors before giving up on convergence (the bound is valid anyway). */
  private static final int RESTARTS = 6;
  /** Ritz residual tolerance relative to θ₁: Ritz values then match eigenvalues to about its square. */
  static final double TOLERANCE = 1e-7;
  /** Seed of the directions that replace deflated start columns (fixed: results never depend on it beyond rounding). */
  private static final long SEED = 0x636c7573L;
  /** Rows of factors stacked into one Gram update. */
  private static final int GRAM_RUN_ROWS = 1024;

  /**
   * A cluster's certified bound.
   *
   * @param bound upper bound on the rank-r relative error (with the rounding allowance)
   * @param captured the certified lower bound on Σ_{i≤r} λᵢ(G)
   * @param basis the Ritz vectors (d×k, k ≤ r + oversampling): the warm start of the next evaluation
   * @param values their Ritz values (basisᵀ·G·basis = diag(values)), largest first
   */
  record Certified(double bound, double captured, Matrix basis, double[] values) {}

  private final int rank;
  private final int cols;
  private final int keep;

  GramBound(int rank, int oversampling, int cols) {
    this.rank = rank;
    this.cols = cols;
    this.keep = Math.min(cols, rank + oversampling);
  }

  int keep() {
    return keep;
  }

  /**
   * The bound for a cluster with Gram {@code gram} (full symmetric), total energy {@code total} and
   * {@code rows} rows, stopping early once it is at most {@code eps} (pass a negative eps to run to
   * convergence).
   *
   * @param warm start directions (d×b, any b ≥ 0; null or empty: seeded random directions)
   */
  Certified certify(Matrix gram, Matrix warm, double total, long rows, double eps) {
    return certify(gram, warm, total, rows, eps, TOLERANCE);
  }

  /**
   * The same with a looser convergence tolerance: a rejection (bound above eps after convergence)
   * may then miss by about tolerance² of the energy, never an acceptance (the bound holds anyway).
   */
  Certified certify(Matrix gram, Matrix warm, double total, long rows, double eps, double tolerance) {
    double allowance = ErrorBound.allowance(rank, cols, rows, total);
    if (!(total > 0)) {
      return new Certified(0.0, 0.0, Matrix.zeros(cols, 0), new double[0]);
    }
    // the error meets eps once the captured energy reaches total + allowance − eps²·total
    double target = eps < 0 ? Double.POSITIVE_INFINITY : total + allowance - eps * eps * total;
    Ritz ritz = ritz(gram, warm, keep, rank, target, tolerance);
    return new Certified(ErrorBound.error(total, ritz.captured(), allowance), ritz.captured(), ritz.vectors(),
        ritz.values());
  }

  /**
   * Ritz pairs of an explicit symmetric positive semidefinite matrix.
   *
   * @param values the top Ritz values, largest first
   * @param vectors the matching Ritz vectors (n×k, orthonormal)
   * @param captured the sum of the r largest values (non-negative parts)
   */
  record Ritz(double[] values, Matrix vectors, double captured) {}

  /**
   * The top {@code k} Ritz pairs of S (n×n, full symmetric) by restarted block Lanczos from
   * {@code warm}, stopping once the sum of the top {@code r} values reaches {@code target}, the
   * pairs converge, or the restarts run out. The values are those of QᵀSQ for an orthonormal Q, so
   * every partial sum is at most the matching sum of S's eigenvalues (Cauchy interlacing).
   *
   * @param tolerance Ritz residual relative to θ₁ that counts as converged (the values are then
   *     accurate to about its square)
   */
  static Ritz ritz(Matrix s, Matrix warm, int k, int r, double target, double tolerance) {
    return ritz(s::times, s.rows(), warm, k, r, target, tolerance);
  }

  /** The same for an operator on Rⁿ. */
  static Ritz ritz(SymmetricOperator op, int n, Matrix warm, int k, int r, double target, double tolerance) {
    int want = Math.min(k, n);
    Matrix start = warm == null || warm.cols() == 0 ? Matrix.zeros(n, Math.max(1, want)) : warm;
    Ritz best = null;
    for (int restart = 0; restart <= RESTARTS; restart++) {
      BlockLanczos.Result res = BlockLanczos.solve(op, start, Math.max(1, want), STEPS, tolerance, SEED + restart, null);
      double captured = GrowingBound.topSum(res.values(), r);
      if (best == null || captured > best.captured()) {
        best = new Ritz(res.values(), res.vectors(), captured);
      }
      if (best.captured() >= target || res.converged() || res.basisSize() >= n) {
        break;
      }
      start = res.vectors();
    }
    return best;
  }

  /** FᵀF as a full symmetric d×d matrix. */
  static Matrix gram(Matrix factor) {
    Matrix g = Subspaces.gram(factor);
    g.symmetrizeFromUpper();
    return g;
  }

  /**
   * Σ FₖᵀFₖ over the factors as a full symmetric matrix: consecutive factors stacked into runs of
   * about {@value #GRAM_RUN_ROWS} rows (one large dgemm runs several times faster than many small
   * ones), each run's update spread over the driver's cores by column panels
   * ({@link Subspaces#addGram}): the same bits whatever the number of cores.
   */
  static Matrix gram(List<Matrix> factors, int d) {
    Matrix g = Matrix.zeros(d, d);
    List<Matrix> run = new ArrayList<>();
    int rows = 0;
    for (Matrix f : factors) {
      run.add(f);
      rows += f.rows();
      if (rows >= GRAM_RUN_ROWS) {
        Subspaces.addGram(g, run.size() == 1 ? run.get(0) : Subspaces.stack(run, d));
        run.clear();
        rows = 0;
      }
    }
    if (!run.isEmpty()) {
      Subspaces.addGram(g, run.size() == 1 ? run.get(0) : Subspaces.stack(run, d));
    }
    g.symmetrizeFromUpper();
    return g;
  }
}
