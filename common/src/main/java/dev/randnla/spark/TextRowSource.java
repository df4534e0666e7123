package dev.randnla.spark;

import dev.randnla.io.BadRowPolicy;
import dev.randnla.io.MatrixRow;
import dev.randnla.io.ReadStats;
import dev.randnla.io.TextLayout;
import dev.randnla.io.TextPartitionReader;
import dev.randnla.io.TextSplit;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** Rows of a text partition: the partition's single {@link TextSplit}, read by {@link TextPartitionReader}. */
record TextRowSource(TextLayout layout, BadRowPolicy policy, HadoopConf conf) implements RowSourceFactory {
  @Override
  public PartitionRows open(int partition, Iterator<Object> base, long firstId) {
    if (!base.hasNext()) {
      return new Empty(partition);
    }
    TextSplit split = (TextSplit) base.next();
    TextPartitionReader reader = new TextPartitionReader(split, layout, policy, conf.get(), partition, firstId);
    return new PartitionRows() {
      @Override
      public ReadStats stats() {
        return reader.stats();
      }

      @Override
      public boolean hasNext() {
        return reader.hasNext();
      }

      @Override
      public MatrixRow next() {
        return reader.next();
      }
    };
  }

  /** A partition with no split (never produced by the planner, but harmless). */
  private static final class Empty implements PartitionRows {
    private final ReadStats stats = new ReadStats();

    Empty(int partition) {
      stats.addRows(partition, 0);
    }

    @Override
    public ReadStats stats() {
      return stats;
    }

    @Override
    public boolean hasNext() {
      return false;
    }

    @Override
    public MatrixRow next() {
      throw new NoSuchElementException();
    }
  }
}
