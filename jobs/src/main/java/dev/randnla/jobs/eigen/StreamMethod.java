package dev.randnla.jobs.eigen;

import dev.randnla.io.MatrixFormat;
import dev.randnla.io.ReadStats;
import dev.randnla.io.Summary;
import dev.randnla.linalg.Matrix;
import dev.randnla.sketch.PowerStepSketch;
import dev.randnla.spark.JobRun;
import dev.randnla.spark.MatrixInput;
import dev.randnla.spark.PartitionResult;
import dev.randnla.spark.Resources;
import dev.randnla.spark.SketchPass;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * {@code --method stream}: the segmented power method of {@link SegmentedPowerMethod} run over
 * the input once. Each step is one Spark job over only its segment's partitions
 * ({@link MatrixInput#mapPartitions(int[], dev.randnla.spark.PartitionFunction)}), every partition
 * folding its rows into a {@link PowerStepSketch}, merged in a fixed order; the p steps together
 * read every partition exactly once (passes = 1, counted by the input).
 *
 * <p>Partitions and segments. The job plans p from a row estimate made before the pass
 * ({@link #plannedSegments}) and asks for at least p × (default parallelism) partitions
 * ({@link #minPartitions}), so each step's segment has about one partition per core and every step
 * keeps the cluster busy. The first segment is ⌊P/p⌋ partitions; it estimates the row count n̂,
 * and then p = min(P, max(8, min(p_max, ⌊n̂/(10·d·ln d)⌋))): fewer segments when rows are few, so each
 * stays a spectral approximation, but not fewer than 8 steps, which a random start needs to converge
 * and settle; when n̂ &lt; 8·10·d·ln d a warning names the rows-per-segment shortfall (auto then
 * prefers exact). With few partitions (unsplittable compressed files, or a small --min-partitions on
 * a large cluster) p is at most P: with P = 2 the method makes two power steps from a random start,
 * which is not enough to converge, and the summary says so.
 *
 * <p>Cost: one pass; per light dense row 4·d·(k + 3) flops; per task O(d·(k + 3)) doubles, an 8 MB
 * buffer and up to the side-channel budget of rows; on the driver the heavy rows (at most
 * ⌈2·d·ln d⌉ of them by default, since more rows than F/τ cannot reach τ) and p iterates of d×k.
 */
final class StreamMethod {
  /** Rows per order-statistics chunk at the start of a partition. */
  static final int CHUNK_ROWS = 32;

  private StreamMethod() {}

  /** The partitions the stream method asks the input for: one per core and segment, so every step is parallel. */
  static int minPartitions(int segments, int parallelism) {
    return (int) Math.min(Integer.MAX_VALUE / 2, (long) segments * Math.max(1, parallelism));
  }

  /**
   * The segments planned before the pass: --segments, else min(30, max(8, n̂/(10·d·ln d))) from the
   * row estimate (30 when it is unknown). The first segment re-estimates n before the rest is planned.
   */
  static int plannedSegments(EigenConfig config, int d, double estimatedRows) {
    if (config.segments() != null) {
      return config.segments();
    }
    if (Double.isNaN(estimatedRows)) {
      return SegmentPlan.DEFAULT_SEGMENTS;
    }
    return Math.max(SegmentPlan.MIN_SEGMENTS, Math.min(SegmentPlan.DEFAULT_SEGMENTS,
        SegmentPlan.segmentsForRows(estimatedRows, d)));
  }

  /** Bytes of one stored heavy row (dense formats: d doubles; sparse: an index and a value per nonzero, guessed). */
  static long rowBytes(MatrixInput input) {
    int d = input.cols();
    if (input.format() == MatrixFormat.LIBSVM) {
      return 12L * Math.min(d, Math.max(64, d / 8)) + 96;
    }
    return 8L * d + 96;
  }

  /**
   * The side channel's row budget: --max-heavy, else ⌈2·d·ln d⌉ (no more rows can reach τ when the
   * Frobenius estimate is right) within a quarter of the task and an eighth of the driver memory.
   */
  static int budget(MatrixInput input, EigenConfig config, Summary summary) {
    int d = input.cols();
    SparkContext sc = input.spark().sparkContext();
    long row = rowBytes(input);
    long bound = (long) Math.ceil(2 * d * SegmentPlan.logD(d));
    if (config.maxHeavy() != null) {
      long want = config.maxHeavy();
      Resources.requireDriver(sc, "the heavy-row side channel (--max-heavy " + want + ")", want * row,
          "lower --max-heavy");
      Resources.requireTask(sc, "the heavy-row candidates (--max-heavy " + want + ")", want * row, "lower --max-heavy");
      return (int) want;
    }
    long fits = Math.min(Resources.driverHeap() / 8, Resources.taskMemory(sc) / 4) / row;
    if (fits < bound) {
      // only a bound: far fewer rows reach τ in practice; rows beyond the budget are counted and warned about
      summary.result("heavyRowBudgetLimitedByMemory", true);
    }
    return (int) Math.max(1, Math.min(bound, fits));
  }

  /**
   * @param planned the segments planned before the pass ({@link #plannedSegments}); the first segment
   *     is ⌊P/planned⌋ partitions
   * @param estimatedRows the row estimate made before the pass (NaN: none; then the first segment's
   *     rows per partition times P, and the fraction read is counted in partitions)
   */
  static EigenAnswer run(JobRun run, MatrixInput input, EigenConfig config, int planned, double estimatedRows) {
    int d = input.cols();
    int k = config.k();
    int partitions = input.numPartitions();
    SparkContext sc = input.spark().sparkContext();
    JavaSparkContext jsc = new JavaSparkContext(sc);
    Summary summary = run.summary();
    int budget = config.sideChannel() ? budget(input, config, summary) : 0;
    SegmentedPowerMethod method = new SegmentedPowerMethod(d, k, config.center(), config.sideChannel(), budget,
        partitions, config.seed());
    int c = method.blockColumns();
    Resources.requireTask(sc, "a stream step (block d x " + c + ")", 2 * Resources.denseBytes(d, c) + (8L << 20),
        "use a smaller --k");
    SegmentPlan plan = new SegmentPlan(partitions, planned, config.seed());
    RandomOrderCheck order = new RandomOrderCheck();
    ReadStats all = new ReadStats();
    List<int[]> segments = new ArrayList<>();
    segments.add(plan.first());
    int steps = 1;
    long rowsRead = 0;
    int partitionsRead = 0;
    List<Integer> heavyPartitions = new ArrayList<>();
    long sketchBytes = 2 * Resources.denseBytes(d, c) + (long) budget * rowBytes(input) + 64L * 6 * 8 * 4;
    for (int j = 0; j < steps; j++) {
      int[] segment = segments.get(j);
      Broadcast<Matrix> bx = jsc.broadcast(method.taskBlock());
      double[] centre = method.taskCentre();
      Broadcast<double[]> bmu = centre == null ? null : jsc.broadcast(centre);
      double tau = method.taskThreshold();
      int capacity = method.taskCapacity();
      double provisional = method.provisionalFactor();
      int fixedProbe = c - 1;
      int stepNo = j + 1;
      int total = steps;
      PartitionResult<PowerStepSketch> merged = run.stage("stream", () -> SketchPass.foldPartitions(input, segment,
          (p, rows) -> SketchPass.foldRows(new PowerStepSketch(bx.value(), bmu == null ? null : bmu.value(), tau,
              capacity, CHUNK_ROWS, 0, fixedProbe).withProvisionalThreshold(provisional), rows).compact().tagPartition(p),
          PowerStepSketch::merge, sketchBytes, "eigen: stream step " + stepNo + (stepNo == 1 ? "" : "/" + total)));
      bx.destroy();
      if (bmu != null) {
        bmu.destroy();
      }
      PowerStepSketch.Result r = merged.value().result();
      long rowsJ = merged.stats().rows();
      all.merge(merged.stats());
      if (j == 0) {
        steps = planRest(plan, segments, config, summary, rowsJ, segment.length, d, input, estimatedRows);
      }
      rowsRead += rowsJ;
      partitionsRead += segment.length;
      double fraction = j == steps - 1 ? 1.0 : Double.isNaN(estimatedRows) || estimatedRows <= 0
          ? partitionsRead / (double) partitions : Math.min(1.0, rowsRead / estimatedRows);
      int heavyBefore = method.heavyRows().size();
      SegmentedPowerMethod.Step step = method.step(r, segment.length, rowsJ, Math.max(fraction, 1e-12));
      List<PowerStepSketch.Candidate> heavyNow = method.heavyRows();
      for (int h = heavyBefore; h < heavyNow.size(); h++) {
        heavyPartitions.add(heavyNow.get(h).partition());
      }
      if (j > 0) {
        order.addStep(r.chunks());
      }
      run.log(String.format(Locale.ROOT, "stream step %d/%d: %d partitions, %d rows, %d heavy (%d total), "
          + "top Ritz value %.6g, cos(angle to the previous iterate) %.6f", j + 1, steps, segment.length, rowsJ, step.heavyFound(),
          method.heavyRows().size(), step.ritz()[0], step.change()));
    }
    input.recordFullPass(all);
    run.recordInput(input, null);
    SegmentedPowerMethod.Answer answer = method.finish();
    List<String> warnings = new ArrayList<>();
    long[] perPartition = all.rowsPerPartition(partitions);
    int[] hp = heavyPartitions.stream().mapToInt(Integer::intValue).toArray();
    summary.result("orderTest", order.report(hp, perPartition, warnings));
    warnings.forEach(summary::warn);
    report(summary, method, answer, steps, partitions, budget, config);
    return new EigenAnswer(answer.vectors(), answer.values());
  }

  /** Plans segments 2..p from the first segment's row count; returns p. */
  private static int planRest(SegmentPlan plan, List<int[]> segments, EigenConfig config, Summary summary, long firstRows,
      int firstPartitions, int d, MatrixInput input, double rowEstimate) {
    int partitions = input.numPartitions();
    boolean known = !Double.isNaN(rowEstimate) && rowEstimate > 0;
    double estimatedRows = known ? rowEstimate : firstRows * (double) partitions / firstPartitions;
    int byRows = SegmentPlan.segmentsForRows(estimatedRows, d);
    int wanted = config.segments() != null ? config.segments()
        : Math.max(SegmentPlan.MIN_SEGMENTS, Math.min(SegmentPlan.DEFAULT_SEGMENTS, byRows));
    segments.addAll(plan.rest(wanted));
    int p = segments.size();
    summary.result("estimatedRows", estimatedRows);
    summary.result("estimatedRowsFrom", known ? "input size (before the pass)" : "the first segment");
    if (p < wanted) {
      summary.warn("The input has only " + partitions + " partition(s), so the stream method makes " + p + " step(s) "
          + "instead of " + wanted + "; " + (input.inMemory() ? "repartition the data into " + wanted + " or more "
          + "partitions" : "pass --min-partitions " + wanted + " (or more), or split compressed files") + ".");
    }
    if (p < SegmentPlan.MIN_SEGMENTS) {
      summary.warn("Only " + p + " power step(s): from a random start the top eigenvector needs about log(d)/log(gap) "
          + "steps and a few more to settle, so this answer may not have converged (see perStepChange). Give the input "
          + "more partitions, or use method exact or lanczos.");
    }
    double perSegment = estimatedRows / Math.max(1, p);
    double need = SegmentPlan.ROWS_FACTOR * d * SegmentPlan.logD(d);
    if (perSegment < need) {
      summary.warn(String.format(Locale.ROOT, "About %.0f rows per segment, fewer than 10·d·ln d = %.0f: segments are "
          + "not guaranteed to be spectral approximations and the answer may be inaccurate; use --method exact or "
          + "lanczos (or fewer --segments).", perSegment, need));
    }
    return p;
  }

  private static void report(Summary summary, SegmentedPowerMethod method, SegmentedPowerMethod.Answer answer,
      int segments, int partitions, int budget, EigenConfig config) {
    List<SegmentedPowerMethod.Step> steps = method.stepRecords();
    double[] change = new double[steps.size()];
    double[] ritz = new double[steps.size()];
    long[] heavy = new long[steps.size()];
    long[] overTau = new long[steps.size()];
    long[] segmentRows = new long[steps.size()];
    int[] segmentPartitions = new int[steps.size()];
    for (int j = 0; j < steps.size(); j++) {
      SegmentedPowerMethod.Step s = steps.get(j);
      change[j] = s.change();
      ritz[j] = s.ritz()[0];
      heavy[j] = s.heavyFound();
      overTau[j] = s.overTau();
      segmentRows[j] = s.rows();
      segmentPartitions[j] = s.partitions();
    }
    summary.result("segments", segments);
    summary.result("partitions", partitions);
    summary.result("segmentPartitions", segmentPartitions);
    summary.result("segmentRows", segmentRows);
    int d = answer.vectors().rows();
    summary.result("rowsPerSegmentNeeded", SegmentPlan.ROWS_FACTOR * d * SegmentPlan.logD(d));
    summary.result("block", method.blockSize());
    summary.result("sideChannel", config.sideChannel());
    summary.result("heavyRows", method.heavyRows().size());
    summary.result("heavyRowBudget", budget);
    summary.result("heavyRowsPerStep", heavy);
    summary.result("rowsOverThresholdPerStep", overTau);
    summary.result("rowsOverBudget", method.overBudget());
    summary.result("heavyThreshold", method.tau());
    summary.result("perStepEigenvalue", ritz);
    summary.result("perStepChange", change);
    summary.result("averagedSteps", answer.window());
    summary.result("eigenvalueStandardErrors", answer.standardErrors());
    summary.result("gapEstimate", answer.gapEstimate());
    if (method.overBudget() > 0) {
      summary.warn(method.overBudget() + " row(s) reached the heavy-row threshold after the side channel was full "
          + "(budget " + budget + "); they were applied as light rows. Raise --max-heavy if the answer's residual "
          + "(--verify) is poor.");
    }
    if (method.firstSegmentOverflow()) {
      summary.warn("A task of the first segment filled its share of the side channel with rows over the heavy-row "
          + "threshold, so some heavy rows of that segment may have been applied as light rows (unbiased, noisier). "
          + "The input may not be in random order, or --max-heavy may be too small.");
    }
    if (answer.zero()) {
      summary.warn("The matrix is zero (no rows, or only zero rows): every unit vector is an eigenvector; "
          + "eigenvector.csv holds e1..ek.");
    }
  }
}
