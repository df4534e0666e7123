package dev.randnla.random;

/**
 * A counter-based random stream: draw number c of the stream (seed, purpose, id) is
 * {@code mix(key(seed, purpose, id) + c·γ)} with the SplitMix64 finaliser. Nothing depends on
 * which thread, task or partition asks, so results are the same under any partitioning, task
 * retries and speculative execution.
 *
 * <p>Invariants: {@code key} is fixed at construction; {@code counter} counts the 64-bit words
 * drawn so far; a cached second Gaussian is discarded by nothing but its use.
 *
 * <p>Cost: a few integer operations per 64-bit word; creating a stream is as cheap as drawing.
 * The statistical quality is that of SplitMix64 (passes BigCrush as a sequence); streams for
 * different keys are decorrelated by the finaliser applied twice to the key.
 */
public final class RandomStream {
  private static final long GAMMA = 0x9e3779b97f4a7c15L;

  private final long key;
  private long counter;
  private double spareGaussian;
  private boolean hasSpare;

  private RandomStream(long key) {
    this.key = key;
  }

  /** The stream for one (seed, purpose, id). */
  public static RandomStream of(long seed, Purpose purpose, long id) {
    return new RandomStream(key(seed, purpose, id));
  }

  /** The key of a stream: a well-mixed function of (seed, purpose, id). */
  public static long key(long seed, Purpose purpose, long id) {
    long h = mix64(seed ^ purpose.code());
    h = mix64(h + GAMMA * (id + 1));
    return mix64(h ^ (id >>> 32) * 0xbf58476d1ce4e5b9L);
  }

  /** A single 64-bit draw for (seed, purpose, id, index): no object is created. */
  public static long word(long seed, Purpose purpose, long id, long index) {
    return mix64(key(seed, purpose, id) + GAMMA * (index + 1));
  }

  /** The SplitMix64 / MurmurHash3 64-bit finaliser: a bijection with full avalanche. */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Uniform on [0, 1) with 53 random bits, from a 64-bit word. */
  public static double toUnitDouble(long word) {
    return (word >>> 11) * 0x1.0p-53;
  }

  public long nextLong() {
    counter++;
    return mix64(key + GAMMA * counter);
  }

  /** Uniform on [0, 1). */
  public double nextDouble() {
    return toUnitDouble(nextLong());
  }

  /** Uniform on {0, …, bound−1}, unbiased (Lemire's multiply-and-reject). */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    long m = (nextLong() >>> 32) * bound;
    long low = m & 0xffffffffL;
    if (low < bound) {
      long threshold = (0x100000000L - bound) % bound;
      while (low < threshold) {
        m = (nextLong() >>> 32) * bound;
        low = m & 0xffffffffL;
      }
    }
    return (int) (m >>> 32);
  }

  /** Uniform on {0, …, bound−1} for a long bound, unbiased (rejection on the top bits). */
  public long nextLong(long bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    if (bound <= Integer.MAX_VALUE) {
      return nextInt((int) bound);
    }
    long limit = Long.MAX_VALUE - Long.MAX_VALUE % bound;
    long r;
    do {
      r = nextLong() >>> 1;
    } while (r >= limit);
    return r % bound;
  }

  /** +1 or −1 with equal probability. */
  public double nextSign() {
    return nextLong() < 0 ? -1.0 : 1.0;
  }

  /** Standard normal, by the Marsaglia polar method (pairs; the second is cached). */
  public double nextGaussian() {
    if (hasSpare) {
      hasSpare = false;
      return spareGaussian;
    }
    double u;
    double v;
    double s;
    do {
      u = 2 * nextDouble() - 1;
      v = 2 * nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double f = Math.sqrt(-2 * Math.log(s) / s);
    spareGaussian = v * f;
    hasSpare = true;
    return u * f;
  }

  /** Fills {@code out} with independent standard normals. */
  public void fillGaussian(double[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = nextGaussian();
    }
  }
}
