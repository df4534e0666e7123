package dev.randnla.jobs.eigen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The statistics behind the random-order warning, on exactly known cases. */
class RandomOrderCheckTest {
  @Test
  void paulsonIsCentredAndMonotone() {
    assertEquals(0.0, RandomOrderCheck.paulson(1.0, 1e6, 1e6), 1e-3);
    assertTrue(RandomOrderCheck.paulson(1.7, 500, 500) > 5, "F = 1.7 on 500 dof is far out");
    assertTrue(RandomOrderCheck.paulson(1.5, 500, 500) > 4);
    assertTrue(RandomOrderCheck.paulson(1.1, 500, 500) < 2);
    // F(10, 10) has its 99.9th percentile near 8.75: z ≈ 3.09
    assertEquals(3.09, RandomOrderCheck.paulson(8.75, 10, 10), 0.15);
  }

  @Test
  void placementBoundOfBunchedAndSpreadHeavyRows() {
    long[] rows = new long[60];
    java.util.Arrays.fill(rows, 1000);
    int[] bunched = {59, 59, 59, 59, 59};
    // Σ over 60 partitions of (1/60)^5 = 60^-4
    assertEquals(Math.pow(60, -4), RandomOrderCheck.placementBound(bunched, rows), 1e-12);
    assertEquals(1.0, RandomOrderCheck.placementBound(new int[] {1, 7, 20, 33, 59}, rows));
    assertEquals(1.0, RandomOrderCheck.placementBound(new int[] {3, 3}, rows), "two heavy rows are no evidence");
  }

  @Test
  void chunksFromOnePopulationPassAndShiftedChunksFail() {
    dev.randnla.random.RandomStream rs = dev.randnla.random.RandomStream.of(1, dev.randnla.random.Purpose.PROBES, 1);
    RandomOrderCheck same = new RandomOrderCheck();
    RandomOrderCheck shifted = new RandomOrderCheck();
    for (int step = 0; step < 10; step++) {
      List<double[]> a = new ArrayList<>();
      List<double[]> b = new ArrayList<>();
      for (int c = 0; c < 40; c++) {
        a.add(chunk(rs, 0));
        b.add(chunk(rs, c % 2 == 0 ? 0 : 1));
      }
      same.addStep(a);
      shifted.addStep(b);
    }
    List<String> w = new ArrayList<>();
    same.report(new int[0], new long[] {1}, w);
    assertTrue(w.isEmpty(), w.toString());
    shifted.report(new int[0], new long[] {1}, w);
    assertEquals(1, w.size(), w.toString());
  }

  /** A chunk of 32 rows whose x = t² are squared standard normals plus a shift. */
  private static double[] chunk(dev.randnla.random.RandomStream rs, double shift) {
    double[] r = new double[6];
    for (int i = 0; i < 32; i++) {
      int half = i % 2;
      double t = rs.nextGaussian();
      double u = rs.nextGaussian();
      r[half] += 1;
      r[2 + half] += t * t + shift;
      r[4 + half] += u * u + shift;
    }
    return r;
  }
}
