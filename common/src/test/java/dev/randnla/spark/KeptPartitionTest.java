package dev.randnla.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.randnla.io.MatrixRow;
import dev.randnla.io.ReadStats;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

/**
 * Kept rows replay what was read — dense and sparse rows, keys, labels, block keys, ids (assigned on
 * replay when the first read did not know them) and the read statistics — also after a round trip
 * through Kryo, the serializer production uses when the store spills to disk.
 */
class KeptPartitionTest {
  @Test
  void replayGivesTheRowsReadAlsoThroughKryo() {
    List<MatrixRow> rows = new ArrayList<>();
    for (int i = 0; i < 3000; i++) { // more than the initial capacities: the arrays grow
      long key = MatrixRow.key(2, i);
      if (i % 3 == 0) {
        rows.add(MatrixRow.dense(key, MatrixRow.NO_ID, i * 0.5, i % 7 == 0 ? "b" + i : null, new double[] {i, -i, 0.25}));
      } else {
        rows.add(MatrixRow.sparse(key, MatrixRow.NO_ID, -i, null, new int[] {0, 2}, new double[] {1.0 / (i + 1), i}));
      }
    }
    ReadStats stats = new ReadStats();
    stats.addRows(4, rows.size());
    KeptPartition kept = KeptPartition.read(4, source(rows, stats));

    SerializerInstance kryo = new KryoSerializer(new SparkConf()).newInstance();
    ByteBuffer bytes = kryo.serialize(kept, ClassTag$.MODULE$.apply(KeptPartition.class));
    KeptPartition copy = kryo.deserialize(bytes, ClassTag$.MODULE$.apply(KeptPartition.class));

    for (KeptPartition k : new KeptPartition[] {kept, copy}) {
      assertEquals(4, k.partition());
      PartitionRows replay = k.replay(1000);
      for (int i = 0; i < rows.size(); i++) {
        MatrixRow want = rows.get(i);
        MatrixRow got = replay.next();
        assertEquals(want.key(), got.key());
        assertEquals(1000 + i, got.id());
        assertEquals(want.label(), got.label());
        assertEquals(want.block(), got.block());
        assertEquals(want.isSparse(), got.isSparse());
        assertArrayEquals(want.values(), got.values());
        if (want.isSparse()) {
          assertArrayEquals(want.indices(), got.indices());
        }
      }
      assertFalse(replay.hasNext());
      assertEquals(rows.size(), replay.stats().rows());
      assertEquals(MatrixRow.NO_ID, k.replay(MatrixRow.NO_ID).next().id()); // ids still unknown: none invented
    }
  }

  private static PartitionRows source(List<MatrixRow> rows, ReadStats stats) {
    Iterator<MatrixRow> it = rows.iterator();
    return new PartitionRows() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public MatrixRow next() {
        return it.next();
      }

      @Override
      public ReadStats stats() {
        return stats;
      }
    };
  }
}
