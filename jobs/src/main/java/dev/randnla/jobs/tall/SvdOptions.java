package dev.randnla.jobs.tall;

import dev.randnla.io.CliEnums;
import dev.randnla.spark.TallSkinnySvd;
import picocli.CommandLine.Option;

/**
 * The options {@code svd} and {@code pca} share: both are the SVD of a tall matrix ({@code pca} of its
 * column-centred rows) by {@link TallSkinnySvd}, so they take the same number of singular vectors and
 * the same two ways to get them.
 */
public final class SvdOptions {
  @Option(names = "--k", paramLabel = "K",
      description = "Right singular vectors to write, the top K: V.csv (pca: the principal components, of the "
          + "centred matrix) and, with svd --u, U. Default: all d.")
  Integer k;

  @Option(names = "--method", paramLabel = "M", defaultValue = "tsqr",
      description = "tsqr (default): SVD of the TSQR factor R (pca: of the centred TSQR, block means joined by the "
          + "Chan-Golub-LeVeque correction), stable at any condition number and any mean. gram: eigen-decomposition "
          + "of A^T A (pca: of the covariance A^T A - n mu mu^T) from one Gram pass that costs O(nnz^2) per sparse row; "
          + "it squares kappa: singular values below about 1e-7 sigma_1 are noise, and pca loses digits when the mean "
          + "dominates the spread (reported).")
  String method;

  /** The parsed {@code --method}; a usage error names the choices. */
  TallSkinnySvd.Method method() {
    return CliEnums.parse(TallSkinnySvd.Method.class, "--method", method);
  }
}
