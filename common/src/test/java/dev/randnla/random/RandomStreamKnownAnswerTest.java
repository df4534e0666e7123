package dev.randnla.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Known answers that freeze the random streams: the purpose codes, stream keys, raw words and every
 * public draw of {@link RandomStream}, and {@link RandomPermutation}, as exact literals for a few
 * (seed, purpose, id). The values were computed once with the code as it stood when this test was
 * written (Java 17, amd64); they are the reference, not a property.
 *
 * <p>Every result a user gets with {@code --seed} is a function of these draws: a change to the
 * mixer, to how a key is formed from (seed, purpose, id), to a purpose's name (its code is a hash of
 * the name), to a sampler or to the Feistel rounds of the permutation changes every {@code --seed}
 * result. If this test fails, that is a breaking change: say so in the release notes and update the
 * literals deliberately, never to make the test pass.
 *
 * <p>The Gaussians go through {@code Math.log}, which the Java specification allows to differ by one
 * ulp between platforms (unlike {@code StrictMath.log}); if only the Gaussian assertions fail on
 * another platform, that platform draws different Gaussians for the same seed.
 */
class RandomStreamKnownAnswerTest {
  private static final long ID_ABOVE_32_BITS = 1L << 40;

  @Test
  void purposeCodesAreFnv1aOfTheirNames() {
    assertEquals(0xb899db80895c42ffL, Purpose.DRIVER_GAUSSIAN.code());
    assertEquals(0x6dda5b68978e5255L, Purpose.COUNT_SKETCH.code());
    assertEquals(0x714e997b1104a709L, Purpose.GENERATE_ORDER.code());
  }

  @Test
  void mixerAndUnitDouble() {
    assertEquals(0x0000000000000000L, RandomStream.mix64(0));
    assertEquals(0x5692161d100b05e5L, RandomStream.mix64(1));
    assertEquals(0xb4d055fcf2cbbd7bL, RandomStream.mix64(-1));
    assertEquals(0x1.fffffffffffffp-1, RandomStream.toUnitDouble(-1L));
    assertEquals(0x1.0p-53, RandomStream.toUnitDouble(1L << 11));
    assertEquals(0.0, RandomStream.toUnitDouble(0));
  }

  @Test
  void keys() {
    assertEquals(0x8edd9d7ea37b8124L, RandomStream.key(0, Purpose.DRIVER_GAUSSIAN, 0));
    assertEquals(0xe1503082d2871780L, RandomStream.key(42, Purpose.COUNT_SKETCH, 7));
    assertEquals(0x617998f1531693eaL, RandomStream.key(-1, Purpose.GENERATE_ORDER, ID_ABOVE_32_BITS));
  }

  @Test
  void rawWords() {
    assertArrayEquals(new long[] {0x905b30268c7ae42aL, 0x785305ebccd51815L, 0xcdcbaa89581d6bbaL, 0xd7cfd4eae5c70dbdL},
        longs(RandomStream.of(0, Purpose.DRIVER_GAUSSIAN, 0), 4));
    assertArrayEquals(new long[] {0x342ba17bb94755b3L, 0x19aed3d2e40b1643L, 0x11ed4eb5cf77c676L, 0x3743e953d5eb62c9L},
        longs(RandomStream.of(42, Purpose.COUNT_SKETCH, 7), 4));
    assertArrayEquals(new long[] {0xecf26716bf798d89L, 0x8140a3d896bf9ab7L, 0xbc1f8307d2fbc29cL, 0x0fec2c4db06ade9bL},
        longs(RandomStream.of(-1, Purpose.GENERATE_ORDER, ID_ABOVE_32_BITS), 4));
  }

  /** word(…, index) is draw index + 1 of the stream, computed without the stream. */
  @Test
  void singleWords() {
    assertEquals(0x905b30268c7ae42aL, RandomStream.word(0, Purpose.DRIVER_GAUSSIAN, 0, 0));
    assertEquals(0x785305ebccd51815L, RandomStream.word(0, Purpose.DRIVER_GAUSSIAN, 0, 1));
    assertEquals(0x2b0d821f8ac4becaL, RandomStream.word(0, Purpose.DRIVER_GAUSSIAN, 0, 1000));
    assertEquals(0x342ba17bb94755b3L, RandomStream.word(42, Purpose.COUNT_SKETCH, 7, 0));
    assertEquals(0x15beb3ceec758368L, RandomStream.word(42, Purpose.COUNT_SKETCH, 7, 1000));
    assertEquals(0xa1d94932fc5235c7L, RandomStream.word(-1, Purpose.GENERATE_ORDER, ID_ABOVE_32_BITS, 1000));
  }

  @Test
  void uniformDoubles() {
    RandomStream a = RandomStream.of(0, Purpose.DRIVER_GAUSSIAN, 0);
    assertArrayEquals(new double[] {0x1.20b6604d18f5cp-1, 0x1.e14c17af33546p-2, 0x1.9b975512b03adp-1},
        new double[] {a.nextDouble(), a.nextDouble(), a.nextDouble()});
    RandomStream b = RandomStream.of(42, Purpose.COUNT_SKETCH, 7);
    assertArrayEquals(new double[] {0x1.a15d0bddca3a8p-3, 0x1.9aed3d2e40b1p-4, 0x1.1ed4eb5cf77cp-4},
        new double[] {b.nextDouble(), b.nextDouble(), b.nextDouble()});
  }

  @Test
  void boundedIntegersAndSigns() {
    assertArrayEquals(new int[] {5, 4, 8, 8, 6, 2}, ints(RandomStream.of(0, Purpose.DRIVER_GAUSSIAN, 0), 10, 6));
    assertArrayEquals(new int[] {2, 1, 0, 2, 4, 0}, ints(RandomStream.of(42, Purpose.COUNT_SKETCH, 7), 10, 6));
    assertArrayEquals(new int[] {9, 5, 7, 0, 7, 1}, ints(RandomStream.of(-1, Purpose.GENERATE_ORDER, ID_ABOVE_32_BITS), 10, 6));
    assertArrayEquals(new int[] {563891423, 470016835, 803888954},
        ints(RandomStream.of(0, Purpose.DRIVER_GAUSSIAN, 0), 1_000_000_007, 3));
    RandomStream longs = RandomStream.of(0, Purpose.DRIVER_GAUSSIAN, 0);
    assertArrayEquals(new long[] {353233023509L, 108965153802L, 852456527325L},
        new long[] {longs.nextLong(1_000_000_000_000L), longs.nextLong(1_000_000_000_000L), longs.nextLong(1_000_000_000_000L)});
    RandomStream signs = RandomStream.of(-1, Purpose.GENERATE_ORDER, ID_ABOVE_32_BITS);
    double[] drawn = new double[6];
    for (int i = 0; i < drawn.length; i++) {
      drawn[i] = signs.nextSign();
    }
    assertArrayEquals(new double[] {-1, -1, -1, 1, -1, 1}, drawn);
  }

  @Test
  void gaussians() {
    assertArrayEquals(new double[] {0x1.4446c8d84c81ap1, -0x1.305ae1a10bdf2p0, 0x1.90f10e5083ff9p-2, 0x1.c490369102d96p-2,
        0x1.de068685c6f28p-1}, gaussians(RandomStream.of(0, Purpose.DRIVER_GAUSSIAN, 0), 5));
    assertArrayEquals(new double[] {-0x1.5b198207d0a89p-4, -0x1.d457b90ed5549p-4, -0x1.5009109f6d4fap-3,
        -0x1.c165f7cfb372p-1, -0x1.70cd441789a24p-1}, gaussians(RandomStream.of(42, Purpose.COUNT_SKETCH, 7), 5));
    assertArrayEquals(new double[] {0x1.9afbb081e8057p-1, 0x1.2e63c1608a5d5p-7, 0x1.3569a6b4d0e45p-4, -0x1.2064aac023a4cp-3,
        0x1.23fcb879ff03ap-1}, gaussians(RandomStream.of(-1, Purpose.GENERATE_ORDER, ID_ABOVE_32_BITS), 5));
  }

  /** fillGaussian draws the same sequence as repeated nextGaussian. */
  @Test
  void filledGaussians() {
    double[] g = new double[5];
    RandomStream.of(0, Purpose.DRIVER_GAUSSIAN, 0).fillGaussian(g);
    assertArrayEquals(new double[] {0x1.4446c8d84c81ap1, -0x1.305ae1a10bdf2p0, 0x1.90f10e5083ff9p-2, 0x1.c490369102d96p-2,
        0x1.de068685c6f28p-1}, g);
  }

  @Test
  void permutations() {
    assertArrayEquals(new long[] {0}, images(new RandomPermutation(1, 5, Purpose.GENERATE_ORDER), 1));
    assertArrayEquals(new long[] {2, 3, 9, 1, 4, 7, 8, 0, 6, 5}, images(new RandomPermutation(10, 5, Purpose.GENERATE_ORDER), 10));
    assertArrayEquals(new long[] {4, 7, 5, 6, 0, 2, 1, 9, 8, 3}, images(new RandomPermutation(10, 123, Purpose.SHUFFLE_ORDER), 10));
    assertArrayEquals(new long[] {496, 729, 38, 516, 116, 103, 875, 421, 476, 769},
        images(new RandomPermutation(1000, 5, Purpose.GENERATE_ORDER), 10));
    RandomPermutation big = new RandomPermutation(1L << 40, 7, Purpose.GENERATE_ORDER);
    assertArrayEquals(new long[] {65671049822L, 100417701281L, 1088055192642L},
        new long[] {big.apply(0), big.apply(12345), big.apply((1L << 40) - 1)});
  }

  private static long[] longs(RandomStream s, int count) {
    long[] out = new long[count];
    for (int i = 0; i < count; i++) {
      out[i] = s.nextLong();
    }
    return out;
  }

  private static int[] ints(RandomStream s, int bound, int count) {
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = s.nextInt(bound);
    }
    return out;
  }

  private static double[] gaussians(RandomStream s, int count) {
    double[] out = new double[count];
    for (int i = 0; i < count; i++) {
      out[i] = s.nextGaussian();
    }
    return out;
  }

  private static long[] images(RandomPermutation p, int count) {
    long[] out = new long[count];
    for (int i = 0; i < count; i++) {
      out[i] = p.apply(i);
    }
    return out;
  }
}
