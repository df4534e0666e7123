package dev.randnla.jobs.regress;

import java.util.Locale;

/** The least-squares solvers of {@code regress} ({@code --solver}). */
public enum Solver {
  /** TSQR of [A b], one pass, backward stable. */
  EXACT,
  /** Sketch-and-solve, one pass; residual within (1 + ε), coefficients approximate. */
  SKETCH,
  /** Sketch → R, then preconditioned CG with double-double gradients (default). */
  PRECONDITION,
  /** Leverage-score row sampling, then TSQR of the sample. */
  SAMPLE,
  /** Iterative Hessian sketch: a fresh sketch per pass. */
  IHS;

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Solver parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--solver must be exact, sketch, precondition, sample or ihs: " + s);
    }
  }
}
