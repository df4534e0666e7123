package dev.randnla.sketch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RowSamplerTest {
  @Test
  void probabilitiesAreCappedAtOneAndZeroForZeroScores() {
    RowSampler s = new RowSampler(10, 5, 2, 1);
    assertEquals(0.2, s.probability(0.1), 1e-15);
    assertEquals(1.0, s.probability(0.6));
    assertEquals(0.0, s.probability(0));
    assertEquals(0.0, new RowSampler(10, 0, 2, 1).probability(1));
  }

  /** The scale is q^{−1/p}: q^{−1/2} for leverage sampling, q^{−1} for ℓ1; the weight is scale^p = 1/q. */
  @Test
  void rescalingUsesTheExponentOfP() {
    RowSampler l2 = new RowSampler(10, 1, 2, 1);
    RowSampler l1 = new RowSampler(10, 1, 1, 1);
    assertEquals(2.0, l2.scale(0.25), 1e-15);
    assertEquals(4.0, l1.scale(0.25), 1e-15);
    assertEquals(4.0, RowSampler.weight(0.25), 1e-15);
    assertEquals(RowSampler.weight(0.3), Math.pow(l2.scale(0.3), 2), 1e-13);
    assertEquals(1.0, l2.scale(1.0));
  }

  /** Keep decisions are a function of (seed, id) and have frequency q (5-sigma binomial bound). */
  @Test
  void keepDecisionsAreDeterministicAndHaveTheRightFrequency() {
    RowSampler s = new RowSampler(10, 1, 2, 42);
    RowSampler again = new RowSampler(99, 7, 1, 42);
    int n = 100_000;
    double q = 0.3;
    int kept = 0;
    for (long id = 0; id < n; id++) {
      boolean k = s.keep(id, q);
      assertEquals(k, again.keep(id, q), "same seed and id, different sampler settings: id " + id);
      kept += k ? 1 : 0;
    }
    double sd = Math.sqrt(n * q * (1 - q));
    assertTrue(Math.abs(kept - n * q) <= 5 * sd, "kept " + kept + " of " + n + " at q = " + q);
    assertTrue(s.keep(5, 1.0));
    assertFalse(s.keep(5, 0.0));
    int differ = 0;
    RowSampler other = new RowSampler(10, 1, 2, 43);
    for (long id = 0; id < 1000; id++) {
      differ += s.keep(id, 0.5) != other.keep(id, 0.5) ? 1 : 0;
    }
    assertTrue(differ > 400 && differ < 600, "another seed gives independent decisions: " + differ);
  }

  @Test
  void invalidArgumentsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new RowSampler(0, 1, 2, 1));
    assertThrows(IllegalArgumentException.class, () -> new RowSampler(1, -1, 2, 1));
    assertThrows(IllegalArgumentException.class, () -> new RowSampler(1, 1, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new RowSampler(1, 1, 2, 1).scale(0));
  }
}
