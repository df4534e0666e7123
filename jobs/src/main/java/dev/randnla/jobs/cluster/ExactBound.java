package dev.randnla.jobs.cluster;

import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.SymmetricEigen;
import java.util.ArrayList;
import java.util.List;

/**
 * The exact rank-r error of a cluster from its Gram G_C = Σ_{k∈C} F_kᵀF_k (docs/algorithms.md, cluster;
 * distributed form): the captured energy is the sum of G_C's top r eigenvalues, so every
 * acceptance and every rejection is the decision the true error would make (up to rounding).
 *
 * <p>Made cheap by a certified pre-check: the state keeps V (d×k orthonormal, k = r + oversampling)
 * with VᵀG_CV = diag(λ) — Ritz vectors of G_C after an evaluation on the whole Gram, Ritz vectors
 * within their span after cheap acceptances. For a candidate F, H = VᵀG'V = diag(λ) + (FV)ᵀ(FV) is
 * the compression of G' = G_C + FᵀF to span(V), and by the Ky Fan maximum principle the sum of H's
 * top r eigenvalues is a lower bound on G''s: when that already meets ε the block is accepted (the
 * exact error is smaller still) at a cost of 2·m·d·k flops. Only when it does not is G' itself
 * evaluated ({@link GramBound}: block Lanczos warm-started from V, stopped when its bound meets ε or
 * its Ritz pairs converge — never a d×d eigendecomposition), which decides exactly up to rounding and
 * refreshes V. In a greedy run this happens about once per cluster (its first rejection) plus when
 * the cluster's top subspace has drifted out of span(V).
 *
 * <p>Cost: about m·d² flops per accepted block to keep G_C's upper triangle (in batches of about 512
 * rows, on the driver's cores), 2·d²·k per Lanczos step; driver memory three d×d matrices and up to
 * 512 rows of pending factors. The cluster's Gram is handed to the local search when it is done.
 */
final class ExactBound extends GrowingBound {
  /** Rows of accepted factors gathered before one Gram update. */
  private static final int GRAM_BATCH_ROWS = 512;
  private final int keep;
  private final double eps;
  private final GramBound lanczos;
  /** Σ FᵀF over the cluster's blocks except those still in {@code unfolded}. */
  private Matrix gram;
  /** Accepted blocks' factors not yet added to the Gram (folded in batches: one dgemm runs 2–4× faster on 500 rows than on 100). */
  private final List<Matrix> unfolded = new ArrayList<>();
  private int unfoldedRows;
  private Matrix v;
  private double[] lambda;
  /** Σ_{i≤r} eigenvalues of the current G_C when known exactly (seed, dense decision), else NaN. */
  private double exactCaptured;
  private Block pendingBlock;
  private Matrix pendingGram;
  private Matrix pendingV;
  private double[] pendingLambda;
  private double pendingExact;
  private int decompositions;

  /**
   * @param eps the error the caller accepts (decides when the cheap lower bound suffices)
   */
  ExactBound(int rank, int oversampling, int cols, double eps) {
    super(rank, cols);
    this.keep = Math.min(cols, rank + oversampling);
    this.eps = eps;
    this.lanczos = new GramBound(rank, oversampling, cols);
  }

  @Override
  public double start(List<Block> seed) {
    clear();
    startTotals(seed);
    for (Block b : seed) {
      Subspaces.addGram(gram, b.factor());
    }
    gram.symmetrizeFromUpper();
    GramBound.Certified top = lanczos.certify(gram, null, total(), rows(), -1);
    v = top.basis();
    lambda = clamp(top.values());
    exactCaptured = top.captured();
    return bound();
  }

  @Override
  void clear() {
    gram = Matrix.zeros(cols, cols);
    unfolded.clear();
    unfoldedRows = 0;
  }

  /** Adds the unfolded factors to the Gram. */
  private void foldGram() {
    if (!unfolded.isEmpty()) {
      Subspaces.addGram(gram, unfolded.size() == 1 ? unfolded.get(0) : Subspaces.stack(unfolded, cols));
      unfolded.clear();
      unfoldedRows = 0;
    }
  }

  @Override
  public double propose(Block block) {
    pendingBlock = block;
    proposeTotals(block);
    Matrix p = block.factor().times(v);
    Matrix h = p.transposeTimes(p);
    for (int i = 0; i < lambda.length; i++) {
      h.set(i, i, h.get(i, i) + lambda[i]);
    }
    SymmetricEigen compressed = SymmetricEigen.of(h);
    double cheap = proposedError(topSum(compressed.values(), rank));
    if (cheap <= eps) {
      pendingGram = null;
      pendingV = v.times(compressed.vectors());
      pendingLambda = clamp(compressed.values());
      pendingExact = Double.NaN;
      return cheap;
    }
    foldGram();
    pendingGram = gram.copy();
    Subspaces.addGram(pendingGram, block.factor());
    // the upper triangle is the Gram; the lower is refreshed from it before the operator is applied
    pendingGram.symmetrizeFromUpper();
    GramBound.Certified full = lanczos.certify(pendingGram, v, pendingTotal(), pendingRows(), eps);
    decompositions++;
    pendingV = full.basis();
    pendingLambda = clamp(full.values());
    pendingExact = full.captured();
    return proposedError(pendingExact);
  }

  @Override
  public void accept() {
    if (pendingGram != null) {
      gram = pendingGram;
    } else {
      unfolded.add(pendingBlock.factor());
      unfoldedRows += pendingBlock.factor().rows();
      if (unfoldedRows >= GRAM_BATCH_ROWS) {
        foldGram();
      }
    }
    v = pendingV;
    lambda = pendingLambda;
    exactCaptured = pendingExact;
    acceptTotals();
    pendingGram = null;
  }

  /**
   * The error of the cluster as it stands: exact when its last decision needed the Gram's
   * eigendecomposition, else the Ky Fan bound that accepted its last block (at least the exact error,
   * and equal to it when span(V) holds the cluster's top-r subspace). The verification pass reports
   * the true error either way, so no d×d decomposition is spent here.
   */
  @Override
  public double bound() {
    return currentError(Double.isNaN(exactCaptured) ? topSum(lambda, rank) : exactCaptured);
  }

  /** Evaluations on the whole d×d Gram so far (for the summary). */
  int decompositions() {
    return decompositions;
  }

  /**
   * The current cluster's Gram Σ FₖᵀFₖ, full symmetric, for a caller that goes on working with the
   * cluster (the local search); valid until the next {@link #start}.
   */
  @Override
  public Matrix gram() {
    foldGram();
    gram.symmetrizeFromUpper();
    return gram;
  }

  private static double[] clamp(double[] values) {
    double[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.max(0, out[i]);
    }
    return out;
  }
}
