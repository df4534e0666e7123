/**
 * Driver-side sparse linear regression on the (d+1)×(d+1) R factor of [X y] (docs/algorithms.md,
 * regress --lasso / --sparsity): plain Lasso by coordinate descent ({@link dev.randnla.jobs.regress.sparse.Lasso}),
 * a preconditioned Lasso with a least-squares refit ({@link dev.randnla.jobs.regress.sparse.PreconditionedLasso}),
 * orthogonal matching pursuit ({@link dev.randnla.jobs.regress.sparse.ForwardStepwise}), and K-fold
 * cross-validation over their paths from per-fold factors ({@link dev.randnla.jobs.regress.sparse.CrossValidation}).
 * Nothing here reads data: every quantity is a function of the factors one pass collected.
 */
package dev.randnla.jobs.regress.sparse;
