package dev.randnla.jobs.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM during a job (an Airflow task killed, a node drained) leaves no partial output: the
 * job runs in its own JVM, is terminated once its temporary output exists, and afterwards neither
 * the output nor any temporary sibling is left. A previous output under --overwrite survives.
 */
class SigtermTest {
  @TempDir Path tmp;

  static boolean tempOutputExists(Path parent) throws IOException {
    try (Stream<Path> s = Files.list(parent)) {
      return s.anyMatch(p -> p.getFileName().toString().contains(".randnla-tmp-"));
    }
  }

  @Test
  void terminatedJobLeavesNoOutput() throws Exception {
    Path parent = tmp.resolve("outputs");
    Files.createDirectories(parent);
    Path out = parent.resolve("big");
    Files.createDirectories(out);
    Files.writeString(out.resolve("previous.txt"), "an earlier run's output");
    Path log = tmp.resolve("job.log");
    Process p = ChildJvm.start(log, "generate", "--kind", "spiked", "--rows", "4000000", "--cols", "40", "--seed", "1",
        "--partitions", "8", "--overwrite", "--output", out.toString());
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (!tempOutputExists(parent) && p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertTrue(p.isAlive(), "the job is still running when terminated: " + Files.readString(log));
      assertTrue(tempOutputExists(parent), "the job had started writing");
      Thread.sleep(1500);
      assertTrue(p.isAlive(), "the job is still running when terminated");
      p.destroy();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the job exits after SIGTERM");
    } finally {
      p.destroyForcibly();
    }
    assertFalse(tempOutputExists(parent), "no temporary output is left: " + List.of(new File(parent.toString()).list()));
    assertEquals("an earlier run's output", Files.readString(out.resolve("previous.txt")), "the previous output survives");
    try (Stream<Path> s = Files.list(out)) {
      assertEquals(1, s.count(), "nothing was added to the previous output");
    }
  }
}
