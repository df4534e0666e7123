package dev.randnla.io;

/** What a reader does with a malformed row (docs/design.md §5). */
public enum BadRowPolicy implements CliEnums.Named {
  /** Stop the job with exit code 3 and name the file, line and reason. */
  FAIL,
  /**
   * Drop the row, count it, and report the count and the first examples in summary.json. A file
   * whose columns differ from the first file's is still an error: dropping every row of a file
   * is a decision the user makes with {@link #SKIP_FILES}.
   */
  SKIP,
  /** {@link #SKIP}, and also drop whole files whose column count differs from the first file's (listed in summary.json). */
  SKIP_FILES;

  /** True when bad rows are dropped rather than fatal. */
  public boolean skips() {
    return this != FAIL;
  }
}
