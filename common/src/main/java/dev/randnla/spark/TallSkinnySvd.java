package dev.randnla.spark;

import dev.randnla.io.CliEnums;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.RowTransform;
import dev.randnla.linalg.SingularValueDecomposition;
import dev.randnla.linalg.SymmetricEigen;
import dev.randnla.sketch.CenteredTsqrSketch;
import dev.randnla.sketch.GramSketch;
import dev.randnla.sketch.TsqrSketch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Singular values and right singular vectors of a distributed tall matrix A, or of its centred
 * form A − 1μᵀ (PCA), and an orthonormal U in later passes (docs/algorithms.md, svd and pca).
 *
 * <ul>
 *   <li>{@code tsqr} (default): one pass for R ({@link TsqrSketch}, or {@link CenteredTsqrSketch}
 *       for the centred matrix, whose block-wise mean correction never forms AᵀA − nμμᵀ), then
 *       R = U_R·Σ·Vᵀ on the driver. σ and V are those of A to ≈ d·u·σ₁ at any condition number.
 *   <li>{@code gram}: one pass for AᵀA ({@link GramSketch}; sparse rows cost O(nnz²)) and its
 *       eigen-decomposition. Squares κ: λᵢ carry an absolute error ≈ d·u·λ₁, so σᵢ below
 *       ≈ √(d·u)·σ₁ ≈ 1e-7·σ₁ are noise; centred by the rank-one correction AᵀA − nμμᵀ, which
 *       also loses ≈ d·u·n‖μ‖² (reported, and warned about when the mean dominates).
 * </ul>
 * U (k columns) needs two more passes ({@link #leftVectors}): Y = A·V_k·Σ_k⁻¹ is orthonormal only
 * to ≈ u·σ₁/σ_k, so a TSQR of Y (pass 2) gives R_y and U = Y·R_y⁻¹ (pass 3) is orthonormal to
 * machine precision, with A·V_k = U·R_y·Σ_k and R_y = I + O(u·σ₁/σ_k). This works for rank-deficient
 * A too, for the k ≤ numerical rank.
 */
public final class TallSkinnySvd {
  private static final double U = 0x1.0p-53;

  private TallSkinnySvd() {}

  /** The method. */
  public enum Method implements CliEnums.Named {
    TSQR,
    GRAM
  }

  /**
   * The decomposition.
   *
   * @param sigma all d singular values, descending (of the centred matrix when {@code mean} is set)
   * @param v d×d right singular vectors as columns, each with its largest-magnitude entry positive
   * @param mean column means (centred) or null
   * @param rank the numerical rank: σᵢ above {@link #rankTolerance} relative to σ₁
   * @param diagnostics numbers for summary.json
   * @param warnings sentences a user should read
   */
  public record Result(Method method, double[] sigma, Matrix v, long rows, Long nnz, double[] mean, int rank,
      double rankTolerance, Map<String, Object> diagnostics, List<String> warnings) {
    /** V's leading k columns. */
    public Matrix leadingV(int k) {
      return v.leadingColumns(k);
    }
  }

  /**
   * One pass and a d×d decomposition on the driver.
   *
   * @param center decompose A − 1μᵀ
   * @param what the job, for messages
   */
  public static Result decompose(MatrixInput input, Method method, boolean center, String what, JobRun run) {
    int d = input.cols();
    TallSkinny.requireSquare(input.spark().sparkContext(), d, what + ": the " + d + "x" + d
        + (method == Method.GRAM ? " Gram matrix" : " R factor"),
        "no dense d x d matrix fits: use eigen --method lanczos --k K for the leading singular pairs");
    Map<String, Object> diag = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    if (method == Method.TSQR) {
      return tsqr(input, center, what, run, diag, warnings);
    }
    GramSketch.Gram g = TallSkinnyQr.stage(run, "gram", () -> GramPass.aggregate(input, what + ": Gram pass"))
        .value().result();
    Matrix c = center ? g.centered() : g.gram();
    SymmetricEigen e = SymmetricEigen.of(c);
    double[] lambda = e.values();
    double[] sigma = new double[d];
    for (int i = 0; i < d; i++) {
      sigma[i] = Math.sqrt(Math.max(0, lambda[i]));
    }
    double tol = gramTolerance(d);
    double meanDominance = 0;
    if (center && g.rows() > 0) {
      double mu2 = 0;
      for (double m : g.columnMeans()) {
        mu2 += m * m;
      }
      double cNorm = Math.max(c.frobeniusNorm(), Double.MIN_NORMAL);
      meanDominance = g.rows() * mu2 / cNorm;
      diag.put("meanDominance", meanDominance);
      tol = Math.sqrt(d * U * (1 + meanDominance)) * 10;
      if (meanDominance > 1e4) {
        warnings.add(String.format(Locale.ROOT, "the column means dominate the spread (n||mu||^2/||C||_F = %.1e): the Gram "
            + "route's mean correction A^T A - n mu mu^T loses about %.0f digits; use --method tsqr", meanDominance,
            Math.log10(meanDominance)));
      }
    }
    int rank = rank(sigma, tol);
    diag.put("gramSquaresConditionNumber", true);
    diag.put("smallestReliableSingularValueRatio", tol);
    if (rank < d && sigma[0] > 0) {
      warnings.add(String.format(Locale.ROOT, "the Gram matrix squares the condition number: %d of %d singular values are "
          + "below %.1e x sigma_1, where the Gram route has no accurate digits left; use --method tsqr for them",
          d - rank, d, tol));
    }
    return new Result(Method.GRAM, sigma, e.vectors(), g.rows(), g.nnz(), center ? g.columnMeans() : null, rank, tol,
        diag, warnings);
  }

  private static Result tsqr(MatrixInput input, boolean center, String what, JobRun run, Map<String, Object> diag,
      List<String> warnings) {
    int d = input.cols();
    Matrix r;
    long rows;
    double[] mean = null;
    if (center) {
      CenteredTsqrSketch.Result c = TallSkinnyQr.stage(run, "tsqr", () -> SketchPass.aggregate(input,
          () -> new CenteredTsqrSketch(d), CenteredTsqrSketch.serializedBytes(d), what + ": centred TSQR pass")).value().result();
      r = c.r();
      rows = c.rows();
      mean = c.mean();
    } else {
      PartitionResult<TsqrSketch> p = TallSkinnyQr.stage(run, "tsqr", () ->
          SketchPass.aggregate(input, () -> new TsqrSketch(d), TsqrSketch.serializedBytes(d), what + ": TSQR pass"));
      r = p.value().result();
      rows = p.value().rows();
    }
    SingularValueDecomposition s = TallSkinnyQr.stage(run, "svd of R", () -> SingularValueDecomposition.of(r));
    double[] sigma = s.singularValues();
    double tol = tsqrTolerance(d);
    diag.put("smallestReliableSingularValueRatio", tol);
    return new Result(Method.TSQR, sigma, s.v(), rows, null, mean, rank(sigma, tol), tol, diag, warnings);
  }

  /**
   * The first k left singular vectors as a row transform aᵢ ↦ uᵢ (one pass for R_y; writing U is
   * another). k is cut to the numerical rank, with a warning in the returned list.
   */
  public static LeftVectors leftVectors(MatrixInput input, Result svd, int k, String what, JobRun run) {
    int d = input.cols();
    int kept = Math.min(k, svd.rank());
    List<String> warnings = new ArrayList<>();
    if (kept < k) {
      warnings.add(String.format(Locale.ROOT, "U has %d column(s), not %d: only %d singular value(s) are above %.1e x sigma_1 "
          + "(the numerical rank), and left singular vectors of zero singular values are not determined", kept, k, kept,
          svd.rankTolerance()));
    }
    if (kept == 0) {
      return new LeftVectors(null, Matrix.zeros(0, 0), warnings);
    }
    Matrix m = Matrix.zeros(d, kept);
    double[] sigma = svd.sigma();
    for (int j = 0; j < kept; j++) {
      for (int i = 0; i < d; i++) {
        m.set(i, j, svd.v().get(i, j) / sigma[j]);
      }
    }
    RowTransform y = svd.mean() == null ? RowTransform.identity(d) : RowTransform.identity(d).centered(svd.mean());
    TallSkinnyQr.Orthonormalized o = TallSkinnyQr.stage(run, "tsqr of A V / sigma", () ->
        TallSkinnyQr.orthonormalize(input, y.thenMultiply(m), what + ": TSQR of A V Sigma^-1"));
    return new LeftVectors(o.map(), o.r(), warnings);
  }

  /**
   * @param map aᵢ ↦ uᵢ (k columns), or null when the rank is zero
   * @param ry the correction R_y (A·V_k = U·R_y·Σ_k); ‖R_y − I‖ measures what the second pass fixed
   */
  public record LeftVectors(RowTransform map, Matrix ry, List<String> warnings) {}

  /** σᵢ/σ₁ below this is noise for the TSQR route (backward error ≈ d·u·σ₁). */
  public static double tsqrTolerance(int d) {
    return 10 * Math.max(1, d) * U;
  }

  /** σᵢ/σ₁ below this is noise for the Gram route (λ error ≈ d·u·λ₁). */
  public static double gramTolerance(int d) {
    return 10 * Math.sqrt(Math.max(1, d) * U);
  }

  static int rank(double[] sigma, double tol) {
    return SingularValueDecomposition.numericalRank(sigma, tol);
  }
}
