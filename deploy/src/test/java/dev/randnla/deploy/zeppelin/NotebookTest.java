package dev.randnla.deploy.zeppelin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.randnla.deploy.Settings;
import dev.randnla.deploy.zeppelin.ZeppelinNote.Paragraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs every note in {@code notebooks/} the way Zeppelin's Spark interpreter would: each
 * {@code %spark} paragraph, in order, through the Scala 2.13 REPL bound to a real local
 * SparkSession that has the randnla jar ({@code spark.jars}) and a {@code z} stub; each
 * {@code %spark.sql} paragraph through {@code spark.sql}. A paragraph that ends in Error or
 * Incomplete fails its note. Also checks that a note is valid Zeppelin JSON, that its
 * {@code %spark.conf} adds the randnla jar and agrees with conf/spark-defaults.conf, and that it
 * shows at least one non-empty table. New notes are picked up automatically.
 *
 * <p>One REPL serves all notes in turn, as Zeppelin's default (globally shared) Spark interpreter
 * does; the form {@code workDir} (a {@code z.textbox}) is a fresh folder per note.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotebookTest {
  private static final Path ROOT = Settings.root();
  private SparkSession spark;
  private ScalaRepl repl;
  private ZeppelinContextStub z;
  private final Map<String, String> forms = new LinkedHashMap<>();

  @TestFactory
  Stream<DynamicTest> everyNoteRunsInTheScalaRepl() throws IOException {
    List<Path> notes;
    try (Stream<Path> files = Files.list(ROOT.resolve("notebooks"))) {
      notes = files.filter(f -> f.getFileName().toString().endsWith(".zpln")).sorted().toList();
    }
    assertFalse(notes.isEmpty(), "no notes in " + ROOT.resolve("notebooks"));
    return notes.stream().map(note -> DynamicTest.dynamicTest(note.getFileName().toString(), () -> runNote(note)));
  }

  /** The harness itself: a paragraph that throws, does not compile or is unfinished is not a success. */
  @Test
  void failingParagraphsAreReportedAsFailures() throws IOException {
    start();
    assertEquals("Error", repl.run("throw new IllegalStateException(\"from a paragraph\")").result());
    assertEquals("Error", repl.run("val x: Int = \"not a number\"").result());
    assertEquals("Incomplete", repl.run("val y = List(1, 2").result());
    ScalaRepl.Outcome ok = repl.run("z.show(Seq((1, \"a\")).toDF(\"n\", \"s\"))");
    assertTrue(ok.success(), ok.output());
    assertTrue(ok.output().contains("%table n\ts\n1\ta\n"), ok.output());
  }

  private void runNote(Path file) throws IOException {
    ZeppelinNote note = ZeppelinNote.read(file);
    checkConf(note);
    start();
    forms.put("workDir", Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "note-").toUri().toString());
    int tablesBefore = z.tables().size();
    for (Paragraph p : note.paragraphs()) {
      String where = note.name() + ", " + p.label();
      switch (p.interpreter()) {
        case "md", "spark.conf" -> {
          // markdown is rendered, not run; the conf was checked above and applies before the interpreter starts
        }
        case "spark", "spark.spark" -> {
          long t0 = System.nanoTime();
          ScalaRepl.Outcome o = repl.run(p.code());
          if (!o.success()) {
            fail(where + " ended in " + o.result() + ":\n" + o.output());
          }
          System.out.printf(java.util.Locale.ROOT, "[NotebookTest] %s: %s in %.1f s%n", where, o.result(),
              (System.nanoTime() - t0) / 1e9);
        }
        case "spark.sql" -> {
          try {
            List<Row> rows = spark.sql(p.code().trim()).collectAsList();
            assertFalse(rows.isEmpty(), where + " returned no rows");
          } catch (RuntimeException e) {
            throw new AssertionError(where + " failed: " + e.getMessage(), e);
          }
        }
        default -> fail(where + ": the harness cannot run %" + p.interpreter()
            + " paragraphs; use %spark, %spark.sql, %spark.conf or %md");
      }
    }
    List<ZeppelinContextStub.Table> shown = z.tables().subList(tablesBefore, z.tables().size());
    System.out.println("[NotebookTest] " + note.name() + ": " + shown.size() + " table(s) shown: "
        + shown.stream().map(t -> t.header() + " x " + t.rows().size()).toList());
    assertFalse(shown.isEmpty(), note.name() + " shows no table with z.show");
    for (ZeppelinContextStub.Table t : shown) {
      assertFalse(t.rows().isEmpty(), note.name() + ": z.show of an empty table " + t.header());
    }
  }

  /**
   * A note's {@code %spark.conf} must add the randnla jar, and settings it shares with
   * conf/spark-defaults.conf must have the same values there (notes stay in step with the jobs).
   */
  private void checkConf(ZeppelinNote note) throws IOException {
    Map<String, String> defaults = Settings.sparkDefaults();
    boolean jar = false;
    for (Paragraph p : note.paragraphs()) {
      if (!p.interpreter().equals("spark.conf")) {
        continue;
      }
      for (Map.Entry<String, String> e : ZeppelinNote.confEntries(p).entrySet()) {
        if (e.getKey().equals("spark.jars")) {
          jar |= Path.of(e.getValue()).getFileName().toString().matches("randnla-jobs-.*\\.jar");
        } else if (defaults.containsKey(e.getKey())) {
          assertEquals(defaults.get(e.getKey()), e.getValue(), note.name() + ": %spark.conf " + e.getKey()
              + " differs from conf/spark-defaults.conf");
        }
      }
    }
    assertTrue(jar, note.name() + ": no %spark.conf paragraph adds the randnla jar (spark.jars .../randnla-jobs-VERSION.jar)");
  }

  /**
   * The interpreter: a local[2] SparkSession with conf/spark-defaults.conf, the randnla jar in
   * spark.jars and the REPL's class directory set before the SparkContext starts (as Zeppelin does).
   */
  private void start() throws IOException {
    if (repl != null) {
      return;
    }
    Path jar = Settings.jar();
    Path classes = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "repl-classes-");
    SparkSession.Builder b = SparkSession.builder().appName("randnla-notebook-test").master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.repl.class.outputDir", classes.toString())
        .config("spark.jars", jar.toUri().toString());
    Settings.sparkDefaults().forEach(b::config);
    spark = b.getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    z = new ZeppelinContextStub(forms);
    repl = new ScalaRepl(classes, spark, z);
  }

  @AfterAll
  void stop() {
    List<RuntimeException> errors = new ArrayList<>();
    if (repl != null) {
      try {
        repl.close();
      } catch (RuntimeException e) {
        errors.add(e);
      }
    }
    if (spark != null) {
      spark.stop();
    }
    if (!errors.isEmpty()) {
      throw new UncheckedIOException(new IOException("closing the REPL failed", errors.get(0)));
    }
  }
}
