package dev.randnla.jobs.cluster;

import dev.randnla.io.CliEnums;
import dev.randnla.jobs.Configs;
import dev.randnla.jobs.InputMixin;
import dev.randnla.jobs.OutputMixin;
import dev.randnla.jobs.RunMixin;
import dev.randnla.jobs.Sessions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code randnla cluster}. */
@Command(name = "cluster", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Groups blocks of rows into clusters of low rank-r relative error.",
    description = {
        "Concatenated-matrix SVD clustering (Shamrai 2026, arXiv 2601.11626). Groups",
        "blocks of rows (rows sharing a --key-col value, or one input file each) into",
        "clusters whose stacked rows M have rank-r relative error",
        "  sqrt(1 - sum_{i<=r} s_i(M)^2 / ||M||_F^2) <= --eps,",
        "so a cluster is stored as one r x d basis plus r coefficients per row. Greedy:",
        "the largest remaining block seeds a cluster, the others join in --order while",
        "the --algorithm's bound stays <= eps. Then a local search (--search-seconds)",
        "merges clusters and grows new clusters around blocks left raw, whenever that",
        "lowers the storage. Every bound is an upper bound on the true error.",
        "",
        "Passes: one for per-block statistics (rows, energy, an exact factor); one that",
        "verifies each compressed cluster with a TSQR of its rows (a cluster above eps",
        "is split into blocks stored as they are and counted as a violation); one more",
        "with --write-compressed. Deterministic: no random choices (--seed is unused).",
        "",
        "Driver memory: the block factors, sum of min(rows, d)*d doubles (with",
        "--block-rank S: min(rows, S)*d), plus about 4 d x d; checked after the",
        "statistics pass and refused with exit code 4 and a setting that fits.",
        "",
        "Outputs: summary.json; assignments.csv (header key,cluster); clusters.csv",
        "(header id,blocks,rows,bound,verifiedError,storage,representation; the",
        "representation is basis or raw); bases/ID.csv",
        "(the r x d basis of each compressed cluster, one vector per line); with",
        "--write-compressed, compressed/ (id, cluster, c1..cr per compressed row).",
        ""})
public final class ClusterCommand implements Callable<Integer> {
  @Mixin InputMixin input;

  @Option(names = "--block-by", paramLabel = "WHAT", defaultValue = "key",
      description = "key (default): a block is the rows with the same --key-col value. file: a block is one input file.")
  String blockBy;

  @Option(names = "--rank", paramLabel = "R", defaultValue = "" + ClusterConfig.DEFAULT_RANK,
      description = "r, the rank of every cluster's shared basis. Default ${DEFAULT-VALUE}.")
  int rank;

  @Option(names = "--eps", paramLabel = "EPS", defaultValue = "" + ClusterConfig.DEFAULT_EPS,
      description = "The largest rank-r relative error a cluster may have, in (0, 1). Default ${DEFAULT-VALUE}.")
  double eps;

  @Option(names = "--algorithm", paramLabel = "ALG", defaultValue = "auto",
      description = "How a candidate cluster's error is bounded. exact: top-r eigenvalues of the summed block Grams, every "
          + "decision exact (cheap Ky Fan pre-check, block Lanczos on the d x d Gram when it is not enough). approximate: "
          + "the paper's incremental truncated SVD (r + --oversampling directions), a bound that never needs d x d. residual: "
          + "incremental residual directions credited with their energies. maxnorm: the seed's top-r energy (Weyl), the "
          + "loosest, no factors needed with --order norm. auto (default): exact when d <= "
          + ClusterAlgorithm.AUTO_EXACT_MAX_COLS + ", else approximate.")
  String algorithm;

  @Option(names = "--order", paramLabel = "ORDER", defaultValue = "residual",
      description = "residual (default): candidates most aligned with the seed's top-r subspace first (smallest relative "
          + "residual). norm: smallest Frobenius norm first.")
  String order;

  @Option(names = "--patience", paramLabel = "P", defaultValue = "" + ClusterConfig.DEFAULT_PATIENCE,
      description = "After P clusters in a row that accept no block, every remaining block is stored as it is. "
          + "Default ${DEFAULT-VALUE}.")
  int patience;

  @Option(names = "--oversampling", paramLabel = "P", defaultValue = "" + ClusterConfig.DEFAULT_OVERSAMPLING,
      description = "Directions tracked beyond r by approximate (its state) and exact (its pre-check). Default ${DEFAULT-VALUE}.")
  int oversampling;

  @Option(names = "--block-rank", paramLabel = "S", defaultValue = "0",
      description = "Keep only each block's top S directions on the driver (an SVD per block on the executors): "
          + "min(rows, S)*d doubles per block instead of min(rows, d)*d. Bounds stay valid (they credit less energy); "
          + "exact then decides with a bound. Default 0: exact factors.")
  int blockRank;

  @Option(names = "--write-compressed",
      description = "Also write compressed/: every row of a compressed cluster as its r coordinates in the cluster's "
          + "basis (costs one more pass).")
  boolean writeCompressed;

  @Option(names = "--search-seconds", paramLabel = "S", defaultValue = "" + ClusterConfig.DEFAULT_SEARCH_SECONDS,
      description = "Driver time budget of the local search that follows the greedy pass: it merges clusters and "
          + "grows new clusters around blocks left raw, taking a move only when it lowers the storage and every "
          + "cluster it touches keeps a certified bound <= eps. It stops when no move improves (the usual end: "
          + "then the result is deterministic) or when S seconds are spent. 0: greedy only. Default ${DEFAULT-VALUE}.")
  double searchSeconds;

  @Mixin OutputMixin output;
  @Mixin RunMixin run;

  @Override
  public Integer call() {
    ClusterConfig config = Configs.build(() -> new ClusterConfig(input.toOptions(), output.toOptions(),
        CliEnums.parse(BlockBy.class, "--block-by", blockBy), rank, eps,
        CliEnums.parse(ClusterAlgorithm.class, "--algorithm", algorithm), CliEnums.parse(BlockOrder.class, "--order", order),
        patience, oversampling, blockRank, writeCompressed, searchSeconds, run.quiet()));
    ClusterResult r = ClusterJob.FRAME.run(Sessions.get("randnla cluster"), config);
    run.report(() -> String.format(java.util.Locale.ROOT,
        "blocks=%d clusters=%d singletons=%d compressionRatio=%.4g maxVerifiedError=%.4g violations=%d algorithm=%s",
        r.blocks(), r.clusters().size(), r.singletons(), r.compressionRatio(), r.maxVerifiedError(), r.violations(),
        r.algorithm().cliName()));
    return 0;
  }
}
