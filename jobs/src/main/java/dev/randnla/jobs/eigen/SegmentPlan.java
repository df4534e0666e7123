package dev.randnla.jobs.eigen;

import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The seeded random assignment of input partitions to the segments of the stream method
 * (docs/algorithms.md, eigen --method stream). The partitions are put in a seeded random order once; the first segment
 * takes the first ⌊P/p_max⌋ of them (at least one) and is read before the rest is planned, because
 * the number of segments depends on the row count, which the first segment estimates; the others
 * are split as evenly as possible (sizes differ by at most one partition).
 *
 * <p>In a random-order stream every partition is a uniform sample of rows, so every segment is
 * one too, whichever partitions it gets; the random assignment makes that hold also when the
 * input's partitions differ systematically (then {@link RandomOrderCheck} warns).
 */
final class SegmentPlan {
  /** Default and largest number of segments (docs/algorithms.md, eigen --method stream). */
  static final int DEFAULT_SEGMENTS = 30;
  /**
   * Fewest segments chosen by default: from a random start the iteration needs a few steps to
   * converge and a few more to average, so when rows are too few for 30 segments of 10·d·ln d rows
   * it keeps 8 smaller ones (and warns) rather than make 2 or 3 steps.
   */
  static final int MIN_SEGMENTS = 8;
  /** Rows per segment for a spectral approximation: n/p ≥ 10·d·ln d. */
  static final double ROWS_FACTOR = 10;

  private final int[] order;
  private final int firstSize;

  /**
   * @param partitions the input's partitions P (≥ 1)
   * @param maxSegments the most segments wanted
   * @param seed the run's seed
   */
  SegmentPlan(int partitions, int maxSegments, long seed) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be positive: " + partitions);
    }
    this.order = permutation(partitions, seed, Purpose.SEGMENTS);
    this.firstSize = Math.max(1, partitions / Math.max(1, maxSegments));
  }

  /** A seeded uniformly random permutation of 0..n−1 (Fisher–Yates). */
  static int[] permutation(int n, long seed, Purpose purpose) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    RandomStream rs = RandomStream.of(seed, purpose, n);
    for (int i = n - 1; i > 0; i--) {
      int j = rs.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  int partitions() {
    return order.length;
  }

  /** The partitions of the first segment. */
  int[] first() {
    return Arrays.copyOfRange(order, 0, firstSize);
  }

  /** The other segments, {@code segments − 1} of them (fewer when partitions run out). */
  List<int[]> rest(int segments) {
    int remaining = order.length - firstSize;
    int count = Math.max(0, Math.min(segments - 1, remaining));
    List<int[]> out = new ArrayList<>(count);
    for (int s = 0; s < count; s++) {
      int from = firstSize + (int) ((long) remaining * s / count);
      int to = firstSize + (int) ((long) remaining * (s + 1) / count);
      out.add(Arrays.copyOfRange(order, from, to));
    }
    return out;
  }

  /** ln d, at least 1 (the polylog factor of thresholds; ln 1 = 0 would make them vanish). */
  static double logD(int d) {
    return Math.max(1.0, Math.log(d));
  }

  /** The most segments n rows allow with n/p ≥ 10·d·ln d (at least 1). */
  static int segmentsForRows(double rows, int d) {
    return (int) Math.max(1, Math.floor(rows / (ROWS_FACTOR * d * logD(d))));
  }
}
