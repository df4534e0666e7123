package dev.randnla.jobs.shuffle;

import static dev.randnla.jobs.JobTestSupport.cli;
import static dev.randnla.jobs.JobTestSupport.number;
import static dev.randnla.jobs.JobTestSupport.section;
import static dev.randnla.jobs.JobTestSupport.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.jobs.JobTestSupport.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShuffleTest {
  @TempDir static Path tmp;
  static Path sorted;

  @BeforeAll
  static void data() {
    sorted = tmp.resolve("sorted");
    Cli g = cli("generate", "--kind", "lowrank", "--rows", "3000", "--cols", "5", "--order", "sorted", "--output",
        sorted.toString(), "--seed", "2", "--quiet", "--partitions", "3");
    assertEquals(0, g.code(), g.err());
  }

  /** The data lines of a directory's part files, in file-name order. */
  static List<String> lines(Path dir) throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
    }
    List<String> out = new ArrayList<>();
    for (Path f : files) {
      out.addAll(Files.readAllLines(f));
    }
    return out;
  }

  /**
   * Same rows (as a multiset, values bit for bit), a different order, the same order for the same
   * seed whatever the input's partitioning, and a different one for another seed.
   */
  @Test
  void permutesRowsDeterministicallyAndIndependentlyOfPartitioning() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Path c = tmp.resolve("c");
    assertEquals(0, cli("shuffle", "--input", sorted.toString(), "--output", a.toString(), "--seed", "7", "--files", "4",
        "--quiet").code());
    assertEquals(0, cli("shuffle", "--input", sorted.toString(), "--output", b.toString(), "--seed", "7", "--files", "4",
        "--min-partitions", "11", "--quiet").code());
    assertEquals(0, cli("shuffle", "--input", sorted.toString(), "--output", c.toString(), "--seed", "8", "--quiet").code());
    List<String> in = lines(sorted);
    List<String> la = lines(a);
    assertEquals(in.size(), la.size());
    assertNotEquals(in, la);
    List<String> sa = new ArrayList<>(la);
    List<String> si = new ArrayList<>(in);
    Collections.sort(sa);
    Collections.sort(si);
    assertEquals(si, sa, "the same rows, exactly");
    assertEquals(la, lines(b), "partitioning of the input does not change the order");
    assertNotEquals(la, lines(c), "another seed, another order");
    assertEquals(1, number(summary(a), "passes"));
    assertEquals(3000, number(section(summary(a), "result"), "rows"));
    assertEquals(11, number(section(summary(b), "params"), "minPartitions"), "recorded like every job's input options");
    int displaced = 0;
    for (int i = 0; i < in.size(); i++) {
      if (!in.get(i).equals(la.get(i))) {
        displaced++;
      }
    }
    assertTrue(displaced > 2900, "a uniform permutation of 3000 leaves about one row in place: " + (3000 - displaced));
  }

  /** Format conversion and extra columns: CSV with a key column to Parquet and back through scan. */
  @Test
  void keepsKeyColumnsAndConvertsFormats() throws Exception {
    Path blocks = tmp.resolve("blocks");
    assertEquals(0, cli("generate", "--kind", "blocks", "--rows", "400", "--cols", "4", "--output", blocks.toString(),
        "--seed", "1", "--order", "sorted", "--quiet").code());
    Path pq = tmp.resolve("blocks-pq");
    Cli s = cli("shuffle", "--input", blocks.toString(), "--key-col", "0", "--output", pq.toString(), "--output-format",
        "parquet", "--seed", "3", "--quiet");
    assertEquals(0, s.code(), s.err());
    Path scanIn = tmp.resolve("scan-in");
    Path scanOut = tmp.resolve("scan-out");
    assertEquals(0, cli("scan", "--input", blocks.toString(), "--key-col", "0", "--output", scanIn.toString(), "--quiet").code());
    Cli sc = cli("scan", "--input", pq.toString(), "--key-col", "key", "--output", scanOut.toString(), "--quiet");
    assertEquals(0, sc.code(), sc.err());
    double fro = number(section(summary(scanIn), "result"), "frobeniusNorm");
    assertEquals(fro, number(section(summary(scanOut), "result"), "frobeniusNorm"), 1e-12 * fro);
    assertEquals(400, number(section(summary(scanOut), "result"), "rows"));
    Cli libsvm = cli("shuffle", "--input", blocks.toString(), "--key-col", "0", "--output", tmp.resolve("x").toString(),
        "--output-format", "libsvm", "--seed", "3", "--quiet");
    assertEquals(2, libsvm.code());
    assertTrue(libsvm.err().contains("LIBSVM output cannot hold"), libsvm.err());
  }

  @Test
  void existingOutputIsRefused() {
    Path out = tmp.resolve("twice");
    assertEquals(0, cli("shuffle", "--input", sorted.toString(), "--output", out.toString(), "--seed", "1", "--quiet").code());
    Cli again = cli("shuffle", "--input", sorted.toString(), "--output", out.toString(), "--seed", "1", "--quiet");
    assertEquals(2, again.code());
  }
}
