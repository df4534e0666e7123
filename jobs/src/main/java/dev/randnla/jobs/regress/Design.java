package dev.randnla.jobs.regress;

import com.esotericsoftware.kryo.DefaultSerializer;
import dev.randnla.io.InvalidInputException;
import dev.randnla.io.MatrixRow;
import dev.randnla.io.RecordSerializer;
import dev.randnla.sketch.RowSketch;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The least-squares problem min ‖M·x − b‖² + λ‖P·x‖² as the rows present it: M = [A 1] with the
 * ones column only when fitting an intercept (so sparse rows stay sparse: centring would densify
 * them), P the projection that leaves the intercept unpenalised, b the row labels. x has
 * p = d (+1) entries; the intercept, when present, is the last.
 *
 * <p>Rows reach the sketches as the augmented row [aᵢ (1) bᵢ] of p + 1 entries, so the same S
 * sketches M and b. A row weight wᵢ ({@code --weight-col}: min Σ wᵢ(mᵢ·x − bᵢ)²) scales the
 * whole augmented row, the intercept's 1 included, by √wᵢ; a zero weight leaves the row out.
 *
 * <p>It travels inside the regression sketches, so Kryo reads it through {@link RecordSerializer}.
 *
 * @param d columns of A
 * @param intercept whether M has the ones column
 * @param ridge λ (0: none)
 */
@DefaultSerializer(RecordSerializer.class)
record Design(int d, boolean intercept, double ridge) implements Serializable {
  /** Unknowns p = d, plus one for the intercept. */
  int p() {
    return intercept ? d + 1 : d;
  }

  /** √wᵢ, the factor a row's weight scales its augmented row by (exactly 1 for unweighted rows). */
  static double scale(MatrixRow row) {
    return Math.sqrt(row.weight());
  }

  /** The label of a row; a row without one is invalid input. */
  static double label(MatrixRow row) {
    double b = row.label();
    if (Double.isNaN(b)) {
      throw new InvalidInputException("row " + (row.hasId() ? "id " + row.id() : "key " + row.key())
          + " has no label: regression needs --label-col (CSV, TSV, Parquet) or LIBSVM input");
    }
    return b;
  }

  /**
   * Folds w·[mᵢ bᵢ] (withLabel) or w·mᵢ into a sketch: sparse rows stay sparse (the intercept and
   * the label are two more nonzeros), dense rows go through buf (length p + 1, reused).
   */
  void update(RowSketch<?, ?> sketch, MatrixRow row, double b, boolean withLabel, double w, double[] buf) {
    int width = withLabel ? p() + 1 : p();
    if (row.isSparse()) {
      int[] idx = row.indices();
      double[] v = row.values();
      int n = idx.length + width - d;
      int[] oi = Arrays.copyOf(idx, n);
      double[] ov = new double[n];
      for (int k = 0; k < v.length; k++) {
        ov[k] = w * v[k];
      }
      int at = idx.length;
      if (intercept) {
        oi[at] = d;
        ov[at++] = w;
      }
      if (withLabel) {
        oi[at] = p();
        ov[at] = w * b;
      }
      sketch.update(row.key(), oi, ov);
    } else {
      double[] v = row.values();
      double[] out = buf.length == width ? buf : new double[width];
      for (int j = 0; j < d; j++) {
        out[j] = w * v[j];
      }
      if (intercept) {
        out[d] = w;
      }
      if (withLabel) {
        out[p()] = w * b;
      }
      sketch.update(row.key(), out);
    }
  }

  /** mᵢ as a dense array of p entries (the intercept's 1 included). */
  double[] denseM(MatrixRow row) {
    double[] out = new double[p()];
    if (row.isSparse()) {
      int[] idx = row.indices();
      double[] v = row.values();
      for (int k = 0; k < idx.length; k++) {
        out[idx[k]] = v[k];
      }
    } else {
      System.arraycopy(row.values(), 0, out, 0, d);
    }
    if (intercept) {
      out[d] = 1.0;
    }
    return out;
  }
}
