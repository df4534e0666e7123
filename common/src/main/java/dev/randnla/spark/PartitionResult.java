package dev.randnla.spark;

import dev.randnla.io.ReadStats;
import java.io.Serializable;

/**
 * The value one partition (or a merged group of partitions) produced, with the read statistics.
 * A plain class, not a record, because task results may go through Kryo, whose field access does
 * not work on records under Java 17.
 */
public final class PartitionResult<T> implements Serializable {
  private static final long serialVersionUID = 1L;
  private final int index;
  private final T value;
  private final ReadStats stats;

  /**
   * @param index the partition (or the smallest partition of a merged group)
   * @param value the value
   * @param stats rows, blank lines and bad rows met
   */
  public PartitionResult(int index, T value, ReadStats stats) {
    this.index = index;
    this.value = value;
    this.stats = stats;
  }

  public int index() {
    return index;
  }

  public T value() {
    return value;
  }

  public ReadStats stats() {
    return stats;
  }
}
