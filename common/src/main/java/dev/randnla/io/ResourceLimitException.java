package dev.randnla.io;

/**
 * The problem exceeds a resource limit (exit code 4). Thrown before any work starts; the message
 * names the limit, the estimate, and a method or setting that would fit.
 */
public class ResourceLimitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ResourceLimitException(String message) {
    super(message);
  }
}
