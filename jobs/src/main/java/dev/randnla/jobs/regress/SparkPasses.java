package dev.randnla.jobs.regress;

import dev.randnla.spark.MatrixInput;
import dev.randnla.spark.SketchPass;
import java.io.Serializable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * {@link Passes} over a {@link MatrixInput}: one Spark job per pass through {@link SketchPass#fold}, one
 * accumulator per partition, merged in partition order (bitwise reproducible for a given partitioning); shared
 * values are broadcasts. The first full pass records the input's row counts (row ids of later
 * passes) and its read statistics.
 */
final class SparkPasses implements Passes {
  private final MatrixInput input;

  SparkPasses(MatrixInput input) {
    this.input = input;
  }

  @Override
  public <T extends RowAccumulator<T>> T aggregate(Factory<T> factory, long bytes, String description) {
    return SketchPass.fold(input, (p, rows) -> {
      T acc = factory.get();
      rows.forEachRemaining(acc::add);
      return acc.compact();
    }, (a, b) -> a.merge(b), bytes, description).value();
  }

  @Override
  public <V extends Serializable> Shared<V> share(V value) {
    Broadcast<V> b = new JavaSparkContext(input.spark().sparkContext()).broadcast(value);
    return new BroadcastShared<>(b);
  }

  @Override
  public double passes() {
    return input.passes();
  }

  private static final class BroadcastShared<V> implements Shared<V> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<V> broadcast;

    BroadcastShared(Broadcast<V> broadcast) {
      this.broadcast = broadcast;
    }

    @Override
    public V value() {
      return broadcast.value();
    }

    @Override
    public void release() {
      broadcast.destroy();
    }
  }
}
