package dev.randnla.jobs.leverage;

import dev.randnla.io.ResourceLimitException;
import dev.randnla.io.Summary;
import dev.randnla.io.UsageException;
import dev.randnla.jobs.InputParams;
import dev.randnla.jobs.JobFrame;
import dev.randnla.jobs.leverage.LeverageConfig.Method;
import dev.randnla.jobs.leverage.LeverageConfig.SampleRule;
import dev.randnla.jobs.leverage.LeverageConfig.SketchType;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.SingularValueDecomposition;
import dev.randnla.sketch.CountSketch;
import dev.randnla.sketch.LeverageScores;
import dev.randnla.sketch.LewisPassSketch;
import dev.randnla.sketch.LewisWeights;
import dev.randnla.sketch.OsnapSketch;
import dev.randnla.sketch.RowSampler;
import dev.randnla.sketch.ScoreStatistics;
import dev.randnla.sketch.ScoringBlock;
import dev.randnla.sketch.TsqrSketch;
import dev.randnla.spark.DeterministicTree;
import dev.randnla.spark.JobRun;
import dev.randnla.spark.MatrixInput;
import dev.randnla.spark.PartitionResult;
import dev.randnla.spark.Resources;
import dev.randnla.spark.RowOutputs;
import dev.randnla.spark.RowSampling;
import dev.randnla.spark.RowSampling.ScoredPartition;
import dev.randnla.spark.SketchPass;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * {@code leverage}: leverage scores, ridge leverage scores and ℓp Lewis weights of the rows of a
 * tall matrix, with optional Bernoulli sampling of a weighted coreset (docs/algorithms.md, leverage).
 *
 * <ul>
 *   <li>{@code exact}: pass 1 a stable TSQR gives R; pass 2 scores τᵢ = ‖aᵢᵀ·pinv(R)‖² = ‖R⁻ᵀaᵢ‖²
 *       (rows numbered from pass 1's counts). Rank-deficient A: pseudo-inverse over the singular
 *       values of R above the rank tolerance; Σ τᵢ = rank.
 *   <li>{@code approx}: pass 1 a CountSketch or OSNAP sketch S·A (r₁ = max(10·d, 256) rows, O(nnz))
 *       gives R_s;
 *       pass 2 scores ‖aᵢᵀR_s⁻¹Π‖² with Π Gaussian d×k (k = 100; skipped when k ≥ rank). Health
 *       check: Σ τ̂ / rank within 1 ± 0.2.
 *   <li>{@code ridge}: as exact with (RᵀR + λI)⁻¹; the scores sum to d_eff(λ), known exactly from
 *       the singular values of R.
 *   <li>{@code lewis}: pass 1 TSQR (M₀ = AᵀA), then one pass per fixed-point iteration
 *       ({@link LewisWeights}), then the scoring pass; per row the Lewis weight and the ℓp
 *       sensitivity upper bound (wᵢ for p ≤ 2, r^{p/2−1}·wᵢ above).
 * </ul>
 * The last pass also draws the coreset ({@code --sample m}): qᵢ = min(1, m·uᵢ/U) with U the exact
 * total known before the pass (rank, d_eff, or the fixed point's), decided from (seed, row id),
 * each kept row written as read with its weight 1/qᵢ ({@link CoresetWriter}). Its per-partition results are cached
 * (MEMORY_AND_DISK, ≈ 8·(1 + columns) bytes per row) so the summary, the scores and the coreset
 * are written from one read.
 *
 * <p>Partitioning: exact, ridge and lewis scores agree across partition counts to rounding (the
 * TSQR tree differs); approx scores too (the sketch is a sum); for a fixed partitioning every run is
 * bitwise identical. Sample decisions depend only on (seed, id, score), so the same rows are kept
 * unless a score lies within rounding of a decision threshold.
 *
 * <p>Cost: passes as above; per row ≈ 2·d² flops (TSQR) + 2·d·r (scores), or O(s·nnz) + 2·nnz·k for
 * approx; driver memory O(d²) (exact, ridge, lewis) or O(r₁·d) (approx), checked before the first
 * pass (exit code 4 when it does not fit).
 */
public final class LeverageJob {
  private LeverageJob() {}

  /** Σ τ / expected must be within this of 1 for exact and ridge scores (rounding only). */
  static final double EXACT_SUM_TOLERANCE = 1e-8;
  /** Σ τ̂ / rank must be within this of 1 for approximate scores (docs/algorithms.md, leverage --method approx). */
  static final double APPROX_SUM_TOLERANCE = 0.2;

  /** What the final pass applies, built by each method; the rank reported; the Lewis iteration's record, or null. */
  private record Plan(RowScoring scoring, int rank, LewisWeights.Iteration lewis) {}

  /** The job's doors ({@link JobFrame}). */
  public static final JobFrame<LeverageConfig, LeverageResult> FRAME = JobFrame.of("leverage", LeverageJob::compute);

  private static LeverageResult compute(JobRun run, LeverageConfig config, MatrixInput input) {
    int d = input.cols();
    requireResources(run.spark().sparkContext(), config, d);
    double rankTol = config.rankTolerance() != null ? config.rankTolerance() : LeverageScores.defaultRankTolerance(d);
    recordParams(run.summary(), config, input, rankTol);
    run.summary().result("method", config.method().cliName());
    run.log("leverage --method " + config.method().cliName() + " on " + input.uri() + " (" + d + " columns, "
        + input.numPartitions() + " partitions)");
    Plan plan = plan(run, input, config, rankTol);
    RowSampler sampler = config.sampleSize() == null ? null : plan.scoring().sampler(config.sampleSize(), config.seed());
    ScoredPartition totals = scoreAndWrite(run, input, plan, sampler);
    return finish(run, input, config, plan, totals, sampler, rankTol);
  }

  /** The passes before the last: what each method needs to score every row. */
  private static Plan plan(JobRun run, MatrixInput input, LeverageConfig config, double rankTol) {
    Summary summary = run.summary();
    switch (config.method()) {
      case EXACT -> {
        LeverageScores s = LeverageScores.fromFactor(tsqr(run, input), rankTol);
        recordCondition(summary, "conditionNumber", s);
        return new Plan(RowScoring.leverage(s), s.rank(), null);
      }
      case RIDGE -> {
        LeverageScores s = LeverageScores.ridge(tsqr(run, input), config.lambda());
        int rank = SingularValueDecomposition.numericalRank(s.singularValues(), rankTol);
        summary.result("effectiveDimension", s.expectedTotal());
        summary.result("conditionNumber", rank == 0 ? 1.0 : s.singularValues()[0] / s.singularValues()[rank - 1]);
        summary.result("conditionNumberKind", "2-norm");
        return new Plan(RowScoring.leverage(s), rank, null);
      }
      case APPROX -> {
        LeverageScores s = approximate(run, input, config, rankTol);
        recordCondition(summary, "sketchConditionNumber", s);
        summary.result("projectionColumns", s.width());
        summary.result("gaussianProjection", s.width() < s.rank());
        return new Plan(RowScoring.leverage(s), s.rank(), null);
      }
      case LEWIS -> {
        LeverageScores leverage = LeverageScores.spectral(tsqr(run, input), rankTol);
        recordCondition(summary, "conditionNumber", leverage);
        return lewisPlan(config, iterate(run, input, config, leverage, rankTol), leverage);
      }
      default -> throw new IllegalStateException("unknown method " + config.method());
    }
  }

  /**
   * The last pass: every row scored (and sampled), the per-partition results cached so the summary
   * statistics, {@code scores/} and {@code coreset/} all come from one read.
   */
  private static ScoredPartition scoreAndWrite(JobRun run, MatrixInput input, Plan plan, RowSampler sampler) {
    SparkContext sc = input.spark().sparkContext();
    RowScoring scoring = plan.scoring();
    Broadcast<LeverageScores[]> scorers = new JavaSparkContext(sc).broadcast(scoring.scorers());
    JavaRDD<PartitionResult<ScoredPartition>> scored = RowSampling.scorePartitions(input, scorers, scoring.rule(),
        scoring.columns().size(), sampler, true).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      ScoredPartition totals = run.stage("score", () -> {
        sc.setJobDescription("leverage: score pass");
        return DeterministicTree.reduce(scored.map(r -> new PartitionResult<>(r.index(), r.value().statistics(), r.stats())),
            ScoredPartition::merge, Resources.fanIn(sc, 1024L * (scoring.columns().size() + 2))).value();
      });
      run.recordInput(input, totals.nnz());
      List<String> columns = new ArrayList<>(scoring.columns());
      if (sampler != null) {
        columns.add("probability");
      }
      run.stage("write scores", () -> RowOutputs.write(run, "scores", scored.flatMap(r -> rows(r.value())), columns));
      if (sampler != null) {
        int files = (int) Math.max(1, Math.min(scored.getNumPartitions(), totals.keptCount() / 500_000 + 1));
        run.stage("write coreset", () -> CoresetWriter.write(run, input,
            scored.flatMap(r -> r.value().kept().iterator()).coalesce(files)));
      }
      return totals;
    } finally {
      scored.unpersist(false);
      scorers.destroy();
    }
  }

  /** κ over the retained directions: the 2-norm one after an SVD, else LAPACK's 1-norm estimate. */
  private static void recordCondition(Summary summary, String key, LeverageScores s) {
    summary.result(key, s.conditionNumber());
    summary.result(key + "Kind", s.hasSpectrum() ? "2-norm" : "1-norm estimate");
  }

  /** Pass 1 of exact, ridge and lewis: the R of a stable TSQR. */
  private static Matrix tsqr(JobRun run, MatrixInput input) {
    int d = input.cols();
    Matrix r = run.stage("tsqr", () -> SketchPass.aggregate(input, () -> new TsqrSketch(d), TsqrSketch.serializedBytes(d),
        "leverage: TSQR pass").value().result());
    run.log("TSQR pass done: " + input.firstPassStats().rows() + " rows");
    return r;
  }

  /** Pass 1 of approx: S·A with CountSketch or OSNAP, then R_s and the projected scoring matrix. */
  private static LeverageScores approximate(JobRun run, MatrixInput input, LeverageConfig config, double rankTol) {
    int d = input.cols();
    int m = (int) config.sketchRowsFor(d);
    int s = config.sketchNonzerosFor(d);
    if (s > m) {
      throw new UsageException("--sketch-nonzeros (" + s + ") must be at most the sketch rows (" + m + ")");
    }
    long seed = config.seed();
    long bytes = CountSketch.serializedBytes(m, d);
    Matrix sa = run.stage("sketch", () -> config.sketchFor(d) == SketchType.COUNTSKETCH
        ? SketchPass.aggregate(input, () -> new CountSketch(m, d, seed), bytes, "leverage: CountSketch pass").value().result()
        : SketchPass.aggregate(input, () -> new OsnapSketch(m, d, s, seed), bytes, "leverage: OSNAP pass").value().result());
    run.log("sketch pass done: " + input.firstPassStats().rows() + " rows into " + m + " sketch rows");
    return run.stage("factor", () -> LeverageScores.sketched(sa, rankTol, config.kOrDefault(), seed));
  }

  /** The Lewis fixed point: one pass per iteration until the error bound meets --tol. */
  private static LewisWeights.Iteration iterate(JobRun run, MatrixInput input, LeverageConfig config,
      LeverageScores leverage, double rankTol) {
    double p = config.p();
    double beta = config.damping() != null ? config.damping() : LewisWeights.defaultDamping(p);
    LewisWeights.Iteration it = new LewisWeights.Iteration(leverage, p, beta, config.tolOrDefault(),
        config.maxIterationsOrDefault(), rankTol);
    JavaSparkContext jsc = new JavaSparkContext(input.spark().sparkContext());
    int d = input.cols();
    while (it.needsPass()) {
      Broadcast<LeverageScores> current = jsc.broadcast(it.current());
      int k = it.history().size() + 1;
      try {
        LewisPassSketch.Result pass = run.stage("lewis iterations", () -> SketchPass.aggregate(input,
            () -> new LewisPassSketch(current.value(), p), 8L * d * d + 256, "leverage: Lewis iteration " + k)
            .value().result());
        it.step(pass);
      } finally {
        current.destroy();
      }
      LewisWeights.Step step = it.history().get(it.history().size() - 1);
      run.log(String.format(Locale.ROOT, "Lewis iteration %d: sum of weights %.10g, max relative change %.3g, error bound %.3g",
          k, step.sumWeights(), step.maxRelativeChange(), step.errorBound()));
    }
    return it;
  }

  /** Final pass of lewis: weights from the last M, sensitivity bounds, optionally mixed with leverage. */
  private static Plan lewisPlan(LeverageConfig config, LewisWeights.Iteration it, LeverageScores leverage) {
    boolean mixed = config.sampleRule() == SampleRule.MIXED;
    RowScoring scoring = RowScoring.lewis(it.current(), mixed ? leverage : null, config.p());
    return new Plan(scoring, it.current().rank(), it);
  }

  /** Every row's (id, values) from a cached partition result. */
  private static Iterator<Tuple2<Long, double[]>> rows(ScoredPartition s) {
    return new Iterator<>() {
      private int i;

      @Override
      public boolean hasNext() {
        return i < s.count();
      }

      @Override
      public Tuple2<Long, double[]> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Tuple2<Long, double[]> t = new Tuple2<>(s.id(i), s.values(i));
        i++;
        return t;
      }
    };
  }

  private static LeverageResult finish(JobRun run, MatrixInput input, LeverageConfig config, Plan plan,
      ScoredPartition totals, RowSampler sampler, double rankTol) {
    Summary summary = run.summary();
    int d = input.cols();
    long n = input.firstPassStats() == null ? 0 : input.firstPassStats().rows();
    LewisWeights.Iteration lewis = plan.lewis();
    ScoreStatistics scores = totals.column(0);
    double expected = plan.scoring().expectedSum();
    double sum = scores.sum();
    double ratio = expected > 0 ? sum / expected : (sum == 0 ? 1.0 : Double.POSITIVE_INFINITY);
    double coherence = expected > 0 && n > 0 ? n * scores.max() / expected : 0.0;
    summary.result("rows", n);
    summary.result("cols", d);
    summary.result("numericalRank", plan.rank());
    summary.result("rankTolerance", rankTol);
    summary.result("sum", sum);
    summary.result("expectedSum", expected);
    summary.result("max", scores.max());
    summary.result("min", scores.min());
    summary.result("coherence", coherence);
    summary.result("zeroScores", scores.zeros());
    if (n == 0) {
      summary.warn("The input has no valid rows.");
    }
    if (plan.rank() < d && n > 0 && config.method() != Method.RIDGE) {
      summary.warn(String.format(Locale.ROOT, "A is rank deficient: numerical rank %d of %d columns at relative "
          + "tolerance %.3g; the scores use the pseudo-inverse and sum to the rank.", plan.rank(), d, rankTol));
    }
    boolean ok;
    double tolerance;
    switch (config.method()) {
      case APPROX -> {
        tolerance = APPROX_SUM_TOLERANCE;
        ok = Math.abs(ratio - 1) <= tolerance;
        if (!ok) {
          summary.warn(String.format(Locale.ROOT, "Health check failed: the approximate scores sum to %.4g times the rank "
              + "(expected within 1 ± %.1f): the sketch is not a good embedding of this matrix; raise --sketch-rows, "
              + "use --sketch osnap, or use --method exact.", ratio, tolerance));
        }
      }
      case LEWIS -> {
        tolerance = Math.max(EXACT_SUM_TOLERANCE, Math.expm1(lewis.errorBound()));
        ok = Math.abs(ratio - 1) <= tolerance;
        recordLewis(summary, config, lewis, totals, plan.rank());
      }
      default -> {
        tolerance = EXACT_SUM_TOLERANCE;
        ok = Math.abs(ratio - 1) <= tolerance;
        if (!ok && n > 0) {
          summary.warn(String.format(Locale.ROOT, "The scores sum to %.12g, not %.12g (relative difference %.3g): "
              + "accuracy was lost to rounding; consider a larger --rank-tol.", sum, expected, ratio - 1));
        }
      }
    }
    Map<String, Object> sumCheck = new LinkedHashMap<>();
    sumCheck.put("sumOverExpected", ratio);
    sumCheck.put("tolerance", tolerance);
    sumCheck.put("ok", ok);
    summary.result("healthChecks", Map.of("scoreSum", sumCheck));

    double expectedSample = Double.NaN;
    long kept = -1;
    if (sampler != null) {
      expectedSample = totals.probabilities().sum();
      kept = totals.keptCount();
      Map<String, Object> sample = new LinkedHashMap<>();
      sample.put("requested", config.sampleSize());
      sample.put("rule", config.sampleRule().cliName());
      sample.put("exponent", sampler.p());
      sample.put("scoreTotal", sampler.total());
      sample.put("sampledScoreSum", totals.samplingScores().sum());
      sample.put("expectedSize", expectedSample);
      sample.put("actualSize", kept);
      sample.put("standardDeviationAtMost", Math.sqrt(expectedSample));
      sample.put("maxProbability", totals.probabilities().max());
      summary.result("sample", sample);
      if (expectedSample < 0.9 * config.sampleSize()) {
        summary.warn(String.format(Locale.ROOT, "The expected sample size %.1f is below the %d asked for: the rows "
            + "with the highest scores are kept with probability 1 (qᵢ = min(1, m·uᵢ/U)).", expectedSample,
            config.sampleSize()));
      }
      run.log(String.format(Locale.ROOT, "sampled %d rows (expected %.1f)", kept, expectedSample));
    }
    Summary done = run.finish(input);
    double seconds = JobFrame.seconds(done);
    return new LeverageResult(config.method().cliName(), n, d, plan.rank(), sum, scores.max(), expected, coherence,
        config.method() == Method.RIDGE ? expected : Double.NaN, lewis == null ? 0 : lewis.history().size(),
        lewis == null || lewis.converged(), lewis == null ? 0.0 : lewis.errorBound(), expectedSample, kept,
        input.passes(), seconds, summary.warnings(), plan.scoring(), done.toJson());
  }

  private static void recordLewis(Summary summary, LeverageConfig config, LewisWeights.Iteration it,
      ScoredPartition totals, int rank) {
    summary.result("p", config.p());
    summary.result("iterations", it.history().size());
    summary.result("converged", it.converged());
    summary.result("errorBound", it.errorBound());
    summary.result("errorBoundCertified", it.isCertified());
    summary.result("damping", it.damping());
    summary.result("contraction", LewisWeights.contraction(config.p(), it.damping()));
    summary.result("sensitivityFactor", LewisWeights.sensitivityFactor(config.p(), rank));
    summary.result("totalSensitivityBound", totals.column(1).sum());
    List<Map<String, Object>> history = new ArrayList<>();
    for (LewisWeights.Step s : it.history()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("iteration", s.iteration());
      m.put("sumWeights", s.sumWeights());
      m.put("maxWeight", s.maxWeight());
      m.put("maxRelativeChange", finite(s.maxRelativeChange()));
      m.put("errorBound", finite(s.errorBound()));
      history.add(m);
    }
    summary.result("iterationHistory", history);
    if (!it.converged()) {
      summary.warn(String.format(Locale.ROOT, "The Lewis iteration did not reach --tol %.3g in %d passes (error bound "
          + "%.3g): the weights are approximate; raise --max-iterations%s.", config.tolOrDefault(), it.history().size(),
          it.errorBound(), config.p() >= 4 ? " or lower --damping" : ""));
    }
  }

  private static Object finite(double x) {
    return Double.isFinite(x) ? (Object) x : (Object) Double.toString(x);
  }

  private static void recordParams(Summary s, LeverageConfig c, MatrixInput input, double rankTol) {
    InputParams.putSource(s, input);
    s.param("method", c.method().cliName());
    s.param("rankTolerance", rankTol);
    InputParams.putReading(s, input);
    int d = input.cols();
    switch (c.method()) {
      case RIDGE -> s.param("lambda", c.lambda());
      case APPROX -> {
        s.param("sketch", c.sketchFor(d).cliName());
        s.param("sketchRows", c.sketchRowsFor(d));
        s.param("sketchNonzeros", c.sketchNonzerosFor(d));
        s.param("k", c.kOrDefault());
      }
      case LEWIS -> {
        s.param("p", c.p());
        s.param("tol", c.tolOrDefault());
        s.param("maxIterations", c.maxIterationsOrDefault());
        s.param("damping", c.damping() != null ? c.damping() : LewisWeights.defaultDamping(c.p()));
      }
      default -> { }
    }
    if (c.sampleSize() != null) {
      s.param("sample", c.sampleSize());
      s.param("sampleRule", c.sampleRule().cliName());
    }
    if (c.method() == Method.APPROX || c.sampleSize() != null) {
      s.param("seed", c.seed());
    }
  }

  /** Refuses (exit code 4) before any pass when the method's d×d or r₁×d state cannot fit. */
  static void requireResources(SparkContext sc, LeverageConfig c, int d) {
    if (c.method() == Method.APPROX) {
      long m = c.sketchRowsFor(d);
      String advice = "lower --sketch-rows (max(10·d, 256) is the default, about 2·d the least that embeds) or use fewer columns";
      if (m * d > Integer.MAX_VALUE - 8) {
        throw new ResourceLimitException("an " + m + "×" + d + " sketch does not fit one Java array; " + advice);
      }
      long k = Math.min(d, c.kOrDefault());
      Resources.requireTask(sc, "the " + m + "×" + d + " sketch of the rows", 8L * (m * d + d * k + 2L * ScoringBlock.DEFAULT_CAPACITY * d), advice);
      Resources.requireDriver(sc, "the " + m + "×" + d + " sketch and its factorisation", 8L * (3 * m * d + 4L * d * d), advice);
      return;
    }
    String advice = "use --method approx, whose state is a sketch of about 10·d rows and a d×k projection";
    if ((long) d * d > Integer.MAX_VALUE - 8) {
      throw new ResourceLimitException("a " + d + "×" + d + " R factor does not fit one Java array; " + advice);
    }
    long dd = (long) d * d;
    Resources.requireTask(sc, "the TSQR of " + d + " columns and the scoring matrix", 8L * (2 * dd + 2048L * d + 2L * ScoringBlock.DEFAULT_CAPACITY * d), advice);
    Resources.requireDriver(sc, "the " + d + "×" + d + " R factor, its SVD and the scoring matrix", 8L * 6 * dd, advice);
  }
}
