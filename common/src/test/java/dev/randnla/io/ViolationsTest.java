package dev.randnla.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Every violation in one message, in the order found; nothing thrown when there is none. */
class ViolationsTest {
  @Test
  void joinsEveryViolationInOrder() {
    Violations v = new Violations();
    v.require(true, "not recorded");
    v.require(false, "--k must be positive: 0");
    v.add("--tol applies to --method lanczos");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, v::throwIfAny);
    assertEquals("--k must be positive: 0; --tol applies to --method lanczos", e.getMessage());
  }

  @Test
  void silentWhenEverythingHolds() {
    Violations v = new Violations();
    v.require(true, "not recorded");
    v.throwIfAny();
  }

  @Test
  void inputOptionsReportEveryProblemAtOnce() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new InputOptions(" ", MatrixFormat.LIBSVM, false, "id", null, null, null, 0, null, -1));
    assertEquals("--input is required; --cols must be positive: 0; --min-partitions must be non-negative: -1; "
        + "--bad-rows must be fail, skip or skip-files; LIBSVM input has no id or key columns (--id-col/--key-col)", e.getMessage());
  }
}
