package dev.randnla.jobs.input;

import static dev.randnla.jobs.JobTestSupport.cli;
import static dev.randnla.jobs.JobTestSupport.number;
import static dev.randnla.jobs.JobTestSupport.section;
import static dev.randnla.jobs.JobTestSupport.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.randnla.jobs.JobTestSupport.Cli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9, bad input: every job with {@code --input} over the corpus of {@link InputCorpus},
 * through the command line ({@code Main}, in-process, on the shared session). Malformed input stops
 * every job with exit code 3, a message naming the file, the line (or row) and the reason, and no
 * output directory; legitimate variations (CRLF, BOM, blank lines, gzip, a declared header, bad
 * rows under {@code --bad-rows skip}) give the result of the clean file and are reported in
 * summary.json; degenerate matrices get a defined outcome per job. docs/reliability.md lists the
 * outcomes.
 */
class EveryJobInputTest {
  private static Path tmp;
  private static InputCorpus corpus;
  private static final AtomicInteger RUNS = new AtomicInteger();
  private static final Map<String, Outputs> CLEAN = new ConcurrentHashMap<>();

  /** Every job with --input, with its cheapest deterministic method and how it names the label/key column. */
  enum Job {
    SCAN("scan"),
    GRAM("gram"),
    QR("qr", "--method", "tsqr"),
    SVD("svd", "--method", "tsqr", "--k", "1"),
    PCA("pca", "--method", "tsqr", "--k", "1"),
    EIGEN("eigen", "--method", "exact"),
    SHUFFLE("shuffle", "--seed", "7", "--files", "2"),
    SPECTRUM("spectrum", "--method", "exact"),
    LEVERAGE("leverage", "--method", "exact"),
    REGRESS("regress", "--solver", "exact"),
    CLUSTER("cluster", "--rank", "1");

    final String name;
    final List<String> args;

    Job(String name, String... args) {
      this.name = name;
      this.args = List.of(args);
    }

    /** Column 0 is the label of regress and the key of cluster; other jobs read it as data. */
    List<String> columnArgs(String format) {
      return switch (this) {
        case REGRESS -> format.equals("libsvm") ? List.of() : List.of("--label-col", format.equals("parquet") ? "k" : "0");
        case CLUSTER -> format.equals("libsvm") ? List.of("--block-by", "file")
            : List.of("--key-col", format.equals("parquet") ? "k" : "0");
        default -> List.of();
      };
    }

    /** Whether the job reads column 0 as a label or key (degenerate cases use the -k variant). */
    boolean keyed() {
      return this == REGRESS || this == CLUSTER;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  static void writeCorpus() throws IOException {
    tmp = Files.createTempDirectory("randnla-every-job-input");
    corpus = new InputCorpus(tmp.resolve("corpus")).build();
  }

  @AfterAll
  static void cleanUp() throws IOException {
    try (Stream<Path> s = Files.walk(tmp)) {
      s.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    }
  }

  static Path newOutput(Job job, String name) {
    return tmp.resolve("out").resolve(job.name + "-" + name + "-" + RUNS.incrementAndGet());
  }

  static Cli run(Job job, Path input, String format, Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of(job.name, "--input", input.toString(), "--output", out.toString(), "--quiet",
        "--row-output-format", "csv"));
    args.addAll(job.args);
    args.addAll(job.columnArgs(format));
    args.addAll(Arrays.asList(extra));
    return cli(args.toArray(new String[0]));
  }

  // ---------------------------------------------------------------- refusals

  record Refusal(String dir, String format, String file, String where, String reason) {
    @Override
    public String toString() {
      return dir;
    }
  }

  static final List<Refusal> REFUSALS = List.of(
      new Refusal("ragged", "csv", "m.csv", "line 5", "ragged row: 3 fields, expected 4"),
      new Refusal("non-numeric", "csv", "m.csv", "line 5", "non-numeric value 'x7' in field 2"),
      new Refusal("nan", "csv", "m.csv", "line 5", "NaN value in field 2"),
      new Refusal("plus-inf", "csv", "m.csv", "line 5", "+Inf value in field 1"),
      new Refusal("minus-inf", "csv", "m.csv", "line 5", "-Inf value in field 3"),
      new Refusal("trailing-delimiter", "csv", "m.csv", "line 5", "trailing delimiter"),
      new Refusal("header-without-flag", "csv", "m.csv", "line 1", "if line 1 is a header row, pass --header"),
      new Refusal("empty-file", "csv", "empty-file", null, "is empty"),
      new Refusal("empty-dir", "csv", "empty-dir", null, "holds no data files"),
      new Refusal("gzip-truncated", "csv", "m.csv.gz", null, "error reading"),
      new Refusal("column-counts-differ", "csv", "b.csv", "line 1", "or pass --bad-rows skip-files"),
      new Refusal("libsvm-zero-index", "libsvm", "m.libsvm", "line 5", "index 0 is not positive"),
      new Refusal("libsvm-negative-index", "libsvm", "m.libsvm", "line 5", "index -2 is not positive"),
      new Refusal("libsvm-unsorted", "libsvm", "m.libsvm", "line 5", "indices not increasing: 2 after 3"),
      new Refusal("libsvm-duplicate", "libsvm", "m.libsvm", "line 5", "duplicate index 2"),
      new Refusal("parquet-null", "parquet", ".parquet", "row 5", "null value in column"),
      new Refusal("parquet-string-column", "parquet", "parquet-string-column", null, "column 'b' is string, not numeric"));

  static Stream<Arguments> refusals() {
    return Arrays.stream(Job.values()).flatMap(j -> REFUSALS.stream().map(r -> Arguments.of(j, r)));
  }

  /** Malformed input: exit 3 naming file, line and reason, no output directory, in every job. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("refusals")
  void malformedInputIsRefused(Job job, Refusal c) {
    Path out = newOutput(job, c.dir());
    Cli r = run(job, corpus.path(c.dir()), c.format(), out);
    assertRefused(r, out, 3, c.file(), c.where(), c.reason());
  }

  static void assertRefused(Cli r, Path out, int code, String... parts) {
    assertEquals(code, r.code(), "exit code; stderr: " + r.err());
    for (String p : parts) {
      if (p != null) {
        assertTrue(r.err().contains(p), "message names '" + p + "': " + r.err());
      }
    }
    assertFalse(r.err().contains("\tat "), "an explanation, not a stack trace: " + r.err());
    assertFalse(Files.exists(out), "no output directory after a refused run");
    try (Stream<Path> s = Files.list(out.getParent())) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().contains("randnla-tmp")), "no temporary output left");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------- legitimate variations

  /**
   * A legitimate variation of a clean folder (of the given format), its extra option and the
   * summary.json input field reporting it.
   */
  record Variation(String dir, String format, String flag, String reportedAs, int count, String clean) {
    Variation(String dir, String flag, String reportedAs, int count) {
      this(dir, "csv", flag, reportedAs, count, "base");
    }

    @Override
    public String toString() {
      return dir + (flag == null ? "" : " " + flag);
    }
  }

  static final List<Variation> VARIATIONS = List.of(
      new Variation("crlf", null, "crlfLines", InputCorpus.ROWS),
      new Variation("bom", null, "byteOrderMarks", 1),
      new Variation("blank-lines", null, "blankLines", 3),
      new Variation("gzip", null, "compressedFiles", 1),
      new Variation("header", "--header", "rows", InputCorpus.ROWS),
      new Variation("dirty", "--bad-rows=skip", "badRows", 3),
      new Variation("libsvm-zero-index", "libsvm", "--bad-rows=skip", "badRows", 1, "libsvm-clean"),
      new Variation("parquet-null", "parquet", "--bad-rows=skip", "badRows", 1, "parquet-clean"));

  static Stream<Arguments> variations() {
    return Arrays.stream(Job.values()).flatMap(j -> VARIATIONS.stream().map(v -> Arguments.of(j, v)));
  }

  /**
   * CRLF, a BOM, blank lines, gzip, a declared header and bad rows skipped give the result of the
   * clean file (the skipped-rows case is --bad-rows skip equals the cleaned input) and say so in
   * summary.json.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("variations")
  void legitimateVariationsGiveTheCleanResult(Job job, Variation v) throws IOException {
    Path out = newOutput(job, v.dir());
    Cli r = v.flag() == null ? run(job, corpus.path(v.dir()), v.format(), out)
        : run(job, corpus.path(v.dir()), v.format(), out, v.flag());
    assertEquals(0, r.code(), r.err());
    Map<String, Object> s = summary(out);
    assertEquals(v.count(), number(section(s, "input"), v.reportedAs()), job + ": " + v.reportedAs() + " in " + section(s, "input"));
    if (v.reportedAs().equals("badRows")) {
      assertTrue(warnings(s).stream().anyMatch(w -> w.contains(v.count() + " bad row(s) were skipped")), warnings(s).toString());
    }
    Outputs clean = CLEAN.computeIfAbsent(job + " " + v.clean(), k -> cleanRun(job, v.clean(), v.format()));
    Outputs got = Outputs.of(out, corpus.path(v.dir()), job == Job.SHUFFLE);
    if (v.format().equals("parquet")) {
      // a Parquet row's id is its position in the file, so the rows after the skipped one keep
      // their ids and differ by one from the cleaned file's (docs/design.md §4); text rows are
      // numbered as read
      clean.withoutRowIds().assertSame(got.withoutRowIds(), job + " " + v.dir());
    } else {
      clean.assertSame(got, job + " " + v.dir());
    }
  }

  static Outputs cleanRun(Job job, String dir, String format) {
    Path out = newOutput(job, dir);
    Cli r = run(job, corpus.path(dir), format, out);
    assertEquals(0, r.code(), r.err());
    return Outputs.of(out, corpus.path(dir), job == Job.SHUFFLE);
  }

  @SuppressWarnings("unchecked")
  static List<String> warnings(Map<String, Object> summary) {
    Object w = summary.get("warnings");
    return w == null ? List.of() : (List<String>) w;
  }

  /**
   * What a run produced, for comparison: the result section of summary.json and every CSV file
   * (per-row outputs in part order; shuffle's rows sorted, since their order depends on the row
   * keys, which are byte positions; the input folder's path, which cluster --block-by file writes
   * as block names, replaced by INPUT).
   */
  record Outputs(Map<String, Object> result, Map<String, List<String>> files) {
    static Outputs of(Path dir, Path input, boolean sortRows) {
      try {
        Map<String, Object> result = section(summary(dir), "result");
        Map<String, List<String>> files = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
          for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
            String name = dir.relativize(p).toString();
            if (name.endsWith(".csv") || name.endsWith(".libsvm") || name.endsWith(".tsv")) {
              String file = p.getFileName().toString();
              String group = dir.relativize(p.getParent()) + "/" + (file.startsWith("part-") ? "part-*" : file);
              for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                files.computeIfAbsent(group, k -> new ArrayList<>()).add(line.replace(input.toString(), "INPUT"));
              }
            }
          }
        }
        if (sortRows) {
          // shuffle: the rows in any order; a header line (x0,x1,…: the input had one) is not a row
          files.replaceAll((k, v) -> v.stream().filter(l -> !l.startsWith("x0,")).sorted().collect(Collectors.toList()));
        }
        return new Outputs(result, files);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The per-row outputs (part files) without their leading id field. */
    Outputs withoutRowIds() {
      Map<String, List<String>> stripped = new java.util.TreeMap<>(files);
      stripped.replaceAll((k, v) -> !k.endsWith("/part-*") ? v
          : v.stream().map(l -> l.substring(l.indexOf(',') + 1)).collect(Collectors.toList()));
      return new Outputs(result, stripped);
    }

    void assertSame(Outputs other, String what) {
      assertClose(result, other.result, what + " summary result");
      assertEquals(files.keySet(), other.files.keySet(), what + " output files");
      for (var e : files.entrySet()) {
        List<String> a = e.getValue();
        List<String> b = other.files.get(e.getKey());
        assertEquals(a.size(), b.size(), what + " " + e.getKey() + " lines");
        for (int i = 0; i < a.size(); i++) {
          assertClose(a.get(i), b.get(i), what + " " + e.getKey() + " line " + (i + 1));
        }
      }
    }
  }

  /** Equal structure, strings equal, numbers equal to a relative 1e-10 (the summation order may differ). */
  static void assertClose(Object a, Object b, String what) {
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      assertEquals(ma.keySet(), mb.keySet(), what);
      for (Object k : ma.keySet()) {
        assertClose(ma.get(k), mb.get(k), what + "." + k);
      }
    } else if (a instanceof List<?> la && b instanceof List<?> lb) {
      assertEquals(la.size(), lb.size(), what);
      for (int i = 0; i < la.size(); i++) {
        assertClose(la.get(i), lb.get(i), what + "[" + i + "]");
      }
    } else if (a instanceof Number x && b instanceof Number y) {
      assertNumber(x.doubleValue(), y.doubleValue(), what);
    } else if (a instanceof String x && b instanceof String y && x.contains(",")) {
      String[] fx = x.split(",", -1);
      String[] fy = y.split(",", -1);
      assertEquals(fx.length, fy.length, what + ": " + x + " vs " + y);
      for (int i = 0; i < fx.length; i++) {
        assertClose(fx[i], fy[i], what + " field " + (i + 1));
      }
    } else if (a instanceof String x && b instanceof String y && isNumber(x) && isNumber(y)) {
      assertNumber(Double.parseDouble(x), Double.parseDouble(y), what);
    } else {
      assertEquals(a, b, what);
    }
  }

  static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static void assertNumber(double x, double y, String what) {
    if (Double.isNaN(x) || Double.isNaN(y)) {
      assertEquals(Double.isNaN(x), Double.isNaN(y), what + ": " + x + " vs " + y);
      return;
    }
    assertEquals(x, y, 1e-10 * Math.max(1, Math.max(Math.abs(x), Math.abs(y))), what);
  }

  // ---------------------------------------------------------------- label and key columns

  static Stream<Arguments> missingColumns() {
    return Stream.of(
        Arguments.of(Job.REGRESS, "base", "csv", List.of("--label-col", "9"), "--label-col"),
        Arguments.of(Job.REGRESS, "header", "csv", List.of("--header", "--label-col", "y"), "--label-col"),
        Arguments.of(Job.REGRESS, "parquet-null", "parquet", List.of("--label-col", "y"), "--label-col"),
        Arguments.of(Job.REGRESS, "base", "csv", List.of(), "--label-col"),
        Arguments.of(Job.CLUSTER, "base", "csv", List.of("--key-col", "9"), "--key-col"),
        Arguments.of(Job.CLUSTER, "header", "csv", List.of("--header", "--key-col", "y"), "--key-col"),
        Arguments.of(Job.CLUSTER, "parquet-null", "parquet", List.of("--key-col", "y"), "--key-col"),
        Arguments.of(Job.CLUSTER, "base", "csv", List.of(), "--key-col"));
  }

  /**
   * A label column missing for regress, a key column missing for cluster (absent, out of range,
   * not in the header or the Parquet schema): a configuration error (exit 2) before any pass, naming
   * the option (and the columns the input has), with no output.
   */
  @ParameterizedTest(name = "{0} {1} {3}")
  @MethodSource("missingColumns")
  void missingLabelOrKeyColumnIsRefused(Job job, String dir, String format, List<String> columnArgs, String option) {
    Path out = newOutput(job, "missing-" + dir);
    List<String> args = new ArrayList<>(List.of(job.name, "--input", corpus.path(dir).toString(), "--output", out.toString(),
        "--quiet"));
    args.addAll(job.args);
    args.addAll(columnArgs);
    Cli r = cli(args.toArray(new String[0]));
    assertRefused(r, out, 2, option);
  }

  // ---------------------------------------------------------------- degenerate matrices

  static final List<String> DEGENERATE = List.of("all-zero", "single-row", "one-column", "rank-deficient", "wide");

  static Stream<Arguments> degenerate() {
    return Arrays.stream(Job.values()).flatMap(j -> DEGENERATE.stream().map(c -> Arguments.of(j, c)));
  }

  /** Jobs whose answer depends on the rank of A: they must warn when it is deficient. */
  static final java.util.Set<Job> RANK_MATTERS = java.util.EnumSet.of(Job.GRAM, Job.QR, Job.SVD, Job.PCA, Job.LEVERAGE, Job.REGRESS,
      Job.SPECTRUM);
  /** The numerical rank of each degenerate matrix (the key/label column excluded). */
  static final Map<String, Integer> RANK = Map.of("all-zero", 0, "single-row", 1, "one-column", 1, "rank-deficient", 2, "wide", 3);
  static final Map<String, Integer> COLS = Map.of("all-zero", 3, "single-row", 3, "one-column", 1, "rank-deficient", 3, "wide", 6);

  /**
   * Degenerate matrices: either an answer with no NaN or Inf in any output file, every non-finite
   * summary number explained by a warning, a warning wherever the rank matters and is deficient,
   * and the right numerical rank where the job reports one; or a refusal with an explanation
   * (exit 3 or 4, or 1 from a method that reports its own failure) — never a stack trace as the
   * only message, never a partial output.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("degenerate")
  void degenerateMatricesHaveADefinedOutcome(Job job, String kase) throws IOException {
    Path out = newOutput(job, kase);
    Cli r = run(job, corpus.path(job.keyed() ? kase + "-k" : kase), "csv", out);
    if (r.code() != 0) {
      assertTrue(r.code() == 1 || r.code() == 3 || r.code() == 4, "exit " + r.code() + ": " + r.err());
      assertRefused(r, out, r.code(), "randnla " + job.name + ": ");
      return;
    }
    Map<String, Object> s = summary(out);
    Map<String, Object> result = section(s, "result");
    List<String> warnings = warnings(s);
    assertFinite(out);
    if (String.valueOf(result).matches("(?s).*(NaN|Infinity).*")) {
      assertFalse(warnings.isEmpty(), "a non-finite result needs a warning that explains it: " + result);
    }
    boolean deficient = RANK.get(kase) < COLS.get(kase);
    if (deficient && RANK_MATTERS.contains(job) || kase.equals("all-zero") && job == Job.EIGEN) {
      assertFalse(warnings.isEmpty(), job + " " + kase + " must warn: " + result);
    }
    String rankKey = switch (job) {
      case SVD, REGRESS -> "rank";
      case LEVERAGE -> "numericalRank";
      default -> null;
    };
    if (rankKey != null) {
      assertEquals((double) RANK.get(kase), number(result, rankKey), job + " " + kase + " " + rankKey);
    }
    assertAnswer(job, kase, corpus.degenerate.get(kase), out, result);
  }

  /** One exact number per job against a dense reference on the degenerate matrix. */
  static void assertAnswer(Job job, String kase, double[][] a, Path out, Map<String, Object> result) throws IOException {
    dev.randnla.linalg.Matrix m = dev.randnla.linalg.Matrix.fromRows(a);
    double lambda = dev.randnla.linalg.SymmetricEigen.of(m.transposeTimes(m)).values()[0];
    double squares = 0;
    for (double[] row : a) {
      for (double v : row) {
        squares += v * v;
      }
    }
    int n = a.length;
    String what = job + " " + kase;
    switch (job) {
      case SCAN -> assertNumber(Math.sqrt(squares), number(result, "frobeniusNorm"), what);
      case GRAM -> assertNumber(squares, number(result, "trace"), what);
      case QR -> {
        double r = 0;
        for (String line : Files.readAllLines(out.resolve("R.csv"))) {
          for (String f : line.split(",")) {
            if (isNumber(f)) {
              r += Double.parseDouble(f) * Double.parseDouble(f);
            }
          }
        }
        assertNumber(squares, r, what + ": ||R||_F = ||A||_F");
      }
      case SVD -> assertNumber(Math.sqrt(Math.max(lambda, 0)), ((Number) ((List<?>) result.get("singularValues")).get(0)).doubleValue(),
          what);
      case PCA -> {
        double total = 0;
        for (int j = 0; j < a[0].length; j++) {
          double mean = 0;
          for (double[] row : a) {
            mean += row[j] / n;
          }
          for (double[] row : a) {
            total += (row[j] - mean) * (row[j] - mean) / (n - 1);
          }
        }
        assertNumber(total, number(result, "totalVariance"), what);
      }
      case EIGEN -> assertNumber(lambda, number(result, "eigenvalue"), what);
      case SHUFFLE -> assertEquals(n, number(result, "rows"), what);
      case SPECTRUM -> {
        assertNumber(lambda, number(result, "topEigenvalue") * number(result, "divisor"), what);
        assertNumber(squares, number(result, "trace") * number(result, "divisor"), what);
      }
      case LEVERAGE -> assertNumber(RANK.get(kase), number(result, "sum"), what + ": the scores sum to the rank");
      case REGRESS -> assertEquals((double) COLS.get(kase), number(result, "unknowns"), what);
      case CLUSTER -> assertEquals(0, number(result, "violations"), what);
    }
  }

  /** No NaN or Inf in any CSV output (an undefined value is an empty cell or a warning). */
  static void assertFinite(Path out) throws IOException {
    try (Stream<Path> s = Files.walk(out)) {
      for (Path p : s.filter(f -> f.getFileName().toString().endsWith(".csv")).toList()) {
        String text = Files.readString(p);
        for (String bad : List.of("NaN", "Infinity")) {
          if (text.contains(bad)) {
            fail(out.getFileName() + "/" + out.relativize(p) + " holds " + bad + ":\n" + text);
          }
        }
      }
    }
  }
}
