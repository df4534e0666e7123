package dev.randnla.jobs.cluster;

import dev.randnla.io.CliEnums;

/** How a candidate cluster's rank-r error is bounded (docs/algorithms.md, cluster). */
public enum ClusterAlgorithm implements CliEnums.Named {
  /** exact when d ≤ {@link #AUTO_EXACT_MAX_COLS}, else approximate. */
  AUTO,
  /** Top-r eigenvalue sum of the summed block Grams: every decision exact. */
  EXACT,
  /** Incremental truncated SVD with oversampling (the paper's recommendation). */
  APPROXIMATE,
  /** Incremental residual singular values. */
  RESIDUAL,
  /** Weyl bound from the seed's top-r energy. */
  MAXNORM;

  /**
   * Largest d for which auto picks exact: a d×d Gram per cluster (32 MB at d = 2048) and 2·d²·(r + p)
   * flops per Lanczos step are cheap next to the passes there, and exact's greedy pass strands fewer
   * blocks than approximate's (on Fashion-MNIST: 1 against 5, so less for the search to repair).
   * Beyond it, approximate's d×(r + p) state keeps the driver's memory linear in d.
   */
  public static final int AUTO_EXACT_MAX_COLS = 2048;

  /** The algorithm auto stands for at d columns. */
  public ClusterAlgorithm resolve(int cols) {
    if (this != AUTO) {
      return this;
    }
    return cols <= AUTO_EXACT_MAX_COLS ? EXACT : APPROXIMATE;
  }

  /** Whether the bound needs each block's factor (maxnorm needs only the seed's top-r energy). */
  public boolean needsFactors() {
    return this != MAXNORM;
  }
}
