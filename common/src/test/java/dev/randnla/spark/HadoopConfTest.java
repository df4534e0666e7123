package dev.randnla.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

/** The configuration handle tasks receive: a snapshot, the same after Java or Kryo transport, read once per JVM. */
class HadoopConfTest {
  private static final SerializerInstance KRYO = new KryoSerializer(new SparkConf()).newInstance();

  private static Configuration conf(String key, String value) {
    Configuration c = new Configuration(false);
    c.set("randnla.test.fixed", "1");
    c.set(key, value);
    return c;
  }

  private static HadoopConf javaCopy(HadoopConf h) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(h);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (HadoopConf) in.readObject();
    }
  }

  private static HadoopConf kryoCopy(HadoopConf h) {
    var tag = ClassTag$.MODULE$.<HadoopConf>apply(HadoopConf.class);
    return KRYO.deserialize(KRYO.serialize(h, tag), tag);
  }

  @Test
  void aCopyHasEveryPropertyAsTheHandleWasBuilt() throws Exception {
    Configuration original = conf("randnla.test.key", "before");
    HadoopConf h = new HadoopConf(original);
    original.set("randnla.test.key", "after");
    original.set("randnla.test.added", "x");
    assertEquals("before", h.get().get("randnla.test.key"));
    assertNull(h.get().get("randnla.test.added"));
    for (HadoopConf copy : List.of(javaCopy(h), kryoCopy(h))) {
      assertEquals("before", copy.get().get("randnla.test.key"));
      assertEquals("1", copy.get().get("randnla.test.fixed"));
      assertNull(copy.get().get("randnla.test.added"));
      assertEquals(h.get().size(), copy.get().size());
    }
  }

  @Test
  void copiesOfOneHandleShareOneConfigurationAndOtherHandlesDoNot() throws Exception {
    HadoopConf a = new HadoopConf(conf("randnla.test.share", "a"));
    HadoopConf b = new HadoopConf(conf("randnla.test.share", "b"));
    Configuration a1 = javaCopy(a).get();
    Configuration a2 = kryoCopy(a).get();
    Configuration b1 = javaCopy(b).get();
    assertSame(a1, a2);
    assertNotSame(a1, b1);
    assertEquals("a", a1.get("randnla.test.share"));
    assertEquals("b", b1.get("randnla.test.share"));
    // a handle built from an equal configuration writes the same bytes, so it finds the same copy
    assertSame(a1, javaCopy(new HadoopConf(conf("randnla.test.share", "a"))).get());
  }

  @Test
  void moreDistinctConfigurationsThanTheCacheHoldsAreEachReadCorrectly() throws Exception {
    int n = HadoopConf.CACHED + 3;
    HadoopConf[] handles = new HadoopConf[n];
    for (int i = 0; i < n; i++) {
      handles[i] = new HadoopConf(conf("randnla.test.many", Integer.toString(i)));
    }
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < n; i++) {
        assertEquals(Integer.toString(i), javaCopy(handles[i]).get().get("randnla.test.many"));
      }
    }
  }

  @Test
  void tasksReadTheSnapshot() {
    JavaSparkContext jsc = new JavaSparkContext(LocalSpark.session().sparkContext());
    HadoopConf h = new HadoopConf(conf("randnla.test.task", "seen"));
    List<String> seen = jsc.parallelize(List.of(1, 2, 3, 4), 4).map(i -> h.get().get("randnla.test.task") + i).collect();
    assertEquals(List.of("seen1", "seen2", "seen3", "seen4"), seen);
  }
}
