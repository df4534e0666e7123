package dev.randnla.spark;

import dev.randnla.io.LookAheadIterator;
import java.io.IOException;

/**
 * A partition's Parquet records one at a time (the same {@link ParquetRecords.Record}, refilled),
 * closed when done: parquet-mr's column readers ({@link ParquetRecords}) or Spark's vectorized
 * reader ({@link ParquetBatches}), which give the same records.
 */
abstract class ParquetRecordStream extends LookAheadIterator<ParquetRecords.Record> implements AutoCloseable {
  @Override
  public abstract void close() throws IOException;
}
