package dev.randnla.jobs;

import dev.randnla.io.InvalidInputException;
import dev.randnla.io.MethodFailedException;
import dev.randnla.io.ResourceLimitException;
import dev.randnla.io.UsageException;
import java.util.function.Supplier;

/**
 * Runs a job for a program rather than the command line: an error a task threw reaches the driver
 * wrapped in Spark's (checked) {@code SparkException}; here it is rethrown as the exception the CLI
 * maps to its exit code ({@link ExitCodes#classify}), with the same message — so a caller catches
 * {@link InvalidInputException} for bad rows, as {@code Main} reports exit code 3.
 */
public final class LibraryCalls {
  private LibraryCalls() {}

  public static <T> T call(Supplier<T> job) {
    try {
      return job.get();
    } catch (Exception e) {
      for (Throwable c = e; c != null && c.getCause() != c; c = c.getCause()) {
        if (c instanceof InvalidInputException || c instanceof ResourceLimitException || c instanceof UsageException
            || c instanceof MethodFailedException) {
          throw (RuntimeException) c;
        }
      }
      ExitCodes.Outcome outcome = ExitCodes.classify(e);
      switch (outcome.code()) {
        case ExitCodes.INVALID_INPUT -> throw new InvalidInputException(outcome.message(), e);
        case ExitCodes.RESOURCE_LIMIT -> throw new ResourceLimitException(outcome.message());
        case ExitCodes.USAGE -> throw new UsageException(outcome.message(), e);
        default -> throw e instanceof RuntimeException r ? r : new IllegalStateException(outcome.message(), e);
      }
    }
  }
}
