package dev.randnla.io;

/**
 * A row could not be parsed or failed validation. Carries only the reason: the reader that
 * catches it adds the file and line. Cheap to throw (no stack trace), because skip mode may
 * meet many.
 */
public final class BadRowException extends Exception {
  private static final long serialVersionUID = 1L;

  public BadRowException(String reason) {
    super(reason, null, false, false);
  }
}
