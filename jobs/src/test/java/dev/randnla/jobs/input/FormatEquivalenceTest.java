package dev.randnla.jobs.input;

import static dev.randnla.jobs.JobTestSupport.cli;
import static dev.randnla.jobs.JobTestSupport.number;
import static dev.randnla.jobs.JobTestSupport.section;
import static dev.randnla.jobs.JobTestSupport.summary;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.randnla.jobs.JobTestSupport.Cli;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV, TSV, LIBSVM and Parquet copies of one matrix give bitwise the same {@code gram}: each text
 * parser reads back exactly the doubles the Parquet copy stores (Java's shortest decimals, which
 * the parser's fast path and FastDoubleParser both round correctly), in the same row order. Each
 * copy is one file read as one partition (the text files gzipped, so they are not split; the
 * Parquet file is one row group), so the Gram sums the same rows in the same order and the
 * comparison is exact, not within a tolerance.
 */
class FormatEquivalenceTest {
  @TempDir Path tmp;

  @Test
  void gramIsBitwiseTheSameFromEveryFormat() throws IOException {
    byte[] reference = null;
    for (String format : List.of("parquet", "csv", "tsv", "libsvm")) {
      Path data = tmp.resolve("data-" + format);
      Cli g = cli("generate", "--kind", "spiked", "--rows", "2500", "--cols", "12", "--gap", "3", "--seed", "16",
          "--partitions", "1", "--format", format, "--output", data.toString(), "--quiet");
      assertEquals(0, g.code(), g.err());
      if (!format.equals("parquet")) {
        gzipDataFiles(data);
      }
      Path out = tmp.resolve("gram-" + format);
      Cli r = cli("gram", "--input", data.toString(), "--format", format, "--output", out.toString(), "--quiet");
      assertEquals(0, r.code(), r.err());
      assertEquals(2500, number(section(summary(out), "result"), "rows"), format);
      byte[] gram = Files.readAllBytes(out.resolve("gram.csv"));
      if (reference == null) {
        reference = gram;
      } else {
        assertArrayEquals(reference, gram, format + " gives the Parquet copy's Gram bit for bit");
      }
    }
  }

  /** Replaces each data file by its gzip copy: a compressed file is read whole, as one partition. */
  private static void gzipDataFiles(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(f.getFileName() + ".gz")))) {
          Files.copy(f, out);
        }
        Files.delete(f);
      }
    }
  }
}
