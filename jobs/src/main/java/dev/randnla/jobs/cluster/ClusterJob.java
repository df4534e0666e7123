package dev.randnla.jobs.cluster;

import dev.randnla.io.CsvMatrices;
import dev.randnla.io.MatrixRow;
import dev.randnla.io.Summary;
import dev.randnla.io.UsageException;
import dev.randnla.jobs.InputParams;
import dev.randnla.jobs.JobFrame;
import dev.randnla.linalg.Matrix;
import dev.randnla.sketch.RowFactorSketch;
import dev.randnla.spark.FileIndexer;
import dev.randnla.spark.JobRun;
import dev.randnla.spark.KeyedSketchPass;
import dev.randnla.spark.MatrixInput;
import dev.randnla.spark.Resources;
import dev.randnla.spark.RowOutputs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * {@code cluster}: concatenated-matrix SVD clustering of blocks of rows under a rank-r error bound
 * (Shamrai, "Concatenated Matrix SVD: Compression Bounds, Incremental Approximation, and
 * Error-Constrained Clustering", arXiv 2601.11626, 2026; docs/algorithms.md, cluster), distributed. A block is
 * the rows sharing a key (or an input file); a cluster is the stack of its blocks, stored as a
 * shared rank-r basis and per-row coefficients when its rank-r relative error
 * e_r = sqrt(1 − Σ_{i≤r}σᵢ² / ‖M‖_F²) is at most ε.
 *
 * <ol>
 *   <li>Statistics pass: rows grouped by block ({@link KeyedSketchPass}); each block's rows, energy
 *       and an exact factor F (the rows themselves up to d rows, their TSQR R beyond), merged in
 *       partition order so small blocks are bitwise the same under any partitioning.</li>
 *   <li>On the driver, the greedy loop ({@link GreedyClustering}) with the chosen bound: exact
 *       (top-r eigenvalues of the summed Grams), approximate (incremental truncated SVD), residual
 *       or maxnorm. Every bound is an upper bound on the true error in exact arithmetic.</li>
 *   <li>Verification pass: the TSQR factor of every compressed cluster's stacked rows gives its true
 *       error and its rank-r basis. A cluster whose true error exceeds ε is split into blocks stored
 *       as they are (and counted in {@code violations}): no cluster is ever reported as meeting ε
 *       when it does not.</li>
 *   <li>With {@code --write-compressed}, one more pass writes every compressed row's coefficients.</li>
 * </ol>
 *
 * <p>Driver memory: the block factors, Σ_k min(c_k, d)·d doubles (never more than the d×d Gram per
 * block, often far less), or Σ_k min(c_k, s)·d with {@code --block-rank s}; plus about 4·d² for the
 * exact and residual bounds. Checked after the statistics pass (it needs the block sizes), before
 * any factor reaches the driver; refused with exit code 4 and a setting that fits.
 */
public final class ClusterJob {
  /** Driver bytes per block besides its factor (key, counts, list entries). */
  private static final long BYTES_PER_BLOCK = 256;

  private ClusterJob() {}

  /** The job's doors ({@link JobFrame}); an input already open needs a key column. */
  public static final JobFrame<ClusterConfig, ClusterResult> FRAME = JobFrame.of("cluster", ClusterJob::compute);

  private static ClusterResult compute(JobRun run, ClusterConfig config, MatrixInput input) {
    SparkSession spark = run.spark();
    int d = input.cols();
    int r = config.rank();
    if (r > d) {
      throw new UsageException("--rank must be in [1, cols=" + d + "]: " + r);
    }
    ClusterAlgorithm algorithm = config.algorithm().resolve(d);
    boolean needFactors = algorithm.needsFactors() || config.order() == BlockOrder.RESIDUAL;
    SparkContext sc = spark.sparkContext();
    long working = needFactors ? workingBytes(d) : 0;
    if (needFactors) {
      Resources.requireDriver(sc, "the " + algorithm.cliName() + " clustering's d×d working matrices (d = " + d + ")",
          working, "--algorithm maxnorm --order norm keeps only a few numbers per block on the driver");
    }
    Summary summary = run.summary();
    recordParams(summary, config, input, algorithm);

    KeyedSketchPass.KeyFunction<String> blockOf = blockKeys(input, config.blockBy());
    List<Block> blocks = statistics(run, input, blockOf, config, algorithm, needFactors, working);
    long rows = 0;
    for (Block b : blocks) {
      rows += b.rows();
    }

    ErrorBound bound = switch (algorithm) {
      case EXACT -> new ExactBound(r, config.oversampling(), d, config.eps());
      case APPROXIMATE -> new IncrementalSvdBound(r, config.oversampling(), d);
      case RESIDUAL -> new ResidualBound(r, d);
      case MAXNORM -> new MaxNormBound(r, d);
      case AUTO -> throw new IllegalStateException("auto is resolved before clustering");
    };
    GreedyClustering greedy = new GreedyClustering(r, d, config.eps(), config.patience(), config.order(), bound);
    if (config.searchSeconds() > 0) {
      greedy.keepGrams(Resources.driverHeap() / 4);
    }
    int total = blocks.size();
    long[] lastLog = {System.nanoTime()};
    List<GreedyClustering.Cluster> greedyClusters = run.stage("cluster", () -> greedy.run(blocks, placed -> {
      if (System.nanoTime() - lastLog[0] > 5_000_000_000L) {
        lastLog[0] = System.nanoTime();
        run.log(String.format(Locale.ROOT, "cluster: %d of %d blocks placed", placed, total));
      }
    }));
    summary.result("candidatesTried", greedy.candidatesTried());
    if (bound instanceof ExactBound exact) {
      summary.result("gramDecompositions", exact.decompositions());
    }
    List<GreedyClustering.Cluster> formed = search(run, config, blocks, greedyClusters, greedy.grams(), d, needFactors);

    List<Integer> compressedIndex = new ArrayList<>();
    for (int i = 0; i < formed.size(); i++) {
      if (compressed(formed.get(i), r, d)) {
        compressedIndex.add(i);
      }
    }
    Map<Integer, ClusterCheck> checks = compressedIndex.isEmpty() ? Map.of()
        : run.stage("verify", () -> verify(spark, input, blockOf, blocks, formed, compressedIndex, r));

    Reconciled outcome = reconcile(formed, checks, blocks, config.eps(), d, r);
    outcome.warnings().forEach(summary::warn);
    List<ClusterResult.Info> infos = outcome.infos();
    Map<Integer, Matrix> bases = outcome.bases();
    int violations = outcome.violations();

    Map<String, Integer> assignments = new LinkedHashMap<>();
    for (ClusterResult.Info info : infos) {
      for (String key : info.blockKeys()) {
        assignments.put(key, info.id());
      }
    }
    writeOutputs(run, blocks, assignments, infos, bases);
    if (config.writeCompressed() && !bases.isEmpty()) {
      run.stage("compressed", () -> writeCompressed(spark, run, input, blockOf, assignments, bases, r));
    }

    Totals totals = Totals.of(infos, (double) d * rows);
    summary.result("blocks", blocks.size());
    summary.result("rows", rows);
    summary.result("cols", d);
    summary.result("clusters", infos.size());
    summary.result("singletons", totals.singletons());
    summary.result("compressedClusters", totals.compressed());
    summary.result("rawStorage", (long) d * rows);
    summary.result("storage", totals.storage());
    summary.result("compressionRatio", totals.ratio());
    summary.result("maxVerifiedError", totals.maxVerified());
    summary.result("maxBound", totals.maxBound());
    summary.result("violations", violations);
    Summary done = run.finish(input);
    double seconds = JobFrame.seconds(done);
    return new ClusterResult(algorithm, blocks.size(), rows, List.copyOf(infos), Collections.unmodifiableMap(assignments),
        Collections.unmodifiableMap(bases), totals.singletons(), totals.ratio(), totals.maxVerified(), violations,
        input.passes(), seconds, done.toJson());
  }

  /**
   * The local search after the greedy pass ({@link LocalSearch}), when it is asked for, the blocks
   * have factors and the driver holds a Gram per compressed cluster; its outcome in summary.json.
   */
  private static List<GreedyClustering.Cluster> search(JobRun run, ClusterConfig config, List<Block> blocks,
      List<GreedyClustering.Cluster> greedy, Map<Integer, Matrix> grams, int d, boolean haveFactors) {
    int r = config.rank();
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("storageGreedy", storage(greedy, r, d));
    List<GreedyClustering.Cluster> out = greedy;
    int compressedClusters = (int) greedy.stream().filter(c -> compressed(c, r, d)).count();
    long factorBytes = 0;
    for (Block b : blocks) {
      factorBytes += b.factor() == null ? 0 : 8L * b.factor().data().length;
    }
    long need = LocalSearch.workingBytes(compressedClusters, d);
    if (config.searchSeconds() <= 0) {
      report.put("stopped", "skipped: --search-seconds 0");
    } else if (!haveFactors) {
      report.put("stopped", "skipped: no block factors (maxnorm with --order norm keeps none)");
    } else if (need + factorBytes > Resources.driverHeap() / 2) {
      report.put("stopped", "skipped: its " + compressedClusters + " cluster Grams (" + need / (1L << 20)
          + " MB) do not fit the driver heap beside the block factors");
      run.summary().warn("The local search was skipped: a d×d Gram per compressed cluster (" + need / (1L << 20)
          + " MB) does not fit the driver heap beside the block factors; raise the driver memory or use --block-rank.");
    } else {
      LocalSearch.Outcome o = run.stage("search", () -> new LocalSearch(blocks, r, config.oversampling(), d,
          config.eps(), config.searchSeconds(), run::log).improve(greedy, grams));
      out = o.clusters();
      report.put("storageSearch", o.storageAfter());
      report.put("evaluations", o.evaluations());
      report.put("merges", o.merges());
      report.put("rescues", o.rescues());
      report.put("stopped", o.stopped());
    }
    run.summary().result("search", report);
    return out;
  }

  /** What a partition stores: r·(d + rows) per compressed cluster, d·rows per raw one. */
  static long storage(List<GreedyClustering.Cluster> clusters, int r, int d) {
    long s = 0;
    for (GreedyClustering.Cluster c : clusters) {
      s += compressed(c, r, d) ? (long) r * (d + c.rows()) : (long) d * c.rows();
    }
    return s;
  }

  /**
   * The statistics pass and the blocks it gives, sorted by key: sizes first, then (once the driver is
   * known to hold them) the factors.
   */
  private static List<Block> statistics(JobRun run, MatrixInput input, KeyedSketchPass.KeyFunction<String> blockOf,
      ClusterConfig config, ClusterAlgorithm algorithm, boolean needFactors, long working) {
    int d = input.cols();
    int r = config.rank();
    int blockRank = config.blockRank();
    SparkContext sc = run.spark().sparkContext();
    KeyedSketchPass.Result<String, BlockStats> pass = run.stage("statistics", () -> KeyedSketchPass.aggregate(input,
        blockOf, () -> new RowFactorSketch(d, Math.max(1, d)), BlockStats.finisher(r, blockRank, needFactors),
        Math.max(1, input.numPartitions()), "cluster: per-block statistics"));
    run.recordInput(input, null);
    List<BlockStats> stats;
    try {
      List<BlockStats> sizes = sortedByKey(pass.values().mapValues(BlockStats::withoutFactor).values().collect());
      long factorDoubles = 0;
      for (BlockStats s : sizes) {
        factorDoubles += (long) s.factorRows() * d;
      }
      long blockBytes = BYTES_PER_BLOCK * sizes.size() + (needFactors ? 8 * factorDoubles : 0);
      Resources.requireDriver(sc, "the statistics of " + sizes.size() + " blocks"
          + (needFactors ? " with their factors (" + factorDoubles + " doubles: min(rows, d)·d per block)" : ""),
          blockBytes + working, factorAdvice(sc, sizes.size(), d, r, working));
      run.summary().result("driverBytes", blockBytes + working);
      stats = needFactors ? run.stage("factors", () -> sortedByKey(pass.values().values().collect())) : sizes;
    } finally {
      pass.release();
    }
    List<Block> blocks = new ArrayList<>(stats.size());
    double truncated = 0;
    for (BlockStats s : stats) {
      blocks.add(s.toBlock(blocks.size()));
      truncated += s.truncatedEnergy();
    }
    if (blocks.isEmpty()) {
      run.summary().warn("The input has no rows: there is nothing to cluster.");
    }
    if (truncated > 0) {
      run.summary().warn(String.format(Locale.ROOT, "--block-rank %d left %.3g of the energy out of the block factors: "
          + "the bounds stay valid but are looser%s.", blockRank, truncated / totalEnergy(blocks),
          algorithm == ClusterAlgorithm.EXACT ? ", and exact decides with a bound, not the exact error" : ""));
    }
    return blocks;
  }

  /** Storage and errors over the reported clusters (docs/algorithms.md, cluster: the compression ratio). */
  record Totals(long storage, int singletons, int compressed, double maxVerified, double maxBound, double ratio) {
    static Totals of(List<ClusterResult.Info> infos, double raw) {
      long storage = 0;
      int singletons = 0;
      int compressed = 0;
      double maxVerified = 0;
      double maxBound = 0;
      for (ClusterResult.Info info : infos) {
        storage += info.storage();
        if (info.blockKeys().size() == 1) {
          singletons++;
        }
        if (info.compressed()) {
          compressed++;
          maxVerified = Math.max(maxVerified, info.verifiedError());
          maxBound = Math.max(maxBound, info.bound());
        }
      }
      return new Totals(storage, singletons, compressed, maxVerified, maxBound, storage == 0 ? 1.0 : raw / storage);
    }
  }

  private static void recordParams(Summary summary, ClusterConfig config, MatrixInput input, ClusterAlgorithm algorithm) {
    InputParams.putSource(summary, input);
    summary.param("blockBy", config.blockBy().cliName());
    if (config.input().keyCol() != null) {
      summary.param("keyCol", config.input().keyCol());
    }
    summary.param("rank", config.rank());
    summary.param("eps", config.eps());
    summary.param("algorithm", config.algorithm().cliName());
    summary.param("order", config.order().cliName());
    summary.param("patience", config.patience());
    summary.param("oversampling", config.oversampling());
    summary.param("blockRank", config.blockRank());
    summary.param("writeCompressed", config.writeCompressed());
    summary.param("searchSeconds", config.searchSeconds());
    InputParams.putReading(summary, input);
    summary.result("algorithm", algorithm.cliName());
    if (config.algorithm() == ClusterAlgorithm.AUTO) {
      summary.warn("--algorithm auto chose " + algorithm.cliName() + (algorithm == ClusterAlgorithm.EXACT
          ? " (d = " + input.cols() + " ≤ " + ClusterAlgorithm.AUTO_EXACT_MAX_COLS + ": a d×d Gram per cluster is cheap and every decision exact)."
          : " (d = " + input.cols() + " > " + ClusterAlgorithm.AUTO_EXACT_MAX_COLS + ": approximate keeps d×(r + p) per cluster instead of d×d)."));
    }
  }

  /**
   * The clusters as reported: ids in formation order, each compressed cluster with its verified
   * error and basis; a compressed cluster whose verified error exceeds ε is never reported as
   * meeting it — its blocks become clusters of their own, stored as they are (error 0), and it
   * counts as a violation (impossible in exact arithmetic: every bound is at least the true error).
   */
  record Reconciled(List<ClusterResult.Info> infos, Map<Integer, Matrix> bases, int violations, List<String> warnings) {}

  static Reconciled reconcile(List<GreedyClustering.Cluster> formed, Map<Integer, ClusterCheck> checks,
      List<Block> blocks, double eps, int d, int r) {
    List<ClusterResult.Info> infos = new ArrayList<>();
    Map<Integer, Matrix> bases = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    int violations = 0;
    for (int i = 0; i < formed.size(); i++) {
      GreedyClustering.Cluster c = formed.get(i);
      ClusterCheck check = checks.get(i);
      if (compressed(c, r, d) != (check != null)) {
        throw new IllegalStateException("cluster " + i + (check == null ? " was not verified" : " should not have been verified"));
      }
      if (check != null && check.rows() != c.rows()) {
        throw new IllegalStateException("cluster of " + c.rows() + " rows had " + check.rows()
            + " rows in the verification pass: the input changed between passes");
      }
      if (check != null && check.error() > eps) {
        violations++;
        warnings.add(String.format(Locale.ROOT, "A cluster of %d blocks had bound %.6g but verified error %.6g > eps %s; "
            + "it was split into blocks stored as they are.", c.blocks().length, c.bound(), check.error(), eps));
        for (int b : c.blocks()) {
          infos.add(info(infos.size(), List.of(blocks.get(b)), 0.0, 0.0, d, r, false));
        }
        continue;
      }
      List<Block> members = new ArrayList<>();
      for (int b : c.blocks()) {
        members.add(blocks.get(b));
      }
      if (check != null) {
        bases.put(infos.size(), check.basis());
      }
      infos.add(info(infos.size(), members, c.bound(), check == null ? 0.0 : check.error(), d, r, check != null));
    }
    return new Reconciled(List.copyOf(infos), bases, violations, warnings);
  }

  /** About four d×d matrices: the cluster Gram, a candidate's copy, the eigensolver's work, a basis. */
  static long workingBytes(int d) {
    return 4 * Resources.denseBytes(d, d);
  }

  private static String factorAdvice(SparkContext sc, int blocks, int d, int r, long working) {
    long budget = Math.min(Resources.driverHeap() / 3, Resources.maxResultSize(sc) / 2) - working
        - BYTES_PER_BLOCK * blocks;
    long s = budget / Math.max(1, 8L * blocks * d);
    String maxnorm = "--algorithm maxnorm --order norm (only a few numbers per block)";
    return s >= r ? "use --block-rank " + s + " (keeps each block's top " + s + " directions; the bounds stay valid) or "
        + maxnorm : "use " + maxnorm;
  }

  /** The block of each row: its key-column value, or the path of its file. */
  static KeyedSketchPass.KeyFunction<String> blockKeys(MatrixInput input, BlockBy by) {
    if (by == BlockBy.KEY) {
      return MatrixRow::block;
    }
    FileIndexer files = input.fileIndexer();
    String[] paths = input.files().stream().map(f -> f.path()).toArray(String[]::new);
    return row -> paths[files.fileIndex(row.key())];
  }

  private static List<BlockStats> sortedByKey(List<BlockStats> stats) {
    List<BlockStats> out = new ArrayList<>(stats);
    out.sort(Comparator.comparing(BlockStats::key));
    return out;
  }

  private static double totalEnergy(List<Block> blocks) {
    double t = 0;
    for (Block b : blocks) {
      t += b.energy();
    }
    return t;
  }

  /** Whether a cluster is stored as a rank-r basis and coefficients: several blocks, and r·(d + Σc) < d·Σc. */
  static boolean compressed(GreedyClustering.Cluster c, int r, int d) {
    return !c.singleton() && (double) r * (d + c.rows()) < (double) d * c.rows();
  }

  private static ClusterResult.Info info(int id, List<Block> members, double bound, double verified, int d, int r,
      boolean compressed) {
    long rows = 0;
    List<String> keys = new ArrayList<>();
    for (Block b : members) {
      rows += b.rows();
      keys.add(b.key());
    }
    long storage = compressed ? (long) r * (d + rows) : (long) d * rows;
    return new ClusterResult.Info(id, List.copyOf(keys), rows, bound, verified, storage, compressed);
  }

  /** The verification pass: a TSQR factor per compressed cluster, finished into its true error and basis. */
  private static Map<Integer, ClusterCheck> verify(SparkSession spark, MatrixInput input,
      KeyedSketchPass.KeyFunction<String> blockOf, List<Block> blocks, List<GreedyClustering.Cluster> formed,
      List<Integer> compressedIndex, int r) {
    int d = input.cols();
    int k = compressedIndex.size();
    // raw up to d rows per partition: the reducer then folds rows into one R per cluster instead of
    // merging d×d factors, and a task holds at most about 2·d² per cluster
    int rawRows = Math.max(1, d);
    Resources.requireTask(spark.sparkContext(), "the verification factors of " + k + " compressed clusters (d = " + d + ")",
        (long) k * (Resources.denseBytes(d, d) + Resources.denseBytes(rawRows, d)),
        "raise the executor memory, or form fewer clusters (a larger --eps)");
    HashMap<String, Integer> clusterOfBlock = new HashMap<>();
    for (int i : compressedIndex) {
      for (int b : formed.get(i).blocks()) {
        clusterOfBlock.put(blocks.get(b).key(), i);
      }
    }
    Broadcast<HashMap<String, Integer>> map = new JavaSparkContext(spark.sparkContext()).broadcast(clusterOfBlock);
    try {
      KeyedSketchPass.Result<Integer, ClusterCheck> checks = KeyedSketchPass.aggregate(input,
          row -> map.value().get(blockOf.keyOf(row)), () -> new RowFactorSketch(d, rawRows), ClusterCheck.finisher(r),
          Math.max(1, Math.min(k, input.numPartitions())), "cluster: verification");
      try {
        return new HashMap<>(checks.values().collectAsMap());
      } finally {
        checks.release();
      }
    } finally {
      map.destroy();
    }
  }

  private static void writeOutputs(JobRun run, List<Block> blocks, Map<String, Integer> assignments,
      List<ClusterResult.Info> infos, Map<Integer, Matrix> bases) {
    StringBuilder a = new StringBuilder("key,cluster\n");
    for (Block b : blocks) {
      a.append(csvField(b.key())).append(',').append(assignments.get(b.key())).append('\n');
    }
    run.writeText("assignments.csv", a.toString());
    StringBuilder c = new StringBuilder("id,blocks,rows,bound,verifiedError,storage,representation\n");
    for (ClusterResult.Info info : infos) {
      c.append(info.id()).append(',').append(info.blockKeys().size()).append(',').append(info.rows()).append(',')
          .append(info.bound()).append(',').append(info.verifiedError()).append(',').append(info.storage()).append(',')
          .append(info.compressed() ? "basis" : "raw").append('\n');
    }
    run.writeText("clusters.csv", c.toString());
    bases.forEach((id, basis) -> run.writeText("bases/" + id + ".csv", CsvMatrices.format(basis.transpose())));
  }

  /** Quotes a CSV field when it holds a comma, a quote or a line break. */
  static String csvField(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  /** One more pass: each row of a compressed cluster as (id, [cluster, c₁ … c_r]) with cⱼ = ⟨row, basisⱼ⟩. */
  private static void writeCompressed(SparkSession spark, JobRun run, MatrixInput input,
      KeyedSketchPass.KeyFunction<String> blockOf, Map<String, Integer> assignments, Map<Integer, Matrix> bases, int r) {
    HashMap<String, Integer> clusterOfBlock = new HashMap<>();
    assignments.forEach((key, id) -> {
      if (bases.containsKey(id)) {
        clusterOfBlock.put(key, id);
      }
    });
    HashMap<Integer, double[][]> vectors = new HashMap<>();
    bases.forEach((id, basis) -> {
      double[][] v = new double[basis.cols()][];
      for (int j = 0; j < v.length; j++) {
        v[j] = basis.column(j);
      }
      vectors.put(id, v);
    });
    JavaSparkContext jsc = new JavaSparkContext(spark.sparkContext());
    Broadcast<HashMap<String, Integer>> map = jsc.broadcast(clusterOfBlock);
    Broadcast<HashMap<Integer, double[][]>> basisOf = jsc.broadcast(vectors);
    try {
      spark.sparkContext().setJobDescription("cluster: compressed coefficients");
      JavaRDD<Tuple2<Long, double[]>> rows = input.rows().flatMap(row -> {
        Integer id = map.value().get(blockOf.keyOf(row));
        if (id == null) {
          return Collections.emptyIterator();
        }
        double[][] v = basisOf.value().get(id);
        double[] out = new double[1 + r];
        out[0] = id;
        for (int j = 0; j < v.length; j++) {
          out[1 + j] = row.dot(v[j]);
        }
        return Collections.singletonList(new Tuple2<>(row.id(), out)).iterator();
      });
      List<String> columns = new ArrayList<>();
      columns.add("cluster");
      for (int j = 1; j <= r; j++) {
        columns.add("c" + j);
      }
      RowOutputs.write(run, "compressed", rows, columns);
    } finally {
      map.destroy();
      basisOf.destroy();
    }
  }
}
