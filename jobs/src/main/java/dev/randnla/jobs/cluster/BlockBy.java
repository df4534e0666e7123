package dev.randnla.jobs.cluster;

import java.util.Locale;

/** What makes a block: the value of the key column, or the input file a row came from. */
public enum BlockBy {
  /** Rows with the same {@code --key-col} value. */
  KEY,
  /** The rows of one input file. */
  FILE;

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static BlockBy parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("--block-by must be key or file: " + s, e);
    }
  }
}
