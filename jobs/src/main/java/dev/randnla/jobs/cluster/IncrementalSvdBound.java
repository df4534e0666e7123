package dev.randnla.jobs.cluster;

import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.SymmetricEigen;
import java.util.List;

/**
 * The incremental truncated estimator (Shamrai 2026, the "approximate" algorithm and the author's
 * recommendation), transposed to row blocks: the state (Q, Λ), Q orthonormal d×k with
 * k ≤ r + oversampling, stands for QΛQᵀ ≈ M_CᵀM_C. A block F is added exactly in the basis
 * W = [Q | orthonormal basis of F(I − QQᵀ)]: H = Wᵀ(QΛQᵀ + FᵀF)W = diag(Λ, 0) + (FW)ᵀ(FW); the
 * captured energy estimate is the sum of H's top r eigenvalues; the new state is H's top k
 * eigenpairs.
 *
 * <p>Why it is a bound: W holds the ranges of both terms, so H has exactly the nonzero spectrum of
 * QΛQᵀ + FᵀF; truncation only drops a positive semidefinite part; so by induction QΛQᵀ ≼ M_CᵀM_C
 * (Loewner order) at every step, and by Weyl monotonicity the estimate never exceeds the true top-r
 * energy: the error estimate is an upper bound in exact arithmetic. This needs every residual
 * direction of the block in W (dropping one, even a small one, breaks the Loewner argument), so
 * only directions below {@link Subspaces#NEW_DIRECTION} of the block's norm — rounding — are left out.
 *
 * <p>Cost per candidate: 4·m·d·k flops for the projection, an SVD of the m×d residual and an
 * eigendecomposition of order k + m; driver memory O(d·(k + m)).
 */
final class IncrementalSvdBound extends GrowingBound {
  private final int keep;
  private Matrix q;
  private double[] lambda;
  private Matrix pendingW;
  private SymmetricEigen pendingEigen;

  IncrementalSvdBound(int rank, int oversampling, int cols) {
    super(rank, cols);
    this.keep = Math.min(cols, rank + oversampling);
  }

  @Override
  public double start(List<Block> seed) {
    return startOneByOne(seed);
  }

  @Override
  void clear() {
    q = Matrix.zeros(cols, 0);
    lambda = new double[0];
  }

  @Override
  public double propose(Block block) {
    Matrix f = block.factor();
    Subspaces.Residual res = Subspaces.residualSpan(f, q);
    Matrix w = Subspaces.columns(q, res.basis());
    Matrix fw = Subspaces.columns(res.projection(), f.times(res.basis()));
    Matrix h = fw.transposeTimes(fw);
    for (int i = 0; i < lambda.length; i++) {
      h.set(i, i, h.get(i, i) + lambda[i]);
    }
    pendingW = w;
    pendingEigen = SymmetricEigen.top(h, Math.min(keep, h.rows()));
    proposeTotals(block);
    return proposedError(topSum(pendingEigen.values(), rank));
  }

  @Override
  public void accept() {
    double[] values = pendingEigen.values();
    int k = 0;
    while (k < values.length && values[k] > 0) {
      k++;
    }
    q = pendingW.times(pendingEigen.vectors().leadingColumns(k));
    lambda = java.util.Arrays.copyOf(values, k);
    acceptTotals();
  }

  @Override
  public double bound() {
    return currentError(topSum(lambda, rank));
  }
}
