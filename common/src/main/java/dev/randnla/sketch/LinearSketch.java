package dev.randnla.sketch;

import dev.randnla.linalg.Matrix;

/**
 * Any of the linear sketches of {@link SketchKind} behind one type, so code that picks the sketch at
 * run time can still fold rows, merge partial sketches and read S·A through the {@link RowSketch}
 * contract. A thin delegate: state, cost and guarantee are those of the wrapped sketch.
 */
public final class LinearSketch extends ForwardingRowSketch<LinearSketch, Matrix, RowSketch<?, Matrix>> {
  private static final long serialVersionUID = 1L;

  private final SketchKind kind;

  LinearSketch(SketchKind kind, RowSketch<?, Matrix> inner) {
    super(inner);
    this.kind = kind;
  }

  public SketchKind kind() {
    return kind;
  }

  @Override
  public LinearSketch merge(LinearSketch other) {
    RowSketch.requireOther(this, other);
    if (other.kind != kind) {
      throw new IllegalArgumentException("cannot merge a " + kind.cliName() + " sketch with a " + other.kind.cliName() + " sketch");
    }
    mergeInto(inner, other.inner);
    return this;
  }

  @SuppressWarnings("unchecked")
  private static <S extends RowSketch<S, Matrix>> void mergeInto(RowSketch<?, Matrix> into, RowSketch<?, Matrix> from) {
    ((S) into).merge((S) from);
  }

  /** S·A (m×d). */
  @Override
  public Matrix result() {
    return inner.result();
  }
}
