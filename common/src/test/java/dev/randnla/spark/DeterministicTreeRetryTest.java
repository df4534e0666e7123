package dev.randnla.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.io.ReadStats;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/**
 * {@link DeterministicTree} with more partitions than the driver takes at once merges on executors
 * in groups (a shuffle per level). When the first attempt of every group merge fails, the merged
 * value is bitwise the same, and equals merging the same groups in index order on the driver: the
 * order never depends on which attempt ran or when a task finished. (Jobs use a large fan-in, so
 * the small inputs of the job tests never reach this path.)
 */
class DeterministicTreeRetryTest {
  /** Non-associative in floating point: the value depends on the merge order. */
  static double[] sum(double[] a, double[] b) {
    a[0] += b[0];
    return a;
  }

  @Test
  void groupLevelsAreBitwiseTheSameUnderRetries() {
    JavaSparkContext jsc = new JavaSparkContext(LocalSpark.session().sparkContext());
    int parts = 12;
    List<Integer> indices = IntStream.range(0, parts).boxed().toList();
    JavaRDD<PartitionResult<double[]>> values = jsc.parallelize(indices, parts).map(p ->
        new PartitionResult<>(p, new double[] {Math.scalb(1.0 + p / 7.0, (p % 5) * 20 - 40) * (p % 2 == 0 ? 1 : -1)},
            new ReadStats()));
    double[][] result = new double[2][];
    List<List<InjectedFaults.SparkJob>> jobs = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      int r = run;
      jobs.add(InjectedFaults.run(jsc.sc(), run == 1, () -> {
        result[r] = DeterministicTree.reduce(values, DeterministicTreeRetryTest::sum, 3).value();
        return result[r];
      }));
    }
    assertEquals(Double.doubleToRawLongBits(result[0][0]), Double.doubleToRawLongBits(result[1][0]),
        result[0][0] + " vs " + result[1][0]);
    // 12 partitions, fan-in 3: groups of 4 consecutive partitions merged on executors, then 3 on the driver
    List<PartitionResult<double[]>> all = values.collect();
    List<PartitionResult<double[]>> groups = new ArrayList<>();
    for (int g = 0; g < 3; g++) {
      List<PartitionResult<double[]>> group = new ArrayList<>();
      for (int p = 4 * g; p < 4 * g + 4; p++) {
        group.add(all.get(p));
      }
      groups.add(DeterministicTree.mergeAll(group, DeterministicTreeRetryTest::sum));
    }
    double expected = DeterministicTree.mergeAll(groups, DeterministicTreeRetryTest::sum).value()[0];
    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(result[1][0]), expected + " vs " + result[1][0]);
    int injected = jobs.get(1).stream().mapToInt(InjectedFaults.SparkJob::injected).sum();
    assertTrue(injected >= 3, "the group merges' first attempts failed: " + jobs.get(1));
  }
}
