package dev.randnla.jobs.input;

import static dev.randnla.jobs.JobTestSupport.cli;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.io.ParserFuzzTest;
import dev.randnla.jobs.JobTestSupport.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 9, parser fuzzing through the whole job: random byte mutations of a valid file (first line
 * included, so the layout detection — format, width, header — is fuzzed too, which the reader-level
 * {@code ParserFuzzTest} does not reach) run through {@code Main}: exit 0, or exit 3 naming the
 * file; never another exit code, never a stack trace, never a hang. Seeded; 20 files per job and format (about 8 s each).
 */
class JobFuzzTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"scan, m.csv, 11", "gram, m.libsvm, 12", "eigen, m.tsv, 13"})
  void mutatedInputIsReadOrRefused(String job, String file, long seed) {
    String valid = InputCorpus.text(InputCorpus.baseLines());
    if (file.endsWith(".tsv")) {
      valid = valid.replace(',', '\t');
    } else if (file.endsWith(".libsvm")) {
      valid = "1 1:0.5 3:2\n-1 2:1e-3\n0\n2 1:1 2:2 3:3 # c\n1 3:7\n";
    }
    byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
    SplittableRandom rnd = new SplittableRandom(seed);
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      for (int i = 0; i < 20; i++) {
        byte[] mutated = ParserFuzzTest.mutate(bytes, rnd);
        Path dir = Files.createDirectories(tmp.resolve("in-" + i));
        Files.write(dir.resolve(file), mutated);
        Path out = tmp.resolve("out-" + i);
        String[] args = job.equals("eigen")
            ? new String[] {job, "--input", dir.toString(), "--output", out.toString(), "--quiet", "--method", "exact"}
            : new String[] {job, "--input", dir.toString(), "--output", out.toString(), "--quiet"};
        Cli r = cli(args);
        String what = "mutation " + i + " of " + file + " (seed " + seed + "): " + new String(mutated, StandardCharsets.UTF_8)
            + "\n" + r.err();
        assertTrue(r.code() == 0 || r.code() == 3, "exit 0 or 3, not " + r.code() + ": " + what);
        assertFalse(r.err().contains("\tat "), "no stack trace: " + what);
        if (r.code() == 3) {
          assertTrue(r.err().contains(dir.getFileName().toString()), "names the input: " + what);
          assertFalse(Files.exists(out), what);
        }
      }
    });
  }
}
