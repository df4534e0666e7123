package dev.randnla.jobs.reliability;

import static dev.randnla.jobs.JobTestSupport.cli;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.jobs.JobTestSupport;
import dev.randnla.jobs.JobTestSupport.Cli;
import dev.randnla.spark.FaultInjection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results do not depend on task retries: every partition's first attempt is made to fail and the
 * outputs are bitwise identical to a fault-free run (DESIGN.md §3: randomness and merge order are
 * functions of the data, never of which attempt ran).
 */
class TaskRetryTest {
  @TempDir Path tmp;

  /** Runs the CLI; returns how many task attempts failed with an injected fault. */
  static int runWithFaults(boolean faults, String... args) {
    SparkContext sc = JobTestSupport.spark().sparkContext();
    AtomicInteger injected = new AtomicInteger();
    SparkListener counter = new SparkListener() {
      @Override
      public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.reason() instanceof ExceptionFailure f && f.className().endsWith("InjectedFault")) {
          injected.incrementAndGet();
        }
      }
    };
    sc.addSparkListener(counter);
    sc.setLocalProperty(FaultInjection.PROPERTY, faults ? "*" : null);
    try {
      Cli r = cli(args);
      assertEquals(0, r.code(), r.err());
    } finally {
      sc.setLocalProperty(FaultInjection.PROPERTY, null);
      waitForListeners(sc);
      sc.removeSparkListener(counter);
    }
    return injected.get();
  }

  static void waitForListeners(SparkContext sc) {
    try {
      sc.listenerBus().waitUntilEmpty();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("Spark's listener bus did not drain", e);
    }
  }

  /**
   * A failed attempt of a generate task leaves a partly written file; the retry must not trip over
   * it (it did: FileAlreadyExistsException on every attempt, so one lost executor failed the job).
   */
  @Test
  void generateWritesTheSameFilesUnderRetries() throws IOException {
    Path clean = tmp.resolve("gen-clean");
    Path faulty = tmp.resolve("gen-faulty");
    String[] args = {"generate", "--kind", "regression", "--rows", "3000", "--cols", "5", "--seed", "8",
        "--partitions", "4", "--quiet", "--output"};
    assertEquals(0, runWithFaults(false, concat(args, clean.toString())));
    int failed = runWithFaults(true, concat(args, faulty.toString()));
    assertTrue(failed >= 4, "every file's first attempt failed after writing part of it: " + failed);
    for (int q = 0; q < 4; q++) {
      String name = String.format("part-%05d.csv", q);
      assertArrayEquals(Files.readAllBytes(clean.resolve(name)), Files.readAllBytes(faulty.resolve(name)), name);
    }
    try (var files = Files.list(faulty)) {
      assertEquals(List.of(), files.map(f -> f.getFileName().toString()).filter(f -> f.contains("attempt")).toList(),
          "no attempt's file is left in the output");
    }
    assertEquals(JobTestSupport.section(JobTestSupport.summary(clean), "result"),
        JobTestSupport.section(JobTestSupport.summary(faulty), "result"));
  }

  private static String[] concat(String[] a, String last) {
    String[] out = java.util.Arrays.copyOf(a, a.length + 1);
    out[a.length] = last;
    return out;
  }

  @Test
  void scanIsBitwiseIdenticalUnderRetries() throws IOException {
    Path data = tmp.resolve("data");
    assertEquals(0, cli("generate", "--kind", "spiked", "--rows", "5000", "--cols", "7", "--seed", "4",
        "--output", data.toString(), "--quiet").code());
    Path clean = tmp.resolve("clean");
    Path faulty = tmp.resolve("faulty");
    assertEquals(0, runWithFaults(false, "scan", "--input", data.toString(), "--min-partitions", "5", "--output", clean.toString(), "--quiet"));
    int failed = runWithFaults(true, "scan", "--input", data.toString(), "--min-partitions", "5", "--output", faulty.toString(), "--quiet");
    assertTrue(failed >= 5, "every partition's first attempt failed: " + failed);
    assertArrayEquals(Files.readAllBytes(clean.resolve("column-norms.csv")), Files.readAllBytes(faulty.resolve("column-norms.csv")));
    assertEquals(JobTestSupport.section(JobTestSupport.summary(clean), "result"),
        JobTestSupport.section(JobTestSupport.summary(faulty), "result"));
  }
}
