package dev.randnla.spark;

import com.esotericsoftware.kryo.DefaultSerializer;
import dev.randnla.io.MatrixRow;
import dev.randnla.io.ReadStats;
import dev.randnla.io.RecordSerializer;
import dev.randnla.sketch.RowSketch;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * One pass that groups rows by a key and folds each group into its own {@link RowSketch}: per task
 * one sketch per key met in the partition; the partial sketches of a key are shuffled to one
 * reducer, merged there in ascending partition order (so the result is bitwise the same on every run
 * for the same partitioning, like {@link DeterministicTree}), and finished on
 * the executor into a value (a factor, a decomposition). The driver receives nothing until it asks:
 * the finished values stay in a persisted RDD it can query several times (sizes first, then the
 * values) without reading the input again.
 *
 * <p>The pass's read statistics travel in the same shuffle under a reserved key and are recorded on
 * the input (row counts per partition give later passes their row ids), as {@link SketchPass} does.
 *
 * <p>Cost: one pass and one shuffle of the partial sketches; per task the sketches of the keys in
 * its partition; per reducer the partial sketches of one key at a time.
 */
public final class KeyedSketchPass {
  private KeyedSketchPass() {}

  /** The group of a row, or null to leave the row out. */
  @FunctionalInterface
  public interface KeyFunction<K> extends Serializable {
    K keyOf(MatrixRow row);
  }

  /** Turns the merged sketch of one key into the value kept for it (runs on an executor). */
  @FunctionalInterface
  public interface Finisher<K, S, V> extends Serializable {
    V finish(K key, S sketch);
  }

  /** The finished values by key (persisted until {@link #release}) and the pass's read statistics. */
  public static final class Result<K, V> {
    private final JavaPairRDD<K, V> values;
    private final JavaPairRDD<Slot, Object> persisted;
    private final ReadStats stats;

    Result(JavaPairRDD<K, V> values, JavaPairRDD<Slot, Object> persisted, ReadStats stats) {
      this.values = values;
      this.persisted = persisted;
      this.stats = stats;
    }

    /** (key, value) pairs, computed once; every action on them reuses the persisted values. */
    public JavaPairRDD<K, V> values() {
      return values;
    }

    public ReadStats stats() {
      return stats;
    }

    /** Drops the persisted values. */
    public void release() {
      persisted.unpersist(false);
    }
  }

  /**
   * @param keyOf the key of each row (null: row skipped)
   * @param factory makes an empty sketch for a key, in the task
   * @param finish makes the kept value from a key's merged sketch, on an executor
   * @param reducers partitions of the shuffle (≥ 1)
   * @param description the Spark job description shown in the UI and progress lines
   */
  public static <K, S extends RowSketch<S, ?>, V> Result<K, V> aggregate(MatrixInput input, KeyFunction<K> keyOf,
      SketchFactory<S> factory, Finisher<K, S, V> finish, int reducers, String description) {
    if (reducers < 1) {
      throw new IllegalArgumentException("reducers must be positive: " + reducers);
    }
    input.spark().sparkContext().setJobDescription(description);
    JavaRDD<PartitionResult<ArrayList<Tuple2<K, S>>>> perPartition = input.mapPartitions((p, rows) -> {
      Map<K, S> sketches = new LinkedHashMap<>();
      while (rows.hasNext()) {
        MatrixRow r = rows.next();
        K key = keyOf.keyOf(r);
        if (key == null) {
          continue;
        }
        S sketch = sketches.computeIfAbsent(key, k -> factory.create());
        sketch.update(r);
      }
      ArrayList<Tuple2<K, S>> out = new ArrayList<>(sketches.size());
      sketches.forEach((k, s) -> out.add(new Tuple2<>(k, s.compact())));
      return out;
    });
    JavaPairRDD<Slot, Part> parts = perPartition.flatMapToPair(pr -> {
      List<Tuple2<Slot, Part>> out = new ArrayList<>(pr.value().size() + 1);
      for (Tuple2<K, S> t : pr.value()) {
        out.add(new Tuple2<>(Slot.of(t._1()), new Part(pr.index(), t._2(), null)));
      }
      out.add(new Tuple2<>(Slot.STATS, new Part(pr.index(), null, pr.stats())));
      return out.iterator();
    });
    JavaPairRDD<Slot, Object> finished = parts.groupByKey(reducers).mapToPair(g -> {
      FaultInjection.maybeFailTask();
      List<Part> list = new ArrayList<>();
      g._2().forEach(list::add);
      list.sort(Comparator.comparingInt(Part::partition));
      if (g._1().isStats()) {
        ReadStats merged = new ReadStats();
        for (Part part : list) {
          merged.merge(part.stats());
        }
        return new Tuple2<>(g._1(), (Object) merged);
      }
      @SuppressWarnings("unchecked")
      S merged = (S) mergeInOrder(list);
      @SuppressWarnings("unchecked")
      K key = (K) g._1().key();
      return new Tuple2<>(g._1(), (Object) finish.finish(key, merged));
    }).persist(StorageLevel.MEMORY_AND_DISK());
    List<Object> statsList = finished.filter(t -> t._1().isStats()).values().collect();
    if (statsList.size() != 1) {
      throw new IllegalStateException("expected one read-statistics record, got " + statsList.size());
    }
    ReadStats stats = (ReadStats) statsList.get(0);
    input.recordFullPass(stats);
    @SuppressWarnings("unchecked")
    JavaPairRDD<K, V> values = finished.filter(t -> !t._1().isStats())
        .mapToPair(t -> {
          FaultInjection.maybeFailTask();
          return new Tuple2<>((K) t._1().key(), (V) t._2());
        });
    return new Result<>(values, finished, stats);
  }

  /**
   * Folds the sketches left to right in the given (partition) order. Not a balanced tree: a sketch
   * that keeps a small group's rows as they are ({@code RowFactorSketch}) then folds each partition's
   * rows into one growing factor, and never merges two d×d factors (2d³ flops each) where rows would
   * do; the number of merges is the same either way.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object mergeInOrder(List<Part> parts) {
    RowSketch merged = (RowSketch) parts.get(0).sketch();
    for (int i = 1; i < parts.size(); i++) {
      merged = (RowSketch) merged.merge((RowSketch) parts.get(i).sketch());
    }
    return merged;
  }

  /** A shuffle key: a user key, or the reserved slot of the read statistics. */
  static final class Slot implements Serializable {
    private static final long serialVersionUID = 1L;
    static final Slot STATS = new Slot(null, true);
    private final Object key;
    private final boolean stats;

    private Slot(Object key, boolean stats) {
      this.key = key;
      this.stats = stats;
    }

    static Slot of(Object key) {
      return new Slot(key, false);
    }

    Object key() {
      return key;
    }

    boolean isStats() {
      return stats;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Slot s && s.stats == stats && java.util.Objects.equals(s.key, key);
    }

    @Override
    public int hashCode() {
      return stats ? 0x5ca1ab1e : java.util.Objects.hashCode(key);
    }
  }

  /** One partition's sketch of one key (or its read statistics); shuffled through Kryo ({@link RecordSerializer}). */
  @DefaultSerializer(RecordSerializer.class)
  record Part(int partition, Object sketch, ReadStats stats) implements Serializable {}
}
