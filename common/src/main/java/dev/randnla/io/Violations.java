package dev.randnla.io;

import java.util.ArrayList;
import java.util.List;

/**
 * The violations a configuration's checks find, reported together: one
 * {@link IllegalArgumentException} whose message joins them with {@code "; "}, so a user fixes every
 * option in one round.
 *
 * <pre>{@code
 * Violations v = new Violations();
 * v.require(k >= 1, "--k must be positive: " + k);
 * v.throwIfAny();
 * }</pre>
 */
public final class Violations {
  private final List<String> messages = new ArrayList<>();

  /** Records {@code message} unless {@code ok}. */
  public void require(boolean ok, String message) {
    if (!ok) {
      messages.add(message);
    }
  }

  /** Records a violation found by a check that did not fit {@link #require}. */
  public void add(String message) {
    messages.add(message);
  }

  /**
   * Throws when anything was recorded.
   *
   * @throws IllegalArgumentException with every message, in the order recorded
   */
  public void throwIfAny() {
    if (!messages.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", messages));
    }
  }
}
