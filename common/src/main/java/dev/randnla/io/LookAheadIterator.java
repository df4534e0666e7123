package dev.randnla.io;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An iterator whose elements are produced one at a time by {@link #advance()}, with the one-element
 * look-ahead {@link #hasNext()} needs kept here, so a reader only says how to make its next element
 * (a parsed line, a converted Spark row) and where it ends.
 *
 * @param <T> the elements (never null: null marks the end)
 */
public abstract class LookAheadIterator<T> implements Iterator<T> {
  private T next;
  private boolean done;

  /** The next element, or null when there is none; not called again after it returned null. */
  protected abstract T advance();

  /** Called once, right after {@link #advance()} returned null (e.g. to close a stream). */
  protected void finished() {}

  /** True once the elements have run out. */
  protected final boolean isDone() {
    return done;
  }

  @Override
  public final boolean hasNext() {
    if (next == null && !done) {
      next = advance();
      if (next == null) {
        done = true;
        finished();
      }
    }
    return next != null;
  }

  @Override
  public final T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T r = next;
    next = null;
    return r;
  }
}
