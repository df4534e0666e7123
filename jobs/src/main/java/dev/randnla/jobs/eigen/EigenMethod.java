package dev.randnla.jobs.eigen;

import dev.randnla.io.CliEnums;

/** How {@code eigen} computes the top eigenvector(s) of AᵀA (docs/algorithms.md, eigen). */
public enum EigenMethod implements CliEnums.Named {
  /** Exact when the d×d Gram is cheap next to reading the input, stream otherwise (a cost model). */
  AUTO,
  /** Segmented power method over a random-order stream with a heavy-row side channel: one pass. */
  STREAM,
  /** Oja's rule with a fixed learning rate over one sequential pass; may declare failure. */
  OJA,
  /** One Gram pass and a dense symmetric eigensolver: the reference for small d. */
  EXACT,
  /** Block Krylov (Lanczos) on the distributed Gram operator: one pass per iteration, O(d·b) state. */
  LANCZOS
}
