package dev.randnla.io;

/** What a reader does with a malformed row (docs/design.md §5). */
public enum BadRowPolicy {
  /** Stop the job with exit code 3 and name the file, line and reason. */
  FAIL,
  /** Drop the row, count it, and report the count and the first examples in summary.json. */
  SKIP;

  public static BadRowPolicy parse(String s) {
    return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "fail" -> FAIL;
      case "skip" -> SKIP;
      default -> throw new IllegalArgumentException("--bad-rows must be fail or skip: " + s);
    };
  }
}
