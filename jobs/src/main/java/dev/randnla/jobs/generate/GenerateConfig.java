package dev.randnla.jobs.generate;

import dev.randnla.jobs.JobConfigBuilder;
import dev.randnla.io.MatrixFormat;
import dev.randnla.io.OutputOptions;
import dev.randnla.io.Violations;
import java.util.Objects;

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
 * @param sparsity nonzeros k of w* for sparse-regression
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
    Integer sparsity,
    boolean quiet) {

  public GenerateConfig {
    Violations v = new Violations();
    v.require(kind != null, "--kind is required");
    v.require(rows >= 1, "--rows must be positive: " + rows);
    v.require(cols >= 1, "--cols must be positive: " + cols);
    v.require(output != null && output.enabled(), "--output is required");
    format = Objects.requireNonNullElse(format, MatrixFormat.CSV);
    v.require(partitions >= 0, "--partitions must be non-negative: " + partitions);
    v.require(digits >= 0 && digits <= 17, "--digits must be in [0, 17] (0 = full precision): " + digits);
    v.require(gap == null || gap >= 1, "--gap must be at least 1: " + gap);
    v.require(kappa == null || kappa >= 1, "--kappa must be at least 1: " + kappa);
    v.require(residual == null || residual >= 0, "--residual must be non-negative: " + residual);
    v.require(noise == null || noise >= 0, "--noise must be non-negative: " + noise);
    v.require(alpha == null || alpha > 0, "--alpha must be positive: " + alpha);
    v.require(spikes == null || kind == MatrixKind.NOISE, "--spikes applies to the noise kind");
    v.require(sparsity == null || kind == MatrixKind.SPARSE_REGRESSION, "--sparsity applies to the sparse-regression kind");
    v.require(sparsity == null || sparsity >= 1, "--sparsity must be positive: " + sparsity);
    v.require(kind != MatrixKind.BLOCKS || format != MatrixFormat.LIBSVM,
        "the blocks kind carries a key column, which LIBSVM cannot hold: use csv, tsv or parquet");
    v.require(!header || (format != MatrixFormat.LIBSVM && format != MatrixFormat.PARQUET),
        "--header applies to csv and tsv output");
    v.throwIfAny();
  }

  /** The configuration without spikes (the parameter list before the noise kind existed). */
  public GenerateConfig(MatrixKind kind, long rows, int cols, OutputOptions output, MatrixFormat format,
      boolean randomOrder, long seed, int partitions, int digits, boolean header, Double gap, Double kappa, Integer rank,
      Double residual, Integer heavy, Double alpha, Integer groups, Integer blockRows, Double noise, Integer nnzPerRow,
      Integer spikeSupport, boolean quiet) {
    this(kind, rows, cols, output, format, randomOrder, seed, partitions, digits, header, gap, kappa, rank, residual, heavy,
        alpha, groups, blockRows, noise, nnzPerRow, spikeSupport, null, quiet);
  }

  /** The configuration without sparsity (the parameter list before the sparse-regression kind existed). */
  public GenerateConfig(MatrixKind kind, long rows, int cols, OutputOptions output, MatrixFormat format,
      boolean randomOrder, long seed, int partitions, int digits, boolean header, Double gap, Double kappa, Integer rank,
      Double residual, Integer heavy, Double alpha, Integer groups, Integer blockRows, Double noise, Integer nnzPerRow,
      Integer spikeSupport, double[] spikes, boolean quiet) {
    this(kind, rows, cols, output, format, randomOrder, seed, partitions, digits, header, gap, kappa, rank, residual, heavy,
        alpha, groups, blockRows, noise, nnzPerRow, spikeSupport, spikes, null, quiet);
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

  /** A builder with {@code randnla generate}'s defaults; no output unless one is set (the run returns its result). */
  public static Builder builder() {
    return new Builder().randomOrder(true);
  }

  /** Builds a {@link GenerateConfig}: a setter per component; {@link #build()} runs the constructor's checks. */
  public static final class Builder extends JobConfigBuilder<GenerateConfig, Builder> {
    public Builder kind(MatrixKind kind) { return set("kind", kind); }
    public Builder rows(long rows) { return set("rows", rows); }
    public Builder cols(int cols) { return set("cols", cols); }
    public Builder format(MatrixFormat format) { return set("format", format); }
    public Builder randomOrder(boolean randomOrder) { return set("randomOrder", randomOrder); }
    public Builder seed(long seed) { return set("seed", seed); }
    public Builder partitions(int partitions) { return set("partitions", partitions); }
    public Builder digits(int digits) { return set("digits", digits); }
    public Builder header(boolean header) { return set("header", header); }
    public Builder gap(Double gap) { return set("gap", gap); }
    public Builder kappa(Double kappa) { return set("kappa", kappa); }
    public Builder rank(Integer rank) { return set("rank", rank); }
    public Builder residual(Double residual) { return set("residual", residual); }
    public Builder heavy(Integer heavy) { return set("heavy", heavy); }
    public Builder alpha(Double alpha) { return set("alpha", alpha); }
    public Builder groups(Integer groups) { return set("groups", groups); }
    public Builder blockRows(Integer blockRows) { return set("blockRows", blockRows); }
    public Builder noise(Double noise) { return set("noise", noise); }
    public Builder nnzPerRow(Integer nnzPerRow) { return set("nnzPerRow", nnzPerRow); }
    public Builder spikeSupport(Integer spikeSupport) { return set("spikeSupport", spikeSupport); }
    public Builder spikes(double[] spikes) { return set("spikes", spikes); }
    public Builder sparsity(Integer sparsity) { return set("sparsity", sparsity); }

    private Builder() {
      super(GenerateConfig.class);
    }
  }
}
