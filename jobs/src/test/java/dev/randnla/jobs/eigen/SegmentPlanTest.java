package dev.randnla.jobs.eigen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentPlanTest {
  private static List<int[]> segments(SegmentPlan plan, int segments) {
    List<int[]> all = new ArrayList<>();
    all.add(plan.first());
    all.addAll(plan.rest(segments));
    return all;
  }

  /** Every partition in exactly one segment, each segment non-empty. */
  private static void assertPartition(List<int[]> segments, int partitions) {
    int[] all = segments.stream().flatMapToInt(Arrays::stream).sorted().toArray();
    int[] expected = new int[partitions];
    Arrays.setAll(expected, i -> i);
    assertArrayEquals(expected, all);
    for (int[] s : segments) {
      assertTrue(s.length > 0);
    }
  }

  @Test
  void thePlanTheStreamAsksForIsOneCoresWorthPerSegment() {
    // 30 segments x 2 cores = 60 partitions: the first segment and every other one get two
    SegmentPlan plan = new SegmentPlan(60, 30, 11);
    List<int[]> all = segments(plan, 30);
    assertEquals(30, all.size());
    for (int[] s : all) {
      assertEquals(2, s.length);
    }
    assertPartition(all, 60);
  }

  @Test
  void moreSplitsThanAskedForGiveSegmentsOfSizesOneApart() {
    // 75 text splits where 60 were asked (files cut at the goal leave remainders): the first segment is
    // ⌊75/30⌋ = 2 partitions, the other 73 go to 29 segments of 2 or 3
    SegmentPlan plan = new SegmentPlan(75, 30, 1);
    List<int[]> all = segments(plan, 30);
    assertEquals(30, all.size());
    assertEquals(2, all.get(0).length);
    for (int[] s : all.subList(1, all.size())) {
      assertTrue(s.length == 2 || s.length == 3, "segment of " + s.length);
    }
    assertPartition(all, 75);
  }

  @Test
  void fewPartitionsAreSplitAsEvenlyAsPossibleAndKeepTheSegments() {
    // fewer partitions than segments wanted (an unsplittable input) or a few more: after the first,
    // sizes differ by at most one partition, as many segments as partitions allow.
    for (int[] c : new int[][] {{10, 8}, {12, 8}, {29, 30}, {45, 30}, {5, 8}, {1, 8}, {84, 30}, {97, 13}}) {
      int partitions = c[0];
      int wanted = c[1];
      SegmentPlan plan = new SegmentPlan(partitions, wanted, 3);
      List<int[]> all = segments(plan, wanted);
      assertEquals(Math.min(wanted, partitions), all.size(), Arrays.toString(c));
      assertPartition(all, partitions);
      int smallest = Integer.MAX_VALUE;
      int largest = 0;
      for (int[] s : all.subList(1, all.size())) {
        smallest = Math.min(smallest, s.length);
        largest = Math.max(largest, s.length);
      }
      assertTrue(all.size() == 1 || largest - smallest <= 1, Arrays.toString(c));
    }
  }

  @Test
  void theOrderIsSeeded() {
    int[] once = segments(new SegmentPlan(64, 8, 5), 8).stream().flatMapToInt(Arrays::stream).toArray();
    int[] again = segments(new SegmentPlan(64, 8, 5), 8).stream().flatMapToInt(Arrays::stream).toArray();
    int[] other = segments(new SegmentPlan(64, 8, 6), 8).stream().flatMapToInt(Arrays::stream).toArray();
    assertArrayEquals(once, again);
    assertTrue(!Arrays.equals(once, other));
  }
}
