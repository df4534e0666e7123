package dev.randnla.random;

/**
 * The registry of every use of randomness in randnla. A {@link RandomStream} is a pure function
 * of (seed, purpose, id), so two uses that must not share draws get different purposes. The code
 * of a purpose is a hash of its name, so adding a purpose never changes the draws of another one.
 */
public enum Purpose {
  /** Random orthogonal factor V of a generated matrix. */
  GENERATE_BASIS,
  /** Per-row draws of a generated matrix (noise, heavy-row signs, sparse supports). */
  GENERATE_ROW,
  /** The exact solution x* of a generated regression problem. */
  GENERATE_SOLUTION,
  /** The order in which generated rows are written. */
  GENERATE_ORDER,
  /** Planted cluster bases and block coefficients. */
  GENERATE_CLUSTER,
  /** The order in which the shuffle job writes rows. */
  SHUFFLE_ORDER,
  /** CountSketch bucket and sign of a row. */
  COUNT_SKETCH,
  /** OSNAP buckets and signs of a row. */
  OSNAP,
  /** Gaussian sketch column of a row. */
  GAUSSIAN_SKETCH,
  /** Random signs and sampled rows of the block SRHT. */
  SRHT,
  /** Gaussian test matrices on the driver (Johnson–Lindenstrauss, starting blocks). */
  DRIVER_GAUSSIAN,
  /** Assignment of input partitions to the segments of a streaming method. */
  SEGMENTS,
  /** Bernoulli keep decisions of row sampling. */
  ROW_SAMPLING,
  /** Reservoir or warm-start row samples. */
  WARM_START,
  /** Probe vectors of stochastic trace and density estimators. */
  PROBES,
  /** Seeds of the fresh sketch an iterative method draws at each iteration (iterative Hessian sketch). */
  ITERATION_SKETCH,
  /** The cross-validation fold of a row (sparse regression's K-fold factors). */
  CV_FOLD;

  private final long code = fnv1a64(name());

  /** A stable 64-bit code for this purpose (FNV-1a of its name). */
  public long code() {
    return code;
  }

  private static long fnv1a64(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }
}
