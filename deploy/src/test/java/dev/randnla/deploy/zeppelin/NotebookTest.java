package dev.randnla.deploy.zeppelin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.randnla.deploy.ReadmeTest;
import dev.randnla.deploy.Settings;
import dev.randnla.deploy.zeppelin.ZeppelinNote.Paragraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
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
 * {@code %spark.conf} adds the randnla jar and agrees with conf/spark-defaults.conf, that it
 * shows at least one non-empty table, and that its numbers are right ({@link NoteAnswers}: exact
 * answers or derived bounds, read from the REPL after the note). New notes are picked up
 * automatically and need an entry in {@link NoteAnswers#BY_NOTE}.
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

  /**
   * README.md's {@code ```scala} examples compile and run in the REPL as notebook paragraphs, on small data under
   * the names they use: {@code table} (numeric columns x0, x1, x2 and y = 1 + 2·x0 − x1 + 0.5·x2 + noise),
   * {@code df} (its {@code features} vector column) and {@code rowMatrix} (200 × 12); {@code hdfs:///} paths
   * point into a temporary folder.
   */
  @Test
  void readmeScalaExamplesRunInTheRepl() throws IOException {
    start();
    List<ReadmeTest.Block> examples = ReadmeTest.blocks(Files.readAllLines(ROOT.resolve("README.md"))).stream()
        .filter(b -> b.info().equals("scala")).toList();
    assertFalse(examples.isEmpty(), "README.md has no ```scala block");
    String hdfs = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "readme-").toUri().toString();
    ScalaRepl.Outcome data = repl.run("""
        val readmeRandom = new scala.util.Random(17)
        val table = Seq.fill(200)((readmeRandom.nextGaussian(), readmeRandom.nextGaussian(), readmeRandom.nextGaussian()))
          .map { case (a, b, c) => (a, b, c, 1 + 2 * a - b + 0.5 * c + 0.01 * readmeRandom.nextGaussian()) }
          .toDF("x0", "x1", "x2", "y")
        val df = new org.apache.spark.ml.feature.VectorAssembler().setInputCols(Array("x0", "x1", "x2"))
          .setOutputCol("features").transform(table)
        val rowMatrix = new org.apache.spark.mllib.linalg.distributed.RowMatrix(sc.parallelize(
          Seq.fill(200)(org.apache.spark.mllib.linalg.Vectors.dense(Array.fill(12)(readmeRandom.nextGaussian()))), 2))
        """);
    assertTrue(data.success(), data.output());
    for (ReadmeTest.Block b : examples) {
      ScalaRepl.Outcome o = repl.run(String.join("\n", b.lines()).replace("hdfs:///", hdfs));
      assertTrue(o.success(), "README.md line " + b.line() + ": the ```scala block ended in " + o.result() + ":\n" + o.output());
    }
    // what the first example's comments promise: the top 2 eigenvalues, largest first, and a saved pipeline that
    // loads back to the same predictions
    ReplState state = new ReplState();
    double[] lambda = (double[]) state.value("lambda");
    assertTrue(lambda.length == 2 && lambda[0] >= lambda[1] && lambda[1] > 0, Arrays.toString(lambda));
    assertEquals(Boolean.TRUE, state.value("PipelineModel.load(\"" + hdfs + "models/ls\").transform(table).select(\"prediction\")"
        + ".collect().sameElements(model.transform(table).select(\"prediction\").collect())"), "the loaded pipeline's predictions");
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
    Consumer<NoteAnswers.State> answers = NoteAnswers.BY_NOTE.get(note.name());
    assertNotNull(answers, note.name() + " has no answer checks: add them to NoteAnswers.BY_NOTE");
    answers.accept(new ReplState());
  }

  /**
   * The REPL's state after a note: each Scala expression is handed over through {@code z.put} under its own
   * text as the key (a triple-quoted Scala string), several in one run.
   */
  private final class ReplState implements NoteAnswers.State {
    private final Set<String> fetched = new HashSet<>();

    @Override
    public void fetch(String... scala) {
      StringBuilder code = new StringBuilder();
      for (String e : scala) {
        code.append("z.put(\"\"\"").append(e).append("\"\"\", ").append(e).append(")\n");
      }
      ScalaRepl.Outcome o = repl.run(code.toString());
      if (!o.success()) {
        fail("cannot evaluate the checks' expressions after the note: " + o.result() + "\n" + o.output());
      }
      fetched.addAll(List.of(scala));
    }

    @Override
    public Object value(String scala) {
      if (!fetched.contains(scala)) {
        fetch(scala);
      }
      return z.get(scala);
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
