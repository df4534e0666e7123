package dev.randnla.spark;

import java.io.Serializable;
import java.util.Iterator;

/** Turns the base elements of one input partition (a text split, Parquet records) into rows. */
interface RowSourceFactory extends Serializable {
  /**
   * @param partition the partition index
   * @param base the partition's base elements
   * @param firstId the global number of the partition's first row, or {@code MatrixRow.NO_ID}
   */
  PartitionRows open(int partition, Iterator<Object> base, long firstId);

  /** The index (in sorted path order) of the file a row with this key came from. */
  default int fileIndex(long rowKey) {
    return dev.randnla.io.MatrixRow.fileIndexOfKey(rowKey);
  }
}
