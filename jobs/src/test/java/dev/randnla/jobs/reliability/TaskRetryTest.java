package dev.randnla.jobs.reliability;

import static dev.randnla.jobs.JobTestSupport.cli;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.jobs.JobTestSupport;
import dev.randnla.jobs.JobTestSupport.Cli;
import dev.randnla.spark.InjectedFaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * generate's files do not depend on task retries: every partition's first attempt is made to fail
 * after writing its file and the files are bitwise identical to a fault-free run. Every other job:
 * {@link JobRetryTest}.
 */
class TaskRetryTest {
  @TempDir Path tmp;

  /** Runs the CLI; returns how many task attempts failed with an injected fault. */
  static int runWithFaults(boolean faults, String... args) {
    return InjectedFaults.run(JobTestSupport.spark().sparkContext(), faults, () -> {
      Cli r = cli(args);
      assertEquals(0, r.code(), r.err());
      return r;
    }).stream().mapToInt(InjectedFaults.SparkJob::injected).sum();
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
}
