package dev.randnla.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Independent driver-side computations on the driver's cores: {@code task(0)}, …, {@code task(n − 1)} on at most
 * {@code threads} daemon threads, results returned in index order. Each task must be deterministic and touch
 * only its own data, so the results are the same bits as one after another. An exception from a task is
 * rethrown as it was thrown, the first in index order, so messages do not depend on threads.
 */
public final class DriverThreads {
  private DriverThreads() {}

  /** The results of every task, in index order; on the caller's thread when {@code threads} ≤ 1 or n ≤ 1. */
  public static <T> List<T> map(int n, IntFunction<T> task, int threads, String name) {
    List<T> out = new ArrayList<>(n);
    if (threads <= 1 || n <= 1) {
      for (int i = 0; i < n; i++) {
        out.add(task.apply(i));
      }
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, n), r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<T>> futures = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int at = i;
        futures.add(pool.submit(() -> task.apply(at)));
      }
      for (Future<T> future : futures) {
        out.add(result(future, name));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * How many threads the driver can give computations that each hold {@code bytesEach} at once: its cores, at
   * most {@code tasks}, and as many as half of its free heap holds.
   */
  public static int forHeap(int tasks, long bytesEach) {
    Runtime rt = Runtime.getRuntime();
    long spare = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    long byMemory = Math.max(1, spare / 2 / Math.max(1, bytesEach));
    return (int) Math.max(1, Math.min(Math.min(rt.availableProcessors(), tasks), byMemory));
  }

  private static <T> T result(Future<T> future, String name) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + name, e);
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
