package dev.randnla.jobs.regress.sparse;

import dev.randnla.io.CliEnums;

/** {@code regress --sparse-method}: which sparse solver gives the model. */
public enum SparseMethod implements CliEnums.Named {
  /** The method with the lowest cross-validated prediction error (all three are run). */
  AUTO,
  /** Plain Lasso by coordinate descent ({@link Lasso}). */
  LASSO,
  /** The two-phase preconditioned Lasso with a least-squares refit ({@link PreconditionedLasso}). */
  PRECONDITIONED,
  /** Orthogonal matching pursuit ({@link ForwardStepwise}). */
  OMP
}
