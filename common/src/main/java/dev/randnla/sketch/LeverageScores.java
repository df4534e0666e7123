package dev.randnla.sketch;

import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.QrDecomposition;
import dev.randnla.linalg.SingularValueDecomposition;
import dev.randnla.linalg.Triangular;
import dev.randnla.linalg.TruncatedInverse;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import java.io.Serializable;

/**
 * Row scores τ(a) = ‖aᵀT‖² for a fixed d×k scoring matrix T built on the driver from a small
 * factor of the data, then shipped to tasks (broadcast) and applied to every row in one pass
 * (docs/algorithms.md, leverage). Three constructions:
 *
 * <ul>
 *   <li>{@link #fromFactor} — exact leverage aᵀ(FᵀF)⁺a for any factor F with FᵀF = AᵀA (the R of a
 *       stable TSQR, or a weighted R in the Lewis iteration). A clearly full-rank triangular R gives
 *       T = R⁻¹, so τ = ‖R⁻ᵀa‖²; otherwise ({@link #spectral}) F = UΣVᵀ and T = V_r·Σ_r⁻¹ over the r
 *       singular values above {@code rankTol·σ₁}: a pseudo-inverse, so rank-deficient A gives the
 *       leverage in its row space and Σ τᵢ = r.
 *   <li>{@link #ridge} — ridge leverage aᵀ(AᵀA + λI)⁻¹a from R: T = V·diag((σ² + λ)^{−1/2}); the
 *       scores sum to d_eff(λ) = Σ σ²/(σ² + λ), which the driver knows exactly beforehand.
 *   <li>{@link #sketched} — approximate leverage (Drineas, Magdon-Ismail, Mahoney &amp; Woodruff,
 *       JMLR 2012; input-sparsity version Clarkson &amp; Woodruff, STOC 2013): the factor is the R of
 *       a sketch S·A, and T = V_r·Σ_r⁻¹·Π with Π an r×k Gaussian (entries N(0, 1/k)) when k &lt; r, so
 *       a row costs O(nnz·k). When k ≥ r the Gaussian step is skipped: it would cost as much as the
 *       exact product and only add error. If S embeds range(A) with distortion ε, the scores are
 *       within [(1+ε)⁻², (1−ε)⁻²] of the truth (before the correction below), times the JL factor
 *       1 ± O(√(log n / k)). Bias correction: for S with i.i.d. N(0, 1/m) entries AᵀSᵀSA is Wishart
 *       and E[(AᵀSᵀSA)⁻¹] = m/(m − r − 1)·(AᵀA)⁻¹, so the scores are multiplied by (m − r − 1)/m;
 *       for CountSketch and OSNAP this removes most of the upward bias (on the closed-form leverage
 *       matrix at m = 10·d: Σ τ̂/d from 1.09–1.13 to 0.98–1.02, median error 0.11 → 0.05 at d = 32).
 * </ul>
 *
 * <p>Invariants: {@code tT} is T stored row-major (k×d column-major, i.e. Tᵀ), so a sparse row
 * reads contiguous k-blocks and a dense block multiplies with one dgemm; {@code sigma} holds all
 * singular values of the factor, largest first, or is null when no SVD was made; {@code basis}
 * (V_r, driver only — transient, never broadcast) is set by {@link #spectral} and {@link #ridge}.
 *
 * <p>Cost on the driver: d³/3 flops for a full-rank triangular R (dtrcon + dtrtri), else one SVD of
 * the d×d factor (≈ 10·d³ flops with the Java LAPACK; several seconds at d = 1000). Per row: 2·d·k
 * flops dense (dgemm in blocks, {@link ScoringBlock}), 2·nnz·k sparse. Memory: d·k doubles per
 * executor.
 */
public final class LeverageScores implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Unit roundoff of IEEE double. */
  public static final double UNIT_ROUNDOFF = 0x1.0p-53;

  /** What the scores are. */
  public enum Kind {
    /** aᵀ(AᵀA)⁺a. */
    EXACT,
    /** aᵀ(AᵀA + λI)⁻¹a. */
    RIDGE,
    /** ‖aᵀR_s⁻¹Π‖² from a sketch. */
    SKETCHED
  }

  private final Kind kind;
  private final int d;
  private final int k;
  private final int rank;
  private final double[] tT;
  private final double[] sigma;
  private final double conditionNumber;
  private final double lambda;
  private final transient Matrix basis;

  private LeverageScores(Kind kind, int d, int rank, Matrix t, double[] sigma, double conditionNumber, double lambda,
      Matrix basis) {
    this.kind = kind;
    this.d = d;
    this.k = t.cols();
    this.rank = rank;
    this.tT = t.transpose().data();
    this.sigma = sigma;
    this.conditionNumber = conditionNumber;
    this.lambda = lambda;
    this.basis = basis;
  }

  /**
   * The default relative rank tolerance 100·d·u: TSQR's backward error is ≲ 100·d·u·‖A‖
   * (docs/algorithms.md, qr), so singular values below 100·d·u·σ₁ cannot be told from zero.
   */
  public static double defaultRankTolerance(int d) {
    return 100.0 * Math.max(1, d) * UNIT_ROUNDOFF;
  }

  /**
   * Exact leverage from a factor F (any rows × d, input, not modified) with FᵀF = AᵀA. When F is
   * square upper triangular (a TSQR R) and clearly of full numerical rank — LAPACK's 1-norm
   * condition estimate κ₁ with 10·d·κ₁·rankTol &lt; 1, which implies κ₂ ≤ d·κ₁ &lt; 1/rankTol with room
   * for the estimate's error — T = R⁻¹ ({@code dtrtri}, d³/3 flops) and no SVD is made; otherwise
   * this is {@link #spectral}.
   *
   * @param rankTol singular values σ ≤ rankTol·σ₁ are treated as zero (pseudo-inverse)
   */
  public static LeverageScores fromFactor(Matrix f, double rankTol) {
    checkTolerance(rankTol);
    double kappa = fullRankCondition(f, rankTol);
    if (kappa > 0) {
      return new LeverageScores(Kind.EXACT, f.cols(), f.cols(), Triangular.inverseUpper(f), null, kappa, 0, null);
    }
    return spectral(f, rankTol);
  }

  /**
   * Exact leverage through the SVD F = UΣVᵀ (≈ 10·d³ flops on the driver): T = V_r·Σ_r⁻¹, with the
   * singular values and V_r kept (on the driver) for {@link #ratioRange} and the Lewis iteration.
   */
  public static LeverageScores spectral(Matrix f, double rankTol) {
    checkTolerance(rankTol);
    Spectrum s = Spectrum.of(f);
    int r = SingularValueDecomposition.numericalRank(s.sigma, rankTol);
    Matrix vr = s.v.leadingColumns(r);
    Matrix t = vr.copy();
    scaleColumns(t, c -> 1 / s.sigma[c]);
    return new LeverageScores(Kind.EXACT, f.cols(), r, t, s.sigma, conditionNumber(s.sigma, r), 0, vr);
  }

  /**
   * Ridge leverage aᵀ(AᵀA + λI)⁻¹a from a factor R (FᵀF = AᵀA, input, not modified).
   *
   * @param lambda the ridge parameter λ &gt; 0 (absolute, in the units of ‖A‖²)
   */
  public static LeverageScores ridge(Matrix r, double lambda) {
    if (!(lambda > 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("lambda must be positive and finite: " + lambda);
    }
    int d = r.cols();
    Spectrum s = Spectrum.of(r);
    // directions beyond the factor's rows (d > rows of F) have σ = 0
    Matrix full = s.v.cols() < d ? completeBasis(s.v) : s.v;
    double[] sigma = java.util.Arrays.copyOf(s.sigma, d);
    Matrix t = full.copy();
    scaleColumns(t, c -> 1 / Math.sqrt(sigma[c] * sigma[c] + lambda));
    return new LeverageScores(Kind.RIDGE, d, d, t, sigma, conditionNumber(sigma, d), lambda, full);
  }

  /**
   * Approximate leverage from a sketch S·A (m × d, input, not modified), bias-corrected by
   * (m − r − 1)/m when m &gt; r + 1. R_s is the TSQR R of S·A; it is inverted directly when clearly
   * of full rank (as in {@link #fromFactor}), else through its SVD.
   *
   * @param rankTol relative rank tolerance on the singular values of S·A
   * @param k columns of the Gaussian projection Π (skipped when k ≥ rank)
   * @param seed seed of Π (purpose {@link Purpose#DRIVER_GAUSSIAN})
   */
  public static LeverageScores sketched(Matrix sa, double rankTol, int k, long seed) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be positive: " + k);
    }
    int d = sa.cols();
    int m = sa.rows();
    LeverageScores exact = fromFactor(m >= d ? QrDecomposition.rOnly(sa) : sa, rankTol);
    int r = exact.rank;
    Matrix t = exact.scoringMatrix();
    double unbias = m > r + 1 ? Math.sqrt((m - r - 1.0) / m) : 1.0;
    scaleColumns(t, c -> unbias);
    return new LeverageScores(Kind.SKETCHED, d, r, project(t, k, seed), exact.sigma, exact.conditionNumber, 0, null);
  }

  /**
   * Scores against a truncated inverse N of an R factor, (RᵀR)⁺ = N·Nᵀ (what {@code regress} builds
   * from its sketch, with its own rank cut-off): T = N, or N·Π with an r×k Gaussian Π when k &lt; r.
   *
   * @param kind what R was: {@link Kind#EXACT} for the R of A, {@link Kind#SKETCHED} for the R of S·A
   */
  public static LeverageScores fromInverse(Kind kind, TruncatedInverse inverse, int k, long seed) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be positive: " + k);
    }
    if (kind == Kind.RIDGE) {
      throw new IllegalArgumentException("ridge scores are built by ridge(...)");
    }
    Matrix n = inverse.factor();
    return new LeverageScores(kind, n.rows(), inverse.rank(), project(n, k, seed), inverse.singularValues(),
        inverse.conditionEstimate(), 0, null);
  }

  /**
   * Scores with a given scoring matrix T and the facts about its factor, as {@link #kind}, {@link #rank},
   * {@link #scoringMatrix}, {@link #singularValues}, {@link #conditionNumber} and {@link #lambda} report them:
   * how a saved model gets back, bitwise, the scores it was fitted with. No basis ({@link #ratioRange} refuses).
   *
   * @param t the d×k scoring matrix (input, copied)
   * @param sigma the factor's singular values, or null when none were computed (required for ridge)
   */
  public static LeverageScores restore(Kind kind, int rank, Matrix t, double[] sigma, double conditionNumber,
      double lambda) {
    if (rank < 0 || rank > t.rows()) {
      throw new IllegalArgumentException("rank must be in [0, d=" + t.rows() + "]: " + rank);
    }
    if (kind == Kind.RIDGE ? sigma == null || !(lambda > 0) : lambda != 0) {
      throw new IllegalArgumentException("ridge scores need singular values and lambda > 0, others lambda = 0: "
          + kind + ", lambda " + lambda);
    }
    return new LeverageScores(kind, t.rows(), rank, t, sigma == null ? null : sigma.clone(), conditionNumber, lambda,
        null);
  }

  /** T·Π for an r×k Gaussian Π with entries N(0, 1/k) from (seed, DRIVER_GAUSSIAN), or T itself when k ≥ r. */
  private static Matrix project(Matrix t, int k, long seed) {
    int r = t.cols();
    if (k >= r) {
      return t;
    }
    RandomStream rs = RandomStream.of(seed, Purpose.DRIVER_GAUSSIAN, 0);
    double[] g = new double[r * k];
    rs.fillGaussian(g);
    double scale = 1 / Math.sqrt(k);
    for (int i = 0; i < g.length; i++) {
      g[i] *= scale;
    }
    return t.times(new Matrix(r, k, g));
  }

  /**
   * κ₁ of F when F is square, upper triangular, finite and clearly of full numerical rank
   * (10·d·κ₁·rankTol &lt; 1); otherwise 0.
   */
  private static double fullRankCondition(Matrix f, double rankTol) {
    int d = f.cols();
    if (f.rows() != d || d == 0) {
      return 0;
    }
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < d; i++) {
        double x = f.get(i, j);
        if (!Double.isFinite(x) || (i > j && x != 0)) {
          return 0;
        }
      }
    }
    double kappa = Triangular.conditionEstimate(f);
    return 10.0 * d * kappa * rankTol < 1 && Double.isFinite(kappa) ? kappa : 0;
  }

  private static void scaleColumns(Matrix t, java.util.function.IntToDoubleFunction scale) {
    for (int c = 0; c < t.cols(); c++) {
      double f = scale.applyAsDouble(c);
      for (int i = 0; i < t.rows(); i++) {
        t.set(i, c, t.get(i, c) * f);
      }
    }
  }

  private static double conditionNumber(double[] sigma, int rank) {
    return rank == 0 ? 1.0 : sigma[0] / sigma[rank - 1];
  }

  private static void checkTolerance(double rankTol) {
    if (!(rankTol >= 0) || rankTol >= 1) {
      throw new IllegalArgumentException("rank tolerance must be in [0, 1): " + rankTol);
    }
  }

  /** Σ σⱼ²/(σⱼ² + λ): the sum of the ridge leverage scores. */
  public static double effectiveDimension(double[] sigma, double lambda) {
    double t = 0;
    for (double s : sigma) {
      t += s * s / (s * s + lambda);
    }
    return t;
  }

  /** An orthonormal d×d basis whose first columns are those of v (d×k with orthonormal columns). */
  private static Matrix completeBasis(Matrix v) {
    int d = v.rows();
    int k = v.cols();
    // the orthogonal complement of range(v): left singular vectors of I − VVᵀ for its top d − k values
    Matrix p = Matrix.identity(d).minus(v.timesTranspose(v));
    Matrix u = SingularValueDecomposition.of(p).u();
    Matrix out = Matrix.zeros(d, d);
    System.arraycopy(v.data(), 0, out.data(), 0, d * k);
    System.arraycopy(u.data(), 0, out.data(), d * k, d * (d - k));
    return out;
  }

  /** The singular values of a factor with V (sign-fixed by the SVD). */
  private record Spectrum(double[] sigma, Matrix v) {
    static Spectrum of(Matrix f) {
      for (double x : f.data()) {
        if (!Double.isFinite(x)) {
          throw new ArithmeticException("the factor has a non-finite entry");
        }
      }
      SingularValueDecomposition svd = SingularValueDecomposition.of(f);
      return new Spectrum(svd.singularValues(), svd.v());
    }
  }

  public Kind kind() {
    return kind;
  }

  /** Columns d of the rows scored. */
  public int cols() {
    return d;
  }

  /** Columns k of T (the work per row is proportional to it). */
  public int width() {
    return k;
  }

  /** The numerical rank r of the factor (d for ridge scores). */
  public int rank() {
    return rank;
  }

  /** The ridge parameter (0 unless {@link Kind#RIDGE}). */
  public double lambda() {
    return lambda;
  }

  /** Whether the singular values of the factor were computed (see {@link #fromFactor}). */
  public boolean hasSpectrum() {
    return sigma != null;
  }

  /** Singular values of the factor, largest first (length min(rows, d); d for ridge). */
  public double[] singularValues() {
    if (sigma == null) {
      throw new IllegalStateException("no SVD was made (full-rank triangular factor): use spectral(...)");
    }
    return sigma.clone();
  }

  /**
   * The condition number of the factor over its retained directions: σ₁/σ_r when the SVD was made
   * ({@link #hasSpectrum()}), else LAPACK's estimate of the 1-norm condition number of R (within a
   * small factor of the truth; κ₂ ≤ d·κ₁).
   */
  public double conditionNumber() {
    return conditionNumber;
  }

  /**
   * The sum of the scores over all rows of A in exact arithmetic, known before any pass over the
   * rows: the rank for exact leverage, d_eff(λ) for ridge, and the target rank for sketched scores
   * (their expectation is within the sketch's distortion of it).
   */
  public double expectedTotal() {
    return kind == Kind.RIDGE ? effectiveDimension(sigma, lambda) : rank;
  }

  /** τ(a) of one dense row. */
  public double score(double[] row) {
    if (row.length != d) {
      throw new IllegalArgumentException("row has " + row.length + " entries, scores are for " + d + " columns");
    }
    double total = 0;
    for (int c = 0; c < k; c++) {
      double y = 0;
      for (int i = 0; i < d; i++) {
        y += row[i] * tT[c + i * k];
      }
      total += y * y;
    }
    return total;
  }

  /** τ(a) of one sparse row (strictly increasing 0-based indices); {@code y} is a work array of length ≥ k. */
  public double score(int[] indices, double[] values, double[] y) {
    java.util.Arrays.fill(y, 0, k, 0.0);
    for (int t = 0; t < indices.length; t++) {
      double v = values[t];
      int base = indices[t] * k;
      for (int c = 0; c < k; c++) {
        y[c] += v * tT[base + c];
      }
    }
    double total = 0;
    for (int c = 0; c < k; c++) {
      total += y[c] * y[c];
    }
    return total;
  }

  /** Tᵀ as a k×d column-major array (not a copy): what {@link ScoringBlock} multiplies with. */
  double[] transposed() {
    return tT;
  }

  /** T (d×k) as a new matrix. */
  public Matrix scoringMatrix() {
    return new Matrix(k, d, tT.clone()).transpose();
  }

  /**
   * The range [min, max] of aᵀ(next)a / aᵀ(this)a over the row space of this factor, where both
   * are exact (or ridge) scores: the squared extreme singular values of Σ_r·V_rᵀ·T_next. Every row's
   * score changes by a factor inside this range. Driver only (needs the basis). Returns [0, ∞] when
   * the ranks differ.
   */
  public double[] ratioRange(LeverageScores next) {
    if (basis == null) {
      throw new IllegalStateException("ratio ranges need spectral(...) scores built on this JVM (the basis is not broadcast)");
    }
    if (next.d != d) {
      throw new IllegalArgumentException("scores for " + d + " and " + next.d + " columns");
    }
    if (next.rank != rank) {
      return new double[] {0, Double.POSITIVE_INFINITY};
    }
    if (rank == 0) {
      return new double[] {1, 1};
    }
    int r = rank;
    Matrix b = basis.transpose().times(next.scoringMatrix());
    for (int c = 0; c < b.cols(); c++) {
      for (int i = 0; i < r; i++) {
        b.set(i, c, b.get(i, c) * sigma[i]);
      }
    }
    double[] sv = SingularValueDecomposition.of(b).singularValues();
    double lo = sv.length < r ? 0 : sv[r - 1];
    return new double[] {lo * lo, sv[0] * sv[0]};
  }

  /** V_r (d×r), driver only; null for sketched scores or after serialisation. */
  public Matrix basis() {
    return basis;
  }
}
