package dev.randnla.jobs.eigen;

import dev.randnla.io.InputOptions;
import dev.randnla.io.Summary;
import dev.randnla.io.UsageException;
import dev.randnla.jobs.InputParams;
import dev.randnla.jobs.JobFrame;
import dev.randnla.linalg.BlockLanczos;
import dev.randnla.linalg.Matrix;
import dev.randnla.spark.JobRun;
import dev.randnla.spark.MatrixInput;
import java.util.Locale;

/**
 * {@code eigen}: the top eigenvector(s) and eigenvalue(s) of AᵀA (or of the centred cross-product
 * with --center) for a tall A stored as a row stream (docs/algorithms.md, eigen).
 *
 * <ul>
 *   <li>{@code stream}: one pass, segmented power method with a heavy-row side channel
 *       ({@link StreamMethod}); assumes random row order and checks it.
 *   <li>{@code oja}: one sequential pass of Oja's rule with a fixed learning rate ({@link OjaMethod});
 *       declares failure (exit 1) on heavy rows.
 *   <li>{@code exact}: one Gram pass and a dense eigensolver ({@link ExactMethod}).
 *   <li>{@code lanczos}: block Krylov on the Gram operator, one pass per iteration ({@link LanczosMethod}).
 *   <li>{@code auto} (default): exact or stream by a cost model ({@link AutoChoice}); the choice and
 *       its reason are in summary.json.
 * </ul>
 * {@code --verify} adds one pass for the residual and the Rayleigh quotient ({@link Verification}).
 *
 * <p>Outputs: eigenvector.csv (d lines of k values), eigenvalues.csv (k lines), summary.json.
 *
 * <p>Reproducibility: the same input, partitioning and seed give bitwise the same answer for every
 * method. Across partition counts: exact and lanczos agree to rounding (their sums merge in a
 * different tree); oja is bitwise the same when --learning-rate is given without --center (rows are
 * processed in input order, the state passes unchanged between partitions; otherwise the pilot's
 * partitions depend on the count); stream depends on how partitions form segments, so only its
 * accuracy, not its bits, carries over.
 */
public final class EigenJob {
  private EigenJob() {}

  /** The job's doors ({@link JobFrame}). */
  public static final JobFrame<EigenConfig, EigenResult> FRAME = JobFrame.of("eigen", EigenJob::compute);

  private static EigenResult compute(JobRun run, EigenConfig config, MatrixInput first) {
    InputOptions requested = config.input();
    int d = first.cols();
    if (config.k() > d) {
      throw new UsageException("--k must be in [1, cols=" + d + "]: " + config.k());
    }
    Summary summary = run.summary();
    EigenMethod method = config.method();
    String reason = "requested";
    if (method == EigenMethod.AUTO) {
      AutoChoice.Decision decision = run.stage("choose", () -> AutoChoice.choose(first, config));
      method = decision.method();
      reason = decision.reason();
      if (!decision.costs().isEmpty()) {
        summary.result("autoCosts", decision.costs());
      }
    }
    MatrixInput input = first;
    int segments = 0;
    double estimatedRows = Double.NaN;
    if (method == EigenMethod.STREAM) {
      // split the input so every step's segment keeps all cores busy (planning only, no pass)
      estimatedRows = RowEstimate.rows(first);
      segments = StreamMethod.plannedSegments(config, d, estimatedRows);
      int need = StreamMethod.minPartitions(segments, run.spark().sparkContext().defaultParallelism());
      // data in memory keeps its partitions (its keys are tied to them): fewer segments then
      if (!first.inMemory() && first.numPartitions() < need && requested.minPartitions() < need) {
        InputOptions finer = requested.withMinPartitions(need);
        InputOptions reopen = first.format() == dev.randnla.io.MatrixFormat.LIBSVM ? finer.withCols(d) : finer;
        first.notes().forEach(summary::warn);
        input = run.open(reopen);
      }
    }
    params(summary, config, input);
    summary.result("method", method.cliName());
    summary.result("methodReason", reason);
    run.log("eigen: method " + method.cliName() + " (" + reason + ")");
    EigenMethod chosen = method;
    EigenAnswer answer = switch (chosen) {
      case EXACT -> ExactMethod.run(run, input, config);
      case LANCZOS -> LanczosMethod.run(run, input, config);
      case STREAM -> StreamMethod.run(run, input, config, segments, estimatedRows);
      case OJA -> OjaMethod.run(run, input, config);
      case AUTO -> throw new IllegalStateException("auto must resolve to a method");
    };
    if (input.firstPassStats() == null) {
      run.recordInput(input, null);
    }
    Matrix vectors = BlockLanczos.canonicalSigns(answer.vectors());
    double[] values = answer.values();
    summary.result("eigenvalue", values[0]);
    summary.result("eigenvalues", values);
    if (values[0] == 0 && chosen != EigenMethod.STREAM) {
      summary.warn("The top eigenvalue is 0: the matrix is zero (no rows, or only zero rows), and every unit vector "
          + "is an eigenvector.");
    }
    if (config.verify()) {
      EigenAnswer canonical = new EigenAnswer(vectors, values);
      double worst = Verification.run(run, input, config, canonical);
      run.log(String.format(Locale.ROOT, "eigen: verified, largest relative residual %.3e", worst));
    }
    run.writeMatrix("eigenvector.csv", vectors);
    run.writeVector("eigenvalues.csv", values);
    Summary done = run.finish(input);
    double seconds = JobFrame.seconds(done);
    run.log(String.format(Locale.ROOT, "eigen: top eigenvalue %.12g, %s pass(es)", values[0], done.get("passes")));
    return new EigenResult(chosen, reason, values, vectors, input.passes(), seconds,
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(done.resultMap())), done.warnings(),
        done.toJson());
  }

  private static void params(Summary s, EigenConfig config, MatrixInput input) {
    InputParams.putSource(s, input);
    s.param("method", config.method().cliName());
    s.param("k", config.k());
    s.param("center", config.center());
    s.param("verify", config.verify());
    s.param("seed", config.seed());
    InputParams.putReading(s, input);
    if (config.segments() != null) {
      s.param("segments", config.segments());
    }
    if (config.maxHeavy() != null) {
      s.param("maxHeavy", config.maxHeavy());
    }
    if (config.learningRate() != null) {
      s.param("learningRate", config.learningRate());
    }
    if (config.method() == EigenMethod.OJA) {
      s.param("maxUnsafeRows", config.maxUnsafeRows());
    }
    if (config.method() == EigenMethod.LANCZOS) {
      s.param("tol", config.toleranceOrDefault());
      s.param("maxIterations", config.maxIterationsOrDefault());
      s.param("block", LanczosMethod.blockSize(config, input.cols()));
    }
    if (!config.sideChannel()) {
      s.param("sideChannel", false);
    }
  }
}
