package dev.randnla.sketch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The buffered sparse Gram update against the one-row-at-a-time sum it reorders. */
class GramSketchTest {
  /** Rows that all take the tiled path (d = 1200, 100 nonzeros) over more than one buffer flush. */
  @Test
  void tiledRowsGiveBitwiseTheRowByRowSums() {
    int d = 1200;
    assertTrue(6000 * 100 > SparseTiles.NONZEROS, "the rows must overflow the buffer at least once");
    run(d, 6000, 100, 100, 11, 0.0);
  }

  /** Rows of every density, some tiled and some direct: within rounding of the row-by-row sums. */
  @Test
  void mixedRowsAreWithinRoundingOfTheRowByRowSums() {
    run(1200, 3000, 1, 150, 12, 3000 * 0x1.0p-53);
    run(300, 3000, 1, 37, 13, 0.0); // d ≤ 2 tiles: all direct, bitwise
  }

  private static void run(int d, int n, int kMin, int kMax, long seed, double tolerance) {
    Random rnd = new Random(seed);
    double[] expected = new double[d * d];
    double[] magnitude = new double[d * d];
    GramSketch sketch = new GramSketch(d);
    for (int r = 0; r < n; r++) {
      int k = kMin + rnd.nextInt(kMax - kMin + 1);
      TreeSet<Integer> cols = new TreeSet<>();
      while (cols.size() < k) {
        cols.add(rnd.nextInt(d));
      }
      int[] idx = cols.stream().mapToInt(Integer::intValue).toArray();
      double[] val = new double[k];
      for (int a = 0; a < k; a++) {
        val[a] = rnd.nextGaussian() * Math.exp(3 * rnd.nextGaussian());
      }
      for (int a = 0; a < k; a++) {
        for (int b = 0; b <= a; b++) {
          expected[idx[b] + idx[a] * d] += val[b] * val[a];
          magnitude[idx[b] + idx[a] * d] += Math.abs(val[b] * val[a]);
        }
      }
      sketch.update(r, idx, val);
    }
    GramSketch.Gram g = sketch.result();
    assertEquals(n, g.rows());
    for (int j = 0; j < d; j++) {
      for (int i = 0; i <= j; i++) {
        // a sum of m terms in another order differs by at most about m·u·Σ|terms| (m ≤ n)
        double bound = tolerance * magnitude[i + j * d];
        assertEquals(expected[i + j * d], g.gram().get(i, j), bound, "entry " + i + "," + j);
        assertEquals(g.gram().get(i, j), g.gram().get(j, i), "entry " + j + "," + i);
      }
    }
  }

  @Test
  void bufferedRowsSurviveMergeAndSerialisation() throws Exception {
    int d = 50;
    GramSketch a = new GramSketch(d);
    GramSketch b = new GramSketch(d);
    GramSketch whole = new GramSketch(d);
    for (int r = 0; r < 40; r++) {
      int[] idx = {r % 10, 10 + r % 40};
      double[] val = {1.0 + r, 0.5 - r};
      (r < 20 ? a : b).update(r, idx, val);
      whole.update(r, idx, val);
    }
    GramSketch copy = JavaSerialization.copy(b);
    assertArrayEquals(whole.result().gram().data(), a.merge(copy).result().gram().data(), 0.0);
  }

  /**
   * Production moves sketches with Kryo, which serializes fields: a compacted (packed) sketch and a
   * merged (unpacked) one both survive the trip, and merging them gives the Gram of all their rows.
   */
  @Test
  void packedAndUnpackedSketchesTravelThroughKryo() {
    int d = 600;
    Random rnd = new Random(3);
    GramSketch[] parts = {new GramSketch(d), new GramSketch(d), new GramSketch(d)};
    GramSketch whole = new GramSketch(d);
    for (int r = 0; r < 900; r++) {
      double[] row = new double[d];
      for (int j = 0; j < d; j += 1 + rnd.nextInt(40)) {
        row[j] = rnd.nextGaussian();
      }
      int[] idx = java.util.stream.IntStream.range(0, d).filter(j -> row[j] != 0).toArray();
      double[] val = java.util.Arrays.stream(idx).mapToDouble(j -> row[j]).toArray();
      parts[r % 3].update(r, idx, val);
      whole.update(r, idx, val);
    }
    org.apache.spark.serializer.SerializerInstance kryo =
        new org.apache.spark.serializer.KryoSerializer(new org.apache.spark.SparkConf()).newInstance();
    scala.reflect.ClassTag<GramSketch> tag = scala.reflect.ClassTag$.MODULE$.apply(GramSketch.class);
    GramSketch a = kryo.deserialize(kryo.serialize(parts[0].compact(), tag), tag); // packed
    GramSketch b = kryo.deserialize(kryo.serialize(parts[1].compact(), tag), tag);
    GramSketch ab = kryo.deserialize(kryo.serialize(a.merge(b), tag), tag); // unpacked by the merge
    GramSketch c = kryo.deserialize(kryo.serialize(parts[2].compact(), tag), tag);
    GramSketch all = ab.merge(c);
    assertEquals(900, all.rows());
    double[] want = whole.result().gram().data();
    double[] got = all.result().gram().data();
    for (int i = 0; i < want.length; i++) {
      // three partial sums in another order: within rounding of the one-stream sums
      assertEquals(want[i], got[i], 1e-12 * (1 + Math.abs(want[i])), "entry " + i);
    }
  }
}
