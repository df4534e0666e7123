package dev.randnla.io;

/**
 * The input data is invalid (exit code 3): a malformed row, a missing or empty input, columns
 * that disagree between files. The message names the file, the line (or row) and the reason.
 */
public class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
