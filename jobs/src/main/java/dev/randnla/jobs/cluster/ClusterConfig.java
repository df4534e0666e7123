package dev.randnla.jobs.cluster;

import dev.randnla.io.InputOptions;
import dev.randnla.io.MatrixFormat;
import dev.randnla.io.OutputOptions;
import dev.randnla.io.Violations;
import dev.randnla.jobs.JobConfig;
import dev.randnla.jobs.JobConfigBuilder;
import java.util.Objects;

/**
 * What {@code cluster} reads, how it clusters and where it writes.
 *
 * @param input the input matrix (with {@code keyCol} when blocks are by key)
 * @param output the output directory (or {@link OutputOptions#none()})
 * @param blockBy blocks by key column or by input file
 * @param rank r, the rank every cluster is compressed to
 * @param eps ε, the largest rank-r relative error a cluster may have, in (0, 1)
 * @param algorithm how candidate clusters are bounded
 * @param order the order candidates are tried in
 * @param patience clusters in a row that accept nothing before the rest become singletons
 * @param oversampling extra directions tracked beyond r (approximate and exact)
 * @param blockRank keep only each block's top this-many directions (0: exact factors)
 * @param writeCompressed write every compressed row's coordinates in its cluster's basis (one more pass)
 * @param searchSeconds driver time budget of the local search after the greedy pass (0: no search)
 * @param quiet no progress output
 */
public record ClusterConfig(InputOptions input, OutputOptions output, BlockBy blockBy, int rank, double eps,
    ClusterAlgorithm algorithm, BlockOrder order, int patience, int oversampling, int blockRank,
    boolean writeCompressed, double searchSeconds, boolean quiet) implements JobConfig {

  public static final int DEFAULT_RANK = 20;
  public static final double DEFAULT_EPS = 0.05;
  public static final int DEFAULT_PATIENCE = 10;
  public static final int DEFAULT_OVERSAMPLING = 5;
  /** Default driver time budget of the local search: far above what it needs on 10⁴ blocks of d ≤ 2048. */
  public static final double DEFAULT_SEARCH_SECONDS = 60;

  public ClusterConfig {
    Violations v = JobConfig.violations(input);
    output = JobConfig.outputOrNone(output);
    blockBy = Objects.requireNonNullElse(blockBy, BlockBy.KEY);
    algorithm = Objects.requireNonNullElse(algorithm, ClusterAlgorithm.AUTO);
    order = Objects.requireNonNullElse(order, BlockOrder.RESIDUAL);
    v.require(rank >= 1, "--rank must be positive: " + rank);
    v.require(eps > 0 && eps < 1, "--eps must be in (0, 1): " + eps);
    v.require(patience >= 1, "--patience must be positive: " + patience);
    v.require(oversampling >= 0, "--oversampling must be non-negative: " + oversampling);
    v.require(searchSeconds >= 0 && !Double.isInfinite(searchSeconds),
        "--search-seconds must be a finite number >= 0 (0: no local search): " + searchSeconds);
    v.require(blockRank >= 0, "--block-rank must be non-negative (0 keeps exact block factors): " + blockRank);
    if (input != null && blockBy == BlockBy.KEY && input.keyCol() == null) {
      v.add(input.format() == MatrixFormat.LIBSVM
          ? "LIBSVM input has no key column: use --block-by file (one block per input file)"
          : "--block-by key needs --key-col (the column holding each row's block key), or use --block-by file");
    }
    v.require(input == null || blockBy != BlockBy.FILE || input.keyCol() == null,
        "--block-by file makes one block per input file: drop --key-col (or use --block-by key)");
    v.throwIfAny();
  }

  /** The defaults of the paper's tables: r = 20, ε = 0.05, residual order, patience 10, oversampling 5. */
  public static ClusterConfig of(InputOptions input, OutputOptions output, BlockBy blockBy) {
    return new ClusterConfig(input, output, blockBy, DEFAULT_RANK, DEFAULT_EPS, ClusterAlgorithm.AUTO,
        BlockOrder.RESIDUAL, DEFAULT_PATIENCE, DEFAULT_OVERSAMPLING, 0, false, DEFAULT_SEARCH_SECONDS, true);
  }

  public ClusterConfig withRank(int r) {
    return builder().from(this).rank(r).build();
  }

  public ClusterConfig withEps(double e) {
    return builder().from(this).eps(e).build();
  }

  public ClusterConfig withAlgorithm(ClusterAlgorithm a) {
    return builder().from(this).algorithm(a).build();
  }

  /** A builder with {@code randnla cluster}'s defaults; no output unless one is set (the run returns its result). */
  public static Builder builder() {
    return new Builder().rank(DEFAULT_RANK).eps(DEFAULT_EPS).patience(DEFAULT_PATIENCE).oversampling(DEFAULT_OVERSAMPLING).searchSeconds(DEFAULT_SEARCH_SECONDS);
  }

  /** Builds a {@link ClusterConfig}: a setter per component; {@link #build()} runs the constructor's checks. */
  public static final class Builder extends JobConfigBuilder.WithInput<ClusterConfig, Builder> {
    public Builder blockBy(BlockBy blockBy) { return set("blockBy", blockBy); }
    public Builder rank(int rank) { return set("rank", rank); }
    public Builder eps(double eps) { return set("eps", eps); }
    public Builder algorithm(ClusterAlgorithm algorithm) { return set("algorithm", algorithm); }
    public Builder order(BlockOrder order) { return set("order", order); }
    public Builder patience(int patience) { return set("patience", patience); }
    public Builder oversampling(int oversampling) { return set("oversampling", oversampling); }
    public Builder blockRank(int blockRank) { return set("blockRank", blockRank); }
    public Builder writeCompressed(boolean writeCompressed) { return set("writeCompressed", writeCompressed); }
    public Builder searchSeconds(double searchSeconds) { return set("searchSeconds", searchSeconds); }

    private Builder() {
      super(ClusterConfig.class);
    }
  }
}
