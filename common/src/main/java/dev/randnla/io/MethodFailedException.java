package dev.randnla.io;

/**
 * A method that checks its own preconditions found them violated and declares failure rather
 * than return an answer it cannot vouch for (exit code 1, the message explains why and what to
 * use instead; no stack trace, no output). Example: Oja's rule with a fixed learning rate meeting
 * rows with η‖a‖² &gt; 1.
 */
public class MethodFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MethodFailedException(String message) {
    super(message);
  }
}
