package dev.randnla.sketch;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.TsqrKernel;

/**
 * The R factor of the column-centred matrix A − 1μᵀ (μ the column means) and μ itself, in one
 * pass, without ever forming AᵀA − nμμᵀ: the stable route to PCA.
 *
 * <p>It is the square-root form of the pairwise update of Chan, Golub &amp; LeVeque ("Algorithms for
 * computing the sample variance", 1983): two groups with counts n₁, n₂, means μ₁, μ₂ and centred
 * factors R₁, R₂ have the centred factor of their union
 * <pre>  R = qr([R₁; R₂; √(n₁n₂/(n₁+n₂))·(μ₁ − μ₂)ᵀ]).R,   μ = μ₁ + n₂/(n₁+n₂)·(μ₂ − μ₁)</pre>
 * because the scatter about the joint mean is the two scatters about their own means plus the
 * between-group term. A block of b rows is a group whose centred factor is the block minus its
 * own mean, so each block costs one structured Householder step on b + 1 rows
 * ({@link TsqrKernel}) and two partitions merge with one more. Only differences of means are ever
 * subtracted, never large sums of squares, so the result is backward stable for the centred matrix
 * however large the mean is relative to the spread (the Gram route's AᵀA − nμμᵀ cancels
 * catastrophically then).
 *
 * <p>Invariants: {@code r} (d×d, strict lower part zero) is a centred factor and {@code mean} the
 * mean of the {@code folded} = {@code rows − buffered} rows folded in; buffered rows wait in {@code block}.
 * Cost: ≈ 2·d² flops per row; memory d² + (b+1)·d per task; d² + d on the driver. Sparse rows are
 * densified one block at a time (never the whole partition).
 */
@DefaultSerializer(JavaSerializer.class)
public final class CenteredTsqrSketch extends AbstractRowSketch<CenteredTsqrSketch, CenteredTsqrSketch.Result> {
  private static final long serialVersionUID = 1L;

  private final int blockRows;
  private final double[] r;
  private final double[] mean;
  private long folded;
  private transient double[] block;
  private transient int buffered;

  /** The centred factor R (diag ≥ 0), the column means and the row count. */
  public record Result(long rows, double[] mean, Matrix r) {}

  /** An upper bound on the serialized size of a d-column sketch: the d×d R, the mean, a header. */
  public static long serializedBytes(int d) {
    return 8L * d * d + 8L * d + 64;
  }

  public CenteredTsqrSketch(int d) {
    this(d, RowBlock.defaultCapacity(d));
  }

  public CenteredTsqrSketch(int d, int blockRows) {
    super(d);
    requireFactorShape(d, blockRows);
    this.blockRows = blockRows;
    this.r = new double[d * d];
    this.mean = new double[d];
  }

  private int ld() {
    return blockRows + 1;
  }

  private void ensureBlock() {
    if (block == null) {
      block = new double[Math.max(1, ld() * d)];
    }
  }

  @Override
  public void update(long rowKey, double[] row) {
    requireRowLength(row);
    ensureBlock();
    int ld = ld();
    for (int j = 0; j < d; j++) {
      block[buffered + j * ld] = row[j];
    }
    added();
  }

  @Override
  public void update(long rowKey, int[] indices, double[] values) {
    ensureBlock();
    int ld = ld();
    for (int j = 0; j < d; j++) {
      block[buffered + j * ld] = 0.0;
    }
    for (int k = 0; k < indices.length; k++) {
      block[buffered + indices[k] * ld] = values[k];
    }
    added();
  }

  private void added() {
    rows++;
    buffered++;
    if (buffered == blockRows) {
      flush();
    }
  }

  /** Folds the buffered rows in as one group: centre them on their own mean, add the correction row. */
  private void flush() {
    if (buffered == 0) {
      return;
    }
    int b = buffered;
    int ld = ld();
    double[] blockMean = new double[d];
    for (int j = 0; j < d; j++) {
      int c = j * ld;
      double s = 0;
      for (int i = 0; i < b; i++) {
        s += block[c + i];
      }
      double m = s / b;
      blockMean[j] = m;
      for (int i = 0; i < b; i++) {
        block[c + i] -= m;
      }
    }
    int rowsUsed = b;
    if (folded > 0) {
      double w = Math.sqrt((double) folded * b / (folded + b));
      for (int j = 0; j < d; j++) {
        block[b + j * ld] = w * (mean[j] - blockMean[j]);
      }
      rowsUsed = b + 1;
    }
    TsqrKernel.update(r, d, block, rowsUsed, ld);
    combineMean(blockMean, b);
    buffered = 0;
  }

  private void combineMean(double[] otherMean, long otherRows) {
    double f = (double) otherRows / (folded + otherRows);
    for (int j = 0; j < d; j++) {
      mean[j] += f * (otherMean[j] - mean[j]);
    }
    folded += otherRows;
  }

  @Override
  protected void foldBuffered() {
    flush();
  }

  @Override
  public CenteredTsqrSketch merge(CenteredTsqrSketch other) {
    beginMerge(other);
    rows += other.rows;
    if (other.folded == 0) {
      return this;
    }
    if (folded == 0) {
      System.arraycopy(other.r, 0, r, 0, r.length);
      System.arraycopy(other.mean, 0, mean, 0, d);
      folded = other.folded;
      return this;
    }
    int ld = d + 1;
    double[] stacked = new double[ld * d];
    double w = Math.sqrt((double) folded * other.folded / (folded + other.folded));
    for (int j = 0; j < d; j++) {
      System.arraycopy(other.r, j * d, stacked, j * ld, d);
      stacked[d + j * ld] = w * (mean[j] - other.mean[j]);
    }
    TsqrKernel.update(r, d, stacked, d + 1, ld);
    combineMean(other.mean, other.folded);
    return this;
  }

  @Override
  public Result result() {
    flush();
    double[] out = r.clone();
    TsqrKernel.normalizeSigns(out, d);
    return new Result(folded, mean.clone(), new Matrix(d, d, out));
  }
}
