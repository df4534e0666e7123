package dev.randnla.jobs.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.jobs.reliability.JobMatrix.JobCase;
import dev.randnla.jobs.reliability.JobMatrix.Run;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9, Faults: every job of {@link JobMatrix} run once fault-free and once with the first attempt
 * of every task failing ({@code randnla.test.failFirstAttempt = *}) gives bitwise the same files and
 * summary result (docs/design.md §10: randomness and merge order are functions of the data, never of which
 * attempt ran). The input is three files split into at least 5 partitions. The fault-free run is
 * also the re-run check: two runs of the same command agree bitwise.
 *
 * <p>The hook must reach every pass: each Spark job the command starts (input passes, partition
 * subsets of eigen stream and oja, shuffle merges, reads of persisted per-key values, per-row and
 * coreset writes, shuffle's file writers) has at least one injected failure, counted by a listener.
 */
class JobRetryTest {
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.randnla.jobs.reliability.JobMatrix#arguments")
  void bitwiseIdenticalWhenEveryFirstAttemptFails(JobCase c) {
    Run clean = JobMatrix.run(c, "3", "clean", false, "--min-partitions", "5");
    Run faulty = JobMatrix.run(c, "3", "faulty", true, "--min-partitions", "5");
    assertEquals(List.of(), JobOutputs.bitwiseDifferences(clean.out(), faulty.out()), c + ": outputs under retries");
    assertTrue(faulty.jobs().size() >= 1, c + ": ran Spark jobs");
    assertEquals(List.of(), faulty.jobs().stream().filter(j -> j.injected() == 0).toList(),
        c + ": Spark jobs the fault hook did not reach (of " + faulty.jobs() + ")");
    assertEquals(List.of(), clean.jobs().stream().filter(j -> j.injected() > 0).toList(), c + ": no faults when off");
  }
}
