package dev.randnla.jobs.regress;

import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.TruncatedInverse;
import dev.randnla.sketch.LeverageScores;
import dev.randnla.sketch.LinearSketch;
import dev.randnla.sketch.SketchKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --solver sample}: leverage-score row sampling, then an exact solve of the sampled problem
 * (Drineas, Mahoney &amp; Muthukrishnan 2006; approximate leverage as in Drineas, Magdon-Ismail,
 * Mahoney &amp; Woodruff, JMLR 2012).
 *
 * <ol>
 *   <li>Pass 1: S·M → R_s (sketch of M; ridge rows folded in, giving ridge leverage).
 *   <li>Pass 2: τᵢ = ‖mᵢᵀ·R_s⁺·Π‖² ({@link LeverageScores}, Π a JL projection when p exceeds
 *       {@code --projection}); keep row i with qᵢ = min(1, m·τᵢ/r) decided from (seed, row key)
 *       ({@link dev.randnla.sketch.RowSampling}); kept rows, rescaled by qᵢ^(−1/2), go straight into a
 *       TSQR of [M b], whose R gives the sampled solution.
 * </ol>
 * With m = O(p·log(p/δ)/ε) expected rows the residual is within (1 + ε) of the optimum with
 * probability ≥ 1 − δ; like sketch-and-solve, the coefficients' error grows with κ·tanθ.
 *
 * <p>Cost: two passes (plus the job's evaluation pass); m₁·p doubles per task in pass 1, (p+1)² in
 * pass 2; the leverage matrix (p×k) is broadcast.
 */
final class SampleSolver {
  /** Σ τᵢ / rank outside 1 ± this draws a warning (docs/algorithms.md, leverage --method approx: the health check). */
  static final double SCORE_SUM_TOLERANCE = 0.2;

  private SampleSolver() {}

  static Solution solve(Passes passes, Design design, SolverSettings s) {
    int p = design.p();
    int m = s.sketchRows();
    SketchKind kind = s.sketch();
    long seed = s.seed();
    s.log().accept("sample: " + kind.cliName() + " sketch of A with " + m + " rows for the leverage scores");
    AugmentedSketch<LinearSketch> first = AugmentedSketch.linear(passes, design, false, kind, m, s.nnzPerCol(), seed,
        "regress: sketch SA for leverage scores");
    TruncatedInverse rs = AugmentedFactor.sketchInverse(first.result(), design, s.rcond());
    int rank = rs.rank();
    LeverageScores scores = LeverageScores.fromInverse(LeverageScores.Kind.SKETCHED, rs,
        s.projection() > 0 ? s.projection() : Math.max(1, rank), seed);
    double expected = s.sampleSize();
    s.log().accept("sample: keeping about " + s.sampleSize() + " rows by leverage");
    Passes.Shared<LeverageScores> shared = passes.share(scores);
    SampledTsqr sampled;
    try {
      sampled = passes.aggregate(() -> new SampledTsqr(design, shared.value(), expected, Math.max(1, rank), seed),
          8L * (p + 1) * (p + 1) + 512, "regress: leverage-score sampling");
    } finally {
      shared.release();
    }
    Matrix rAug = sampled.result();
    AugmentedFactor f = AugmentedFactor.solve(rAug, design, s.rcond());
    Map<String, Object> details = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    double ratio = rank == 0 ? 1 : sampled.scoreSum() / rank;
    details.put("sketchRows", m);
    details.put("expectedSampleSize", s.sampleSize());
    details.put("sampledRows", sampled.kept());
    details.put("leverageProjection", scores.width());
    details.put("leverageSumOverRank", ratio);
    if (Math.abs(ratio - 1) > SCORE_SUM_TOLERANCE) {
      warnings.add(String.format(Locale.ROOT, "sample: the approximate leverage scores sum to %.3g x the rank "
          + "(expected 1 ± %.1f): the sketch with %d rows is a poor embedding; raise --sketch-size.",
          ratio, SCORE_SUM_TOLERANCE, m));
    }
    if (f.inverse().rank() < rank) {
      warnings.add("sample: the sampled rows have rank " + f.inverse().rank() + " < " + rank
          + " (too few rows kept); raise --sample-size.");
    }
    return new Solution(f.x(), 0, Double.NaN, Double.NaN, f.residualSquares(), rs, false, Double.NaN,
        first.labels(), details, warnings);
  }
}
