package dev.randnla.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link Png}'s ticks and labels. */
class PngTest {
  @Test
  void ticksAreRoundMultiplesCoveringTheRange() {
    // from 0: the spectrum's axes (unchanged by allowing other lower ends)
    assertArrayEquals(new double[] {0, 0.5, 1, 1.5, 2, 2.5}, Png.ticks(0, 2.3, 6), 1e-12);
    // a log10 λ axis: negative and not starting at 0, step 0.5 for a span of 2.9 over about 8 ticks
    assertArrayEquals(new double[] {-3.5, -3, -2.5, -2, -1.5, -1, -0.5, 0}, Png.ticks(-3.2, -0.3, 8), 1e-12);
    assertArrayEquals(new double[] {4, 5}, Png.ticks(4, 4, 5), 0);
  }

  @Test
  void labelsAreShort() {
    assertEquals("0", Png.fmt(0));
    assertEquals("2.5", Png.fmt(2.5));
    assertEquals("-3", Png.fmt(-3));
    assertEquals("1.2e+05", Png.fmt(123456));
  }
}
