package dev.randnla.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.io.ReadStats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The driver's merge levels on several threads ({@link DeterministicTree#mergeAll(Iterable, Merge, int)}): for
 * every count of values, the same pairs merge in the same tree, so a merge that is not associative in floating
 * point gives the same bits on 1, 2, 3 and 8 threads; merges did run at the same time; the first
 * failure in index order is the one reported; a value returned by two partitions is refused before any merge.
 */
class DeterministicTreeThreadsTest {
  private static List<PartitionResult<double[]>> values(int n) {
    List<PartitionResult<double[]>> out = new ArrayList<>();
    // given in reverse: mergeAll sorts by index
    for (int p = n - 1; p >= 0; p--) {
      out.add(new PartitionResult<>(p, new double[] {Math.scalb(1.0 + p / 7.0, (p % 5) * 20 - 40) * (p % 2 == 0 ? 1 : -1)},
          new ReadStats()));
    }
    return out;
  }

  private static double[] copy(PartitionResult<double[]> r) {
    return r.value().clone();
  }

  @Test
  void sameBitsOnAnyNumberOfThreads() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    for (int n = 1; n <= 37; n++) {
      long expected = 0;
      for (int t : new int[] {1, 2, 3, 8}) {
        List<PartitionResult<double[]>> in = new ArrayList<>();
        for (PartitionResult<double[]> r : values(n)) {
          in.add(new PartitionResult<>(r.index(), copy(r), r.stats()));
        }
        PartitionResult<double[]> out = DeterministicTree.mergeAll(in, (a, b) -> {
          most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          try {
            Thread.sleep(1); // long enough for the other threads to take the level's other pairs
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          a[0] += b[0];
          inFlight.decrementAndGet();
          return a;
        }, t);
        assertEquals(0, out.index());
        long bits = Double.doubleToRawLongBits(out.value()[0]);
        if (t == 1) {
          expected = bits;
        }
        assertEquals(expected, bits, n + " values on " + t + " threads");
      }
    }
    assertTrue(most.get() >= 2, "merges ran at the same time: at most " + most.get());
  }

  @Test
  void firstFailureInIndexOrderIsReported() {
    for (int t : new int[] {1, 4}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeterministicTree.mergeAll(
          values(16), (a, b) -> {
            if (a[0] != 0 && Math.abs(a[0]) < 1e-6 || Math.abs(a[0]) > 1e6) {
              throw new IllegalArgumentException("merge at " + a[0]);
            }
            return a;
          }, t));
      // pairs (0,1), (2,3), ...: partition 0 has scalb(1, -40), the first pair to fail in index order
      assertEquals("merge at " + Math.scalb(1.0, -40), e.getMessage(), "on " + t + " threads");
    }
  }

  @Test
  void aValueReturnedTwiceIsRefused() {
    double[] shared = {1};
    List<PartitionResult<double[]>> in = List.of(new PartitionResult<>(0, new double[] {2}, new ReadStats()),
        new PartitionResult<>(1, new double[] {3}, new ReadStats()), new PartitionResult<>(2, shared, new ReadStats()),
        new PartitionResult<>(3, shared, new ReadStats()));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> DeterministicTree.mergeAll(in, (a, b) -> a, 4));
    assertTrue(e.getMessage().contains("partitions 2 and 3"), e.getMessage());
  }
}
