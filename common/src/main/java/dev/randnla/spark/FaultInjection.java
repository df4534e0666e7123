package dev.randnla.spark;

import org.apache.spark.TaskContext;

/**
 * A test hook that makes chosen input partitions fail on their first task attempt, to prove that
 * results do not depend on task retries. Off unless the Spark local property
 * {@value #PROPERTY} is set on the submitting thread to a comma-separated list of partition
 * indices (or {@code *} for all); then the first attempt of each listed partition's task throws,
 * and Spark's retry (which needs {@code spark.task.maxFailures} ≥ 2, e.g. master {@code local[2,3]})
 * runs it again. Costs one property lookup per partition when off.
 */
public final class FaultInjection {
  /** The Spark local property naming the partitions whose first attempt fails. */
  public static final String PROPERTY = "randnla.test.failFirstAttempt";

  private FaultInjection() {}

  /** Throws {@link InjectedFault} if this is the first attempt of a listed partition's task; else returns. */
  public static void maybeFail(int partition) {
    TaskContext tc = TaskContext.get();
    if (tc == null || tc.attemptNumber() > 0) {
      return;
    }
    String spec = tc.getLocalProperty(PROPERTY);
    if (spec == null || spec.isEmpty()) {
      return;
    }
    boolean hit = spec.equals("*");
    for (String part : spec.split(",")) {
      if (!hit && part.trim().equals(Integer.toString(partition))) {
        hit = true;
      }
    }
    if (hit) {
      throw new InjectedFault("injected failure of the first attempt of partition " + partition);
    }
  }

  /** The exception an injected fault throws (so tests can tell it from a real failure). */
  public static final class InjectedFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InjectedFault(String message) {
      super(message);
    }
  }
}
