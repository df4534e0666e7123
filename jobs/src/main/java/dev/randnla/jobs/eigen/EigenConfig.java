package dev.randnla.jobs.eigen;

import dev.randnla.io.InputOptions;
import dev.randnla.io.OutputOptions;
import dev.randnla.io.Violations;
import dev.randnla.jobs.JobConfig;
import dev.randnla.jobs.JobConfigBuilder;
import java.util.Objects;

/**
 * What {@code eigen} computes (see {@link EigenCommand} for the defaults a null stands for).
 *
 * @param input the input matrix A
 * @param output the output directory (or {@link OutputOptions#none()})
 * @param method how to compute (auto picks exact or stream by a cost model)
 * @param k eigenpairs wanted (the top k of AᵀA); oja computes k = 1 only
 * @param center use the centred matrix A − 1μᵀ (PCA); sparse rows stay sparse
 * @param verify one more pass: residual ‖AᵀAz − λz‖/λ and Rayleigh quotient of the answer
 * @param seed the seed of every random choice (segments, starting vectors, pilot partitions)
 * @param segments stream: number of segments p (null: from n and d, at most 30)
 * @param maxHeavy stream: most rows the heavy-row side channel may hold (null: ⌈2·d·ln d⌉ within memory)
 * @param learningRate oja: the fixed learning rate η (null: 2·ln d / λ̂₁ from a pilot sample)
 * @param maxUnsafeRows oja: rows with η‖a‖² &gt; 1 tolerated before the method declares failure
 * @param tolerance lanczos: residual tolerance ‖AᵀAx − θx‖ ≤ tol·θ₁ (null: 1e-10)
 * @param maxIterations lanczos: most iterations, i.e. passes (null: 100)
 * @param block lanczos: block size b (null: k + 2)
 * @param quiet no progress output
 * @param sideChannel stream: keep heavy rows aside and apply them exactly (true). False exists only
 *     for the test that shows why the side channel is needed; the CLI has no option for it.
 */
public record EigenConfig(
    InputOptions input,
    OutputOptions output,
    EigenMethod method,
    int k,
    boolean center,
    boolean verify,
    long seed,
    Integer segments,
    Integer maxHeavy,
    Double learningRate,
    int maxUnsafeRows,
    Double tolerance,
    Integer maxIterations,
    Integer block,
    boolean quiet,
    boolean sideChannel) implements JobConfig {

  /** Default lanczos tolerance. */
  public static final double DEFAULT_TOLERANCE = 1e-10;
  /** Default lanczos iteration limit. */
  public static final int DEFAULT_MAX_ITERATIONS = 100;

  public EigenConfig {
    Violations v = JobConfig.violations(input);
    output = JobConfig.outputOrNone(output);
    method = Objects.requireNonNullElse(method, EigenMethod.AUTO);
    v.require(k >= 1, "--k must be positive: " + k);
    v.require(method != EigenMethod.OJA || k == 1, "--method oja computes the top eigenvector only (--k 1): " + k);
    boolean stream = method == EigenMethod.STREAM || method == EigenMethod.AUTO;
    if (segments != null) {
      v.require(stream, "--segments applies to --method stream (or auto)");
      v.require(!stream || segments >= 1, "--segments must be positive: " + segments);
    }
    if (maxHeavy != null) {
      v.require(stream, "--max-heavy applies to --method stream (or auto)");
      v.require(!stream || maxHeavy >= 0, "--max-heavy must be non-negative: " + maxHeavy);
    }
    if (learningRate != null) {
      boolean oja = method == EigenMethod.OJA;
      v.require(oja, "--learning-rate applies to --method oja");
      v.require(!oja || (learningRate > 0 && !Double.isInfinite(learningRate)),
          "--learning-rate must be positive and finite: " + learningRate);
    }
    v.require(maxUnsafeRows >= 0, "--max-unsafe-rows must be non-negative: " + maxUnsafeRows);
    v.require(maxUnsafeRows <= 0 || method == EigenMethod.OJA, "--max-unsafe-rows applies to --method oja");
    boolean lanczos = method == EigenMethod.LANCZOS;
    if (tolerance != null) {
      v.require(lanczos, "--tol applies to --method lanczos");
      v.require(!lanczos || (tolerance > 0 && tolerance < 1), "--tol must be in (0, 1): " + tolerance);
    }
    if (maxIterations != null) {
      v.require(lanczos, "--max-iterations applies to --method lanczos");
      v.require(!lanczos || maxIterations >= 1, "--max-iterations must be positive: " + maxIterations);
    }
    if (block != null) {
      v.require(lanczos, "--block applies to --method lanczos");
      v.require(!lanczos || block >= k, "--block must be at least --k (" + k + "): " + block);
    }
    v.throwIfAny();
  }

  /** A configuration with the defaults for everything but input, output, method and seed. */
  public static EigenConfig of(InputOptions input, OutputOptions output, EigenMethod method, long seed) {
    return new EigenConfig(input, output, method, 1, false, false, seed, null, null, null, 0, null, null, null, true, true);
  }

  public EigenConfig withInput(InputOptions in) {
    return builder().from(this).input(in).build();
  }

  public EigenConfig withK(int newK) {
    return builder().from(this).k(newK).build();
  }

  public EigenConfig withCenter(boolean c) {
    return builder().from(this).center(c).build();
  }

  public EigenConfig withVerify(boolean v) {
    return builder().from(this).verify(v).build();
  }

  public EigenConfig withLearningRate(Double eta) {
    return builder().from(this).learningRate(eta).build();
  }

  public EigenConfig withSegments(Integer p) {
    return builder().from(this).segments(p).build();
  }

  /** The test-only switch: stream without the heavy-row side channel. */
  public EigenConfig withSideChannel(boolean on) {
    return builder().from(this).sideChannel(on).build();
  }

  public double toleranceOrDefault() {
    return tolerance == null ? DEFAULT_TOLERANCE : tolerance;
  }

  public int maxIterationsOrDefault() {
    return maxIterations == null ? DEFAULT_MAX_ITERATIONS : maxIterations;
  }

  /** A builder with {@code randnla eigen}'s defaults; no output unless one is set (the run returns its result). */
  public static Builder builder() {
    return new Builder().k(1).sideChannel(true);
  }

  /** Builds a {@link EigenConfig}: a setter per component; {@link #build()} runs the constructor's checks. */
  public static final class Builder extends JobConfigBuilder.WithInput<EigenConfig, Builder> {
    public Builder method(EigenMethod method) { return set("method", method); }
    public Builder k(int k) { return set("k", k); }
    public Builder center(boolean center) { return set("center", center); }
    public Builder verify(boolean verify) { return set("verify", verify); }
    public Builder seed(long seed) { return set("seed", seed); }
    public Builder segments(Integer segments) { return set("segments", segments); }
    public Builder maxHeavy(Integer maxHeavy) { return set("maxHeavy", maxHeavy); }
    public Builder learningRate(Double learningRate) { return set("learningRate", learningRate); }
    public Builder maxUnsafeRows(int maxUnsafeRows) { return set("maxUnsafeRows", maxUnsafeRows); }
    public Builder tolerance(Double tolerance) { return set("tolerance", tolerance); }
    public Builder maxIterations(Integer maxIterations) { return set("maxIterations", maxIterations); }
    public Builder block(Integer block) { return set("block", block); }
    public Builder sideChannel(boolean sideChannel) { return set("sideChannel", sideChannel); }

    private Builder() {
      super(EigenConfig.class);
    }
  }
}
