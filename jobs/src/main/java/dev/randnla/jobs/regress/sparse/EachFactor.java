package dev.randnla.jobs.regress.sparse;

import dev.randnla.spark.DriverThreads;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Runs one driver-side computation on several factors (the full data's and each fold's) at once, one thread
 * per core ({@link DriverThreads}): the fits of a cross-validated path are independent of each other, and each
 * is deterministic, so the results (returned in the factors' order) are the same bits as one after another.
 * Threads are used only as far as the heap holds the fits' workspaces at once (an SVD or a path needs a few
 * d×d matrices); otherwise, and on one core, the fits run in turn on the caller's thread.
 */
final class EachFactor {
  /** d×d matrices a fit holds at once (the SVD's A, U, V and LAPACK workspace; a path's H and factors). */
  private static final long MATRICES_PER_FIT = 8;

  private EachFactor() {}

  /** {@code fit.apply(i)} for every factor i, in that order. */
  static <T> List<T> map(List<Factor> factors, IntFunction<T> fit) {
    return map(factors, fit, threads(factors));
  }

  /** The same on at most {@code threads} threads (1: in turn, on the caller's thread). */
  static <T> List<T> map(List<Factor> factors, IntFunction<T> fit, int threads) {
    return DriverThreads.map(factors.size(), fit, threads, "randnla-fit");
  }

  private static int threads(List<Factor> factors) {
    if (factors.size() < 2) {
      return 1;
    }
    long d = factors.get(0).d() + 1L;
    return DriverThreads.forHeap(factors.size(), MATRICES_PER_FIT * 8 * d * d);
  }
}
