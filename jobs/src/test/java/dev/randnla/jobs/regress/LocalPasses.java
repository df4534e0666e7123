package dev.randnla.jobs.regress;

import dev.randnla.io.MatrixRow;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * {@link Passes} over rows held in memory, split into partitions: every partition gets its own
 * accumulator, made by a factory that went through Java serialization (as a task closure does) and
 * sent back through Kryo (as a task result and a broadcast do with the project's
 * spark-defaults.conf), so these tests exercise the same contract as Spark without a cluster.
 */
final class LocalPasses implements Passes {
  private final List<List<MatrixRow>> partitions;
  private int passes;

  LocalPasses(List<MatrixRow> rows, int partitionCount) {
    this.partitions = new ArrayList<>();
    int n = rows.size();
    for (int p = 0; p < partitionCount; p++) {
      partitions.add(new ArrayList<>(rows.subList((int) ((long) p * n / partitionCount),
          (int) ((long) (p + 1) * n / partitionCount))));
    }
  }

  @Override
  public <T extends RowAccumulator<T>> T aggregate(Factory<T> factory, long bytes, String description) {
    T total = null;
    for (List<MatrixRow> part : partitions) {
      T acc = roundTrip(factory).get();
      for (MatrixRow r : part) {
        acc.add(r);
      }
      T back = kryoRoundTrip(acc.compact());
      total = total == null ? back : total.merge(back);
    }
    passes++;
    return total;
  }

  @Override
  public <V extends Serializable> Shared<V> share(V value) {
    return new Held<>(kryoRoundTrip(value));
  }

  /** A shared value held directly (it is serialized with every factory that captures it). */
  private static final class Held<V> implements Shared<V> {
    private static final long serialVersionUID = 1L;
    private final V value;

    Held(V value) {
      this.value = value;
    }

    @Override
    public V value() {
      return value;
    }

    @Override
    public void release() {}
  }

  @Override
  public double passes() {
    return passes;
  }

  private static final SerializerInstance KRYO = new KryoSerializer(new SparkConf()).newInstance();

  static <T> T kryoRoundTrip(T value) {
    ClassTag<T> tag = ClassTag$.MODULE$.apply(Object.class);
    return KRYO.deserialize(KRYO.serialize(value, tag), tag);
  }

  @SuppressWarnings("unchecked")
  static <T> T roundTrip(T value) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(value);
      }
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        return (T) in.readObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
