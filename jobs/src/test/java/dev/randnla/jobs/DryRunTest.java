package dev.randnla.jobs;

import static dev.randnla.jobs.JobTestSupport.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.io.UsageException;
import dev.randnla.jobs.JobTestSupport.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --dry-run} checks a command line without starting Spark or touching the file system:
 * exit 0 when the job would start, and the job's own exit code (2 usage, 3 input) when it would not.
 */
class DryRunTest {
  @TempDir Path tmp;

  private Path csv(String name, String content) throws IOException {
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("part-00000.csv"), content);
    return dir;
  }

  @Test
  void validCommandLinesPassAndWriteNothing() throws IOException {
    Path out = tmp.resolve("not/yet/there");
    Cli gen = cli("generate", "--kind", "spiked", "--rows", "100", "--cols", "4", "--seed", "1", "--output", out.toString(),
        "--dry-run");
    assertEquals(0, gen.code(), gen.err());
    assertTrue(gen.out().contains("randnla generate --dry-run: the options are valid; Spark was not started."), gen.out());
    assertTrue(gen.out().contains("output file:" + out + ": absent"), gen.out());
    assertFalse(Files.exists(tmp.resolve("not")), "a dry run creates nothing, not even the output's parent");

    Path in = csv("data", "1,2,3\n4,5,6\n");
    Cli scan = cli("scan", "--input", in.toString(), "--output", tmp.resolve("s").toString(), "--dry-run");
    assertEquals(0, scan.code(), scan.err());
    assertTrue(scan.out().contains("input  " + in + ": csv, 1 file(s), 12 bytes"), scan.out());
    assertFalse(Files.exists(tmp.resolve("s")));
  }

  @Test
  void anExistingOutputNeedsOverwriteAndIsLeftAsItWas() throws IOException {
    Path in = csv("data", "1,2\n");
    Path out = csv("old-output", "kept\n");
    Cli refused = cli("scan", "--input", in.toString(), "--output", out.toString(), "--dry-run");
    assertEquals(2, refused.code(), refused.out());
    assertTrue(refused.err().contains("already exists (use --overwrite to replace it)"), refused.err());
    Cli allowed = cli("scan", "--input", in.toString(), "--output", out.toString(), "--overwrite", "--dry-run");
    assertEquals(0, allowed.code(), allowed.err());
    assertTrue(allowed.out().contains("exists; --overwrite replaces it"), allowed.out());
    assertEquals("kept\n", Files.readString(out.resolve("part-00000.csv")));

    Path file = tmp.resolve("a-file");
    Files.writeString(file, "x");
    Cli isFile = cli("scan", "--input", in.toString(), "--output", file.toString(), "--overwrite", "--dry-run");
    assertEquals(2, isFile.code());
    assertTrue(isFile.err().contains("exists and is a file"), isFile.err());
    Cli underFile = cli("scan", "--input", in.toString(), "--output", file.resolve("out").toString(), "--dry-run");
    assertEquals(2, underFile.code());
    assertTrue(underFile.err().contains("is a file"), underFile.err());
  }

  @Test
  void badInputsExitWithThreeAndUsageErrorsWithTwo() throws IOException {
    String out = tmp.resolve("o").toString();
    Cli missing = cli("scan", "--input", tmp.resolve("nothing-here").toString(), "--output", out, "--dry-run");
    assertEquals(3, missing.code());
    assertTrue(missing.err().contains("input not found: " + tmp.resolve("nothing-here")), missing.err());
    Path empty = tmp.resolve("empty");
    Files.createDirectories(empty);
    Cli noFiles = cli("scan", "--input", empty.toString(), "--output", out, "--dry-run");
    assertEquals(3, noFiles.code());
    assertTrue(noFiles.err().contains("holds no data files"), noFiles.err());
    Path blank = csv("blank", "");
    Cli zeroBytes = cli("scan", "--input", blank.toString(), "--output", out, "--dry-run");
    assertEquals(3, zeroBytes.code());

    Path txt = tmp.resolve("data.txt");
    Files.writeString(txt, "1,2\n");
    Cli unknownFormat = cli("scan", "--input", txt.toString(), "--output", out, "--dry-run");
    assertEquals(2, unknownFormat.code());
    assertTrue(unknownFormat.err().contains("cannot tell the format"), unknownFormat.err());
    Cli explicitFormat = cli("scan", "--input", txt.toString(), "--format", "csv", "--output", out, "--dry-run");
    assertEquals(0, explicitFormat.code(), explicitFormat.err());

    Cli range = cli("generate", "--kind", "spiked", "--rows", "0", "--cols", "3", "--output", out, "--dry-run");
    assertEquals(2, range.code());
    assertTrue(range.err().contains("--rows must be positive: 0"), range.err());
    Cli unknownOption = cli("scan", "--input", txt.toString(), "--output", out, "--dry-run", "--bogus");
    assertEquals(2, unknownOption.code());
    assertFalse(Files.exists(Path.of(out)));
  }

  /**
   * Every job with --input supports --dry-run (exit 0, nothing written), and a nonexistent input
   * under --dry-run exits 3 naming the path.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"scan", "gram", "qr", "svd", "pca", "eigen", "shuffle", "spectrum",
      "leverage", "regress", "cluster"})
  void everyJobWithInputSupportsDryRun(String job) throws IOException {
    Path in = csv("data", "1,2,3\n4,5,6\n7,8,10\n");
    Path out = tmp.resolve("o-" + job);
    String[] column = switch (job) {
      case "regress" -> new String[] {"--label-col", "0"};
      case "cluster" -> new String[] {"--key-col", "0"};
      default -> new String[0];
    };
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(job, "--input", in.toString(), "--output",
        out.toString(), "--dry-run"));
    args.addAll(java.util.List.of(column));
    Cli ok = cli(args.toArray(new String[0]));
    assertEquals(0, ok.code(), job + ": " + ok.err());
    assertTrue(ok.out().contains("randnla " + job + " --dry-run: the options are valid; Spark was not started."), ok.out());
    assertTrue(ok.out().contains("input  " + in + ": csv, 1 file(s)"), ok.out());
    assertFalse(Files.exists(out), "a dry run writes nothing");

    Path missing = tmp.resolve("no-such-input-" + job);
    args.set(2, missing.toString());
    Cli absent = cli(args.toArray(new String[0]));
    assertEquals(3, absent.code(), job + ": " + absent.err());
    assertTrue(absent.err().contains("input not found: " + missing), absent.err());
    assertFalse(Files.exists(out));
  }

  /** The demo replaces its work folder on every run; a dry run must leave it alone. */
  @Test
  void demoDryRunLeavesItsWorkFolder() throws IOException {
    Path work = csv("demo-work", "mine\n");
    Cli r = cli("demo", "--workdir", work.toString(), "--dry-run");
    assertEquals(0, r.code(), r.err());
    assertEquals("mine\n", Files.readString(work.resolve("part-00000.csv")));
  }

  /** The safety net: nothing reaches Spark during a dry run, and the mode ends with the command. */
  @Test
  void sparkIsRefusedDuringADryRun() {
    DryRun.request(true);
    try {
      UsageException e = assertThrows(UsageException.class, () -> Sessions.get("randnla test"));
      assertTrue(e.getMessage().contains("does not support --dry-run"), e.getMessage());
    } finally {
      DryRun.clear();
    }
    Cli dry = cli("generate", "--kind", "spiked", "--rows", "10", "--cols", "2", "--output", tmp.resolve("g").toString(), "--dry-run");
    assertEquals(0, dry.code());
    assertFalse(DryRun.requested(), "the dry-run mode ends with its command line");
  }
}
