package dev.randnla.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.io.InputOptions;
import dev.randnla.io.MatrixRow;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import dev.randnla.sketch.LeverageScores;
import dev.randnla.sketch.RowSampler;
import dev.randnla.sketch.TsqrSketch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RowSampling#sample}, the leverage-score sampling pass other jobs (regress) reuse: the kept
 * rows are exactly those whose (seed, id) draw falls below qᵢ = min(1, m·τᵢ/d), rescaled by qᵢ^{−1/2}
 * (labels too), in input order, the same under any partitioning.
 */
class RowSamplingTest {
  @TempDir Path tmp;

  @Test
  void keptRowsAreTheBernoulliDecisionsRescaled() throws Exception {
    int n = 2000;
    int d = 4;
    RandomStream rs = RandomStream.of(3, Purpose.DRIVER_GAUSSIAN, 0);
    double[][] rows = new double[n][d];
    double[] labels = new double[n];
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < n; i++) {
      double scale = Math.exp(2 * rs.nextGaussian());
      labels[i] = rs.nextGaussian();
      csv.append(labels[i]);
      for (int j = 0; j < d; j++) {
        rows[i][j] = scale * rs.nextGaussian();
        csv.append(',').append(rows[i][j]);
      }
      csv.append('\n');
    }
    Path f = tmp.resolve("a.csv");
    Files.writeString(f, csv);
    TsqrSketch local = new TsqrSketch(d);
    for (int i = 0; i < n; i++) {
      local.update(i, rows[i]);
    }
    LeverageScores scores = LeverageScores.fromFactor(local.result(), 1e-12);
    RowSampler sampler = new RowSampler(150, scores.expectedTotal(), 2, 42);
    List<Long> expectedIds = new ArrayList<>();
    double expectedSize = 0;
    for (int i = 0; i < n; i++) {
      double q = sampler.probability(scores.score(rows[i]));
      expectedSize += q;
      if (sampler.keep(i, q)) {
        expectedIds.add((long) i);
      }
    }
    for (int partitions : new int[] {1, 5}) {
      MatrixInput input = MatrixSource.open(LocalSpark.session(),
          InputOptions.of(f.toString()).withLabelCol("0").withMinPartitions(partitions));
      assertThrows(IllegalStateException.class, () -> RowSampling.sample(input, scores, sampler, "test"),
          "row ids of a text input are unknown before a full pass");
      SketchPass.aggregate(input, () -> new TsqrSketch(d), 8L * d * d, "test: first pass");
      RowSampling.Coreset c = RowSampling.sample(input, scores, sampler, "test: sample");
      assertEquals(2.0, input.passes());
      List<Long> ids = new ArrayList<>();
      for (RowSampling.SampledRow s : c.rows()) {
        ids.add(s.id());
        int i = (int) s.id();
        double q = sampler.probability(scores.score(rows[i]));
        assertEquals(q, s.probability(), 1e-12 * q);
        assertEquals(Math.pow(q, -0.5), s.scale(), 1e-12 * s.scale());
        assertEquals(1 / q, s.weight(), 1e-12 / q);
        MatrixRow r = s.row();
        double[] expected = new double[d];
        for (int j = 0; j < d; j++) {
          expected[j] = s.scale() * rows[i][j];
        }
        assertArrayEquals(expected, r.values(), 1e-12 * s.scale() * 10);
        assertEquals(s.scale() * labels[i], r.label(), 1e-12 * s.scale() * 10);
      }
      assertEquals(expectedIds, ids, partitions + " partition(s)");
      assertEquals(expectedSize, c.expectedSize(), 1e-9 * expectedSize);
      assertEquals(d, c.scores().sum(), 1e-10);
      assertTrue(Math.abs(c.size() - expectedSize) <= 5 * Math.sqrt(expectedSize));
    }
  }
}
