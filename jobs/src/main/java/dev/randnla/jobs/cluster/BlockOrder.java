package dev.randnla.jobs.cluster;

import dev.randnla.io.CliEnums;

/** The order in which a cluster's candidates are tried after its seed (docs/algorithms.md, cluster). */
public enum BlockOrder implements CliEnums.Named {
  /** Smallest Frobenius norm first (the reference code's default). */
  NORM,
  /** Smallest residual against the seed's top-r subspace first: the most aligned blocks first. */
  RESIDUAL
}
