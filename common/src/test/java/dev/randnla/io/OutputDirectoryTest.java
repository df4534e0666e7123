package dev.randnla.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirectoryTest {
  @TempDir Path tmp;
  final Configuration conf = new Configuration();
  /** The output folder of a test (inside {@link #tmp}, which JUnit fills before {@code @BeforeEach}). */
  Path target;

  @BeforeEach
  void outputFolder() {
    target = tmp.resolve("out");
  }

  /** A new output directory for {@link #target} holding one staged file. */
  OutputDirectory staged(boolean overwrite, String file, String text) throws IOException {
    OutputDirectory out = OutputDirectory.create(target.toString(), overwrite, conf);
    out.writeText(file, text);
    return out;
  }

  long leftovers() throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.filter(p -> p.getFileName().toString().contains(".randnla-")).count();
    }
  }

  @Test
  void commitMovesEverythingIntoPlaceWithSuccessLast() throws IOException {
    OutputDirectory out = staged(false, "a.csv", "1\n");
    assertFalse(Files.exists(target), "nothing visible before commit");
    out.commit();
    assertEquals("1\n", Files.readString(target.resolve("a.csv")));
    assertTrue(Files.exists(target.resolve("_SUCCESS")));
    assertEquals(0, leftovers());
  }

  @Test
  void abortLeavesNothing() throws IOException {
    OutputDirectory out = staged(false, "a.csv", "1\n");
    out.abort();
    assertFalse(Files.exists(target));
    assertEquals(0, leftovers());
  }

  @Test
  void existingOutputNeedsOverwriteAndSurvivesAFailedReplacement() throws IOException {
    OutputDirectory first = staged(false, "v.txt", "old");
    first.commit();
    UsageException refused = assertThrows(UsageException.class, () -> OutputDirectory.create(target.toString(), false, conf));
    assertTrue(refused.getMessage().contains("--overwrite"));

    OutputDirectory failing = staged(true, "v.txt", "new");
    failing.abort();
    assertEquals("old", Files.readString(target.resolve("v.txt")), "the previous output survives a failed run");

    OutputDirectory replacing = staged(true, "v.txt", "new");
    replacing.commit();
    assertEquals("new", Files.readString(target.resolve("v.txt")));
    assertEquals(0, leftovers(), "the moved-aside old output is deleted");
  }

  @Test
  void aFileInTheWayIsAUsageError() throws IOException {
    Path file = tmp.resolve("file");
    Files.writeString(file, "x");
    assertThrows(UsageException.class, () -> OutputDirectory.create(file.toString(), true, conf));
  }
}
