package dev.randnla.jobs.regress;

import dev.randnla.io.CliEnums;

/** The least-squares solvers of {@code regress} ({@code --solver}). */
public enum Solver implements CliEnums.Named {
  /** TSQR of [A b], one pass, backward stable. */
  EXACT,
  /** Sketch-and-solve, one pass; residual within (1 + ε), coefficients approximate. */
  SKETCH,
  /** Sketch → R, then preconditioned CG with double-double gradients (default). */
  PRECONDITION,
  /** Leverage-score row sampling, then TSQR of the sample. */
  SAMPLE,
  /** Iterative Hessian sketch: a fresh sketch per pass. */
  IHS
}
