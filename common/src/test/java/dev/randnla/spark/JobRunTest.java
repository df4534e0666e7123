package dev.randnla.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.io.InputOptions;
import dev.randnla.io.OutputOptions;
import dev.randnla.io.Summary;
import dev.randnla.sketch.ColumnStatsSketch;
import dev.randnla.sketch.GramSketch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobRunTest {
  @TempDir Path tmp;

  Path csv(int rows) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < rows; i++) {
      sb.append(i).append(',').append(i % 3).append(',').append(1).append('\n');
    }
    Path p = tmp.resolve("in/m.csv");
    Files.createDirectories(p.getParent());
    Files.writeString(p, sb.toString());
    return p;
  }

  /** A job that fails after writing part of its output leaves no output and no temporary directory. */
  @Test
  void failureMidwayLeavesNothing() throws IOException {
    SparkSession spark = LocalSpark.session();
    Path in = csv(100);
    Path out = tmp.resolve("out");
    assertThrows(IllegalStateException.class, () -> {
      try (JobRun run = JobRun.start(spark, "test", OutputOptions.to(out.toString()), true)) {
        MatrixInput input = MatrixSource.open(spark, InputOptions.of(in.toString()));
        SketchPass.aggregate(input, () -> new ColumnStatsSketch(3), 100, "test");
        run.writeText("partial.csv", "1\n");
        throw new IllegalStateException("failure after partial output");
      }
    });
    assertFalse(Files.exists(out));
    try (Stream<Path> s = Files.list(tmp)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().contains("randnla-tmp")));
    }
  }

  /**
   * Passes are counted from partitions actually read; row ids come from the first pass's counts;
   * the merge is bitwise the same on every run.
   */
  @Test
  void passesRowIdsAndDeterministicMerge() throws IOException {
    SparkSession spark = LocalSpark.session();
    Path in = csv(1000);
    MatrixInput input = MatrixSource.open(spark, InputOptions.of(in.toString()).withMinPartitions(5));
    assertEquals(0.0, input.passes());
    assertFalse(input.rowIdsKnown());
    GramSketch.Gram g1 = SketchPass.aggregate(input, () -> new GramSketch(3), 100, "gram").value().result();
    assertEquals(1.0, input.passes());
    assertTrue(input.rowIdsKnown());
    GramSketch.Gram g2 = SketchPass.aggregate(input, () -> new GramSketch(3), 100, "gram").value().result();
    assertEquals(2.0, input.passes());
    assertTrue(java.util.Arrays.equals(g1.gram().data(), g2.gram().data()), "bitwise identical merges");
    // ids are 0..n-1 in file order, and row i holds value i in its first column
    long mismatches = input.rows().filter(r -> r.id() != (long) r.values()[0]).count();
    assertEquals(0, mismatches);
    assertEquals(3.0, input.passes());
    // reading a subset of partitions counts a fraction of a pass
    input.mapPartitions(new int[] {0, 2}, (p, rows) -> {
      while (rows.hasNext()) {
        rows.next();
      }
      return 0;
    }).collect();
    assertEquals(3.0 + 2.0 / input.numPartitions(), input.passes(), 1e-12);
  }

  @Test
  void summaryHasTheContractFields() throws IOException {
    SparkSession spark = LocalSpark.session();
    Path in = csv(10);
    Path out = tmp.resolve("out");
    try (JobRun run = JobRun.start(spark, "test", OutputOptions.to(out.toString()), true)) {
      MatrixInput input = MatrixSource.open(spark, InputOptions.of(in.toString()));
      SketchPass.aggregate(input, () -> new ColumnStatsSketch(3), 100, "test");
      run.recordInput(input, 20L);
      run.summary().param("seed", 1).result("answer", 42.0);
      run.finish(input);
    }
    Map<String, Object> s = Summary.parse(Files.readString(out.resolve("summary.json")));
    for (String key : new String[] {"job", "version", "status", "input", "params", "result", "passes", "seconds", "spark", "blas", "warnings"}) {
      assertTrue(s.containsKey(key), "summary.json has " + key);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> input = (Map<String, Object>) s.get("input");
    for (String key : new String[] {"uri", "format", "rows", "cols", "nnz", "badRows"}) {
      assertTrue(input.containsKey(key), "input has " + key);
    }
    assertEquals("succeeded", s.get("status"));
    assertEquals(1, s.get("passes"));
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
  }
}
