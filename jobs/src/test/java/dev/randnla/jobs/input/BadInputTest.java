package dev.randnla.jobs.input;

import static dev.randnla.jobs.JobTestSupport.cli;
import static dev.randnla.jobs.JobTestSupport.number;
import static dev.randnla.jobs.JobTestSupport.section;
import static dev.randnla.jobs.JobTestSupport.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.jobs.JobTestSupport.Cli;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every kind of malformed input stops {@code scan} with exit code 3, a message naming the file,
 * the line and the reason, and no output directory (docs/design.md §5).
 */
class BadInputTest {
  @TempDir Path tmp;

  Path write(String name, String content) throws IOException {
    Path p = tmp.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  void assertRefused(Cli r, Path out, String file, String where, String reason) {
    assertEquals(3, r.code(), r.err());
    assertTrue(r.err().contains(file), "message names the file: " + r.err());
    if (where != null) {
      assertTrue(r.err().contains(where), "message names " + where + ": " + r.err());
    }
    assertTrue(r.err().contains(reason), "message gives the reason '" + reason + "': " + r.err());
    assertFalse(Files.exists(out), "no output directory after a failed run");
    try (var s = Files.list(out.getParent())) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().contains("randnla-tmp")), "no temporary output left");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "ragged row|m.csv|1,2,3\\n4,5,6\\n7,8\\n|line 3|ragged row: 2 fields, expected 3",
      "non-numeric token|m.csv|1,2,3\\n4,x5,6\\n|line 2|non-numeric value 'x5' in field 1",
      "NaN|m.csv|1,2,3\\n4,5,NaN\\n|line 2|NaN value in field 2",
      "+Inf|m.csv|1,2,3\\n\\n4,5,Infinity\\n|line 3|+Inf value in field 2",
      "-Inf|m.tsv|1\\t2\\n-Infinity\\t5\\n|line 2|-Inf value in field 0",
      "header without --header|m.csv|a,b,c\\n1,2,3\\n|line 1|non-numeric value 'a' in field 0",
      "trailing delimiter|m.csv|1,2,3,\\n|line 1|empty value in field 3 (two delimiters in a row, or a trailing delimiter?)",
      "libsvm zero index|m.libsvm|1 1:2 3:4\\n0 0:1\\n|line 2|index 0 is not positive",
      "libsvm negative index|m.libsvm|1 -3:1\\n|line 1|index -3 is not positive",
      "libsvm unsorted|m.libsvm|1 1:1\\n1 3:1 2:5\\n|line 2|indices not increasing: 2 after 3",
      "libsvm duplicate|m.libsvm|1 2:1 2:1\\n|line 1|duplicate index 2",
      "libsvm bad value|m.libsvm|1 2:abc\\n|line 1|non-numeric value at index 2 'abc'"})
  void malformedRowsStopTheJob(String name, String file, String content, String where, String reason) throws IOException {
    Path in = write("in/" + file, content.replace("\\n", "\n").replace("\\t", "\t"));
    Path out = tmp.resolve("out");
    assertRefused(cli("scan", "--input", in.toString(), "--output", out.toString(), "--quiet"), out, file, where, reason);
  }

  /** What the number grammar (docs/design.md §5) refuses: Java literal syntax, digit separators, non-ASCII digits and minus. */
  static final List<String> NOT_NUMBERS = List.of("0x1p3", "0X1.8P1", "1d", "7f", "1D", "2F", "3L", "1_000",
      "\u0663", "\uff13", "\u22121", "1e5d");

  /**
   * Every token outside the grammar is a malformed row (exit 3, file, line, field or index, reason) in
   * every text format, where Java's parser would have read 0x1p3 as 8 and 1d as 1.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"csv", "tsv", "libsvm"})
  void numbersOutsideTheGrammarAreRefusedInEveryTextFormat(String format) throws IOException {
    Path out = tmp.resolve("out");
    for (String token : NOT_NUMBERS) {
      String content = switch (format) {
        case "csv" -> "1,2,3\n4," + token + ",6\n";
        case "tsv" -> "1\t2\t3\n4\t" + token + "\t6\n";
        default -> "1 1:2 3:3\n4 2:" + token + " 3:6\n";
      };
      Path in = write("grammar/m." + format, content);
      Cli r = cli("scan", "--input", in.toString(), "--output", out.toString(), "--quiet");
      String where = format.equals("libsvm") ? "non-numeric value at index 2 '" : "non-numeric value '";
      assertRefused(r, out, "m." + format, "line 2", where + token + "'");
      if (!format.equals("libsvm")) {
        assertTrue(r.err().contains("'" + token + "' in field 1"), r.err());
      }
    }
  }

  /** What the grammar accepts, read correctly rounded: optional sign, digits with optional point, exponent. */
  @Test
  void numbersInTheGrammarAreRead() throws IOException {
    Path in = write("ok/m.csv", "+.5,3.,-0.5\n2E+10,1.5e-3,\"12\"\n");
    Path out = tmp.resolve("out");
    Cli r = cli("scan", "--input", in.toString(), "--output", out.toString(), "--quiet");
    assertEquals(0, r.code(), r.err());
    double expected = Math.sqrt(0.25 + 9 + 0.25 + 4e20 + 1.5e-3 * 1.5e-3 + 144);
    assertEquals(expected, number(section(summary(out), "result"), "frobeniusNorm"), 1e-15 * expected);
  }

  @Test
  void libsvmIndexBeyondCols() throws IOException {
    Path in = write("in/m.libsvm", "1 1:1 4:2\n1 2:1 9:1\n");
    Path out = tmp.resolve("out");
    assertRefused(cli("scan", "--input", in.toString(), "--cols", "5", "--output", out.toString(), "--quiet"), out,
        "m.libsvm", "line 2", "index 9 exceeds the column count 5");
  }

  /**
   * Files with different column counts are not one matrix: exit 3 naming both files and both counts,
   * also under {@code --bad-rows skip} (which used to drop the whole second file with exit 0); only
   * {@code --bad-rows skip-files} drops it, and summary.json lists it.
   */
  @Test
  void columnsDifferBetweenFiles() throws IOException {
    write("in/a.csv", "1,2,3\n4,5,6\n");
    write("in/b.csv", "\n1,2\n3,4\n");
    Path out = tmp.resolve("out");
    String in = tmp.resolve("in").toString();
    for (String policy : List.of("fail", "skip")) {
      Cli r = cli("scan", "--input", in, "--bad-rows", policy, "--output", out.toString(), "--quiet");
      assertRefused(r, out, "b.csv", "line 2", "columns differ between files");
      assertTrue(r.err().contains("b.csv has 2 field(s) on line 2, the first file ") && r.err().contains("a.csv has 3"),
          r.err());
      assertTrue(r.err().contains("--bad-rows skip-files"), "the message names the opt-in: " + r.err());
    }
    Cli r = cli("scan", "--input", in, "--bad-rows", "skip-files", "--output", out.toString(), "--quiet");
    assertEquals(0, r.code(), r.err());
    Map<String, Object> input = section(summary(out), "input");
    assertEquals(2, number(section(summary(out), "result"), "rows"));
    assertEquals(2, number(input, "badRows"));
    @SuppressWarnings("unchecked")
    Map<String, String> dropped = (Map<String, String>) input.get("droppedFiles");
    assertEquals(1, dropped.size(), dropped.toString());
    String file = dropped.keySet().iterator().next();
    assertTrue(file.endsWith("b.csv") && dropped.get(file).contains("has 2 field(s)"), dropped.toString());
    @SuppressWarnings("unchecked")
    List<String> warnings = (List<String>) summary(out).get("warnings");
    assertTrue(warnings.stream().anyMatch(w -> w.contains("1 file(s) were dropped whole") && w.contains("b.csv")),
        warnings.toString());
  }

  /** A header row read as data: the message says so and names --header (exit 3); a non-numeric later line does not. */
  @Test
  void headerWithoutTheOptionNamesIt() throws IOException {
    Path in = write("in/m.csv", "x,y\n1,2\n");
    Path out = tmp.resolve("out");
    Cli r = cli("scan", "--input", in.toString(), "--output", out.toString(), "--quiet");
    assertRefused(r, out, "m.csv", "line 1", "non-numeric value 'x' in field 0");
    assertTrue(r.err().contains("(if line 1 is a header row, pass --header)"), r.err());
    Path regress = write("in2/m.csv", "y,a,b\n1,2,3\n");
    Cli r2 = cli("regress", "--input", regress.toString(), "--label-col", "0", "--output", out.toString(), "--quiet");
    assertRefused(r2, out, "m.csv", "line 1", "non-numeric label 'y' in field 0");
    assertTrue(r2.err().contains("(if line 1 is a header row, pass --header)"), r2.err());
    Path later = write("in3/m.csv", "1,2\nx,y\n");
    Cli r3 = cli("scan", "--input", later.toString(), "--output", out.toString(), "--quiet");
    assertRefused(r3, out, "m.csv", "line 2", "non-numeric value 'x' in field 0");
    assertTrue(r3.err().contains("(use --bad-rows skip") && !r3.err().contains("--header"), r3.err());
  }

  /**
   * {@code --format} against the file names across the text/Parquet line is a usage error (exit 2)
   * before reading, naming the extension and the option; a Parquet file read as text, or a text
   * file read as Parquet, without a telling extension is invalid input (exit 3) saying what it is.
   */
  @Test
  void formatAndFileNamesDisagree() throws IOException {
    Path out = tmp.resolve("out");
    Path csv = write("in/m.csv", "1,2\n3,4\n");
    Cli r = cli("scan", "--input", csv.toString(), "--format", "parquet", "--output", out.toString(), "--quiet");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--format parquet but the extension of ") && r.err().contains("m.csv says csv")
        && r.err().contains("drop --format"), r.err());
    Path noExtension = write("in2/data", "1,2\n3,4\n");
    Cli r2 = cli("scan", "--input", noExtension.toString(), "--format", "parquet", "--output", out.toString(), "--quiet");
    assertRefused(r2, out, "data", null, "not a Parquet file (text input? pass --format csv, tsv or libsvm)");
    assertFalse(r2.err().contains("Expected magic number"), r2.err());

    Path parquet = tmp.resolve("pq");
    assertEquals(0, cli("shuffle", "--input", csv.toString(), "--files", "1", "--output-format", "parquet", "--output",
        parquet.toString(), "--seed", "1", "--quiet").code());
    for (String format : List.of("csv", "libsvm")) {
      Cli r3 = cli("scan", "--input", parquet.toString(), "--format", format, "--output", out.toString(), "--quiet");
      assertEquals(2, r3.code(), r3.err());
      assertTrue(r3.err().contains("--format " + format + " but the extension of ") && r3.err().contains("says parquet"),
          r3.err());
    }
    Path renamed = tmp.resolve("renamed/data");
    Files.createDirectories(renamed.getParent());
    try (var parts = Files.list(parquet)) {
      Files.copy(parts.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow(), renamed);
    }
    Cli r4 = cli("scan", "--input", renamed.toString(), "--format", "csv", "--output", out.toString(), "--quiet");
    assertRefused(r4, out, "data", null, "is a Parquet file (it starts with PAR1), not csv; pass --format parquet");
  }

  @Test
  void headersDifferBetweenFiles() throws IOException {
    write("in/a.csv", "x,y\n1,2\n");
    write("in/b.csv", "x,z\n3,4\n");
    Path out = tmp.resolve("out");
    assertRefused(cli("scan", "--header", "--input", tmp.resolve("in").toString(), "--output", out.toString(), "--quiet"),
        out, "b.csv", null, "columns differ between files");
  }

  @Test
  void emptyFileEmptyDirectoryAndMissingPath() throws IOException {
    Path out = tmp.resolve("out");
    Path empty = write("in/empty.csv", "");
    assertRefused(cli("scan", "--input", empty.toString(), "--output", out.toString(), "--quiet"), out, "empty.csv", null, "is empty");
    Files.createDirectories(tmp.resolve("nothing"));
    assertRefused(cli("scan", "--input", tmp.resolve("nothing").toString(), "--output", out.toString(), "--quiet"), out,
        "nothing", null, "holds no data files");
    assertRefused(cli("scan", "--input", tmp.resolve("nope.csv").toString(), "--output", out.toString(), "--quiet"), out,
        "nope.csv", null, "input not found");
    Path blanks = write("in2/blank.csv", "\n\n  \n");
    assertRefused(cli("scan", "--input", blanks.toString(), "--output", out.toString(), "--quiet"), out,
        "blank.csv", null, "has no data rows");
  }

  /** A bad row far into a file that several tasks split: its line number is still exact. */
  @Test
  void lineNumberIsExactInALaterSplit() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= 5000; i++) {
      sb.append(i == 4321 ? "1,oops,3" : i + ",2,3").append('\n');
    }
    Path in = write("in/big.csv", sb.toString());
    Path out = tmp.resolve("out");
    assertRefused(cli("scan", "--input", in.toString(), "--min-partitions", "7", "--output", out.toString(), "--quiet"),
        out, "big.csv", "line 4321", "non-numeric value 'oops' in field 1");
  }

  /** --bad-rows skip drops the bad rows, reports them, and gives the answer of the cleaned input. */
  @Test
  void skipModeEqualsTheCleanedInput() throws IOException {
    List<String> good = new ArrayList<>();
    StringBuilder dirty = new StringBuilder();
    for (int i = 1; i <= 3000; i++) {
      String line = (i % 7) + "," + (i % 11) * 0.5 + "," + i;
      if (i % 500 == 0) {
        dirty.append(i % 1000 == 0 ? "1,2\n" : "1,NaN,3\n");
      }
      dirty.append(line).append('\n');
      good.add(line);
    }
    Path dirtyIn = write("dirty/m.csv", dirty.toString());
    Path cleanIn = write("clean/m.csv", String.join("\n", good) + "\n");
    Path o1 = tmp.resolve("o1");
    Path o2 = tmp.resolve("o2");
    Cli r = cli("scan", "--input", dirtyIn.toString(), "--bad-rows", "skip", "--min-partitions", "3", "--output", o1.toString(), "--quiet");
    assertEquals(0, r.code(), r.err());
    assertEquals(0, cli("scan", "--input", cleanIn.toString(), "--output", o2.toString(), "--quiet").code());
    Map<String, Object> s1 = summary(o1);
    Map<String, Object> s2 = summary(o2);
    assertEquals(6, number(section(s1, "input"), "badRows"));
    assertEquals(number(section(s2, "result"), "rows"), number(section(s1, "result"), "rows"));
    assertEquals(number(section(s2, "result"), "frobeniusNorm"), number(section(s1, "result"), "frobeniusNorm"), 1e-12);
    @SuppressWarnings("unchecked")
    List<String> examples = (List<String>) section(s1, "input").get("badRowExamples");
    assertEquals(5, examples.size());
    assertTrue(examples.get(0).contains("line 500") && examples.get(0).contains("NaN"), examples.get(0));
    assertTrue(examples.get(1).contains("line 1001") && examples.get(1).contains("ragged"), examples.get(1));
    @SuppressWarnings("unchecked")
    List<String> warnings = (List<String>) s1.get("warnings");
    assertTrue(warnings.stream().anyMatch(w -> w.contains("6 bad row(s) were skipped")), warnings.toString());
  }

  /** Legitimate variations are read correctly: CRLF, BOM, blank lines, gzip, bzip2, header, a glob. */
  @Test
  void legitimateVariationsGiveTheSameAnswer() throws IOException {
    String rows = "1,2,3\n4,5,6\n7,8,9\n";
    Path plain = write("plain/m.csv", rows);
    write("crlf/m.csv", rows.replace("\n", "\r\n"));
    Path bom = tmp.resolve("bom/m.csv");
    Files.createDirectories(bom.getParent());
    byte[] body = rows.getBytes(StandardCharsets.UTF_8);
    Files.write(bom, InputCorpus.withByteOrderMark(body));
    write("blank/m.csv", "\n1,2,3\n\n4,5,6\n   \n7,8,9");
    Path gz = tmp.resolve("gz/m.csv.gz");
    Files.createDirectories(gz.getParent());
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
      o.write(body);
    }
    write("header/m.csv", "a,b,c\n" + rows);
    Path bz = tmp.resolve("bz2/m.csv.bz2");
    Files.createDirectories(bz.getParent());
    org.apache.hadoop.io.compress.BZip2Codec codec = new org.apache.hadoop.io.compress.BZip2Codec();
    codec.setConf(new org.apache.hadoop.conf.Configuration());
    try (OutputStream o = codec.createOutputStream(Files.newOutputStream(bz))) {
      o.write(body);
    }
    write("glob/m1.csv", "1,2,3\n");
    write("glob/m2.csv", "4,5,6\n7,8,9\n");
    write("glob/ignored.tsv", "100\t100\t100\n");
    double expected = Math.sqrt(285);
    for (String dir : List.of("plain", "crlf", "bom", "blank", "gz", "header", "bz2", "glob/m*.csv")) {
      Path out = tmp.resolve("out-" + dir.replace('/', '-').replace('*', '_'));
      List<String> args = new ArrayList<>(List.of("scan", "--input", tmp.resolve(dir).toString(), "--output", out.toString(), "--quiet"));
      if (dir.equals("header")) {
        args.add("--header");
      }
      Cli r = cli(args.toArray(new String[0]));
      assertEquals(0, r.code(), dir + ": " + r.err());
      Map<String, Object> result = section(summary(out), "result");
      assertEquals(3, number(result, "rows"), dir);
      assertEquals(expected, number(result, "frobeniusNorm"), 1e-12, dir);
    }
    assertEquals(3, number(section(summary(tmp.resolve("out-blank")), "input"), "blankLines"));
    assertTrue(Files.exists(plain));
  }
}
