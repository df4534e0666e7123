package dev.randnla.jobs;

import dev.randnla.io.InvalidInputException;
import dev.randnla.io.MethodFailedException;
import dev.randnla.io.ResourceLimitException;
import dev.randnla.io.UsageException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exit-code contract (docs/design.md §8) and the mapping from exceptions to codes and messages.
 * Only {@link Main} uses it: library code throws, and never exits.
 */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int JOB_FAILED = 1;
  public static final int USAGE = 2;
  public static final int INVALID_INPUT = 3;
  public static final int RESOURCE_LIMIT = 4;

  private static final Pattern TASK_CAUSE = Pattern.compile(
      "(dev\\.randnla\\.io\\.(InvalidInputException|ResourceLimitException|UsageException)): ([^\\n]*)");

  private ExitCodes() {}

  /** A code and the one message a user should read. */
  public record Outcome(int code, String message) {}

  /**
   * Classifies a failure. Exceptions thrown in Spark tasks arrive wrapped (a SparkException whose
   * cause is the original, or only its text when the cause could not travel); both are recognised.
   */
  public static Outcome classify(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof InvalidInputException) {
        return new Outcome(INVALID_INPUT, c.getMessage());
      }
      if (c instanceof ResourceLimitException) {
        return new Outcome(RESOURCE_LIMIT, c.getMessage());
      }
      if (c instanceof UsageException) {
        return new Outcome(USAGE, c.getMessage());
      }
      if (c instanceof MethodFailedException) {
        return new Outcome(JOB_FAILED, c.getMessage());
      }
      if (c.getCause() == c) {
        break;
      }
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      String m = String.valueOf(c.getMessage());
      Matcher matcher = TASK_CAUSE.matcher(m);
      if (matcher.find()) {
        String kind = matcher.group(2);
        int code = switch (kind) {
          case "InvalidInputException" -> INVALID_INPUT;
          case "ResourceLimitException" -> RESOURCE_LIMIT;
          default -> USAGE;
        };
        return new Outcome(code, matcher.group(3).trim());
      }
      if (c.getCause() == c) {
        break;
      }
    }
    String m = t.getMessage();
    return new Outcome(JOB_FAILED, t.getClass().getSimpleName() + (m == null ? "" : ": " + firstLine(m)));
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
