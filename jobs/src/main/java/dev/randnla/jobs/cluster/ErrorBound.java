package dev.randnla.jobs.cluster;

import java.util.List;

/**
 * An upper bound on the rank-r relative error e_r(C) = sqrt(1 − Σ_{i≤r} σᵢ(M_C)² / ‖M_C‖_F²) of a
 * cluster C that grows one block at a time (docs/algorithms.md, cluster). ‖M_C‖_F² = Σ ‖A_k‖_F² is exact, so
 * every implementation is a lower bound on the captured energy Σ_{i≤r} σᵢ² turned into an upper
 * bound on the error; in exact arithmetic it is never below the true error.
 *
 * <p>Use: {@link #start} with the seed, then for each candidate {@link #propose} (no state change)
 * and, when the caller takes it, {@link #accept}.
 */
interface ErrorBound {
  /** Starts a cluster from its seed blocks; returns the seed's bound. */
  double start(List<Block> seed);

  /** The bound if {@code block} joined the cluster as it stands. */
  double propose(Block block);

  /** Adds the block last proposed. */
  void accept();

  /** The bound of the cluster as it stands (the value reported for it). */
  double bound();

  /**
   * The cluster's Gram Σ FₖᵀFₖ (full symmetric) when the bound keeps it, else null; valid until the
   * next {@link #start}.
   */
  default dev.randnla.linalg.Matrix gram() {
    return null;
  }

  /** The rank-r relative error for a total energy and a lower bound on the captured energy. */
  static double error(double total, double captured, double allowance) {
    if (!(total > 0)) {
      return 0.0;
    }
    double tail = Math.max(0.0, total - captured + allowance);
    return Math.min(1.0, Math.sqrt(tail / total));
  }

  /**
   * The rounding allowance added to the uncaptured energy: 8·u·r·(d + √n)·‖M‖_F², about what the
   * accumulated Gram or factor of n rows and the eigen- or singular values of a d×d matrix may be
   * off by (each of r eigenvalues to ≈ d·u·λ₁, entries summed over n rows to ≈ √n·u in practice),
   * so a bound computed in floating point still errs on the safe side. Below 1e-5 of the error
   * for clusters of up to ~10⁸ rows at r = 20.
   */
  static double allowance(int rank, int cols, long rows, double total) {
    return 8 * 0x1.0p-53 * rank * (cols + Math.sqrt((double) rows)) * total;
  }
}
