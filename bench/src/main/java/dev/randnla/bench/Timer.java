package dev.randnla.bench;

import java.util.concurrent.Callable;

/** Wall-clock timing of one run (benchmarks report the best of a few repetitions). */
public final class Timer {
  private Timer() {}

  /** A timed value. */
  public record Timed<T>(T value, double seconds) {}

  public static <T> Timed<T> time(Callable<T> work) throws Exception {
    long t0 = System.nanoTime();
    T v = work.call();
    return new Timed<>(v, (System.nanoTime() - t0) / 1e9);
  }

  /** The fastest of {@code reps} runs (after none discarded: Spark's JIT warm-up is part of a real run). */
  public static <T> Timed<T> best(int reps, Callable<T> work) throws Exception {
    Timed<T> best = null;
    for (int i = 0; i < reps; i++) {
      Timed<T> t = time(work);
      if (best == null || t.seconds() < best.seconds()) {
        best = t;
      }
    }
    return best;
  }
}
