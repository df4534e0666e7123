package dev.randnla.jobs.generate;

import dev.randnla.io.CliEnums;

/** The synthetic matrices {@code generate} writes, each with exactly known answers (docs/algorithms.md, generate). */
public enum MatrixKind implements CliEnums.Named {
  /** U·diag(√R, 1, …, 1)·Vᵀ: top eigenvector V e₁, eigen-gap R. */
  SPIKED,
  /** U·diag(s)·Vᵀ with rank r and the nonzero singular values geometric from 1 to 1/κ. */
  LOWRANK,
  /** A light part with no energy along v₁ plus h rows ±c·v₁ that carry the top eigenvector. */
  HEAVY_ROWS,
  /** A with condition number κ, b = A·x* + ρ·U[:, d+1]: known x* and residual ρ. */
  REGRESSION,
  /** α·I_d stacked on U·diag(s): the identity rows have leverage α²/(α² + s_j²). */
  LEVERAGE,
  /** Blocks of rows, each C_k·B_gᵀ + noise for one of g planted rank-r subspaces B_g. */
  BLOCKS,
  /** Sparse rows (LIBSVM-friendly) with a planted sparse top eigenvector and a certified gap. */
  SPARSE,
  /** Gaussian noise N(0, σ²(I + Σ(ℓₖ − 1)uₖuₖᵀ)): the Marchenko–Pastur null model with optional planted spikes. */
  NOISE,
  /** d orthonormal directions, direction j repeated m_j times: Lewis weights and sensitivities 1/m_j. */
  DUPLICATED,
  /** Gaussian rows (correlated, condition number κ, when --kappa &gt; 1), y = X·w* + σ·ξ with w* k-sparse on a random support. */
  SPARSE_REGRESSION
}
