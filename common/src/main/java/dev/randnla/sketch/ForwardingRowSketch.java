package dev.randnla.sketch;

/**
 * A row sketch that is a view of one inner sketch: every row, the row count, the column count and
 * {@code compact} go to the inner sketch, so a wrapper ({@link LinearSketch}, a Gram whose result is
 * just the matrix) writes only its merge and its result. State, cost and guarantee are the inner
 * sketch's.
 *
 * @param <S> the implementing type
 * @param <R> the result type
 * @param <I> the inner sketch's type
 */
public abstract class ForwardingRowSketch<S extends ForwardingRowSketch<S, R, I>, R, I extends RowSketch<?, ?>>
    implements RowSketch<S, R> {
  private static final long serialVersionUID = 1L;

  /** The sketch every row goes to. */
  protected final I inner;

  protected ForwardingRowSketch(I inner) {
    this.inner = inner;
  }

  @Override
  public final void update(long rowKey, double[] row) {
    inner.update(rowKey, row);
  }

  @Override
  public final void update(long rowKey, int[] indices, double[] values) {
    inner.update(rowKey, indices, values);
  }

  @Override
  public final long rows() {
    return inner.rows();
  }

  @Override
  public final int cols() {
    return inner.cols();
  }

  @Override
  @SuppressWarnings("unchecked")
  public final S compact() {
    inner.compact();
    return (S) this;
  }
}
