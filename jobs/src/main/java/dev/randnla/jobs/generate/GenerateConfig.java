package dev.randnla.jobs.generate;

import dev.randnla.io.MatrixFormat;
import dev.randnla.io.OutputOptions;

/**
 * What {@code generate} writes. Kind-specific parameters are null when not given and take the
 * kind's default (see {@link GenerateCommand} for the values).
 *
 * @param kind the matrix family
 * @param rows n
 * @param cols d
 * @param output the output directory
 * @param format the file format
 * @param randomOrder rows in a seeded random order (true) or in generation order
 * @param seed the seed of everything random
 * @param partitions files to write (0: automatic)
 * @param digits significant digits written (0: full precision, exact round trip)
 * @param header CSV/TSV: write a header line
 * @param gap eigen-gap R for spiked, heavy-rows and sparse
 * @param kappa condition number for lowrank, regression and leverage
 * @param rank rank for lowrank and blocks
 * @param residual ρ = ‖Ax* − b‖ for regression
 * @param heavy number of heavy rows
 * @param alpha α for leverage
 * @param groups planted groups for blocks
 * @param blockRows rows per block for blocks
 * @param noise relative noise for blocks; the entry standard deviation σ for noise
 * @param nnzPerRow nonzeros of a light row for sparse
 * @param spikeSupport nonzeros of the top eigenvector for sparse
 * @param spikes population spike strengths ℓ (in σ² units) for noise (null: none)
 * @param quiet no progress output
 */
public record GenerateConfig(
    MatrixKind kind,
    long rows,
    int cols,
    OutputOptions output,
    MatrixFormat format,
    boolean randomOrder,
    long seed,
    int partitions,
    int digits,
    boolean header,
    Double gap,
    Double kappa,
    Integer rank,
    Double residual,
    Integer heavy,
    Double alpha,
    Integer groups,
    Integer blockRows,
    Double noise,
    Integer nnzPerRow,
    Integer spikeSupport,
    double[] spikes,
    boolean quiet) {

  public GenerateConfig {
    StringBuilder e = new StringBuilder();
    if (kind == null) {
      e.append("; --kind is required");
    }
    if (rows < 1) {
      e.append("; --rows must be positive: ").append(rows);
    }
    if (cols < 1) {
      e.append("; --cols must be positive: ").append(cols);
    }
    if (output == null || !output.enabled()) {
      e.append("; --output is required");
    }
    if (format == null) {
      format = MatrixFormat.CSV;
    }
    if (partitions < 0) {
      e.append("; --partitions must be non-negative: ").append(partitions);
    }
    if (digits < 0 || digits > 17) {
      e.append("; --digits must be in [0, 17] (0 = full precision): ").append(digits);
    }
    if (gap != null && !(gap >= 1)) {
      e.append("; --gap must be at least 1: ").append(gap);
    }
    if (kappa != null && !(kappa >= 1)) {
      e.append("; --kappa must be at least 1: ").append(kappa);
    }
    if (residual != null && !(residual >= 0)) {
      e.append("; --residual must be non-negative: ").append(residual);
    }
    if (noise != null && !(noise >= 0)) {
      e.append("; --noise must be non-negative: ").append(noise);
    }
    if (alpha != null && !(alpha > 0)) {
      e.append("; --alpha must be positive: ").append(alpha);
    }
    if (spikes != null && kind != MatrixKind.NOISE) {
      e.append("; --spikes applies to the noise kind");
    }
    if (kind == MatrixKind.BLOCKS && format == MatrixFormat.LIBSVM) {
      e.append("; the blocks kind carries a key column, which LIBSVM cannot hold: use csv, tsv or parquet");
    }
    if (header && (format == MatrixFormat.LIBSVM || format == MatrixFormat.PARQUET)) {
      e.append("; --header applies to csv and tsv output");
    }
    if (!e.isEmpty()) {
      throw new IllegalArgumentException(e.substring(2));
    }
  }

  /** The configuration without spikes (the parameter list before the noise kind existed). */
  public GenerateConfig(MatrixKind kind, long rows, int cols, OutputOptions output, MatrixFormat format,
      boolean randomOrder, long seed, int partitions, int digits, boolean header, Double gap, Double kappa, Integer rank,
      Double residual, Integer heavy, Double alpha, Integer groups, Integer blockRows, Double noise, Integer nnzPerRow,
      Integer spikeSupport, boolean quiet) {
    this(kind, rows, cols, output, format, randomOrder, seed, partitions, digits, header, gap, kappa, rank, residual, heavy,
        alpha, groups, blockRows, noise, nnzPerRow, spikeSupport, null, quiet);
  }

  double gapOr(double def) {
    return gap == null ? def : gap;
  }

  double kappaOr(double def) {
    return kappa == null ? def : kappa;
  }

  int rankOr(int def) {
    return rank == null ? def : rank;
  }
}
