package dev.randnla.spark;

import dev.randnla.io.CliEnums;
import dev.randnla.io.MethodFailedException;
import dev.randnla.io.UsageException;
import dev.randnla.linalg.Cholesky;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.QrDecomposition;
import dev.randnla.linalg.RowTransform;
import dev.randnla.linalg.Triangular;
import dev.randnla.sketch.GramSketch;
import dev.randnla.sketch.OsnapSketch;
import dev.randnla.sketch.TsqrSketch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A = QR of a distributed tall matrix (docs/algorithms.md, qr) by one of three methods, with Q (when
 * asked) as a {@link RowTransform} that maps each row aᵢ to qᵢ, orthonormal to machine precision:
 *
 * <ul>
 *   <li>{@code tsqr} (default): pass 1 the streaming TSQR R₁ ({@link TsqrSketch}); backward stable
 *       at any κ: ‖RᵀR − AᵀA‖ ≲ c·d·u·‖A‖². For Q, "TSQR twice": pass 2 the TSQR R₂ of
 *       Q₁ = A·R₁⁻¹ (well conditioned whenever κ(A)·u ≪ 1), then Q = Q₁·R₂⁻¹ and R = R₂R₁, so
 *       ‖QᵀQ − I‖ ≈ u·κ(R₂) even where Q₁ alone lost κ(A)·u. Needs full column rank for Q.
 *   <li>{@code cholqr2} (Yamamoto, Nakatsukasa, Yanagisawa &amp; Fukaya, ETNA 2015): two Gram passes,
 *       R₁ = chol(AᵀA), R₂ = chol(Q₁ᵀQ₁), R = R₂R₁. The Gram squares κ: it works to κ(A) ≈ 1e8 and is
 *       refused ({@link UsageException}) when AᵀA is not numerically positive definite or when
 *       the second Gram shows that Q₁ lost its orthogonality (‖Q₁ᵀQ₁ − I‖_F &gt; 1/2).
 *   <li>{@code randcholqr} (randomized Cholesky QR; Fan, Guo &amp; Lin 2021, Balabanov 2022):
 *       pass 1 an OSNAP sketch SA (m = 8d rows, 4 nonzeros per column) and R_s = qr(SA).R, pass 2
 *       the Gram of A·R_s⁻¹ (κ ≈ 1 when S embeds the column space) and R_c = chol of it;
 *       R = R_cR_s, Q = A·R_s⁻¹·R_c⁻¹. Stable to κ ≈ 1/u for full-rank A; refused when
 *       A is rank-deficient (R_s singular) or the preconditioned Gram is not positive definite.
 * </ul>
 * Every R has diag(R) ≥ 0. Passes: tsqr 1 (3 with Q), cholqr2 and randcholqr 2 (3 with Q).
 * Driver: a few d×d matrices; tasks: a d×d sketch (8d×d for the OSNAP sketch) and one block.
 */
public final class TallSkinnyQr {
  private static final double U = 0x1.0p-53;
  /** cholqr2 is refused when its first step's Q₁ is further than this from orthonormal (‖Q₁ᵀQ₁ − I‖_F). */
  public static final double CHOLQR2_MAX_LOSS = 0.5;
  /** Q is refused when κ₁(R) reaches this (Q₁ = A·R⁻¹ would not have full numerical rank). */
  public static final double Q_MAX_CONDITION = 0.1 / U;
  /** Sketch rows per column for randcholqr. */
  public static final int RANDCHOLQR_OVERSAMPLING = 8;
  /** Nonzeros per sketch column for randcholqr (OSNAP). */
  public static final int RANDCHOLQR_NONZEROS = 4;

  private TallSkinnyQr() {}

  /** The method. */
  public enum Method implements CliEnums.Named {
    TSQR,
    CHOLQR2,
    RANDCHOLQR
  }

  /**
   * The factorization.
   *
   * @param r d×d upper triangular, diag ≥ 0
   * @param q aᵢ ↦ qᵢ, or null when Q was not asked for
   * @param rows rows of A
   * @param nnz nonzeros of A (null when the method's first pass does not count them)
   * @param diagnostics method-specific numbers for summary.json (condition estimates, losses)
   * @param warnings sentences a user should read
   */
  public record Factorization(Method method, Matrix r, RowTransform q, long rows, Long nnz,
      Map<String, Object> diagnostics, List<String> warnings) {}

  /**
   * Factors the input.
   *
   * @param seed the sketch's seed (randcholqr)
   * @param run the run whose stages are timed, or null
   */
  public static Factorization factor(MatrixInput input, Method method, boolean wantQ, long seed, JobRun run) {
    int d = input.cols();
    TallSkinny.requireSquare(input.spark().sparkContext(), d, "qr: the " + d + "x" + d + " R factor",
        "no dense d x d factor fits: use a sketch-based job (eigen --method lanczos, regress --solver precondition)");
    return switch (method) {
      case TSQR -> tsqr(input, wantQ, run);
      case CHOLQR2 -> cholqr2(input, wantQ, run);
      case RANDCHOLQR -> randcholqr(input, wantQ, seed, run);
    };
  }

  private static Factorization tsqr(MatrixInput input, boolean wantQ, JobRun run) {
    int d = input.cols();
    Map<String, Object> diag = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    PartitionResult<TsqrSketch> p1 = stage(run, "tsqr", () ->
        SketchPass.aggregate(input, () -> new TsqrSketch(d), TsqrSketch.serializedBytes(d), "qr: TSQR pass"));
    Matrix r1 = p1.value().result();
    long rows = p1.value().rows();
    double kappa = Triangular.conditionEstimate(r1);
    diag.put("conditionNumberEstimate", kappa);
    if (!wantQ) {
      return new Factorization(Method.TSQR, r1, null, rows, null, diag, warnings);
    }
    requireFullRank(kappa, rows, d);
    RowTransform q1 = RowTransform.identity(d).thenSolveUpper(r1);
    Orthonormalized second = stage(run, "tsqr of Q1", () -> orthonormalize(input, q1, "qr: TSQR of A R1^-1"));
    Matrix r2 = second.r();
    double kappa2 = Triangular.conditionEstimate(r2);
    diag.put("secondFactorConditionEstimate", kappa2);
    if (kappa2 > 1e4) {
      warnings.add(String.format(Locale.ROOT, "A R1^-1 has condition number about %.1e, so Q is orthonormal only to about %.1e",
          kappa2, kappa2 * d * U));
    }
    return new Factorization(Method.TSQR, upperProduct(r2, r1), second.map(), rows, null, diag, warnings);
  }

  private static Factorization cholqr2(MatrixInput input, boolean wantQ, JobRun run) {
    int d = input.cols();
    Map<String, Object> diag = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    long gramBytes = GramSketch.serializedBytes(d);
    PartitionResult<GramSketch> p1 = stage(run, "gram", () ->
        GramPass.aggregate(input, "qr: Gram pass"));
    GramSketch.Gram g = p1.value().result();
    Cholesky c1 = Cholesky.of(g.gram());
    if (!c1.succeeded()) {
      throw new MethodFailedException("qr --method cholqr2 refused: the Gram matrix A^T A is not numerically positive definite "
          + "(Cholesky fails at column " + c1.failedAtColumn() + "), so kappa(A) is about 1e8 or more or A is rank-deficient; "
          + "cholqr2 squares the condition number. Use --method tsqr (stable at any condition number) or randcholqr.");
    }
    Matrix r1 = c1.r();
    diag.put("conditionNumberEstimate", Triangular.conditionEstimate(r1));
    RowTransform q1 = RowTransform.identity(d).thenSolveUpper(r1);
    PartitionResult<GramSketch> p2 = stage(run, "gram of Q1", () ->
        TallSkinny.aggregate(input, q1, () -> new GramSketch(d), gramBytes, "qr: Gram of A R1^-1"));
    Matrix g2 = p2.value().result().gram();
    double loss = g2.minus(Matrix.identity(d)).frobeniusNorm();
    diag.put("firstStepOrthogonalityLoss", loss);
    Cholesky c2 = Cholesky.of(g2);
    if (loss > CHOLQR2_MAX_LOSS || !c2.succeeded()) {
      throw new MethodFailedException(String.format(Locale.ROOT, "qr --method cholqr2 refused: after the first Cholesky QR step "
          + "||Q1^T Q1 - I||_F = %.2e (limit %.1f), which means kappa(A) is about %.0e; cholqr2 squares the condition number "
          + "and is reliable only to about 1e8. Use --method tsqr (stable at any condition number) or randcholqr.",
          loss, CHOLQR2_MAX_LOSS, Math.sqrt(Math.max(loss, U) / U)));
    }
    Matrix r2 = c2.r();
    RowTransform q = wantQ ? q1.thenSolveUpper(r2) : null;
    return new Factorization(Method.CHOLQR2, upperProduct(r2, r1), q, g.rows(), g.nnz(), diag, warnings);
  }

  private static Factorization randcholqr(MatrixInput input, boolean wantQ, long seed, JobRun run) {
    int d = input.cols();
    int m = Math.max(RANDCHOLQR_OVERSAMPLING * d, RANDCHOLQR_NONZEROS);
    Map<String, Object> diag = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    diag.put("sketchRows", m);
    diag.put("sketchNonzerosPerColumn", RANDCHOLQR_NONZEROS);
    PartitionResult<OsnapSketch> p1 = stage(run, "sketch", () ->
        SketchPass.aggregate(input, () -> new OsnapSketch(m, d, RANDCHOLQR_NONZEROS, seed), OsnapSketch.serializedBytes(m, d),
            "qr: OSNAP sketch pass"));
    Matrix rs = QrDecomposition.rOnly(p1.value().result());
    double kappaS = Triangular.conditionEstimate(rs);
    diag.put("conditionNumberEstimate", kappaS);
    if (!(kappaS < Q_MAX_CONDITION)) {
      throw new MethodFailedException(String.format(Locale.ROOT, "qr --method randcholqr refused: the sketch of A has condition "
          + "number about %.1e, so A is numerically rank-deficient; use --method tsqr for R, or svd --k for a basis "
          + "of its range", kappaS));
    }
    RowTransform pre = RowTransform.identity(d).thenSolveUpper(rs);
    PartitionResult<GramSketch> p2 = stage(run, "gram of A Rs^-1", () ->
        TallSkinny.aggregate(input, pre, () -> new GramSketch(d), GramSketch.serializedBytes(d),
            "qr: Gram of A Rs^-1"));
    GramSketch.Gram gc = p2.value().result();
    Cholesky c = Cholesky.of(gc.gram());
    if (!c.succeeded()) {
      throw new MethodFailedException("qr --method randcholqr refused: the Gram of the preconditioned matrix A Rs^-1 is not "
          + "positive definite (Cholesky fails at column " + c.failedAtColumn() + "); the sketch did not embed the column "
          + "space. Use --method tsqr.");
    }
    Matrix rc = c.r();
    double kappaC = Triangular.conditionEstimate(rc);
    diag.put("preconditionedConditionEstimate", kappaC);
    if (kappaC > 100) {
      warnings.add(String.format(Locale.ROOT, "the sketch preconditioned A only to condition number %.1e; Q is orthonormal "
          + "to about %.1e", kappaC, kappaC * kappaC * d * U));
    }
    RowTransform q = wantQ ? pre.thenSolveUpper(rc) : null;
    return new Factorization(Method.RANDCHOLQR, upperProduct(rc, rs), q, p1.value().rows(), null, diag, warnings);
  }

  /**
   * The second pass that makes A·M orthonormal: R_y = TSQR of A·M (one pass), returning M·R_y⁻¹.
   * For M with A·M well conditioned (κ·u ≪ 1), ‖(AMR_y⁻¹)ᵀ(AMR_y⁻¹) − I‖ ≈ u·κ(R_y).
   *
   * @return the orthonormalising transform and R_y
   */
  public static Orthonormalized orthonormalize(MatrixInput input, RowTransform m, String description) {
    int k = m.outputCols();
    PartitionResult<TsqrSketch> p = TallSkinny.aggregate(input, m, () -> new TsqrSketch(k), TsqrSketch.serializedBytes(k), description);
    Matrix ry = p.value().result();
    return new Orthonormalized(m.thenSolveUpper(ry), ry);
  }

  /** A transform whose rows are orthonormal, and the R factor it divided by. */
  public record Orthonormalized(RowTransform map, Matrix r) {}

  /** Refuses Q for a numerically rank-deficient (or empty, or wide) A. */
  static void requireFullRank(double kappa, long rows, int d) {
    if (rows < d) {
      throw new UsageException("Q with orthonormal columns needs at least as many rows as columns: the input has "
          + rows + " rows and " + d + " columns");
    }
    if (!(kappa < Q_MAX_CONDITION)) {
      throw new MethodFailedException(String.format(Locale.ROOT, "Q is not determined: R has condition number about %.1e "
          + "(A is numerically rank-deficient). Use svd --u --k r for an orthonormal basis of the range of A.", kappa));
    }
  }

  /** R₂·R₁ for upper-triangular factors (upper triangular, diag ≥ 0 when both have it). */
  static Matrix upperProduct(Matrix r2, Matrix r1) {
    Matrix r = r2.times(r1);
    r.zeroStrictLower();
    return r;
  }

  static <T> T stage(JobRun run, String name, Supplier<T> work) {
    return run == null ? work.get() : run.stage(name, work);
  }
}
