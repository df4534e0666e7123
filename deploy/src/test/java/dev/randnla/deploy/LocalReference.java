package dev.randnla.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.io.Summary;
import dev.randnla.jobs.Main;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * The local-mode reference the cluster tests compare with: tables of {@link Step}s run in this JVM
 * on a {@code local[2]} SparkSession with the settings of conf/spark-defaults.conf (what
 * bin/randnla does in-process), through the command line ({@code Main.run}), in the background
 * while the test starts its cluster. {@link #assertSameOutputs} is the comparison: seeds and
 * partition counts are fixed and merges are deterministic (docs/design.md §10), so where the tasks
 * run must not change a bit.
 */
final class LocalReference implements AutoCloseable {
  private final CompletableFuture<Map<List<Step>, Map<String, String>>> runs;

  private LocalReference(CompletableFuture<Map<List<Step>, Map<String, String>>> runs) {
    this.runs = runs;
  }

  /** Starts running every table's steps, in order, with outputs under {@code work}; {@code log} gets one line per step. */
  static LocalReference start(Path work, List<List<Step>> tables, Consumer<String> log) {
    return new LocalReference(CompletableFuture.supplyAsync(() -> {
      SparkSession.Builder b = SparkSession.builder().appName("randnla-local-reference").master("local[2]")
          .config("spark.ui.enabled", "false");
      Settings.sparkDefaults().forEach(b::config);
      SparkSession session = b.getOrCreate();
      try {
        Map<List<Step>, Map<String, String>> all = new LinkedHashMap<>();
        for (List<Step> table : tables) {
          Path base = work.resolve("local-" + all.size());
          Map<String, String> outputs = new LinkedHashMap<>();
          for (Step step : table) {
            String out = base.resolve(step.name()).toUri().toString();
            long t0 = System.nanoTime();
            int code = Main.run(step.args(out, outputs).toArray(new String[0]));
            assertEquals(0, code, step + " in local mode (see the output above)");
            log.accept(String.format(java.util.Locale.ROOT, "local mode %s: %.1f s", step, Settings.secondsSince(t0)));
            outputs.put(step.name(), out);
          }
          all.put(table, outputs);
        }
        return all;
      } finally {
        session.stop();
      }
    }));
  }

  /** The local-mode outputs of a table's steps, by step name (waits for the background runs). */
  Map<String, String> outputs(List<Step> table) {
    try {
      return runs.join().get(table);
    } catch (CompletionException e) {
      throw new AssertionError("the local-mode reference runs failed", e.getCause());
    }
  }

  /** Waits for the background runs to end (their failure is reported by {@link #outputs}). */
  @Override
  public void close() {
    runs.exceptionally(e -> null).join();
  }

  /** Runs one step with its arguments somewhere (a cluster, a deploy mode); returns a detail for the log. */
  interface StepRunner {
    String run(Step step, List<String> args) throws IOException;
  }

  /**
   * Runs {@code steps} in order with {@code runner}, each writing to {@code base/<step>}, and
   * compares every step's output with its local-mode output in {@code local}; {@code where} names
   * the runs in the log.
   */
  static void runAndCompare(MiniHdfs hdfs, List<Step> steps, Map<String, String> local, String base, String where,
      StepRunner runner, Consumer<String> log) throws IOException {
    Map<String, String> outputs = new LinkedHashMap<>();
    for (Step step : steps) {
      String out = base + "/" + step.name();
      long t0 = System.nanoTime();
      String detail = runner.run(step, step.args(out, outputs));
      log.accept(String.format(java.util.Locale.ROOT, "%s %s: %.1f s%s", where, step, Settings.secondsSince(t0), detail));
      outputs.put(step.name(), out);
      assertSameOutputs(hdfs, step, local.get(step.name()), out);
    }
  }

  /**
   * Every file but summary.json is the same bytes; summary.json agrees on status, results,
   * passes, and on the input and parameters except paths.
   */
  static void assertSameOutputs(MiniHdfs hdfs, Step step, String expectedDir, String actualDir) throws IOException {
    List<String> expected = hdfs.files(expectedDir);
    List<String> actual = hdfs.files(actualDir);
    assertEquals(expected, actual, step + ": the files of " + actualDir);
    assertTrue(actual.contains("_SUCCESS") && actual.contains("summary.json"), step + ": " + actual);
    for (String f : expected) {
      if (f.endsWith(".parquet")) {
        throw new AssertionError(step + " writes Parquet (" + f + "), whose file names differ between runs: "
            + "use --row-output-format csv in this table");
      }
      if (!f.equals("summary.json")) {
        assertArrayEquals(hdfs.read(expectedDir + "/" + f), hdfs.read(actualDir + "/" + f), step + ": " + f);
      }
    }
    Map<String, Object> want = Summary.parse(hdfs.readString(expectedDir + "/summary.json"));
    Map<String, Object> got = Summary.parse(hdfs.readString(actualDir + "/summary.json"));
    assertEquals("succeeded", got.get("status"), step + ": status");
    for (String section : List.of("result", "passes", "warnings")) {
      assertEquals(want.get(section), got.get(section), step + ": summary.json " + section);
    }
    for (String section : List.of("input", "params")) {
      assertEquals(withoutPaths(want.get(section)), withoutPaths(got.get(section)), step + ": summary.json " + section);
    }
  }

  private static Object withoutPaths(Object section) {
    if (!(section instanceof Map<?, ?> m)) {
      return section;
    }
    Map<Object, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> {
      if (!(v instanceof String s && s.contains("/"))) {
        out.put(k, v);
      }
    });
    return out;
  }
}
