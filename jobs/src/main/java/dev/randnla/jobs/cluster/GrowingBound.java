package dev.randnla.jobs.cluster;

import java.util.Arrays;
import java.util.List;

/**
 * The bookkeeping every {@link ErrorBound} shares: the cluster's total energy and rows, the same for
 * the candidate under proposal, and the error from a captured-energy lower bound with the rounding
 * allowance. Subclasses keep their own lower bound on the captured energy.
 */
abstract class GrowingBound implements ErrorBound {
  final int rank;
  final int cols;
  private double total;
  private long rows;
  private double pendingTotal;
  private long pendingRows;

  GrowingBound(int rank, int cols) {
    this.rank = rank;
    this.cols = cols;
  }

  /** Empties the cluster's own state (before a new seed). */
  abstract void clear();

  /**
   * Starts by adding the seed's blocks one at a time, as any other block (bounds with a cheaper start
   * from the seed's totals override it).
   */
  @Override
  public double start(List<Block> seed) {
    clear();
    total = 0;
    rows = 0;
    for (Block b : seed) {
      propose(b);
      accept();
    }
    return bound();
  }

  /** Starts with the seed's totals only (the subclass sets up its own state). */
  void startTotals(List<Block> seed) {
    total = 0;
    rows = 0;
    for (Block b : seed) {
      total += b.energy();
      rows += b.rows();
    }
  }

  /** Records the totals with the proposed block in. */
  void proposeTotals(Block block) {
    pendingTotal = total + block.energy();
    pendingRows = rows + block.rows();
  }

  /** The cluster's total energy as it stands. */
  double total() {
    return total;
  }

  /** The cluster's rows as it stands. */
  long rows() {
    return rows;
  }

  /** The proposed cluster's total energy. */
  double pendingTotal() {
    return pendingTotal;
  }

  /** The proposed cluster's rows. */
  long pendingRows() {
    return pendingRows;
  }

  /** Takes the proposed totals. */
  void acceptTotals() {
    total = pendingTotal;
    rows = pendingRows;
  }

  /** The error bound of the proposed cluster for a lower bound on its captured energy. */
  double proposedError(double captured) {
    return ErrorBound.error(pendingTotal, captured, ErrorBound.allowance(rank, cols, pendingRows, pendingTotal));
  }

  /** The error bound of the cluster as it stands for a lower bound on its captured energy. */
  double currentError(double captured) {
    return ErrorBound.error(total, captured, ErrorBound.allowance(rank, cols, rows, total));
  }

  /** The sum of the r largest (non-negative parts of the) values, in any order. */
  static double topSum(double[] values, int r) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double t = 0;
    for (int i = 0; i < Math.min(r, sorted.length); i++) {
      t += Math.max(0, sorted[sorted.length - 1 - i]);
    }
    return t;
  }
}
