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
 */
public final class DeterministicTree {
  private DeterministicTree() {}

  /**
   * @param results one result per partition (any order)
   * @param merge merges two values (may mutate the left one)
   * @param fanIn the most values the driver receives at once (≥ 2)
   */
  public static <T> PartitionResult<T> reduce(JavaRDD<PartitionResult<T>> results, Merge<T> merge, int fanIn) {
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
    return mergeAll(all, merge);
  }

  /** Merges results as a balanced tree over ascending index. */
  static <T> PartitionResult<T> mergeAll(Iterable<PartitionResult<T>> items, Merge<T> merge) {
    List<PartitionResult<T>> list = new ArrayList<>();
    items.forEach(list::add);
    list.sort(Comparator.comparingInt(PartitionResult::index));
    while (list.size() > 1) {
      List<PartitionResult<T>> next = new ArrayList<>((list.size() + 1) / 2);
      for (int i = 0; i + 1 < list.size(); i += 2) {
        PartitionResult<T> a = list.get(i);
        PartitionResult<T> b = list.get(i + 1);
        if (a.value() == b.value() && a.value() != null) {
          // a value folded into itself would count its rows twice (the RowSketch contract forbids it)
          throw new IllegalStateException("partitions " + a.index() + " and " + b.index() + " returned the same object");
        }
        next.add(new PartitionResult<>(a.index(), merge.apply(a.value(), b.value()), a.stats().merge(b.stats())));
      }
      if (list.size() % 2 == 1) {
        next.add(list.get(list.size() - 1));
      }
      list = next;
    }
    return list.get(0);
  }
}
