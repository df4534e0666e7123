package dev.randnla.jobs.eigen;

import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.QrDecomposition;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;

/** Seeded Gaussian starting blocks on the driver (one id per use, so uses never share draws). */
final class StartingBlocks {
  /** Lanczos starting block. */
  static final long LANCZOS = 1;
  /** Stream: the starting block Z₀. */
  static final long STREAM_START = 2;
  /** Stream: the fixed probe of the random-order test. */
  static final long STREAM_PROBE = 3;
  /** Stream: test vectors for heavy directions. */
  static final long STREAM_HEAVY = 4;
  /** Oja: the starting vector. */
  static final long OJA_START = 5;
  /** Oja: the pilot's Lanczos start. */
  static final long OJA_PILOT = 6;

  private StartingBlocks() {}

  /** A d×b Gaussian block with orthonormal columns (b ≤ d). */
  static Matrix orthonormal(int d, int b, long seed, long id) {
    return QrDecomposition.of(gaussian(d, b, seed, id)).q();
  }

  /** A d×b standard Gaussian block. */
  static Matrix gaussian(int d, int b, long seed, long id) {
    double[] g = new double[d * b];
    RandomStream.of(seed, Purpose.DRIVER_GAUSSIAN, id).fillGaussian(g);
    return new Matrix(d, b, g);
  }
}
