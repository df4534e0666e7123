package dev.randnla.jobs.regress;

import java.io.Serializable;
import java.util.function.Supplier;

/**
 * Full passes over the rows of the regression input, each folding every row into a
 * {@link RowAccumulator} (one per partition, merged in partition order), and read-only values shared
 * with the tasks of a pass. The solvers are written against this so their numerics run the same on
 * Spark ({@link SparkPasses}) and on an in-memory row list in unit tests.
 */
interface Passes {
  /** A serializable factory of empty accumulators, called once per partition in the task. */
  interface Factory<T> extends Supplier<T>, Serializable {}

  /** A read-only value the tasks of a pass can read (a Spark broadcast, or the value itself). */
  interface Shared<V> extends Serializable {
    V value();

    /** Frees the value once no pass needs it (destroys a broadcast). */
    void release();
  }

  /**
   * One full pass.
   *
   * @param bytes the serialized size of one accumulator (for the merge tree's fan-in)
   * @param description what the pass does (Spark job description, progress lines)
   */
  <T extends RowAccumulator<T>> T aggregate(Factory<T> factory, long bytes, String description);

  /** Shares a value with the tasks of later passes. */
  <V extends Serializable> Shared<V> share(V value);

  /** Full reads of the input so far, as counted by the input. */
  double passes();
}
