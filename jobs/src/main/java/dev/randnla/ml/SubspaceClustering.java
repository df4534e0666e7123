package dev.randnla.ml;

import dev.randnla.io.CliEnums;
import dev.randnla.jobs.cluster.BlockBy;
import dev.randnla.jobs.cluster.BlockOrder;
import dev.randnla.jobs.cluster.ClusterAlgorithm;
import dev.randnla.jobs.cluster.ClusterConfig;
import dev.randnla.jobs.cluster.ClusterJob;
import dev.randnla.jobs.cluster.ClusterResult;
import dev.randnla.ml.SharedParams.HasKeyCol;
import dev.randnla.ml.SharedParams.HasPredictionCol;
import dev.randnla.spark.DatasetSource;
import dev.randnla.spark.MatrixInput;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Groups blocks of rows into clusters of low rank-r relative error — {@code randnla cluster} (by key) as a
 * Spark ML Estimator: a block is the rows sharing a {@code keyCol} value, a cluster is a stack of blocks
 * whose rank-r relative error is at most ε, stored as one shared basis (Shamrai 2026, arXiv 2601.11626;
 * docs/algorithms.md, cluster, for the bounds, the local search, the passes and driver memory).
 * {@link #fit} runs the same job code as the command line ({@link ClusterJob}) on the DataFrame's own
 * partitions, with no files: the same rows in the same partitioning give the CLI's assignments and bases
 * bitwise. The job draws no random numbers, so there is no seed.
 *
 * <p>The model holds each block key's cluster, the basis of every compressed cluster and the fit's summary;
 * its {@code transform} adds {@code predictionCol}, the cluster of each row's key (null for a key the fit
 * did not see, or a null key: such a row belongs to no cluster the model knows).
 *
 * <p>Input: {@code featuresCol} holds ml Vectors (dense or sparse) or {@code array<double>}, {@code keyCol}
 * strings or numbers (their string form is the key, as the CLI's Parquet reader casts it). A row with NaN,
 * ±Inf, a null vector or a null key fails the fit with an {@code InvalidInputException} naming the column,
 * partition and row, or is dropped with {@code badRows = skip}.
 */
public final class SubspaceClustering extends RandnlaEstimator<SubspaceClusteringModel, SubspaceClustering>
    implements HasKeyCol<SubspaceClustering>, HasPredictionCol<SubspaceClustering> {
  private static final long serialVersionUID = 1L;

  private final Param<String> keyCol;
  private final Param<String> predictionCol;
  private final IntParam rank;
  private final DoubleParam eps;
  private final Param<String> algorithm;
  private final Param<String> order;
  private final IntParam patience;
  private final IntParam oversampling;
  private final IntParam blockRank;
  private final DoubleParam searchSeconds;

  public SubspaceClustering() {
    this(Identifiable.randomUID("subspaceClustering"));
  }

  public SubspaceClustering(String uid) {
    super(uid);
    keyCol = MlSupport.column(this, "keyCol", "The block key of each row (--key-col): a string or numeric column; "
        + "the rows with the same value form one block.");
    predictionCol = MlSupport.column(this, "predictionCol",
        "The model's output: the cluster id of each row's block (an int; null for a key the fit did not see).");
    rank = new IntParam(this, "rank", "r, the rank of every cluster's shared basis (--rank); at most d.",
        ParamValidators.gtEq(1));
    eps = new DoubleParam(this, "eps", "The largest rank-r relative error a cluster may have, in (0, 1) (--eps).",
        ParamValidators.inRange(0, 1, false, false));
    algorithm = MlSupport.choice(this, "algorithm", "How a candidate cluster's error is bounded (--algorithm): exact "
        + "(top-r eigenvalues of the summed block Grams), approximate (incremental truncated SVD), residual, maxnorm "
        + "(the loosest); auto: exact when d <= " + ClusterAlgorithm.AUTO_EXACT_MAX_COLS + ", else approximate.",
        ClusterAlgorithm.class);
    order = MlSupport.choice(this, "order", "The order candidates are tried in (--order): residual (most aligned with "
        + "the seed's top-r subspace first) or norm (smallest Frobenius norm first).", BlockOrder.class);
    patience = new IntParam(this, "patience", "After this many clusters in a row that accept no block, every "
        + "remaining block is stored as it is (--patience).", ParamValidators.gtEq(1));
    oversampling = new IntParam(this, "oversampling",
        "Directions tracked beyond r by approximate and exact (--oversampling).", ParamValidators.gtEq(0));
    blockRank = new IntParam(this, "blockRank", "Keep only each block's top S directions on the driver; 0: exact "
        + "factors (--block-rank).", ParamValidators.gtEq(0));
    searchSeconds = new DoubleParam(this, "searchSeconds", "Driver time budget of the local search after the greedy "
        + "pass; 0: greedy only (--search-seconds). Deterministic unless the budget runs out.",
        ParamValidators.gtEq(0));
    setDefault(keyCol, "key");
    setDefault(predictionCol, "prediction");
    setDefault(rank, ClusterConfig.DEFAULT_RANK);
    setDefault(eps, ClusterConfig.DEFAULT_EPS);
    setDefault(algorithm, ClusterAlgorithm.AUTO.cliName());
    setDefault(order, BlockOrder.RESIDUAL.cliName());
    setDefault(patience, ClusterConfig.DEFAULT_PATIENCE);
    setDefault(oversampling, ClusterConfig.DEFAULT_OVERSAMPLING);
    setDefault(blockRank, 0);
    setDefault(searchSeconds, ClusterConfig.DEFAULT_SEARCH_SECONDS);
  }

  // the Params (with featuresCol and badRows): Spark ML lists them by reflection (public, no arguments)
  public Param<String> keyCol() { return keyCol; }
  public Param<String> predictionCol() { return predictionCol; }
  public IntParam rank() { return rank; }
  public DoubleParam eps() { return eps; }
  public Param<String> algorithm() { return algorithm; }
  public Param<String> order() { return order; }
  public IntParam patience() { return patience; }
  public IntParam oversampling() { return oversampling; }
  public IntParam blockRank() { return blockRank; }
  public DoubleParam searchSeconds() { return searchSeconds; }

  public int getRank() { return (Integer) getOrDefault(rank); }
  public double getEps() { return (Double) getOrDefault(eps); }
  public String getAlgorithm() { return getOrDefault(algorithm); }
  public String getOrder() { return getOrDefault(order); }
  public int getPatience() { return (Integer) getOrDefault(patience); }
  public int getOversampling() { return (Integer) getOrDefault(oversampling); }
  public int getBlockRank() { return (Integer) getOrDefault(blockRank); }
  public double getSearchSeconds() { return (Double) getOrDefault(searchSeconds); }

  public SubspaceClustering setRank(int value) { set(rank, value); return this; }
  public SubspaceClustering setEps(double value) { set(eps, value); return this; }
  public SubspaceClustering setAlgorithm(String value) { set(algorithm, value); return this; }
  public SubspaceClustering setOrder(String value) { set(order, value); return this; }
  public SubspaceClustering setPatience(int value) { set(patience, value); return this; }
  public SubspaceClustering setOversampling(int value) { set(oversampling, value); return this; }
  public SubspaceClustering setBlockRank(int value) { set(blockRank, value); return this; }
  public SubspaceClustering setSearchSeconds(double value) { set(searchSeconds, value); return this; }

  /** The job's configuration for an input opened from a DataFrame (blocks by key; no output: nothing is written). */
  ClusterConfig config(MatrixInput input) {
    return ClusterConfig.builder().input(input.options()).blockBy(BlockBy.KEY).rank(getRank()).eps(getEps())
        .algorithm(CliEnums.parse(ClusterAlgorithm.class, "algorithm", getAlgorithm()))
        .order(CliEnums.parse(BlockOrder.class, "order", getOrder())).patience(getPatience())
        .oversampling(getOversampling()).blockRank(getBlockRank()).searchSeconds(getSearchSeconds()).quiet(true)
        .build();
  }

  @Override
  public SubspaceClusteringModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    MatrixInput input = MlSupport.openKeyed(dataset, getFeaturesCol(), getKeyCol(), getBadRows());
    ClusterResult r = ClusterJob.FRAME.run(config(input), input);
    SubspaceClusteringModel model = new SubspaceClusteringModel(uid(), input.cols(), r.assignments(), r.bases(),
        r.compressionRatio(), r.summaryJson());
    return fitted(model);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    DatasetSource.requireKeyColumn(schema, getKeyCol());
    return MlSupport.withOutput(schema, getFeaturesCol(), getPredictionCol(), DataTypes.IntegerType);
  }

  public static MLReader<SubspaceClustering> read() {
    return new DefaultParamsReader<>();
  }

  public static SubspaceClustering load(String path) {
    return read().load(path);
  }
}
