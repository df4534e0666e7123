package dev.randnla.sketch;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.function.Supplier;

/**
 * The part of a {@link RowSketch} every implementation shares: the column count d, the row count,
 * and the rule that rows still buffered are folded into the state before the sketch is read,
 * merged or serialized ({@link #foldBuffered}; a no-op for sketches that buffer nothing).
 *
 * <p>Buffers (row blocks, scratch space, broadcast operands) are transient: a sketch that travels
 * carries only its state. So the fold must happen before serialization, whichever serializer runs:
 * Java serialization calls {@code writeObject} below; Spark's Kryo would copy the fields directly,
 * skip the transient buffers and lose the rows in them while {@link #rows()} still counted them. Every
 * subclass that buffers rows is therefore annotated {@code @DefaultSerializer(JavaSerializer.class)}
 * (Kryo does not inherit the annotation), which routes Kryo through {@code writeObject} too. Callers
 * still call {@link #compact()} at the end of a task; the serializers' fold is the safety net
 * (docs/design.md §3).
 *
 * @param <S> the implementing type
 * @param <R> the result type
 */
public abstract class AbstractRowSketch<S extends AbstractRowSketch<S, R>, R> implements RowSketch<S, R> {
  private static final long serialVersionUID = 1L;

  /** The number of columns d the sketch was built for. */
  protected final int d;
  /** Rows folded in, the buffered ones included (and those of merged sketches). */
  protected long rows;

  protected AbstractRowSketch(int d) {
    this.d = d;
  }

  /** Folds the buffered rows into the state; a no-op when none are buffered. Idempotent. */
  protected abstract void foldBuffered();

  /** Folds the buffered rows into the state; returns this. */
  @Override
  @SuppressWarnings("unchecked")
  public final S compact() {
    foldBuffered();
    return (S) this;
  }

  @Override
  public final long rows() {
    return rows;
  }

  @Override
  public final int cols() {
    return d;
  }

  /** Checks a row's length against d (the dense update's first step). */
  protected final void requireRowLength(double[] row) {
    if (row.length != d) {
      throw new IllegalArgumentException("row has " + row.length + " entries, sketch has " + d + " columns");
    }
  }

  /**
   * The checks every merge starts with: not into itself ({@link RowSketch#requireOther}) and not with
   * a sketch built for other dimensions or parameters.
   *
   * @param compatible whether {@code other} was built like this sketch
   * @param mismatch the message when it was not (both shapes)
   */
  protected final void requireMergeable(S other, boolean compatible, Supplier<String> mismatch) {
    RowSketch.requireOther(this, other);
    if (!compatible) {
      throw new IllegalArgumentException(mismatch.get());
    }
  }

  /** {@link #requireMergeable(AbstractRowSketch, boolean, Supplier)} for a sketch whose only dimension is d. */
  protected final void requireMergeable(S other) {
    requireMergeable(other, other.cols() == d, () -> "cannot merge sketches of " + d + " and " + other.cols() + " columns");
  }

  /** {@link #requireMergeable(AbstractRowSketch, boolean, Supplier)}, then the buffered rows of both folded in. */
  protected final void beginMerge(S other, boolean compatible, Supplier<String> mismatch) {
    requireMergeable(other, compatible, mismatch);
    foldBuffered();
    other.foldBuffered();
  }

  /** {@link #requireMergeable(AbstractRowSketch)}, then the buffered rows of both folded in. */
  protected final void beginMerge(S other) {
    requireMergeable(other);
    foldBuffered();
    other.foldBuffered();
  }

  /** Checks the shape of a sketch holding a d×d R factor folded from blocks of {@code blockRows} rows. */
  protected static void requireFactorShape(int d, int blockRows) {
    if (d < 0) {
      throw new IllegalArgumentException("cols must be non-negative: " + d);
    }
    if (blockRows < 1) {
      throw new IllegalArgumentException("block rows must be positive: " + blockRows);
    }
    if ((long) d * d > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("a " + d + "x" + d + " R factor does not fit one Java array");
    }
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    foldBuffered();
    out.defaultWriteObject();
  }
}
