package dev.randnla.spark;

import dev.randnla.io.MatrixRow;
import java.io.Serializable;
import java.util.Iterator;

/** Work done on the rows of one input partition, producing one value. */
@FunctionalInterface
public interface PartitionFunction<T> extends Serializable {
  T apply(int partition, Iterator<MatrixRow> rows) throws Exception;
}
