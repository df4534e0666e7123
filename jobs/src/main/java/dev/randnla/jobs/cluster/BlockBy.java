package dev.randnla.jobs.cluster;

import dev.randnla.io.CliEnums;

/** What makes a block: the value of the key column, or the input file a row came from. */
public enum BlockBy implements CliEnums.Named {
  /** Rows with the same {@code --key-col} value. */
  KEY,
  /** The rows of one input file. */
  FILE
}
