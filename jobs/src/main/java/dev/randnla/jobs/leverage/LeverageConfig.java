package dev.randnla.jobs.leverage;

import dev.randnla.io.CliEnums;
import dev.randnla.io.InputOptions;
import dev.randnla.io.OutputOptions;
import dev.randnla.io.Violations;
import dev.randnla.jobs.JobConfig;
import dev.randnla.jobs.JobConfigBuilder;
import java.util.Objects;

/**
 * What {@code leverage} computes, validated: every violation is collected into one message. Options
 * that belong to another method are refused rather than ignored.
 *
 * @param input the input matrix
 * @param output the output directory (or {@link OutputOptions#none()})
 * @param method exact, approx, ridge or lewis
 * @param lambda ridge: λ &gt; 0 (required for ridge, refused otherwise)
 * @param p lewis: p ≥ 1 (required for lewis, refused otherwise)
 * @param sketch approx: the sketch of the rows
 * @param sketchRows approx: r₁, rows of the sketch (null: max(10·d, 256))
 * @param sketchNonzeros approx with OSNAP: nonzeros s per input row (null: 4)
 * @param k approx: columns of the Gaussian projection (null: 100)
 * @param rankTolerance relative rank tolerance on singular values (null: 100·d·u)
 * @param tol lewis: stop when the bound on max |log w − log w*| is at most tol (null: 1e-6)
 * @param maxIterations lewis: most iteration passes (null: 100)
 * @param damping lewis: β in (0, 1] (null: 1 for p &lt; 4, 4/(p+2) above)
 * @param sampleSize expected coreset size m (null: no sampling)
 * @param sampleRule what the sampling probabilities are proportional to (null without a sample)
 * @param seed the seed of every random choice
 * @param quiet no progress output
 */
public record LeverageConfig(
    InputOptions input,
    OutputOptions output,
    Method method,
    Double lambda,
    Double p,
    SketchType sketch,
    Integer sketchRows,
    Integer sketchNonzeros,
    Integer k,
    Double rankTolerance,
    Double tol,
    Integer maxIterations,
    Double damping,
    Long sampleSize,
    SampleRule sampleRule,
    long seed,
    boolean quiet) implements JobConfig {

  static final double DEFAULT_TOL = 1e-6;
  static final int DEFAULT_MAX_ITERATIONS = 100;
  static final int DEFAULT_K = 100;
  static final int DEFAULT_SKETCH_FACTOR = 10;
  /**
   * The least default sketch size: at small d, 10·d rows leave the sketch's fluctuation large
   * (measured on the closed-form leverage matrix at d = 8: 99th-percentile errors up to 1.9 with 80
   * rows, 0.39 with 256), and extra rows cost nothing there.
   */
  static final int MIN_SKETCH_ROWS = 256;
  static final int DEFAULT_OSNAP_NONZEROS = 4;
  /**
   * From this many columns on, {@code --sketch auto} uses OSNAP instead of CountSketch: with r₁ = 10·d,
   * CountSketch lets the many heavy rows of a coherent matrix collide (99th-percentile errors up to
   * 1.3 at d = 32 against 0.41 for OSNAP with s = 4 on the closed-form leverage matrix).
   */
  static final int OSNAP_FROM_COLS = 16;

  /** The scoring method. */
  public enum Method implements CliEnums.Named {
    /** Leverage from a stable TSQR R: 2 passes. */
    EXACT,
    /** Leverage from a sketch R_s and a Gaussian projection: 2 passes, O(nnz) first pass. */
    APPROX,
    /** Ridge leverage aᵀ(AᵀA + λI)⁻¹a: 2 passes. */
    RIDGE,
    /** ℓp Lewis weights by the Cohen–Peng fixed point: one pass per iteration plus 2. */
    LEWIS
  }

  /** The sketch of the approximate method's first pass. */
  public enum SketchType implements CliEnums.Named {
    /** CountSketch below {@value #OSNAP_FROM_COLS} columns, OSNAP from there on. */
    AUTO,
    COUNTSKETCH,
    OSNAP
  }

  /** What the sampling probabilities are proportional to. */
  public enum SampleRule implements CliEnums.Named {
    /** The method's sampling score: leverage, ridge leverage, or the ℓp sensitivity bound. */
    SCORE,
    /** Sensitivity bound plus leverage, sᵢ + τᵢ (Munteanu &amp; Omlor 2024); lewis only. */
    MIXED
  }

  public LeverageConfig {
    Violations v = JobConfig.violations(input);
    output = JobConfig.outputOrNone(output);
    method = Objects.requireNonNullElse(method, Method.EXACT);
    sketch = Objects.requireNonNullElse(sketch, SketchType.AUTO);
    v.require(sampleRule == null || sampleSize != null, "--sample-rule needs --sample");
    if (sampleRule == null && sampleSize != null) {
      // only with --sample: the pre-flight builds the record again, and the check above must still hold
      sampleRule = SampleRule.SCORE;
    }
    if (method == Method.RIDGE) {
      v.require(lambda != null, "--method ridge needs --lambda");
      v.require(lambda == null || (lambda > 0 && !lambda.isInfinite()),
          "--lambda must be positive and finite: " + lambda);
    } else {
      v.require(lambda == null, "--lambda applies to --method ridge only");
    }
    if (method == Method.LEWIS) {
      v.require(p != null, "--method lewis needs --p");
      v.require(p == null || (p >= 1 && !p.isInfinite()), "--p must be finite and at least 1: " + p);
    } else {
      v.require(p == null, "--p applies to --method lewis only");
      v.require(tol == null && maxIterations == null && damping == null,
          "--tol, --max-iterations and --damping apply to --method lewis only");
    }
    v.require(tol == null || tol > 0, "--tol must be positive: " + tol);
    v.require(maxIterations == null || maxIterations >= 1, "--max-iterations must be at least 1: " + maxIterations);
    v.require(damping == null || (damping > 0 && damping <= 1), "--damping must be in (0, 1]: " + damping);
    v.require(method == Method.APPROX
        || (sketch == SketchType.AUTO && sketchRows == null && sketchNonzeros == null && k == null),
        "--sketch, --sketch-rows, --sketch-nonzeros and --k apply to --method approx only");
    v.require(sketchRows == null || sketchRows >= 1, "--sketch-rows must be positive: " + sketchRows);
    if (sketchNonzeros != null) {
      if (sketchNonzeros < 1) {
        v.add("--sketch-nonzeros must be positive: " + sketchNonzeros);
      } else if (sketch == SketchType.COUNTSKETCH && sketchNonzeros != 1) {
        v.add("CountSketch has one nonzero per row: --sketch-nonzeros applies to osnap");
      } else if (sketchRows != null && sketchNonzeros > sketchRows) {
        v.add("--sketch-nonzeros must be at most --sketch-rows: " + sketchNonzeros);
      }
    }
    v.require(k == null || k >= 1, "--k must be positive: " + k);
    v.require(rankTolerance == null || (rankTolerance >= 0 && rankTolerance < 1),
        "--rank-tol must be in [0, 1): " + rankTolerance);
    v.require(sampleSize == null || sampleSize >= 1, "--sample must be at least 1: " + sampleSize);
    v.require(sampleRule != SampleRule.MIXED || method == Method.LEWIS,
        "--sample-rule mixed adds leverage to ℓp sensitivities: it applies to --method lewis "
            + "(for the other methods the score already is the leverage)");
    v.throwIfAny();
  }

  double tolOrDefault() {
    return tol == null ? DEFAULT_TOL : tol;
  }

  int maxIterationsOrDefault() {
    return maxIterations == null ? DEFAULT_MAX_ITERATIONS : maxIterations;
  }

  int kOrDefault() {
    return k == null ? DEFAULT_K : k;
  }

  /** The sketch actually used for d columns. */
  SketchType sketchFor(int d) {
    if (sketch != SketchType.AUTO) {
      return sketch;
    }
    return d < OSNAP_FROM_COLS ? SketchType.COUNTSKETCH : SketchType.OSNAP;
  }

  /** r₁ for d columns: --sketch-rows or max(10·d, 256). */
  long sketchRowsFor(int d) {
    return sketchRows != null ? sketchRows : Math.max((long) DEFAULT_SKETCH_FACTOR * d, MIN_SKETCH_ROWS);
  }

  int sketchNonzerosFor(int d) {
    if (sketchFor(d) == SketchType.COUNTSKETCH) {
      return 1;
    }
    return sketchNonzeros != null ? sketchNonzeros : DEFAULT_OSNAP_NONZEROS;
  }

  /** A builder with {@code randnla leverage}'s defaults; no output unless one is set (the run returns its result). */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link LeverageConfig}: a setter per component; {@link #build()} runs the constructor's checks. */
  public static final class Builder extends JobConfigBuilder.WithInput<LeverageConfig, Builder> {
    public Builder method(Method method) { return set("method", method); }
    public Builder lambda(Double lambda) { return set("lambda", lambda); }
    public Builder p(Double p) { return set("p", p); }
    public Builder sketch(SketchType sketch) { return set("sketch", sketch); }
    public Builder sketchRows(Integer sketchRows) { return set("sketchRows", sketchRows); }
    public Builder sketchNonzeros(Integer sketchNonzeros) { return set("sketchNonzeros", sketchNonzeros); }
    public Builder k(Integer k) { return set("k", k); }
    public Builder rankTolerance(Double rankTolerance) { return set("rankTolerance", rankTolerance); }
    public Builder tol(Double tol) { return set("tol", tol); }
    public Builder maxIterations(Integer maxIterations) { return set("maxIterations", maxIterations); }
    public Builder damping(Double damping) { return set("damping", damping); }
    public Builder sampleSize(Long sampleSize) { return set("sampleSize", sampleSize); }
    public Builder sampleRule(SampleRule sampleRule) { return set("sampleRule", sampleRule); }
    public Builder seed(long seed) { return set("seed", seed); }

    private Builder() {
      super(LeverageConfig.class);
    }
  }
}
