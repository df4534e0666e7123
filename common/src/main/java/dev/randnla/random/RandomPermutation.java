package dev.randnla.random;

/**
 * A seeded pseudorandom permutation π of {0, …, n−1} evaluated pointwise in O(1) expected time
 * and O(1) memory: a four-round Feistel network on the smallest even-width bit domain that holds
 * n, with cycle walking back into range. Any task computes π(i) for its own positions without
 * knowing the others, so a distributed writer can place rows in random order with no shuffle.
 *
 * <p>The permutation is a bijection for every n (Feistel networks are invertible; cycle walking
 * preserves bijectivity on the subset). It is not a uniformly random permutation in the
 * cryptographic sense, but each round function is a full-avalanche 64-bit hash of (key, round, half),
 * which is ample for making row order independent of content.
 */
public final class RandomPermutation implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private static final int ROUNDS = 4;

  private final long n;
  private final int halfBits;
  private final long halfMask;
  private final long key;

  public RandomPermutation(long n, long seed, Purpose purpose) {
    if (n <= 0) {
      throw new IllegalArgumentException("permutation size must be positive: " + n);
    }
    this.n = n;
    int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(n - 1));
    if ((bits & 1) == 1) {
      bits++;
    }
    this.halfBits = bits / 2;
    this.halfMask = (1L << halfBits) - 1;
    this.key = RandomStream.key(seed, purpose, n);
  }

  public long size() {
    return n;
  }

  /** π(i) for 0 ≤ i < n. */
  public long apply(long i) {
    return walk(i, this::encrypt);
  }

  /** π⁻¹(y) for 0 ≤ y < n: decryption walks the same cycle backwards. */
  public long inverse(long y) {
    return walk(y, this::decrypt);
  }

  /** Cycle walking: the cipher permutes [0, 2^bits), so step until the value falls back inside [0, n). */
  private long walk(long i, java.util.function.LongUnaryOperator step) {
    if (i < 0 || i >= n) {
      throw new IndexOutOfBoundsException("index " + i + " outside [0, " + n + ")");
    }
    long x = i;
    do {
      x = step.applyAsLong(x);
    } while (x >= n);
    return x;
  }

  private long decrypt(long x) {
    long left = x >>> halfBits;
    long right = x & halfMask;
    for (int round = ROUNDS - 1; round >= 0; round--) {
      long prev = right;
      right = left;
      long f = RandomStream.mix64(key + 0x9e3779b97f4a7c15L * (round + 1) + right) & halfMask;
      left = prev ^ f;
    }
    return (left << halfBits) | right;
  }

  private long encrypt(long x) {
    long left = x >>> halfBits;
    long right = x & halfMask;
    for (int round = 0; round < ROUNDS; round++) {
      long f = RandomStream.mix64(key + 0x9e3779b97f4a7c15L * (round + 1) + right) & halfMask;
      long next = left ^ f;
      left = right;
      right = next;
    }
    return (left << halfBits) | right;
  }
}
