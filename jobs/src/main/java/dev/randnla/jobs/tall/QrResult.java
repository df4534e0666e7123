package dev.randnla.jobs.tall;

import dev.randnla.linalg.Matrix;
import dev.randnla.spark.TallSkinnyQr;

/**
 * What {@code qr} computed.
 *
 * @param factorization R (diag ≥ 0), the row map to Q when asked, diagnostics
 * @param cols d
 * @param passes full reads of the input
 * @param seconds wall time from opening the input to committing the output
 * @param summaryJson the whole summary (what summary.json holds, written or not)
 */
public record QrResult(TallSkinnyQr.Factorization factorization, int cols, double passes, double seconds,
    String summaryJson) {
  public Matrix r() {
    return factorization.r();
  }

  public long rows() {
    return factorization.rows();
  }
}
