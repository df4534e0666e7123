package dev.randnla.ml;

import static dev.randnla.ml.FrameData.D;
import static dev.randnla.ml.FrameData.frame;
import static dev.randnla.ml.FrameData.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.mllib.linalg.Matrix;
import org.apache.spark.mllib.linalg.QRDecomposition;
import org.apache.spark.mllib.linalg.SingularValueDecomposition;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.linalg.distributed.RowMatrix;
import org.junit.jupiter.api.Test;

/**
 * {@link RowMatrices} against MLlib's own {@code computeSVD}/{@code tallSkinnyQR} on the same RowMatrix.
 * MLlib's SVD goes through AᵀA, so its σ carry a relative error up to about u·κ² (κ ≤ 10 here): checked at
 * 1e-10 relative to σ₁; V columns up to sign at 1e-8 (that error over the relative gap, ≥ 0.1 here).
 * R is unique up to the signs of its rows, so RᵀR (= AᵀA) is compared, at 1e-12 relative to ‖AᵀA‖.
 */
class RowMatricesTest {
  static RowMatrix matrix(long seed, boolean duplicateColumn) {
    JavaRDD<Vector> rows = frame(rows(seed)).javaRDD().map(r -> (Vector) r.get(1));
    return new RowMatrix(rows.map(v -> {
      double[] a = v.toArray();
      if (duplicateColumn) {
        a[D - 1] = a[0];
      }
      return Vectors.dense(a);
    }).rdd());
  }

  @Test
  void svdMatchesComputeSvd() {
    RowMatrix a = matrix(41, false);
    SingularValueDecomposition<RowMatrix, Matrix> ours = RowMatrices.svd(a, 3);
    SingularValueDecomposition<RowMatrix, Matrix> mllib = a.computeSVD(3, false, RowMatrices.RCOND);
    assertNull(ours.U());
    double[] s = ours.s().toArray();
    double[] t = mllib.s().toArray();
    assertEquals(t.length, s.length);
    for (int i = 0; i < s.length; i++) {
      assertEquals(t[i], s[i], 1e-10 * t[0], "sigma " + i);
    }
    for (int j = 0; j < 3; j++) {
      double sign = Math.signum(ours.V().apply(0, j) * mllib.V().apply(0, j));
      for (int i = 0; i < D; i++) {
        assertEquals(mllib.V().apply(i, j), sign * ours.V().apply(i, j), 1e-8, "V(" + i + ", " + j + ")");
      }
    }
  }

  /**
   * A duplicated column makes σ_d exactly 0: TSQR finds it at rounding level (≈ u·σ₁, dropped by rcond), while
   * MLlib's Gram route finds √(u·σ₁²) ≈ 1e-8·σ₁ and keeps it as a singular value.
   */
  @Test
  void svdDropsTheNullDirectionOfRankDeficientRows() {
    RowMatrix a = matrix(42, true);
    SingularValueDecomposition<RowMatrix, Matrix> ours = RowMatrices.svd(a, D);
    assertEquals(D - 1, ours.s().size());
    assertEquals(D - 1, ours.V().numCols());
    double[] mllib = a.computeSVD(D, false, RowMatrices.RCOND).s().toArray();
    assertEquals(true, mllib.length < D || mllib[D - 1] < 1e-6 * mllib[0], "MLlib's smallest: " + mllib[mllib.length - 1]);
    assertThrows(IllegalArgumentException.class, () -> RowMatrices.svd(a, D + 1));
  }

  @Test
  void qrMatchesTallSkinnyQr() {
    RowMatrix a = matrix(43, false);
    QRDecomposition<RowMatrix, Matrix> ours = RowMatrices.qr(a);
    QRDecomposition<RowMatrix, Matrix> mllib = a.tallSkinnyQR(false);
    assertNull(ours.Q());
    Matrix r = ours.R();
    Matrix m = mllib.R();
    double[][] ours2 = gram(r);
    double[][] theirs = gram(m);
    double scale = 0;
    for (double[] row : theirs) {
      for (double v : row) {
        scale = Math.max(scale, Math.abs(v));
      }
    }
    for (int i = 0; i < D; i++) {
      assertEquals(true, r.apply(i, i) >= 0, "diag R >= 0");
      for (int j = 0; j < D; j++) {
        assertEquals(theirs[i][j], ours2[i][j], 1e-12 * scale, "RᵀR(" + i + ", " + j + ")");
        if (i > j) {
          assertEquals(0.0, r.apply(i, j), "R is upper triangular");
        }
      }
    }
  }

  static double[][] gram(Matrix r) {
    double[][] g = new double[r.numCols()][r.numCols()];
    for (int i = 0; i < r.numCols(); i++) {
      for (int j = 0; j < r.numCols(); j++) {
        for (int l = 0; l < r.numRows(); l++) {
          g[i][j] += r.apply(l, i) * r.apply(l, j);
        }
      }
    }
    return g;
  }
}
