package dev.randnla.io;

/** What a reader does with a malformed row (docs/design.md §5). */
public enum BadRowPolicy implements CliEnums.Named {
  /** Stop the job with exit code 3 and name the file, line and reason. */
  FAIL,
  /** Drop the row, count it, and report the count and the first examples in summary.json. */
  SKIP
}
