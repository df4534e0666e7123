package dev.randnla.spark;

import dev.randnla.io.ResourceLimitException;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;

/**
 * Memory limits a job checks before it starts (docs/design.md §9): what the driver may hold, what one
 * task may hold, and how many partial results the driver may receive at once. A job that would
 * not fit is refused with {@link ResourceLimitException} (exit code 4) naming the limit and a
 * setting that would fit, rather than failing an hour later.
 */
public final class Resources {
  private static final long DEFAULT_MAX_RESULT = 1L << 30;

  private Resources() {}

  /** {@code spark.driver.maxResultSize} in bytes (Long.MAX_VALUE when 0, i.e. unlimited). */
  public static long maxResultSize(SparkContext sc) {
    SparkConf conf = sc.getConf();
    if (!conf.contains("spark.driver.maxResultSize")) {
      return DEFAULT_MAX_RESULT;
    }
    long v = conf.getSizeAsBytes("spark.driver.maxResultSize");
    return v <= 0 ? Long.MAX_VALUE : v;
  }

  /** The driver JVM's maximum heap. */
  public static long driverHeap() {
    return Runtime.getRuntime().maxMemory();
  }

  /** The memory one task may use for its own state: executor heap × 0.6 / cores per executor. */
  public static long taskMemory(SparkContext sc) {
    SparkConf conf = sc.getConf();
    String master = sc.master();
    if (master.startsWith("local[") || master.equals("local")) {
      return (long) (driverHeap() * 0.6 / Math.max(1, sc.defaultParallelism()));
    }
    long heap = conf.getSizeAsBytes("spark.executor.memory", "1g");
    int cores = conf.getInt("spark.executor.cores", 1);
    return (long) (heap * 0.6 / Math.max(1, cores));
  }

  /** How many values of {@code itemBytes} the driver may receive and hold at once (2 to 4096). */
  public static int fanIn(SparkContext sc, long itemBytes) {
    long budget = Math.min(maxResultSize(sc) / 2, driverHeap() / 4);
    long n = budget / Math.max(1, itemBytes);
    return (int) Math.max(2, Math.min(4096, n));
  }

  /** Refuses when the driver must hold {@code bytes} for {@code what} and cannot. */
  public static void requireDriver(SparkContext sc, String what, long bytes, String advice) {
    long heapLimit = driverHeap() / 3;
    long resultLimit = maxResultSize(sc);
    if (bytes > heapLimit) {
      throw new ResourceLimitException(what + " needs about " + mb(bytes) + " on the driver, more than a third of its heap ("
          + mb(driverHeap()) + "); " + advice + " (or raise --driver-memory)");
    }
    if (bytes > resultLimit / 2) {
      throw new ResourceLimitException(what + " needs about " + mb(bytes) + " per partial result, more than half of "
          + "spark.driver.maxResultSize (" + mb(resultLimit) + "); " + advice + " (or raise spark.driver.maxResultSize)");
    }
  }

  /** Refuses when one task must hold {@code bytes} for {@code what} and cannot. */
  public static void requireTask(SparkContext sc, String what, long bytes, String advice) {
    long limit = taskMemory(sc);
    if (bytes > limit) {
      throw new ResourceLimitException(what + " needs about " + mb(bytes) + " per task, more than the "
          + mb(limit) + " a task may use; " + advice + " (or raise spark.executor.memory)");
    }
  }

  /** Bytes of a dense r×c double matrix. */
  public static long denseBytes(long r, long c) {
    return 8L * r * c;
  }

  static String mb(long bytes) {
    if (bytes == Long.MAX_VALUE) {
      return "unlimited";
    }
    return bytes >= (1L << 30) ? String.format(java.util.Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
        : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
  }
}
