package dev.randnla.ml;

import dev.randnla.jobs.tall.SvdConfig;
import dev.randnla.jobs.tall.SvdJob;
import dev.randnla.jobs.tall.SvdResult;
import dev.randnla.spark.MatrixInput;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;

/**
 * Singular values and right singular vectors of the rows A of a DataFrame's vector column —
 * {@code randnla svd} as a Spark ML Estimator. {@link #fit} runs the same job code as the command line
 * ({@link SvdJob}) on the DataFrame's own partitions, with no files: with {@code method = tsqr} (default)
 * one TSQR pass for R and the SVD of R on the driver, accurate to ≈ d·u·σ₁ at any condition number (where
 * MLlib's {@code computeSVD} goes through AᵀA and loses σᵢ below ≈ 1e-8·σ₁); {@code gram} eigen-decomposes
 * AᵀA instead. The same rows in the same partitioning give bitwise the CLI's σ and V (docs/algorithms.md,
 * svd). The model's {@code transform} adds the projection Vᵀx = Σ·(row of U) on the k right singular
 * vectors as a vector column. Unset {@code k} keeps all d (the CLI's default).
 *
 * <p>Cost: one pass; the driver and each task hold a few d × d matrices. Input: {@code featuresCol} holds
 * ml Vectors (dense or sparse) or {@code array<double>}; a row with NaN, ±Inf or a null vector fails the fit
 * with an {@code InvalidInputException} naming the column, partition and row, or is dropped with
 * {@code badRows = skip}.
 */
public final class TallSkinnySVD extends TallSkinnySvdEstimator<TallSkinnySVDModel, TallSkinnySVD> {
  private static final long serialVersionUID = 1L;

  public TallSkinnySVD() {
    this(Identifiable.randomUID("tallSkinnySVD"));
  }

  public TallSkinnySVD(String uid) {
    super(uid, "right singular vectors", "tsqr: SVD of the TSQR factor R, stable at any condition number; gram: "
        + "eigen-decomposition of AᵀA, which squares κ: singular values below about 1e-7·σ₁ are noise", "projection");
  }

  @Override
  public TallSkinnySVDModel fit(Dataset<?> dataset) {
    MatrixInput input = open(dataset, null);
    SvdResult r = SvdJob.FRAME.run(SvdConfig.builder().input(input.options()).k(getK()).method(parsedMethod()).quiet(true)
        .build(), input);
    return fitted(new TallSkinnySVDModel(uid(), r.singularValues(), r.v(), r.summaryJson()));
  }

  public static MLReader<TallSkinnySVD> read() {
    return new DefaultParamsReader<>();
  }

  public static TallSkinnySVD load(String path) {
    return read().load(path);
  }
}
