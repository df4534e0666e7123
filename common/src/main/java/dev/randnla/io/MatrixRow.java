package dev.randnla.io;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One row of an input matrix with what came with it: a dense or sparse vector of values, the
 * stable key that seeds any per-row randomness, the row id, an optional label (regression
 * response), an optional block key (clustering) and a weight (weighted least squares; 1 unless the
 * input has a weight column).
 *
 * <p>The key is a pure function of where the row sits in the input (file index in sorted path
 * order, and the row's position in that file), never of how the input is split, so sketches are
 * the same under any partitioning. The id is the {@code --id-col} value, or the 0-based global
 * row number when the reader knows it, or {@link #NO_ID} in a first pass over text input.
 */
public final class MatrixRow implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The id of a row whose global number is not known yet. */
  public static final long NO_ID = Long.MIN_VALUE;

  private final long key;
  private final long id;
  private final double label;
  private final String block;
  private final int[] indices;
  private final double[] values;
  private final double weight;

  private MatrixRow(long key, long id, double label, String block, int[] indices, double[] values, double weight) {
    this.key = key;
    this.id = id;
    this.label = label;
    this.block = block;
    this.indices = indices;
    this.values = values;
    this.weight = weight;
  }

  private MatrixRow(long key, long id, double label, String block, int[] indices, double[] values) {
    this(key, id, label, block, indices, values, 1.0);
  }

  /** A dense row (values not copied). */
  public static MatrixRow dense(long key, long id, double label, String block, double[] values) {
    return new MatrixRow(key, id, label, block, null, values);
  }

  /** A sparse row: strictly increasing 0-based indices (not copied, not checked here). */
  public static MatrixRow sparse(long key, long id, double label, String block, int[] indices, double[] values) {
    if (indices.length != values.length) {
      throw new IllegalArgumentException(
          "sparse row has " + indices.length + " indices and " + values.length + " values");
    }
    return new MatrixRow(key, id, label, block, indices, values);
  }

  /** A key from a file index (in sorted path order) and a position within the file. */
  public static long key(int fileIndex, long position) {
    return ((long) fileIndex << 40) ^ position;
  }

  public long key() {
    return key;
  }

  /**
   * The file index encoded in a key built by {@link #key(int, long)} (text inputs). Parquet rows are
   * keyed by their global row number instead; use {@code MatrixInput.fileIndexer()}, which knows
   * the input's format.
   */
  public static int fileIndexOfKey(long key) {
    return (int) (key >>> 40);
  }

  public long id() {
    return id;
  }

  public boolean hasId() {
    return id != NO_ID;
  }

  /** The label, NaN when the input has no label column. */
  public double label() {
    return label;
  }

  /** The row's weight: the {@code --weight-col} value (finite, ≥ 0), 1 when the input has no weight column. */
  public double weight() {
    return weight;
  }

  /** This row with the given weight (values not copied). */
  public MatrixRow withWeight(double w) {
    return new MatrixRow(key, id, label, block, indices, values, w);
  }

  /** The block key, null when the input has no key column. */
  public String block() {
    return block;
  }

  public boolean isSparse() {
    return indices != null;
  }

  /** Sparse indices (null for a dense row). */
  public int[] indices() {
    return indices;
  }

  /** Dense values, or the nonzero values of a sparse row. */
  public double[] values() {
    return values;
  }

  /** Stored entries that are nonzero. */
  public int nnz() {
    int k = 0;
    for (double v : values) {
      if (v != 0) {
        k++;
      }
    }
    return k;
  }

  /** The row as a dense array of d entries (the backing array itself when already dense). */
  public double[] toDense(int d) {
    if (indices == null) {
      return values;
    }
    double[] out = new double[d];
    for (int k = 0; k < indices.length; k++) {
      out[indices[k]] = values[k];
    }
    return out;
  }

  /** ⟨row, x⟩ in O(nnz). */
  public double dot(double[] x) {
    double s = 0;
    if (indices == null) {
      for (int j = 0; j < values.length; j++) {
        s += values[j] * x[j];
      }
    } else {
      for (int k = 0; k < indices.length; k++) {
        s += values[k] * x[indices[k]];
      }
    }
    return s;
  }

  /** y += alpha·row in O(nnz). */
  public void axpyInto(double alpha, double[] y) {
    if (indices == null) {
      for (int j = 0; j < values.length; j++) {
        y[j] += alpha * values[j];
      }
    } else {
      for (int k = 0; k < indices.length; k++) {
        y[indices[k]] += alpha * values[k];
      }
    }
  }

  /** ‖row‖². */
  public double normSquared() {
    double s = 0;
    for (double v : values) {
      s += v * v;
    }
    return s;
  }

  @Override
  public String toString() {
    return "MatrixRow{id=" + id + ", key=" + key + (Double.isNaN(label) ? "" : ", label=" + label)
        + (block == null ? "" : ", block=" + block)
        + (indices == null ? ", dense=" + Arrays.toString(values)
            : ", indices=" + Arrays.toString(indices) + ", values=" + Arrays.toString(values))
        + "}";
  }
}
