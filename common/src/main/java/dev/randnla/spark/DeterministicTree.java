package dev.randnla.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Merges one value per partition into one value in an order fixed by partition index, so the
 * floating-point result is the same bitwise on every run, under task retries and speculation
 * (Spark's {@code treeReduce} and {@code reduce} merge in task-completion order, which is not).
 *
 * <p>When there are more partitions than the driver should receive at once ({@code fanIn}, from the
 * value's size and {@code spark.driver.maxResultSize}), consecutive partitions are first merged on
 * executors in groups (one shuffle per level); the driver then merges at most {@code fanIn} values.
 * Within a group, and on the driver, values merge as a balanced binary tree over index order.
 *
 * <p>On the driver the merges of one tree level are independent (disjoint pairs), so for values of a MiB
 * or more they run on up to as many threads as the driver has cores and its free heap allows
 * ({@link #driverThreads}): the same pairs in the same tree, so the same bits, in less wall time where
 * a merge is expensive (a TSQR merge of two d×d factors costs ≈ 2d³ flops: 50–70 ms at d = 784, and a
 * pass has one per partition). An exception from a merge is rethrown as thrown, the first in index order.
 */
public final class DeterministicTree {
  private DeterministicTree() {}

  /**
   * @param results one result per partition (any order)
   * @param merge merges two values (may mutate the left one)
   * @param fanIn the most values the driver receives at once (≥ 2)
   */
  public static <T> PartitionResult<T> reduce(JavaRDD<PartitionResult<T>> results, Merge<T> merge, int fanIn) {
    return reduce(results, merge, fanIn, 0);
  }

  /**
   * @param valueBytes the size of one value, which bounds the driver's merge threads by its free heap (0: one
   *     thread)
   */
  public static <T> PartitionResult<T> reduce(JavaRDD<PartitionResult<T>> results, Merge<T> merge, int fanIn,
      long valueBytes) {
    if (fanIn < 2) {
      throw new IllegalArgumentException("fanIn must be at least 2: " + fanIn);
    }
    JavaRDD<PartitionResult<T>> level = results;
    int count = results.getNumPartitions();
    while (count > fanIn) {
      int groupSize = (int) Math.ceil((double) count / fanIn);
      int groups = (count + groupSize - 1) / groupSize;
      int divisor = groupSize;
      level = level
          .mapToPair(r -> new Tuple2<>(r.index() / divisor, r))
          .groupByKey(groups)
          .map(g -> {
            FaultInjection.maybeFailTask();
            return mergeAll(g._2(), merge);
          });
      count = groups;
    }
    List<PartitionResult<T>> all = level.collect();
    if (all.isEmpty()) {
      throw new IllegalStateException("no partitions to merge");
    }
    return mergeAll(all, merge, driverThreads(all.size() / 2, valueBytes));
  }

  /** Merges results as a balanced tree over ascending index, on the calling thread. */
  static <T> PartitionResult<T> mergeAll(Iterable<PartitionResult<T>> items, Merge<T> merge) {
    return mergeAll(items, merge, 1);
  }

  /** The same tree, each level's merges on up to {@code threads} threads. */
  static <T> PartitionResult<T> mergeAll(Iterable<PartitionResult<T>> items, Merge<T> merge, int threads) {
    List<PartitionResult<T>> list = new ArrayList<>();
    items.forEach(list::add);
    list.sort(Comparator.comparingInt(PartitionResult::index));
    while (list.size() > 1) {
      List<PartitionResult<T>> level = list;
      int pairs = level.size() / 2;
      for (int i = 0; i < pairs; i++) {
        PartitionResult<T> a = level.get(2 * i);
        PartitionResult<T> b = level.get(2 * i + 1);
        if (a.value() == b.value() && a.value() != null) {
          // a value folded into itself would count its rows twice (the RowSketch contract forbids it)
          throw new IllegalStateException("partitions " + a.index() + " and " + b.index() + " returned the same object");
        }
      }
      List<PartitionResult<T>> next = new ArrayList<>(DriverThreads.map(pairs, i -> {
        PartitionResult<T> a = level.get(2 * i);
        PartitionResult<T> b = level.get(2 * i + 1);
        return new PartitionResult<>(a.index(), merge.apply(a.value(), b.value()), a.stats().merge(b.stats()));
      }, threads, "randnla-merge"));
      if (level.size() % 2 == 1) {
        next.add(level.get(level.size() - 1));
      }
      list = next;
    }
    return list.get(0);
  }

  /** Values smaller than this merge on the calling thread: their merges take well under a millisecond. */
  static final long THREADED_MERGE_BYTES = 1L << 20;

  /**
   * Threads for the driver's merges: one per pair up to its cores, as many as half its free heap holds at four
   * values each (a merge's two values and its workspace); 1 for values under {@link #THREADED_MERGE_BYTES} or of
   * unknown size.
   */
  static int driverThreads(int pairs, long valueBytes) {
    return valueBytes < THREADED_MERGE_BYTES || pairs < 2 ? 1 : DriverThreads.forHeap(pairs, 4 * valueBytes);
  }
}
