package dev.randnla.ml;

import dev.randnla.io.CliEnums;
import dev.randnla.jobs.tall.QrConfig;
import dev.randnla.jobs.tall.QrJob;
import dev.randnla.jobs.tall.QrResult;
import dev.randnla.ml.SharedParams.HasMethod;
import dev.randnla.ml.SharedParams.HasSeed;
import dev.randnla.spark.MatrixInput;
import dev.randnla.spark.TallSkinnyQr;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;

/**
 * A = QR for the rows A of a DataFrame's vector column — {@code randnla qr --q} as a Spark ML Estimator.
 * {@link #fit} runs the same job code as the command line ({@link QrJob}) on the DataFrame's own
 * partitions, with no files, and returns R (d × d, upper triangular, diag ≥ 0) with the map that makes the
 * rows of Q: never A·R⁻¹ with the final R, but the method's two triangular solves (tsqr: Q = A·R₁⁻¹·R₂⁻¹,
 * "TSQR twice"), so that QᵀQ = I to machine precision at any condition number the method accepts
 * (docs/algorithms.md, qr). The model's {@code transform} adds each row's row of Q as a vector column,
 * mapped in the job's own row blocks: the same rows in the same partitioning give bitwise the CLI's R and
 * Q rows.
 *
 * <p>Cost: two passes for every method (the CLI's third pass, writing Q, is the model's
 * {@code transform}); the driver and each task hold a few d × d matrices (8d × d for randcholqr's sketch).
 * Q needs full column rank: a numerically rank-deficient A (or fewer rows than columns) fails the fit with
 * the CLI's message, and {@code cholqr2} refuses κ(A) above about 1e8. A row with NaN, ±Inf or a null vector
 * fails the fit with an {@code InvalidInputException} naming the column, partition and row, or is dropped
 * with {@code badRows = skip}.
 */
public final class TallSkinnyQR extends RowMapEstimator<TallSkinnyQRModel, TallSkinnyQR>
    implements HasMethod<TallSkinnyQR>, HasSeed<TallSkinnyQR> {
  private static final long serialVersionUID = 1L;

  private final Param<String> method;
  private final LongParam seed;

  public TallSkinnyQR() {
    this(Identifiable.randomUID("tallSkinnyQR"));
  }

  public TallSkinnyQR(String uid) {
    super(uid, "each row's row of Q = A·R⁻¹.", "q");
    method = MlSupport.choice(this, "method", "tsqr: streaming Householder TSQR, backward stable at any condition "
        + "number, twice for Q (Q = A·R₁⁻¹·R₂⁻¹). cholqr2: two Gram passes and Cholesky (CholeskyQR2), which squares κ "
        + "and is refused when κ(A) is above about 1e8. randcholqr: an OSNAP sketch (8d rows) preconditions A, then "
        + "one Gram pass; stable to κ about 1e15 for full-rank A. Each takes 2 passes (--method).",
        TallSkinnyQr.Method.class);
    seed = seeded(new LongParam(this, "seed", "The seed of the randcholqr sketch (--seed); tsqr and cholqr2 draw nothing."));
    setDefault(method, TallSkinnyQr.Method.TSQR.cliName());
  }

  // the Params (with featuresCol, outputCol and badRows): Spark ML lists them by reflection (public, no arguments)
  public Param<String> method() { return method; }
  public LongParam seed() { return seed; }

  @Override
  public TallSkinnyQRModel fit(Dataset<?> dataset) {
    MatrixInput input = open(dataset, null);
    QrConfig config = QrConfig.builder().input(input.options())
        .method(CliEnums.parse(TallSkinnyQr.Method.class, "method", getMethod())).q(true).seed(getSeed()).quiet(true)
        .build();
    QrResult r = QrJob.FRAME.run(config, input);
    return fitted(new TallSkinnyQRModel(uid(), r.r(), r.factorization().q(), r.summaryJson()));
  }

  public static MLReader<TallSkinnyQR> read() {
    return new DefaultParamsReader<>();
  }

  public static TallSkinnyQR load(String path) {
    return read().load(path);
  }
}
