package dev.randnla.jobs.regress.sparse;

/** The squared residual ‖X·w − y‖² of a group of rows as a function of w, and how many rows (or their total weight) it covers. */
public interface Residual {
  /** ‖X·w − y‖² over the group's rows (w has d entries). */
  double squares(double[] w);

  /** Rows of the group (Σ weights with a weight column). */
  double rows();
}
