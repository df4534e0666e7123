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

  /**
   * Every usage error a real run reports before it reads the data is a pre-flight check: the real
   * run and the dry run exit with the same code and the same message. {@code IN} is a CSV input,
   * {@code SVM} a LIBSVM input (both with detected formats), {@code OUT} an absent output,
   * {@code OLD} an existing output directory, {@code FILE} a plain file.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0}: {2}")
  @org.junit.jupiter.params.provider.MethodSource("usageErrors")
  void aRealRunRefusesWhatItsDryRunRefuses(String job, int code, String message, String[] options) throws IOException {
    Path in = csv("data", "1,2,3\n4,5,6\n7,8,10\n");
    Path svm = tmp.resolve("svm");
    Files.createDirectories(svm);
    Files.writeString(svm.resolve("part-00000.libsvm"), "1 1:2 2:3\n0 1:5 3:6\n");
    Path old = csv("old", "kept\n");
    Path file = tmp.resolve("a-file");
    Files.writeString(file, "x");
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(job));
    for (String o : options) {
      args.add(switch (o) {
        case "IN" -> in.toString();
        case "SVM" -> svm.toString();
        case "OUT" -> tmp.resolve("out").toString();
        case "OLD" -> old.toString();
        case "FILE" -> file.toString();
        default -> o;
      });
    }
    Cli real = cli(args.toArray(new String[0]));
    args.add("--dry-run");
    Cli dry = cli(args.toArray(new String[0]));
    assertEquals(code, real.code(), job + " (real run): " + real.err());
    assertEquals(code, dry.code(), job + " (dry run): " + dry.err());
    String said = refusal(job, real.err());
    assertTrue(said.contains(message), job + " (real run) should say '" + message + "': " + real.err());
    assertEquals(said, refusal(job, dry.err()), job + ": the dry run says what the real run says");
    assertFalse(Files.exists(tmp.resolve("out")), "nothing is written");
    assertEquals("kept\n", Files.readString(old.resolve("part-00000.csv")));
  }

  /** The line in which Main reports why {@code job} stopped. */
  private static String refusal(String job, String err) {
    return err.lines().filter(l -> l.startsWith("randnla " + job + ": ")).reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no refusal from " + job + " in: " + err));
  }

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> usageErrors() {
    String exists = "already exists (use --overwrite to replace it)";
    return java.util.stream.Stream.of(
        refused("generate", 2, "--rows must be positive: 0", "--kind", "spiked", "--rows", "0", "--cols", "3", "--output", "OUT"),
        refused("generate", 2, exists, "--kind", "spiked", "--rows", "10", "--cols", "3", "--output", "OLD"),
        refused("generate", 2, "--rows must be at least cols + 3", "--kind", "regression", "--rows", "10", "--cols", "20",
            "--output", "OUT"),
        refused("generate", 2, "--heavy must be in [1, rows)", "--kind", "heavy-rows", "--rows", "100", "--cols", "3",
            "--heavy", "0", "--output", "OUT"),
        refused("generate", 2, "--rank must be in [1, cols=3]: 4", "--kind", "blocks", "--rows", "100", "--cols", "3",
            "--rank", "4", "--output", "OUT"),
        refused("scan", 2, exists, "--input", "IN", "--output", "OLD"),
        refused("scan", 2, "exists and is a file", "--input", "IN", "--output", "FILE", "--overwrite"),
        refused("scan", 2, "but the extension of", "--input", "IN", "--format", "parquet", "--output", "OUT"),
        refused("scan", 3, "input not found", "--input", "OUT", "--output", "OUT"),
        refused("scan", 2, "cannot tell the format", "--input", "FILE", "--output", "OUT"),
        refused("scan", 2, "--vector-col applies to Parquet input only", "--input", "IN", "--vector-col", "v", "--output", "OUT"),
        refused("scan", 2, "LIBSVM input has no id or key columns", "--input", "SVM", "--id-col", "0", "--output", "OUT"),
        refused("gram", 2, exists, "--input", "IN", "--output", "OLD"),
        refused("gram", 2, "must name different columns", "--input", "IN", "--id-col", "0", "--label-col", "0", "--output", "OUT"),
        refused("qr", 2, exists, "--input", "IN", "--output", "OLD"),
        refused("svd", 2, exists, "--input", "IN", "--output", "OLD"),
        refused("pca", 2, exists, "--input", "IN", "--output", "OLD"),
        refused("eigen", 2, "--method oja computes the top eigenvector only", "--input", "IN", "--method", "oja", "--k", "2",
            "--output", "OUT"),
        refused("eigen", 2, exists, "--input", "IN", "--output", "OLD"),
        refused("shuffle", 2, "LIBSVM output cannot hold the input's --key-col column", "--input", "IN", "--key-col", "0",
            "--output-format", "libsvm", "--output", "OUT"),
        refused("shuffle", 2, exists, "--input", "IN", "--output", "OLD"),
        refused("spectrum", 2, "--window 1 with --center", "--input", "IN", "--window", "1", "--center", "--output", "OUT"),
        refused("spectrum", 2, exists, "--input", "IN", "--output", "OLD"),
        refused("leverage", 2, "--sample-rule needs --sample", "--input", "IN", "--sample-rule", "score", "--output", "OUT"),
        refused("leverage", 2, "--sketch-nonzeros must be at most --sketch-rows", "--input", "IN", "--method", "approx",
            "--sketch", "osnap", "--sketch-rows", "2", "--sketch-nonzeros", "3", "--output", "OUT"),
        refused("leverage", 2, exists, "--input", "IN", "--output", "OLD"),
        refused("regress", 2, "regress needs the response b: give --label-col", "--input", "IN", "--output", "OUT"),
        refused("regress", 2, "--guarantee linf sizes a sketch-and-solve", "--input", "IN", "--label-col", "2",
            "--guarantee", "linf", "--solver", "exact", "--output", "OUT"),
        refused("regress", 2, "must name different columns", "--input", "IN", "--label-col", "0", "--key-col", "0",
            "--output", "OUT"),
        refused("regress", 2, "--sparsity must be at least 1", "--input", "IN", "--label-col", "0", "--sparsity", "0",
            "--output", "OUT"),
        refused("regress", 2, "--folds must be in [2, 100]", "--input", "IN", "--label-col", "0", "--lasso", "--folds", "1",
            "--output", "OUT"),
        refused("regress", 2, "--weight-col must name a column other than", "--input", "IN", "--label-col", "2",
            "--weight-col", "2", "--output", "OUT"),
        refused("regress", 2, exists, "--input", "SVM", "--output", "OLD"),
        refused("cluster", 2, "--block-by key needs --key-col", "--input", "IN", "--output", "OUT"),
        refused("cluster", 2, "LIBSVM input has no id or key columns", "--input", "SVM", "--key-col", "0", "--output", "OUT"),
        refused("cluster", 2, exists, "--input", "IN", "--key-col", "0", "--output", "OLD"),
        refused("demo", 2, "exists and is a file", "--workdir", "FILE"));
  }

  private static org.junit.jupiter.params.provider.Arguments refused(String job, int code, String message, String... options) {
    return org.junit.jupiter.params.provider.Arguments.of(job, code, message, options);
  }
}
