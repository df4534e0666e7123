package dev.randnla.sketch;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.Vectors;

/**
 * Y = AᵀA·X for a fixed d×k block X, with the column sums and row count, in one pass: the
 * operator behind power iteration, block Krylov (Lanczos) and stochastic trace estimation when d
 * is too large for a Gram. Rows are buffered into blocks B and folded as Y += Bᵀ(B·X) with two
 * dgemm calls; sparse rows cost O(nnz·k). The centred product (A − 1μᵀ)ᵀ(A − 1μᵀ)X follows from
 * the column sums without densifying sparse rows ({@link Result#centered()}).
 *
 * <p>Invariants: {@code y} (d×k) holds Σ aᵢ(aᵢᵀX) over the rows folded in except those buffered;
 * {@code sums} and {@code rows} cover all rows. X is not part of the serialized state (tasks get it
 * from a broadcast), so a sketch that travels carries only d·k + d doubles.
 *
 * <p>Cost: 4·d·k flops per dense row; memory d·k + 8 MB of buffer per task.
 */
@DefaultSerializer(JavaSerializer.class)
public final class GramProductSketch extends AbstractRowSketch<GramProductSketch, GramProductSketch.Result> {
  private static final long serialVersionUID = 1L;

  private final int k;
  private final double[] y;
  private final double[] sums;
  private transient Matrix x;
  private transient RowBlock block;
  private transient double[] bx;

  /** A sketch for Y = AᵀA·X; X is d×k (input, not modified, not copied). */
  public GramProductSketch(Matrix x) {
    super(x.rows());
    this.k = x.cols();
    this.x = x;
    this.y = new double[d * k];
    this.sums = new double[d];
  }

  /** The products and sums. */
  public record Result(Matrix product, double[] columnSums, long rows, Matrix x) {
    /**
     * (A − 1μᵀ)ᵀ(A − 1μᵀ)·X = AᵀA·X − (1/n)·s·(sᵀX) with s the column sums.
     */
    public Matrix centered() {
      Matrix out = product.copy();
      if (rows == 0) {
        return out;
      }
      int d = columnSums.length;
      double[] stx = x.transposeTimes(columnSums);
      for (int j = 0; j < out.cols(); j++) {
        for (int i = 0; i < d; i++) {
          out.set(i, j, out.get(i, j) - columnSums[i] * stx[j] / rows);
        }
      }
      return out;
    }
  }

  @Override
  public void update(long rowKey, double[] row) {
    requireRowLength(row);
    block = RowBlock.addForProduct(block, d, row, sums);
    rows++;
    if (block.isFull()) {
      flush();
    }
  }

  @Override
  public void update(long rowKey, int[] indices, double[] values) {
    RowBlock.sparseProductInto(indices, values, x.data(), d, k, y, sums);
    rows++;
  }

  private void flush() {
    if (block == null || block.size() == 0) {
      return;
    }
    bx = block.productInto(x.data(), k, bx, y);
    block.clear();
  }

  @Override
  protected void foldBuffered() {
    flush();
  }

  @Override
  public GramProductSketch merge(GramProductSketch other) {
    beginMerge(other, other.d == d && other.k == k,
        () -> "cannot merge products of shape " + d + "x" + k + " and " + other.d + "x" + other.k);
    Vectors.axpy(1.0, other.y, y);
    for (int j = 0; j < d; j++) {
      sums[j] += other.sums[j];
    }
    rows += other.rows;
    return this;
  }

  /** The result; X must be set (it is after construction; after deserialization call {@link #withX}). */
  @Override
  public Result result() {
    flush();
    return new Result(new Matrix(d, k, y.clone()), sums.clone(), rows, x);
  }

  /** Re-attaches X after the sketch travelled (X is not serialized). */
  public GramProductSketch withX(Matrix x) {
    if (x.rows() != d || x.cols() != k) {
      throw new IllegalArgumentException("X must be " + d + "x" + k + ", got " + x.rows() + "x" + x.cols());
    }
    this.x = x;
    return this;
  }

}
