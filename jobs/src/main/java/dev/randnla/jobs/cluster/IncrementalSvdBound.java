package dev.randnla.jobs.cluster;

import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.SymmetricOperator;

/**
 * The incremental truncated estimator (Shamrai 2026, the "approximate" algorithm and the author's
 * recommendation), transposed to row blocks and kept in factor form (docs/algorithms.md, cluster).
 * The state is a d×k matrix B, k ≤ r + oversampling, with BBᵀ standing for the cluster's Gram
 * M_CᵀM_C. A block F (m×d) is added exactly through Z = [B | Fᵀ]: ZZᵀ = BBᵀ + FᵀF, and its nonzero
 * eigenvalues are those of the small (k+m)×(k+m) matrix K = ZᵀZ = [[BᵀB, (FB)ᵀ], [FB, FFᵀ]]. The
 * captured-energy estimate is the sum of K's top r Ritz values for a basis U of k Ritz vectors
 * (block Lanczos from the old state's directions), and the new state is B' = Z·U.
 *
 * <p>Why it is a bound: B'B'ᵀ = Z·UUᵀ·Zᵀ ≼ ZZᵀ because UUᵀ ≼ I, so by induction BBᵀ ≼ M_CᵀM_C
 * (Loewner order) at every step, whatever U is; the estimate is the top-r eigenvalue sum of B'B'ᵀ,
 * which by Weyl monotonicity never exceeds the true top-r energy: the error estimate is an upper
 * bound in exact arithmetic. With U the exact top-k eigenvectors of K this is the paper's estimator
 * (its exact truncation); Lanczos gets there without the O((k+m)³) eigendecomposition, and any
 * shortfall only loosens the bound.
 *
 * <p>Cost per candidate: 2·m·d·k flops for FB and about 4·m·d·k per Lanczos step (K is applied
 * through F, never formed), a few steps from the warm start; driver memory O((d + m)·k) beyond the
 * factor.
 */
final class IncrementalSvdBound extends GrowingBound {
  /** Ritz residual tolerance (relative): the captured energy is then within ≈ 1e-10 of converged. */
  private static final double TOLERANCE = 1e-5;
  private final int keep;
  private Matrix b;
  private Matrix pendingB;
  private double pendingCaptured;
  private double captured;

  IncrementalSvdBound(int rank, int oversampling, int cols) {
    super(rank, cols);
    this.keep = Math.min(cols, rank + oversampling);
  }

  @Override
  void clear() {
    b = Matrix.zeros(cols, 0);
    captured = 0;
  }

  @Override
  public double propose(Block block) {
    Matrix f = block.factor();
    int k = b.cols();
    int m = f.rows();
    int n = k + m;
    Matrix fb = f.times(b);
    Matrix bb = b.transposeTimes(b);
    // K = ZᵀZ applied as an operator: FFᵀ (m²·d flops) is never formed, each step costs 4·m·d·b
    SymmetricOperator kOp = x -> {
      Matrix x1 = rows(x, 0, k);
      Matrix x2 = rows(x, k, n);
      Matrix top = bb.times(x1).plus(fb.transposeTimes(x2));
      Matrix bottom = fb.times(x1).plus(f.times(f.transposeTimes(x2)));
      return stackRows(top, bottom);
    };
    // start from the old state's directions (the leading coordinates), the new block's enter by Krylov steps
    Matrix warm = Matrix.zeros(n, Math.max(1, Math.min(keep, n)));
    for (int j = 0; j < Math.min(k, warm.cols()); j++) {
      warm.set(j, j, 1.0);
    }
    GramBound.Ritz ritz = GramBound.ritz(kOp, n, warm, keep, rank, Double.POSITIVE_INFINITY, TOLERANCE);
    int kept = 0;
    while (kept < ritz.values().length && ritz.values()[kept] > 0) {
      kept++;
    }
    // B' = [B | Fᵀ]·U over the positive Ritz pairs
    Matrix u = ritz.vectors().leadingColumns(kept);
    Matrix next = f.transposeTimes(rows(u, k, n));
    if (k > 0) {
      next.addInPlace(b.times(rows(u, 0, k)));
    }
    pendingB = next;
    pendingCaptured = ritz.captured();
    proposeTotals(block);
    return proposedError(pendingCaptured);
  }

  /** Rows [from, to) of X. */
  private static Matrix rows(Matrix x, int from, int to) {
    Matrix out = Matrix.zeros(to - from, x.cols());
    for (int j = 0; j < x.cols(); j++) {
      System.arraycopy(x.data(), from + j * x.rows(), out.data(), j * (to - from), to - from);
    }
    return out;
  }

  /** [A; B]. */
  private static Matrix stackRows(Matrix a, Matrix b) {
    int n = a.rows() + b.rows();
    Matrix out = Matrix.zeros(n, a.cols());
    for (int j = 0; j < a.cols(); j++) {
      System.arraycopy(a.data(), j * a.rows(), out.data(), j * n, a.rows());
      System.arraycopy(b.data(), j * b.rows(), out.data(), a.rows() + j * n, b.rows());
    }
    return out;
  }

  @Override
  public void accept() {
    b = pendingB;
    captured = pendingCaptured;
    acceptTotals();
  }

  @Override
  public double bound() {
    return currentError(captured);
  }
}
