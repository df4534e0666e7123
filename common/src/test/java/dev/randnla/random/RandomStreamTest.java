package dev.randnla.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class RandomStreamTest {
  @Test
  void streamsArePureFunctionsOfSeedPurposeAndId() {
    RandomStream a = RandomStream.of(42, Purpose.COUNT_SKETCH, 7);
    RandomStream b = RandomStream.of(42, Purpose.COUNT_SKETCH, 7);
    for (int i = 0; i < 100; i++) {
      long w = a.nextLong();
      assertEquals(w, b.nextLong());
      assertEquals(w, RandomStream.word(42, Purpose.COUNT_SKETCH, 7, i));
    }
    assertNotEquals(RandomStream.of(42, Purpose.COUNT_SKETCH, 8).nextLong(), RandomStream.of(42, Purpose.COUNT_SKETCH, 7).nextLong());
    assertNotEquals(RandomStream.of(42, Purpose.OSNAP, 7).nextLong(), RandomStream.of(42, Purpose.COUNT_SKETCH, 7).nextLong());
    assertNotEquals(RandomStream.of(43, Purpose.COUNT_SKETCH, 7).nextLong(), RandomStream.of(42, Purpose.COUNT_SKETCH, 7).nextLong());
  }

  /** Chi-square test of nextInt over 10 cells: 10⁵ draws, 9 degrees of freedom, 99.9% quantile 27.88. */
  @Test
  void nextIntIsUniform() {
    for (long seed = 1; seed <= 3; seed++) {
      RandomStream rs = RandomStream.of(seed, Purpose.ROW_SAMPLING, 0);
      int[] counts = new int[10];
      int n = 100_000;
      for (int i = 0; i < n; i++) {
        counts[rs.nextInt(10)]++;
      }
      double chi2 = 0;
      for (int c : counts) {
        chi2 += Math.pow(c - n / 10.0, 2) / (n / 10.0);
      }
      assertTrue(chi2 < 27.88, "seed " + seed + ": chi-square " + chi2);
    }
  }

  /** Per-row streams (what sketches use) are independent across ids: chi-square over ids. */
  @Test
  void firstDrawsAcrossIdsAreUniform() {
    int[] counts = new int[16];
    int n = 160_000;
    for (int id = 0; id < n; id++) {
      counts[(int) (RandomStream.word(9, Purpose.COUNT_SKETCH, id, 0) >>> 60)]++;
    }
    double chi2 = 0;
    for (int c : counts) {
      chi2 += Math.pow(c - n / 16.0, 2) / (n / 16.0);
    }
    assertTrue(chi2 < 37.70, "chi-square with 15 degrees of freedom (99.9% quantile 37.70): " + chi2);
  }

  /** Gaussian moments: mean 0, variance 1, kurtosis 3 within 5 standard errors at n = 10⁵. */
  @Test
  void gaussianMoments() {
    RandomStream rs = RandomStream.of(3, Purpose.DRIVER_GAUSSIAN, 0);
    int n = 100_000;
    double s1 = 0;
    double s2 = 0;
    double s4 = 0;
    for (int i = 0; i < n; i++) {
      double g = rs.nextGaussian();
      s1 += g;
      s2 += g * g;
      s4 += g * g * g * g;
    }
    assertEquals(0, s1 / n, 5 / Math.sqrt(n));
    assertEquals(1, s2 / n, 5 * Math.sqrt(2.0 / n));
    assertEquals(3, s4 / n, 5 * Math.sqrt(96.0 / n));
  }

  @Test
  void permutationIsABijectionWithItsInverse() {
    for (long n : new long[] {1, 2, 3, 17, 1000, 4096, 100_003}) {
      RandomPermutation p = new RandomPermutation(n, 5, Purpose.GENERATE_ORDER);
      BitSet seen = new BitSet();
      for (long i = 0; i < n; i++) {
        long y = p.apply(i);
        assertTrue(y >= 0 && y < n);
        assertTrue(!seen.get((int) y), "n=" + n + ": " + y + " hit twice");
        seen.set((int) y);
        assertEquals(i, p.inverse(y));
      }
    }
  }

  @Test
  void permutationMovesMostElements() {
    RandomPermutation p = new RandomPermutation(10_000, 1, Purpose.GENERATE_ORDER);
    int fixed = 0;
    long displacement = 0;
    for (long i = 0; i < 10_000; i++) {
      long y = p.apply(i);
      if (y == i) {
        fixed++;
      }
      displacement += Math.abs(y - i);
    }
    assertTrue(fixed < 10, "fixed points " + fixed);
    // a uniform permutation has mean displacement n/3
    assertEquals(10_000 / 3.0, displacement / 10_000.0, 300);
  }
}
