package dev.randnla.spark;

import java.io.Serializable;

/** The file a row came from, as its index in {@link MatrixInput#files()}; usable in tasks. */
@FunctionalInterface
public interface FileIndexer extends Serializable {
  int fileIndex(long rowKey);
}
