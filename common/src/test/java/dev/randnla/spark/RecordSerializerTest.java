package dev.randnla.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.randnla.io.InputFile;
import dev.randnla.io.ReadStats;
import dev.randnla.io.TextSplit;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

/**
 * The records that travel between tasks (input files, splits, bad rows, partition results) come back
 * whole through Spark's Kryo — whose own field serializer cannot build a record — and through Java
 * serialization, with shared references kept shared.
 */
class RecordSerializerTest {
  private static final SerializerInstance KRYO = new KryoSerializer(new SparkConf()).newInstance();

  @SuppressWarnings("unchecked")
  private static <T> T kryo(T value) {
    return (T) KRYO.deserialize(KRYO.serialize(value, ClassTag$.MODULE$.Any()), ClassTag$.MODULE$.Any());
  }

  @SuppressWarnings("unchecked")
  private static <T> T java(T value) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  private static PartitionResult<List<TextSplit>> sample() {
    InputFile file = new InputFile("file:/data/a.csv.gz", 3, 12345L, 1L << 27, true);
    ReadStats stats = new ReadStats();
    stats.addRows(7, 41);
    stats.addBadRow(new ReadStats.BadRow(file.path(), 99L, 4L, 0L, 4L, "3 columns, expected 2"));
    // a plain list, as task values are: Kryo cannot rebuild List.of
    List<TextSplit> splits = new ArrayList<>(List.of(new TextSplit(file, 0, Long.MAX_VALUE), new TextSplit(file, 5, 9)));
    return new PartitionResult<>(7, splits, stats);
  }

  private static void assertSameResult(PartitionResult<List<TextSplit>> want, PartitionResult<List<TextSplit>> got) {
    assertNotSame(want, got);
    assertEquals(want.index(), got.index());
    assertEquals(want.value(), got.value()); // records: every component compared
    assertEquals("file:/data/a.csv.gz", got.value().get(0).file().toString());
    assertSame(got.value().get(0).file(), got.value().get(1).file(), "one file, referenced twice, stays one");
    assertEquals(want.stats().rows(), got.stats().rows());
    assertEquals(want.stats().examples(), got.stats().examples());
  }

  @Test
  void recordsComeBackWholeThroughKryo() {
    PartitionResult<List<TextSplit>> want = sample();
    assertSameResult(want, kryo(want));
    PartitionResult<Object> empty = new PartitionResult<>(0, null, null);
    PartitionResult<Object> back = kryo(empty);
    assertNull(back.value());
    assertNull(back.stats());
  }

  @Test
  void recordsComeBackWholeThroughJavaSerialization() throws Exception {
    PartitionResult<List<TextSplit>> want = sample();
    assertSameResult(want, java(want));
  }
}
