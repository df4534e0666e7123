package dev.randnla.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.io.InputOptions;
import dev.randnla.io.MatrixRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Row ids (docs/design.md §4): the id column when given, else row numbers in path-then-line order. */
class RowIdsTest {
  @TempDir Path tmp;

  @Test
  void explicitIdColumnIsKnownInTheFirstPass() throws IOException {
    Path p = tmp.resolve("in/m.csv");
    Files.createDirectories(p.getParent());
    Files.writeString(p, "id,x,y\n100,1,2\n-5,3,4\n7,5,6\n");
    SparkSession spark = LocalSpark.session();
    MatrixInput input = MatrixSource.open(spark, InputOptions.builder().uri(p.toString()).header(true).idCol("id").build());
    assertTrue(input.rowIdsKnown());
    assertEquals(2, input.cols());
    List<Long> ids = input.rows().map(MatrixRow::id).collect();
    assertEquals(List.of(100L, -5L, 7L), ids);
  }

  @Test
  void rowNumbersFollowSortedPathsThenLines() throws IOException {
    Path dir = tmp.resolve("many");
    Files.createDirectories(dir.resolve("sub"));
    // written out of order: b before a, a nested directory last in path order
    Files.writeString(dir.resolve("b.csv"), "3\n4\n5\n");
    Files.writeString(dir.resolve("a.csv"), "0\n1\n2\n");
    Files.writeString(dir.resolve("sub/c.csv"), "6\n7\n");
    SparkSession spark = LocalSpark.session();
    MatrixInput input = MatrixSource.open(spark, InputOptions.of(dir.toString()).withMinPartitions(6));
    SketchPass.aggregate(input, () -> new dev.randnla.sketch.ColumnStatsSketch(1), 64, "count");
    List<long[]> pairs = input.rows().map(r -> new long[] {r.id(), (long) r.values()[0]}).collect();
    assertEquals(8, pairs.size());
    for (long[] pair : pairs) {
      assertEquals(pair[1], pair[0], "row id equals the row's position in path-then-line order");
    }
  }
}
