package dev.randnla.spark;

import java.util.Iterator;
import org.apache.spark.TaskContext;

/**
 * A test hook that makes chosen partitions fail on their first task attempt, to prove that
 * results do not depend on task retries. Off unless the Spark local property
 * {@value #PROPERTY} is set on the submitting thread to a comma-separated list of partition
 * indices (or {@code *} for all); then the first attempt of each listed partition's task throws,
 * and Spark's retry (which needs {@code spark.task.maxFailures} ≥ 2, e.g. master {@code local[2,3]})
 * runs it again. Costs one property lookup per call when off.
 *
 * <p>Where it fires: every read of an input partition ({@link MatrixInput}, before the first row);
 * the merge side of shuffles ({@link DeterministicTree} levels, {@link KeyedSketchPass} reducers
 * and reads of its persisted values), where the index is the task's partition of that stage; and
 * the end of every per-row write ({@link #failAtEnd}: the attempt has written all its rows, then
 * fails, so its files must be discarded), as in generate's and shuffle's file writers.
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

  /** {@link #maybeFail} for the running task's partition of its stage (tasks that do not read the input). */
  public static void maybeFailTask() {
    TaskContext tc = TaskContext.get();
    if (tc != null) {
      maybeFail(tc.partitionId());
    }
  }

  /**
   * The rows of a writing task, failing (on a listed partition's first attempt) once they are all
   * consumed: the writer has then produced its whole attempt output, which the retry must replace.
   */
  public static <T> Iterator<T> failAtEnd(Iterator<T> rows) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        boolean more = rows.hasNext();
        if (!more) {
          maybeFailTask();
        }
        return more;
      }

      @Override
      public T next() {
        return rows.next();
      }
    };
  }

  /** The exception an injected fault throws (so tests can tell it from a real failure). */
  public static final class InjectedFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InjectedFault(String message) {
      super(message);
    }
  }
}
