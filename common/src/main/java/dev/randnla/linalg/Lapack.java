package dev.randnla.linalg;

import org.netlib.util.intW;

/** Shared checks for LAPACK calls: a negative info is a programming error, positive is numerical. */
final class Lapack {
  private Lapack() {}

  static void checkArgument(String routine, intW info) {
    if (info.val < 0) {
      throw new IllegalStateException(routine + ": argument " + (-info.val) + " had an illegal value");
    }
  }

  /** Asks a routine for its optimal workspace with lwork = −1 and returns it. */
  static int workspace(double[] query) {
    return Math.max(1, (int) query[0]);
  }
}
