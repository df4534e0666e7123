package dev.randnla.jobs.eigen;

import dev.randnla.io.MatrixRow;
import dev.randnla.io.MethodFailedException;
import dev.randnla.io.Summary;
import dev.randnla.linalg.BlockLanczos;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.Vectors;
import dev.randnla.random.Purpose;
import dev.randnla.spark.JobRun;
import dev.randnla.spark.MatrixInput;
import dev.randnla.spark.PartitionResult;
import dev.randnla.spark.Resources;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code --method oja} (docs/algorithms.md, eigen --method oja; Price &amp; Xun, "Spectral Guarantees for Adversarial
 * Streaming PCA", arXiv 2408.10332): Oja's rule with a fixed learning rate η = 2·ln d / λ̂₁ over one
 * sequential pass, rows in input order. The pass is a chain of one-partition Spark jobs, partition
 * 0 first, each task starting from the state ({@link OjaState}, d doubles) the previous one
 * returned: the computation moves to the data, only the state travels.
 *
 * <p>λ̂₁ comes from a pilot: about 1/30 of the partitions (at least one, seeded; more when they hold
 * fewer than 10·d·ln d rows), of which the first rows that fit 32 MB are collected;
 * λ̂₁ = λ₁(SᵀS)·n̂/|S| with n̂ the pilot's rows per partition times P (a factor-2 estimate is enough
 * for the guarantee). The pilot's top eigenvector is the starting vector: with η = 2·ln d/λ₁ one
 * pass separates λ₁ from λ₂ only by a factor d^{2(1−1/R)}, too little to recover from an unlucky
 * random start at small gaps. The pilot costs that fraction of a pass more (passes ≈ 1.03). With
 * --learning-rate (and no --center, whose mean also comes from the pilot) there is no pilot, the
 * start is a seeded Gaussian, and the answer is bitwise the same for any partitioning.
 *
 * <p>Rows with η‖a‖² &gt; 1 break the analysis (one such row can throw the iterate anywhere); past
 * --max-unsafe-rows (default 0) of them the method declares failure: exit code 1, no vector, and a
 * message pointing at the stream method, which handles heavy rows.
 */
final class OjaMethod {
  /** One pilot partition per this many. */
  static final int PILOT_SHARE = 30;
  /** Bytes of pilot rows collected on the driver. */
  static final long PILOT_BYTES = 32L << 20;

  private OjaMethod() {}

  /** The rows one pilot partition contributes, and how many it has. A plain class (Kryo). */
  static final class Pilot implements Serializable {
    private static final long serialVersionUID = 1L;
    final ArrayList<MatrixRow> sample = new ArrayList<>();
    long rows;
    int partitions;

    Pilot merge(Pilot other) {
      sample.addAll(other.sample);
      rows += other.rows;
      partitions += other.partitions;
      return this;
    }
  }

  static EigenAnswer run(JobRun run, MatrixInput input, EigenConfig config) {
    int d = input.cols();
    int partitions = input.numPartitions();
    Summary summary = run.summary();
    double eta;
    double[] mu = null;
    boolean needPilot = config.learningRate() == null || config.center();
    double lambdaPilot = Double.NaN;
    double[] start = Vectors.normalize(StartingBlocks.gaussian(d, 1, config.seed(), StartingBlocks.OJA_START).column(0));
    if (needPilot) {
      Pilot pilot = run.stage("pilot", () -> pilot(input, config));
      List<MatrixRow> s = pilot.sample;
      int m = pilot.partitions;
      double estimatedRows = pilot.rows * (double) partitions / m;
      if (config.center() && !s.isEmpty()) {
        mu = new double[d];
        for (MatrixRow r : s) {
          r.axpyInto(1.0, mu);
        }
        mu = Vectors.scale(1.0 / s.size(), mu);
      }
      if (!s.isEmpty()) {
        BlockLanczos.Result top = topEigenpair(s, mu, d, config.seed());
        lambdaPilot = top.values()[0] * estimatedRows / s.size();
        if (top.values()[0] > 0) {
          start = top.vectors().column(0);
        }
      } else {
        lambdaPilot = 0;
      }
      summary.result("pilotPartitions", m);
      summary.result("pilotEstimatedRows", estimatedRows);
      summary.result("pilotRows", s.size());
      summary.result("pilotEigenvalue", lambdaPilot);
    }
    if (config.learningRate() != null) {
      eta = config.learningRate();
    } else {
      if (!(lambdaPilot > 0)) {
        throw new MethodFailedException("oja cannot set its learning rate: its pilot sample has no energy (no rows, or "
            + "all rows zero); pass --learning-rate, or use --method exact or stream");
      }
      eta = 2 * SegmentPlan.logD(d) / lambdaPilot;
    }
    summary.result("learningRate", eta);
    OjaState state = new OjaState(start, mu, eta, config.maxUnsafeRows());
    for (int p = 0; p < partitions; p++) {
      OjaState from = state;
      int part = p;
      state = run.stage("oja", () -> {
        input.spark().sparkContext().setJobDescription("eigen: oja partition " + (part + 1) + "/" + partitions);
        List<PartitionResult<OjaState>> r = input.mapPartitions(new int[] {part}, (q, rows) -> {
          from.run(rows);
          return from;
        }).collect();
        return r.get(0).value();
      });
      if (state.failed()) {
        throw new MethodFailedException("oja declares failure: " + state.unsafe() + " row(s) with η‖a‖² > 1 (learning "
            + "rate η = " + String.format(Locale.ROOT, "%.4g", eta) + ", allowed " + config.maxUnsafeRows() + "); the first "
            + "beyond the allowance: " + state.failure() + ". Such rows are heavy: a fixed-rate Oja step on them "
            + "overshoots and its answer cannot be trusted. Use --method stream (heavy rows go to a side channel), "
            + "exact or lanczos; or raise --max-unsafe-rows at your own risk.");
      }
      if (p % Math.max(1, partitions / 10) == 0 || p == partitions - 1) {
        run.log(String.format(Locale.ROOT, "oja: %d/%d partitions, %d rows", p + 1, partitions, state.rows()));
      }
    }
    summary.result("rowsProcessed", state.rows());
    summary.result("unsafeRows", state.unsafe());
    if (state.unsafe() > 0) {
      summary.warn(state.unsafe() + " row(s) had η‖a‖² > 1 (tolerated by --max-unsafe-rows); the answer may be off.");
    }
    double[] z = state.vector();
    if (Vectors.norm2(z) == 0) {
      z = new double[d];
      z[0] = 1;
    }
    Matrix v = BlockLanczos.canonicalSigns(new Matrix(d, 1, z));
    return new EigenAnswer(v, new double[] {state.eigenvalue()});
  }

  static int pilotPartitions(int partitions) {
    return Math.max(1, (int) Math.round(partitions / (double) PILOT_SHARE));
  }

  /**
   * Reads pilot partitions in a seeded order, keeping their first rows (up to {@link #PILOT_BYTES} in
   * all): first about 1/30 of them, then twice as many more each round until the sample holds
   * 10·d·ln d rows (a spectral approximation) or the budget, so an empty or tiny partition does not
   * leave the learning rate undefined.
   */
  private static Pilot pilot(MatrixInput input, EigenConfig config) {
    int partitions = input.numPartitions();
    int d = input.cols();
    int[] order = SegmentPlan.permutation(partitions, config.seed(), Purpose.WARM_START);
    long cap = Math.max(1, PILOT_BYTES / StreamMethod.rowBytes(input));
    long wanted = Math.min(cap, (long) Math.ceil(SegmentPlan.ROWS_FACTOR * d * SegmentPlan.logD(d)));
    Resources.requireDriver(input.spark().sparkContext(), "the oja pilot sample", PILOT_BYTES, "pass --learning-rate");
    Pilot all = new Pilot();
    int next = 0;
    int batch = pilotPartitions(partitions);
    while (next < partitions && (next == 0 || all.sample.size() < wanted)) {
      int[] subset = Arrays.copyOfRange(order, next, Math.min(partitions, next + batch));
      next += subset.length;
      batch *= 2;
      long perPartition = Math.max(1, (cap - all.sample.size()) / subset.length);
      input.spark().sparkContext().setJobDescription("eigen: oja pilot");
      List<PartitionResult<Pilot>> parts = new ArrayList<>(input.mapPartitions(subset, (p, rows) -> {
        Pilot pilot = new Pilot();
        pilot.partitions = 1;
        while (rows.hasNext()) {
          MatrixRow r = rows.next();
          if (pilot.sample.size() < perPartition) {
            pilot.sample.add(r.isSparse()
                ? MatrixRow.sparse(r.key(), r.id(), r.label(), null, r.indices().clone(), r.values().clone())
                : MatrixRow.dense(r.key(), r.id(), r.label(), null, r.values().clone()));
          }
          pilot.rows++;
        }
        return pilot;
      }).collect());
      parts.sort(java.util.Comparator.comparingInt(PartitionResult::index));
      for (PartitionResult<Pilot> r : parts) {
        all.merge(r.value());
      }
    }
    return all;
  }

  /** The top eigenpair of SᵀS (centred by μ when given) by a few Lanczos iterations on the sample. */
  private static BlockLanczos.Result topEigenpair(List<MatrixRow> s, double[] mu, int d, long seed) {
    BlockLanczos.Result r = BlockLanczos.solve(x -> {
      int b = x.cols();
      double[] out = new double[d * b];
      double[][] cols = new double[b][];
      double[] muX = mu == null ? new double[b] : x.transposeTimes(mu);
      double[] tSum = new double[b];
      for (int c = 0; c < b; c++) {
        cols[c] = x.column(c);
      }
      for (MatrixRow row : s) {
        double[] v = row.values();
        int[] idx = row.indices();
        for (int c = 0; c < b; c++) {
          double t = row.dot(cols[c]) - muX[c];
          tSum[c] += t;
          int off = c * d;
          if (idx != null) {
            for (int a = 0; a < idx.length; a++) {
              out[off + idx[a]] += t * v[a];
            }
          } else {
            for (int i = 0; i < d; i++) {
              out[off + i] += t * v[i];
            }
          }
        }
      }
      if (mu != null) {
        for (int c = 0; c < b; c++) {
          for (int i = 0; i < d; i++) {
            out[c * d + i] -= tSum[c] * mu[i];
          }
        }
      }
      return new Matrix(d, b, out);
    }, StartingBlocks.gaussian(d, Math.min(d, 2), seed, StartingBlocks.OJA_PILOT), 1, 30, 1e-6, seed, null);
    return r;
  }
}
