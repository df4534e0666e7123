package dev.randnla.jobs.input;

import static dev.randnla.jobs.JobTestSupport.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.jobs.JobTestSupport.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9, limits: a request too large for the driver or a task is refused with exit code 4 before
 * any data is read, by a message naming the limit and a setting or method that would fit. The
 * input is a LIBSVM file whose width comes from {@code --cols} (no pass) and whose second line is
 * malformed: a job that read the data would stop with exit 3 instead, so exit 4 proves the refusal
 * came first.
 */
class ResourceLimitTest {
  private static Path tmp;
  private static Path input;

  @BeforeAll
  static void writeInput() throws IOException {
    tmp = Files.createTempDirectory("randnla-limits");
    input = Files.createDirectories(tmp.resolve("wide")).resolve("m.libsvm");
    Files.writeString(input, "1 1:1 7:2\n2 3:x\n1 2:1\n");
  }

  static Stream<Arguments> tooLarge() {
    String d = "50000";
    String huge = "1500000000";
    return Stream.of(
        Arguments.of("scan", List.of("--cols", huge), "column statistics", "check --cols"),
        Arguments.of("gram", List.of("--cols", d), "50000x50000 Gram matrix", "eigen --method lanczos"),
        Arguments.of("qr", List.of("--cols", d), "50000x50000 R factor", "regress --solver precondition"),
        Arguments.of("svd", List.of("--cols", d), "50000x50000 R factor", "eigen --method lanczos --k K"),
        Arguments.of("pca", List.of("--cols", d), "50000x50000 R factor", "eigen --method lanczos --k K"),
        Arguments.of("eigen", List.of("--cols", d, "--method", "exact"), "50000x50000 Gram", "--method lanczos"),
        Arguments.of("eigen", List.of("--cols", d, "--method", "lanczos", "--k", "20000"), "Krylov basis", "lower --k"),
        Arguments.of("shuffle", List.of("--cols", huge, "--output-format", "csv"), "one csv row of", "--output-format libsvm"),
        Arguments.of("spectrum", List.of("--cols", d, "--method", "exact"), "exact spectrum", "--method slq"),
        Arguments.of("leverage", List.of("--cols", d, "--method", "exact"), "50000×50000 R factor", "--method approx"),
        Arguments.of("regress", List.of("--cols", d, "--solver", "exact"), "TSQR of [A b]", "--solver precondition"),
        Arguments.of("regress", List.of("--cols", "100", "--solver", "sketch", "--sketch-size", "400000000"),
            "a sketch of 400000000 x 101", "lower --sketch-size"),
        Arguments.of("cluster", List.of("--cols", d, "--block-by", "file", "--algorithm", "exact"), "d×d working matrices",
            "--algorithm maxnorm"),
        Arguments.of("cluster", List.of("--cols", "400000", "--block-by", "file"), "d×d working matrices", "--algorithm maxnorm"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("tooLarge")
  void tooLargeRequestsAreRefusedBeforeReading(String job, List<String> opts, String limit, String advice) {
    Path out = tmp.resolve("out-" + job + "-" + opts.hashCode());
    List<String> args = new ArrayList<>(List.of(job, "--input", input.toString(), "--output", out.toString(), "--quiet"));
    args.addAll(opts);
    Cli r = cli(args.toArray(new String[0]));
    System.out.println("LIMIT " + job + " " + opts + " exit " + r.code() + ": " + r.err().strip());
    assertEquals(4, r.code(), "refused for a resource limit before reading (exit 3 would mean it read line 2): " + r.err());
    assertTrue(r.err().contains(limit), "names what does not fit ('" + limit + "'): " + r.err());
    assertTrue(r.err().contains(advice), "names a setting or method that would fit ('" + advice + "'): " + r.err());
    assertFalse(r.err().contains("\tat "), "an explanation, not a stack trace: " + r.err());
    assertFalse(Files.exists(out), "no output after a refusal");
  }
}
