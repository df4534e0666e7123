package dev.randnla.jobs.cluster;

import java.util.List;

/**
 * The Weyl-type bound (Shamrai 2026, bound 1; the reference code's "max-norm" algorithm): appending
 * rows never lowers a singular value, so the seed's captured energy Σ_{i≤r} σᵢ(seed)² is a lower
 * bound on every larger cluster's, and e_r(C)² ≤ 1 − Σ_{i≤r} σᵢ(seed)² / ‖M_C‖_F².
 *
 * <p>The seed is credited with Σ_{i≤r} σᵢ(seed)², not its full energy ‖seed‖_F²: the two agree when
 * the seed has at most r rows (the usual seed), but a seed block with more rows than r has energy
 * outside any rank-r subspace, and crediting all of it (as the reference code does) over-claims —
 * its bound can then fall below the true error.
 *
 * <p>Cost: O(1) per candidate after the seed's top-r energy (one SVD of the seed, or none when the
 * block's top-r energy came with its statistics).
 */
final class MaxNormBound extends GrowingBound {
  private double captured;

  MaxNormBound(int rank, int cols) {
    super(rank, cols);
  }

  @Override
  public double start(List<Block> seed) {
    startTotals(seed);
    long rows = 0;
    double energy = 0;
    for (Block b : seed) {
      rows += b.rows();
      energy += b.energy();
    }
    captured = rows <= rank ? energy : seedTopEnergy(seed);
    return bound();
  }

  @Override
  void clear() {
    captured = 0;
  }

  /** Σ_{i≤r} σᵢ² of a seed with more than r rows (a single block, by the seeding rule). */
  private double seedTopEnergy(List<Block> seed) {
    if (seed.size() == 1 && !Double.isNaN(seed.get(0).topEnergy())) {
      return seed.get(0).topEnergy();
    }
    java.util.List<dev.randnla.linalg.Matrix> factors = new java.util.ArrayList<>();
    for (Block b : seed) {
      if (b.factor() == null) {
        throw new IllegalStateException("block " + b.key() + " has neither a factor nor its top-r energy");
      }
      factors.add(b.factor());
    }
    return Subspaces.topEnergy(Subspaces.stack(factors, cols), rank);
  }

  @Override
  public double propose(Block block) {
    proposeTotals(block);
    return proposedError(captured);
  }

  @Override
  public void accept() {
    acceptTotals();
  }

  @Override
  public double bound() {
    return currentError(captured);
  }
}
