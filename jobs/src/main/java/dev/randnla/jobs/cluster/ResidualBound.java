package dev.randnla.jobs.cluster;

import dev.randnla.linalg.Matrix;
import java.util.Arrays;

/**
 * The incremental-residual bound (Shamrai 2026, bound 2), with every residual direction credited
 * with all the energy the cluster puts along it.
 *
 * <p>Each block k contributes the directions of its residual R_k = A_k(I − Q_kQ_kᵀ) against the
 * basis Q_k of everything before it; together they form an orthonormal basis of the cluster's row
 * space. By the Ky Fan maximum principle the sum of vᵀ(M_CᵀM_C)v over any r orthonormal vectors v is
 * a lower bound on Σ_{i≤r} σᵢ(M_C)², so the bound takes the r basis directions of largest energy. A
 * direction v first met in block j has energy Σ_{k≥j} ‖A_k v‖² (earlier blocks are orthogonal to
 * it): σ² of block j's residual plus what every later block projects onto it, which the residual
 * step computes anyway (A_kQ_k). The paper's bound credits only the first term — the top r residual
 * σ² — which is the same on nearly orthogonal blocks but gives nothing for the second and so can
 * never merge blocks that share a subspace (a block inside the span adds energy but no residual);
 * this version is never smaller and is still a bound in exact arithmetic.
 *
 * <p>The basis must hold every earlier direction for the energies to be exact, so every residual
 * direction above {@link Subspaces#NEW_DIRECTION} of the block's norm joins it (up to d).
 *
 * <p>Cost per candidate: 4·m·d·s flops for the residual against the s-column basis plus an SVD of
 * the m×d residual; driver memory d·s ≤ d² for the basis.
 */
final class ResidualBound extends GrowingBound {
  private Matrix basis;
  private double[] energies;
  private Subspaces.Residual pending;
  private double[] pendingEnergies;

  ResidualBound(int rank, int cols) {
    super(rank, cols);
  }

  @Override
  void clear() {
    basis = Matrix.zeros(cols, 0);
    energies = new double[0];
  }

  @Override
  public double propose(Block block) {
    pending = Subspaces.residual(block.factor(), basis);
    Matrix y = pending.projection();
    double[] sigma = pending.sigma();
    pendingEnergies = Arrays.copyOf(energies, energies.length + sigma.length);
    for (int i = 0; i < energies.length; i++) {
      double s = 0;
      for (int k = 0; k < y.rows(); k++) {
        double v = y.get(k, i);
        s += v * v;
      }
      pendingEnergies[i] += s;
    }
    for (int j = 0; j < sigma.length; j++) {
      pendingEnergies[energies.length + j] = sigma[j] * sigma[j];
    }
    proposeTotals(block);
    return proposedError(topSum(pendingEnergies, rank));
  }

  @Override
  public void accept() {
    basis = Subspaces.columns(basis, pending.basis());
    energies = pendingEnergies;
    acceptTotals();
  }

  @Override
  public double bound() {
    return currentError(topSum(energies, rank));
  }
}
