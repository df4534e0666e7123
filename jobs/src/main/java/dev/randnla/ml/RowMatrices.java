package dev.randnla.ml;

import dev.randnla.io.BadRowPolicy;
import dev.randnla.jobs.tall.QrConfig;
import dev.randnla.jobs.tall.QrJob;
import dev.randnla.jobs.tall.SvdConfig;
import dev.randnla.jobs.tall.SvdJob;
import dev.randnla.jobs.tall.SvdResult;
import dev.randnla.linalg.Matrix;
import dev.randnla.spark.DatasetSource;
import dev.randnla.spark.MatrixInput;
import org.apache.spark.mllib.linalg.DenseMatrix;
import org.apache.spark.mllib.linalg.QRDecomposition;
import org.apache.spark.mllib.linalg.SingularValueDecomposition;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.linalg.distributed.RowMatrix;

/**
 * randnla's tall-skinny decompositions for MLlib users: take a {@code RowMatrix}, return MLlib's result
 * types, computed by the {@code svd} and {@code qr} jobs (one TSQR pass: a numerically stable R, where
 * MLlib's {@code computeSVD} forms the Gram matrix AᵀA and squares the condition number).
 *
 * <ul>
 *   <li>{@link #svd(RowMatrix, int)} is the drop-in for {@code rowMatrix.computeSVD(k, false, 1e-9)}: the
 *       singular values σᵢ &gt; 1e-9·σ₁ among the top k, descending, and V (d × that many); U is null.
 *   <li>{@link #qr(RowMatrix)} is the drop-in for {@code rowMatrix.tallSkinnyQR(false)}: R (d × d, upper
 *       triangular with a non-negative diagonal); Q is null.
 * </ul>
 * A row with NaN or ±Inf fails with an {@code InvalidInputException} naming the partition and row.
 */
public final class RowMatrices {
  /** MLlib's default reciprocal condition number: smaller singular values are dropped. */
  public static final double RCOND = 1e-9;

  private RowMatrices() {}

  /** The top k singular values and right singular vectors of the rows (see the class comment). */
  public static SingularValueDecomposition<RowMatrix, org.apache.spark.mllib.linalg.Matrix> svd(RowMatrix rows, int k) {
    MatrixInput input = DatasetSource.open(rows, BadRowPolicy.FAIL);
    if (k < 1 || k > input.cols()) {
      throw new IllegalArgumentException("k must be in [1, cols=" + input.cols() + "]: " + k);
    }
    SvdResult r = SvdJob.FRAME.run(SvdConfig.builder().input(input.options()).k(k).quiet(true).build(), input);
    double[] sigma = r.singularValues();
    int kept = 0;
    while (kept < k && sigma[kept] > RCOND * sigma[0]) {
      kept++;
    }
    Matrix v = r.v().leadingColumns(kept);
    return new SingularValueDecomposition<>(null, Vectors.dense(java.util.Arrays.copyOf(sigma, kept)),
        new DenseMatrix(v.rows(), v.cols(), v.data().clone()));
  }

  /** R of the rows' QR factorization (see the class comment). */
  public static QRDecomposition<RowMatrix, org.apache.spark.mllib.linalg.Matrix> qr(RowMatrix rows) {
    MatrixInput input = DatasetSource.open(rows, BadRowPolicy.FAIL);
    Matrix r = QrJob.FRAME.run(QrConfig.builder().input(input.options()).quiet(true).build(), input).r();
    return new QRDecomposition<>(null, new DenseMatrix(r.rows(), r.cols(), r.data().clone()));
  }
}
