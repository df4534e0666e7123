package dev.randnla.io;

/**
 * A usage or configuration error (exit code 2): an option out of range, an output that exists
 * without {@code --overwrite}, a column that the input does not have.
 */
public class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }

  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
