package dev.randnla.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.randnla.io.InputOptions;
import dev.randnla.io.MatrixRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: {@link MatrixInput#rows()} built its per-partition iterator as an anonymous class inside
 * the task lambda, which captured the (not serialisable) MatrixInput, so every use failed with
 * "Task not serializable".
 */
class MatrixInputRowsTest {
  @TempDir Path tmp;

  @Test
  void rowsCanBeCollectedAndCarryIdsAfterAFullPass() throws Exception {
    Path f = tmp.resolve("a.csv");
    Files.writeString(f, "1,2\n3,4\n5,6\n");
    MatrixInput input = MatrixSource.open(LocalSpark.session(), InputOptions.of(f.toString()).withMinPartitions(2));
    List<MatrixRow> first = input.rows().collect();
    assertEquals(3, first.size());
    assertEquals(1.0, input.passes());
    SketchPass.aggregate(input, () -> new dev.randnla.sketch.ColumnStatsSketch(2), 64, "test: count rows");
    List<MatrixRow> second = input.rows().collect();
    for (int i = 0; i < 3; i++) {
      assertEquals(i, second.get(i).id());
      assertArrayEquals(new double[] {2 * i + 1, 2 * i + 2}, second.get(i).values(), 0.0);
    }
    assertEquals(3.0, input.passes());
  }
}
