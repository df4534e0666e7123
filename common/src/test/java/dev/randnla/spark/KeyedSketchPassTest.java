package dev.randnla.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.io.InputOptions;
import dev.randnla.linalg.Matrix;
import dev.randnla.sketch.RowFactorSketch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;

class KeyedSketchPassTest {
  @TempDir Path tmp;

  /** Rows i = 0..n−1 with key "k(i mod 3)", values (i, i², 1) / 10; key "skip" rows are left out. */
  private Path write(int n, int files) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("in"));
    for (int f = 0; f < files; f++) {
      StringBuilder sb = new StringBuilder();
      for (int i = f; i < n; i += files) {
        String key = i % 7 == 6 ? "skip" : "k" + (i % 3);
        sb.append(key).append(',').append(i / 10.0).append(',').append(i * (double) i / 10.0).append(",0.1\n");
      }
      Files.writeString(dir.resolve(String.format("part-%05d.csv", f)), sb.toString());
    }
    return dir;
  }

  private static Map<String, double[]> run(SparkSession spark, Path dir, int minPartitions) {
    InputOptions options = InputOptions.of(dir.toUri().toString()).withKeyCol("0").withMinPartitions(minPartitions);
    MatrixInput input = MatrixSource.open(spark, options);
    KeyedSketchPass.Result<String, double[]> result = KeyedSketchPass.aggregate(input,
        row -> "skip".equals(row.block()) ? null : row.block(),
        () -> new RowFactorSketch(3, 3),
        (key, s) -> {
          Matrix f = s.result();
          Matrix g = f.transposeTimes(f);
          double[] out = new double[11];
          System.arraycopy(g.data(), 0, out, 0, 9);
          out[9] = s.rows();
          out[10] = s.isRaw() ? 1 : 0;
          return out;
        }, 2, "test: keyed");
    assertEquals(1.0, input.passes(), 1e-12, "one pass");
    List<Tuple2<String, double[]>> all = new ArrayList<>(result.values().collect());
    // asking again reuses the persisted values: still one pass
    assertEquals(all.size(), result.values().count());
    assertEquals(1.0, input.passes(), 1e-12, "values are persisted, not re-read");
    assertTrue(result.stats().rows() > 0);
    result.release();
    Map<String, double[]> byKey = new TreeMap<>();
    all.forEach(t -> byKey.put(t._1(), t._2()));
    return byKey;
  }

  @Test
  void groupsRowsByKeyAndIsPartitionInvariant() throws Exception {
    int n = 200;
    Path dir = write(n, 3);
    SparkSession spark = LocalSpark.session();
    Map<String, double[]> one = run(spark, dir, 1);
    Map<String, double[]> many = run(spark, dir, 6);
    assertEquals(List.of("k0", "k1", "k2"), new ArrayList<>(one.keySet()));
    for (String k : one.keySet()) {
      int residue = k.charAt(1) - '0';
      double[] g = new double[9];
      int count = 0;
      for (int i = 0; i < n; i++) {
        if (i % 3 == residue && i % 7 != 6) {
          double[] row = {i / 10.0, i * (double) i / 10.0, 0.1};
          for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
              g[a + 3 * b] += row[a] * row[b];
            }
          }
          count++;
        }
      }
      double[] got = one.get(k);
      assertEquals(count, got[9], "rows of " + k);
      assertEquals(0.0, got[10], "groups beyond the raw limit are folded");
      for (int e = 0; e < 9; e++) {
        assertEquals(g[e], got[e], 1e-11 * g[4], k + " Gram entry " + e);
        assertEquals(got[e], many.get(k)[e], 1e-10 * g[4], k + " agrees across partitionings");
      }
    }
  }

  @Test
  void smallGroupsAreBitwisePartitionInvariant() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("small"));
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 9; i++) {
      sb.append("g").append(i % 4).append(',').append(Math.sqrt(i + 1)).append(',').append(1.0 / (i + 3)).append(",0.7\n");
    }
    Files.writeString(dir.resolve("part-00000.csv"), sb.toString());
    SparkSession spark = LocalSpark.session();
    Map<String, double[]> one = run(spark, dir, 1);
    Map<String, double[]> many = run(spark, dir, 5);
    for (String k : one.keySet()) {
      assertEquals(1.0, one.get(k)[10], "at most 3 rows: kept raw");
      assertArrayEquals(one.get(k), many.get(k), 0.0, k);
    }
  }
}
