package dev.randnla.jobs.regress.sparse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs one driver-side computation on several factors (the full data's and each fold's) at once, one thread
 * per core: the fits of a cross-validated path are independent of each other, and each is deterministic, so
 * the results (returned in the factors' order) are the same bits as one after another. Threads are used only
 * when the heap holds every fit's workspace at once (an SVD or a path needs a few d×d matrices); otherwise,
 * and on one core, the fits run in turn on the caller's thread. An exception from a fit is rethrown as it was
 * thrown (the first in the factors' order), so messages do not depend on threads.
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
    if (threads <= 1) {
      List<T> out = new ArrayList<>(factors.size());
      for (int i = 0; i < factors.size(); i++) {
        out.add(fit.apply(i));
      }
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, factors.size()), r -> {
      Thread t = new Thread(r, "randnla-fit");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<T>> futures = new ArrayList<>(factors.size());
      for (int i = 0; i < factors.size(); i++) {
        int at = i;
        futures.add(pool.submit(() -> fit.apply(at)));
      }
      List<T> out = new ArrayList<>(factors.size());
      for (Future<T> future : futures) {
        out.add(result(future));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static int threads(List<Factor> factors) {
    if (factors.size() < 2) {
      return 1;
    }
    long d = factors.get(0).d() + 1L;
    long perFit = MATRICES_PER_FIT * 8 * d * d;
    Runtime rt = Runtime.getRuntime();
    long spare = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    long byMemory = Math.max(1, spare / 2 / Math.max(1, perFit));
    return (int) Math.min(Math.min(rt.availableProcessors(), factors.size()), byMemory);
  }

  private static <T> T result(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fitting", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }
}
