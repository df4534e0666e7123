package dev.randnla.sketch;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.TsqrKernel;

/**
 * The R factor of a stable tall-skinny QR of a stream of rows (TSQR; Demmel et al. 2012): rows
 * are buffered into blocks of b and folded with R ← qr([R; block]).R by the structured Householder
 * kernel {@link TsqrKernel}; two sketches merge by re-factoring [R₁; R₂]. A partition is never
 * materialised. The result has diag(R) ≥ 0, which makes it unique for full-rank A and the same
 * whatever the block boundaries (up to rounding).
 *
 * <p>Invariants: {@code r} (d×d, column-major, strict lower part zero) is the R factor of all rows
 * folded in except the {@code block.size()} rows still buffered; {@code rows} counts all rows.
 *
 * <p>Cost: ≈ 2·d² flops per row, mostly in dgemm; memory d² + b·d per task, d² on the driver.
 * Backward stable at any condition number: ‖RᵀR − AᵀA‖ ≲ c·d·u·‖A‖², which the Gram cannot offer.
 */
@DefaultSerializer(JavaSerializer.class)
public final class TsqrSketch extends AbstractRowSketch<TsqrSketch, Matrix> {
  private static final long serialVersionUID = 1L;

  private final int blockRows;
  private final double[] r;
  private transient RowBlock block;

  /** An upper bound on the serialized size of a d-column sketch: the d×d R, a header. */
  public static long serializedBytes(int d) {
    return 8L * d * d + 64;
  }

  public TsqrSketch(int d) {
    this(d, RowBlock.defaultCapacity(d));
  }

  /** With an explicit block size (rows folded per Householder step). */
  public TsqrSketch(int d, int blockRows) {
    super(d);
    requireFactorShape(d, blockRows);
    this.blockRows = blockRows;
    this.r = new double[d * d];
  }

  @Override
  public void update(long rowKey, double[] row) {
    requireRowLength(row);
    ensureBlock().add(row);
    rows++;
    if (block.isFull()) {
      flush();
    }
  }

  @Override
  public void update(long rowKey, int[] indices, double[] values) {
    ensureBlock().add(indices, values);
    rows++;
    if (block.isFull()) {
      flush();
    }
  }

  private RowBlock ensureBlock() {
    if (block == null) {
      block = new RowBlock(d, blockRows, true);
    }
    return block;
  }

  private void flush() {
    if (block != null && block.size() > 0) {
      TsqrKernel.update(r, d, block.data(), block.size(), block.capacity());
      block.clear();
    }
  }

  @Override
  protected void foldBuffered() {
    flush();
  }

  @Override
  public TsqrSketch merge(TsqrSketch other) {
    beginMerge(other);
    if (other.rows == 0) {
      return this;
    }
    TsqrKernel.update(r, d, other.r.clone(), d, Math.max(1, d));
    rows += other.rows;
    return this;
  }

  /** R with diag(R) ≥ 0. */
  @Override
  public Matrix result() {
    flush();
    double[] out = r.clone();
    TsqrKernel.normalizeSigns(out, d);
    return new Matrix(d, d, out);
  }

}
