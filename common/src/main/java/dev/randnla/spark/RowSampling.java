package dev.randnla.spark;

import dev.randnla.io.MatrixRow;
import dev.randnla.sketch.LeverageScores;
import dev.randnla.sketch.RowSampler;
import dev.randnla.sketch.ScoreStatistics;
import dev.randnla.sketch.ScoringBlock;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Scoring and Bernoulli sampling of rows in one pass (docs/algorithms.md, leverage --sample and regress --solver sample): every row is scored by
 * one or more broadcast {@link LeverageScores} (dense rows in dgemm blocks, sparse rows in O(nnz·k)),
 * a {@link Rule} turns the raw scores into output values and a sampling score uᵢ, and a
 * {@link RowSampler} keeps the row with probability qᵢ = min(1, m·uᵢ/U), decided from
 * (seed, row id) — so the sample is the same on every run and under any partitioning. A kept row
 * comes with its weight 1/qᵢ and, rescaled by qᵢ^{−1/p} (values and label), as a row of the
 * unweighted sampled problem.
 *
 * <p>{@link #sample} is the whole of leverage-score row sampling for a solver (regress's
 * {@code sample} method): it returns the kept rows on the driver. {@link #scorePartitions} is the
 * per-partition building block for jobs that also keep every row's score (the leverage job).
 *
 * <p>Row ids must be known (Parquet, {@code --id-col}, or text after a first full pass, which every
 * caller has made to build its scores). Cost: one pass; per row 2·d·k flops (dense) or 2·nnz·k.
 */
public final class RowSampling {
  private RowSampling() {}

  /** Turns the raw scores of a row (one per scorer) into output values and a sampling score. */
  @FunctionalInterface
  public interface Rule extends Serializable {
    /**
     * @param raw the row's score under each scorer, in the order they were given
     * @param out the output values to fill (length {@code width} given with the rule)
     * @return the row's sampling score uᵢ ≥ 0
     */
    double apply(double[] raw, double[] out);
  }

  /** The rule of plain leverage sampling: one scorer whose score is uᵢ; no output values (width 0). */
  public static final Rule SCORE = (raw, out) -> raw[0];

  /**
   * A kept row as read, with its probability, weight 1/q and the rescaling q^{−1/p} that turns it into a
   * row of the unweighted sampled problem (a plain class: Kryo).
   */
  public static final class SampledRow implements Serializable {
    private static final long serialVersionUID = 2L;
    private final MatrixRow row;
    private final double probability;
    private final double scale;

    /**
     * @param row the row as read (not rescaled)
     * @param scale qᵢ^{−1/p}
     */
    public SampledRow(MatrixRow row, double probability, double scale) {
      this.row = row;
      this.probability = probability;
      this.scale = scale;
    }

    /** The rescaled row (values and label multiplied by {@link #scale}, new arrays); its id is the original row's. */
    public MatrixRow row() {
      return rescaled(row, scale);
    }

    /** The row as read: with {@link #weight()} a row of the weighted sampled problem. */
    public MatrixRow original() {
      return row;
    }

    public long id() {
      return row.id();
    }

    /** qᵢ. */
    public double probability() {
      return probability;
    }

    /** qᵢ^{−1/p}, the factor {@link #row()} applies. */
    public double scale() {
      return scale;
    }

    /** The importance weight 1/qᵢ (= scale^p). */
    public double weight() {
      return RowSampler.weight(probability);
    }
  }

  /**
   * What one partition (or a merged group) produced: the statistics of every output column and of
   * the sampling scores and probabilities, the kept rows, and optionally every row's id and values.
   * A plain class (it travels through Kryo and may be cached).
   */
  public static final class ScoredPartition implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int width;
    private final ScoreStatistics[] columns;
    private final ScoreStatistics samplingScores = new ScoreStatistics();
    private final ScoreStatistics probabilities = new ScoreStatistics();
    private final List<SampledRow> kept = new ArrayList<>();
    private long keptCount;
    private long nnz;
    private long[] ids;
    private double[] values;
    private int count;

    ScoredPartition(int width, boolean keepValues) {
      this.width = width;
      this.columns = new ScoreStatistics[width];
      for (int j = 0; j < width; j++) {
        columns[j] = new ScoreStatistics();
      }
      if (keepValues) {
        ids = new long[64];
        values = new double[64 * Math.max(1, width)];
      }
    }

    void add(long id, double[] out) {
      for (int j = 0; j < width; j++) {
        columns[j].add(out[j]);
      }
      if (ids != null) {
        if (count == ids.length) {
          ids = java.util.Arrays.copyOf(ids, 2 * count);
          values = java.util.Arrays.copyOf(values, 2 * count * Math.max(1, width));
        }
        ids[count] = id;
        System.arraycopy(out, 0, values, count * width, width);
        count++;
      }
    }

    /** Folds other into this (statistics merged, kept rows appended); per-row values are not merged. */
    public ScoredPartition merge(ScoredPartition other) {
      if (other == this) {
        throw new IllegalArgumentException("cannot merge a partition into itself");
      }
      for (int j = 0; j < width; j++) {
        columns[j].merge(other.columns[j]);
      }
      samplingScores.merge(other.samplingScores);
      probabilities.merge(other.probabilities);
      kept.addAll(other.kept);
      keptCount += other.keptCount;
      nnz += other.nnz;
      ids = null;
      values = null;
      count = 0;
      return this;
    }

    /** The statistics and counts alone, without per-row values or kept rows (what a summary needs). */
    public ScoredPartition statistics() {
      ScoredPartition s = new ScoredPartition(width, false);
      for (int j = 0; j < width; j++) {
        s.columns[j].merge(columns[j]);
      }
      s.samplingScores.merge(samplingScores);
      s.probabilities.merge(probabilities);
      s.keptCount = keptCount;
      s.nnz = nnz;
      return s;
    }

    /** Statistics of output column j. */
    public ScoreStatistics column(int j) {
      return columns[j];
    }

    /** Statistics of the sampling scores uᵢ. */
    public ScoreStatistics samplingScores() {
      return samplingScores;
    }

    /** Statistics of the probabilities qᵢ: their sum is the expected sample size. */
    public ScoreStatistics probabilities() {
      return probabilities;
    }

    /** The kept rows (empty after {@link #statistics}). */
    public List<SampledRow> kept() {
      return kept;
    }

    /** How many rows were kept (also after {@link #statistics}). */
    public long keptCount() {
      return keptCount;
    }

    /** Nonzero values of the rows read. */
    public long nnz() {
      return nnz;
    }

    /** Rows with kept values. */
    public int count() {
      return count;
    }

    public long id(int i) {
      return ids[i];
    }

    /** Output values of row i (a new array). */
    public double[] values(int i) {
      return java.util.Arrays.copyOfRange(values, i * width, (i + 1) * width);
    }
  }

  /**
   * The per-partition pass: scores every row with each of {@code scorers}, applies {@code rule}
   * (which fills {@code width} values) and, when {@code sampler} is not null, decides and rescales;
   * the row's probability qᵢ is then kept as one more value (column {@code width}).
   *
   * @param keepValues keep every row's id and values in the result (for a per-row output)
   */
  public static JavaRDD<PartitionResult<ScoredPartition>> scorePartitions(MatrixInput input,
      Broadcast<LeverageScores[]> scorers, Rule rule, int width, RowSampler sampler, boolean keepValues) {
    int d = input.cols();
    return input.mapPartitions((p, rows) -> score(rows, d, scorers.value(), rule, width, sampler, keepValues));
  }

  /**
   * The work of {@link #scorePartitions} on one partition's rows, for a caller that opens the partition itself
   * (a DataFrame door that joins the values back to its own rows): rows are scored, and their values kept, in the
   * order {@code rows} yields them.
   */
  public static ScoredPartition score(Iterator<MatrixRow> rows, int d, LeverageScores[] scorers, Rule rule, int width,
      RowSampler sampler, boolean keepValues) {
    int columns = width + (sampler == null ? 0 : 1);
    ScoredPartition out = new ScoredPartition(columns, keepValues);
    ScoringBlock block = new ScoringBlock(d);
    double[][] raw = new double[scorers.length][ScoringBlock.DEFAULT_CAPACITY];
    double[] rowRaw = new double[scorers.length];
    double[] values = new double[columns];
    while (rows.hasNext()) {
      MatrixRow r = rows.next();
      out.nnz += r.nnz();
      if (block.add(r)) {
        process(block, scorers, raw, rowRaw, values, rule, sampler, out);
      }
    }
    process(block, scorers, raw, rowRaw, values, rule, sampler, out);
    return out;
  }

  private static void process(ScoringBlock block, LeverageScores[] scorers, double[][] raw, double[] rowRaw,
      double[] values, Rule rule, RowSampler sampler, ScoredPartition out) {
    if (block.isEmpty()) {
      return;
    }
    for (int j = 0; j < scorers.length; j++) {
      block.score(scorers[j], raw[j]);
    }
    for (int i = 0; i < block.size(); i++) {
      MatrixRow r = block.row(i);
      if (!r.hasId()) {
        throw new IllegalStateException("row ids are not known yet: score rows after a first full pass");
      }
      for (int j = 0; j < scorers.length; j++) {
        rowRaw[j] = raw[j][i];
      }
      double u = rule.apply(rowRaw, values);
      out.samplingScores.add(u);
      if (sampler != null) {
        double q = sampler.probability(u);
        values[values.length - 1] = q;
        out.probabilities.add(q);
        if (q > 0 && sampler.keep(r.id(), q)) {
          double s = sampler.scale(q);
          out.kept.add(new SampledRow(r, q, s));
          out.keptCount++;
        }
      }
      out.add(r.id(), values);
    }
    block.clear();
  }

  /** The row with values and label multiplied by s (new arrays). */
  static MatrixRow rescaled(MatrixRow r, double s) {
    double[] v = r.values().clone();
    for (int j = 0; j < v.length; j++) {
      v[j] *= s;
    }
    double label = r.label() * s;
    return r.isSparse() ? MatrixRow.sparse(r.key(), r.id(), label, r.block(), r.indices().clone(), v)
        : MatrixRow.dense(r.key(), r.id(), label, r.block(), v);
  }

  /** The kept rows of a sampling pass on the driver, in input order, with the pass's statistics. */
  public record Coreset(List<SampledRow> rows, double expectedSize, ScoreStatistics scores, long nnz) {
    public long size() {
      return rows.size();
    }
  }

  /**
   * Leverage-score sampling in one pass: row i is kept with qᵢ = min(1, m·τᵢ/U) (m and U from the
   * sampler; U = {@code scores.expectedTotal()} is the natural choice) and returned rescaled by
   * qᵢ^{−1/p} — with p = 2 and a stable solve (QR) of the kept rows this is the "sample" least
   * squares solver. Refuses (exit code 4) when the expected sample cannot be held on the driver.
   */
  public static Coreset sample(MatrixInput input, LeverageScores scores, RowSampler sampler, String description) {
    if (!input.rowIdsKnown()) {
      throw new IllegalStateException("row ids are not known yet: sample after a first full pass over the input");
    }
    int d = input.cols();
    long bytes = (long) Math.ceil(2 * sampler.sampleSize() + 64) * (8L * d + 96);
    Resources.requireDriver(input.spark().sparkContext(), "a row sample of expected size " + sampler.sampleSize(),
        bytes, "ask for fewer rows");
    input.spark().sparkContext().setJobDescription(description);
    Broadcast<LeverageScores[]> b = new JavaSparkContext(input.spark().sparkContext())
        .broadcast(new LeverageScores[] {scores});
    try {
      JavaRDD<PartitionResult<ScoredPartition>> scored = scorePartitions(input, b, SCORE, 0, sampler, false);
      PartitionResult<ScoredPartition> all = DeterministicTree.reduce(scored, ScoredPartition::merge,
          Resources.fanIn(input.spark().sparkContext(), (long) (sampler.sampleSize() * 8 * d) + 1024));
      ScoredPartition s = all.value();
      return new Coreset(List.copyOf(s.kept()), s.probabilities().sum(), s.samplingScores(), s.nnz());
    } finally {
      b.destroy();
    }
  }
}
