package dev.randnla.jobs.generate;

import dev.randnla.io.MatrixRow;
import java.io.Serializable;
import java.util.Map;

/**
 * Produces row number g (in generation order, 0 ≤ g &lt; n) of a synthetic matrix, as a pure
 * function of (seed, g), so any task can generate any rows and the matrix is the same however
 * the work is split. Built on the driver (where it draws its small global state such as V) and
 * shipped to tasks.
 */
public abstract class RowGenerator implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Rows n. */
  protected final long n;
  /** Columns d. */
  protected final int d;
  /** The seed every draw of the matrix is a function of. */
  protected final long seed;

  RowGenerator(long n, int d, long seed) {
    this.n = n;
    this.d = d;
    this.seed = seed;
  }

  /** Rows n. */
  public final long rows() {
    return n;
  }

  /** Columns d. */
  public final int cols() {
    return d;
  }

  /** Whether rows carry a label (regression response). */
  public boolean hasLabel() {
    return false;
  }

  /** Whether rows carry a block key. */
  public boolean hasKey() {
    return false;
  }

  /** Whether rows are naturally sparse (written as such in LIBSVM and sparse vectors). */
  public boolean sparse() {
    return false;
  }

  /**
   * Generates rows {@code g[0..count)} into {@code out} (one array per row, dense d entries, or a
   * sparse row when {@link #sparse()}). Implementations generate a whole block at once so dense
   * products run as one dgemm.
   */
  public abstract MatrixRow[] generate(long[] g, int count);

  /**
   * Adds the exact answers to {@code truth}. {@code positionOf} maps a generated row number to its
   * 0-based position in the written files (the inverse of the row order).
   */
  public abstract void describe(Map<String, Object> truth, java.util.function.LongUnaryOperator positionOf);
}
