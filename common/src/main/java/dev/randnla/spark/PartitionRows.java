package dev.randnla.spark;

import dev.randnla.io.MatrixRow;
import dev.randnla.io.ReadStats;
import java.util.Iterator;

/** The rows of one input partition, with what reading them met. */
public interface PartitionRows extends Iterator<MatrixRow> {
  /** Counts so far (complete once {@link #hasNext()} has returned false). */
  ReadStats stats();
}
