package dev.randnla.linalg;

/**
 * The pseudo-inverse R⁺ of an upper-triangular p×p factor R (from a QR of A, or of a sketch S·A),
 * truncated at a relative tolerance: singular values σᵢ ≤ rcond·σ₁ count as zero.
 *
 * <ul>
 *   <li>When R is clearly nonsingular (LAPACK's 1-norm condition estimate below 1/rcond) R⁺ = R⁻¹,
 *       applied by triangular solves (backward stable); σ₁ and σ_p are estimated by 30 steps of
 *       power iteration on RᵀR and on (RᵀR)⁻¹ (from a fixed start: the same on every run).
 *   <li>Otherwise R = U·Σ·Vᵀ (SVD, exact σ's) and R⁺ = V_r·Σ_r⁻¹·U_rᵀ over the r kept singular values:
 *       the LSRN treatment of rank deficiency (Meng, Saunders &amp; Mahoney, SIAM J. Sci. Comput.
 *       2014), which yields minimum-norm least-squares solutions.
 * </ul>
 * In both cases {@link #factor()} is the right preconditioner N (p×r) with (RᵀR)⁺ = N·Nᵀ: R⁻¹, or
 * V_r·Σ_r⁻¹. A·N has the singular values of A·R⁺ restricted to range(N).
 *
 * <p>Cost: O(p²) per application; construction O(p²) (triangular) or O(p³) (SVD).
 */
public final class TruncatedInverse implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private static final int POWER_STEPS = 30;

  private final int p;
  private final Matrix r;
  private final Matrix u;
  private final double[] sigma;
  private final Matrix v;
  private final int rank;
  private final double sigmaMax;
  private final double sigmaMin;

  private TruncatedInverse(int p, Matrix r, Matrix u, double[] sigma, Matrix v, int rank, double sigmaMax,
      double sigmaMin) {
    this.p = p;
    this.r = r;
    this.u = u;
    this.sigma = sigma;
    this.v = v;
    this.rank = rank;
    this.sigmaMax = sigmaMax;
    this.sigmaMin = sigmaMin;
  }

  /**
   * @param r upper-triangular p×p (input, not modified; the strict lower part is ignored)
   * @param rcond relative truncation tolerance in (0, 1)
   */
  public static TruncatedInverse of(Matrix r, double rcond) {
    if (r.rows() != r.cols()) {
      throw new IllegalArgumentException("R must be square: " + r.rows() + "x" + r.cols());
    }
    if (!(rcond > 0 && rcond < 1)) {
      throw new IllegalArgumentException("rcond must be in (0, 1): " + rcond);
    }
    int p = r.rows();
    Matrix upper = r.copy();
    upper.zeroStrictLower();
    for (double x : upper.data()) {
      if (!Double.isFinite(x)) {
        throw new ArithmeticException("R has a non-finite entry");
      }
    }
    if (p == 0) {
      return new TruncatedInverse(0, upper, null, null, null, 0, 0, 0);
    }
    double kappa1 = Triangular.conditionEstimate(upper);
    if (kappa1 * rcond < 1) {
      double[] ext = extremeSingularValues(upper);
      return new TruncatedInverse(p, upper, null, null, null, p, ext[0], ext[1]);
    }
    SingularValueDecomposition svd = SingularValueDecomposition.of(upper);
    double[] s = svd.singularValues();
    int k = s[0] == 0 ? 0 : svd.rank(rcond);
    return new TruncatedInverse(p, null, svd.u(), s, svd.v(), k, s[0], k == 0 ? 0 : s[k - 1]);
  }

  /** Power iteration on RᵀR for σ₁ and on (RᵀR)⁻¹ for σ_p (lower and upper estimates). */
  private static double[] extremeSingularValues(Matrix r) {
    int p = r.rows();
    double[] x = new double[p];
    for (int i = 0; i < p; i++) {
      x[i] = 1.0 + 0.5 * Math.sin(i + 1.0);
    }
    double[] y = Vectors.normalize(x);
    double big = 0;
    for (int it = 0; it < POWER_STEPS; it++) {
      double[] ry = r.times(y);
      double[] w = r.transposeTimes(ry);
      double n = Vectors.norm2(w);
      big = Math.sqrt(n);
      if (n == 0) {
        break;
      }
      y = Vectors.scale(1 / n, w);
    }
    y = Vectors.normalize(x);
    double invBig = 0;
    for (int it = 0; it < POWER_STEPS; it++) {
      double[] w = Triangular.solveUpper(r, Triangular.solveUpperTranspose(r, y));
      double n = Vectors.norm2(w);
      invBig = Math.sqrt(n);
      if (n == 0 || !Double.isFinite(n)) {
        break;
      }
      y = Vectors.scale(1 / n, w);
    }
    return new double[] {big, invBig == 0 ? 0 : 1 / invBig};
  }

  /** Numerical rank r. */
  public int rank() {
    return rank;
  }

  /** True when R was inverted by triangular solves (full numerical rank). */
  public boolean triangular() {
    return r != null;
  }

  /** The smallest kept singular value σ_r(R) (estimate when triangular). */
  public double smallestSingularValue() {
    return sigmaMin;
  }

  /** σ₁/σ_r: the 2-norm condition number of R on its numerical range. */
  public double conditionEstimate() {
    return sigmaMin == 0 ? Double.POSITIVE_INFINITY : sigmaMax / sigmaMin;
  }

  /** All singular values when the SVD was computed, else null. */
  public double[] singularValues() {
    return sigma == null ? null : sigma.clone();
  }

  /** R⁺·z (the minimum-norm solution of R·x = z restricted to the kept singular values). */
  public double[] solve(double[] z) {
    check(z.length, p);
    if (r != null) {
      return Triangular.solveUpper(r, z);
    }
    return applyFactor(applyUt(z));
  }

  /** (RᵀR)⁺·g = N·Nᵀ·g: the preconditioned gradient step. */
  public double[] normalSolve(double[] g) {
    check(g.length, p);
    if (r != null) {
      return Triangular.solveUpper(r, Triangular.solveUpperTranspose(r, g));
    }
    return applyFactor(factorTransposeTimes(g));
  }

  /**
   * (RᵀR)⁺·g in double-double: the triangular solves (or the products with V_r and Σ_r⁻¹) run on
   * double-double vectors, so a g whose components span more than 1/u in scale keeps its small
   * ones. Cost ≈ 10× the double version, O(p²).
   */
  public Compensated.Vector normalSolve(Compensated.Vector g) {
    check(g.length(), p);
    if (r != null) {
      return backward(forwardTranspose(g));
    }
    double[] q = new double[2];
    Compensated.Vector t = new Compensated.Vector(rank);
    for (int k = 0; k < rank; k++) {
      Compensated.Sum s = new Compensated.Sum();
      for (int i = 0; i < p; i++) {
        double vik = v.get(i, k);
        s.addProduct(vik, g.hi(i));
        s.add(vik * g.lo(i));
      }
      Compensated.divide(s.hi(), s.lo(), sigma[k] * sigma[k], q);
      t.add(k, q[0], q[1]);
    }
    Compensated.Vector out = new Compensated.Vector(p);
    for (int i = 0; i < p; i++) {
      for (int k = 0; k < rank; k++) {
        out.addScaled(i, v.get(i, k), t.hi(k), t.lo(k));
      }
    }
    return out.normalize();
  }

  /** w with Rᵀ·w = g (forward substitution) in double-double. */
  private Compensated.Vector forwardTranspose(Compensated.Vector g) {
    Compensated.Vector w = new Compensated.Vector(p);
    double[] q = new double[2];
    double[] data = r.data();
    for (int j = 0; j < p; j++) {
      Compensated.Sum s = new Compensated.Sum();
      s.add(g.hi(j), g.lo(j));
      int col = j * p;
      for (int i = 0; i < j; i++) {
        double rij = data[i + col];
        if (rij != 0) {
          s.addProduct(-rij, w.hi(i));
          s.add(-rij * w.lo(i));
        }
      }
      Compensated.divide(s.hi(), s.lo(), data[j + col], q);
      w.add(j, q[0], q[1]);
    }
    return w;
  }

  /** x with R·x = w (back substitution) in double-double. */
  private Compensated.Vector backward(Compensated.Vector w) {
    Compensated.Vector x = new Compensated.Vector(p);
    double[] q = new double[2];
    double[] data = r.data();
    for (int i = p - 1; i >= 0; i--) {
      Compensated.Sum s = new Compensated.Sum();
      s.add(w.hi(i), w.lo(i));
      for (int j = i + 1; j < p; j++) {
        double rij = data[i + j * p];
        if (rij != 0) {
          s.addProduct(-rij, x.hi(j));
          s.add(-rij * x.lo(j));
        }
      }
      Compensated.divide(s.hi(), s.lo(), data[i + i * p], q);
      x.add(i, q[0], q[1]);
    }
    return x;
  }

  /** N·y for y of length {@link #rank()}: R⁻¹y, or V_r·Σ_r⁻¹·y. */
  public double[] applyFactor(double[] y) {
    check(y.length, rank);
    if (r != null) {
      return Triangular.solveUpper(r, y);
    }
    double[] out = new double[p];
    for (int k = 0; k < rank; k++) {
      double c = y[k] / sigma[k];
      for (int i = 0; i < p; i++) {
        out[i] += v.get(i, k) * c;
      }
    }
    return out;
  }

  /** Nᵀ·g (length {@link #rank()}). */
  public double[] factorTransposeTimes(double[] g) {
    check(g.length, p);
    if (r != null) {
      return Triangular.solveUpperTranspose(r, g);
    }
    double[] out = new double[rank];
    for (int k = 0; k < rank; k++) {
      double s = 0;
      for (int i = 0; i < p; i++) {
        s += v.get(i, k) * g[i];
      }
      out[k] = s / sigma[k];
    }
    return out;
  }

  private double[] applyUt(double[] z) {
    double[] out = new double[rank];
    for (int k = 0; k < rank; k++) {
      double s = 0;
      for (int i = 0; i < p; i++) {
        s += u.get(i, k) * z[i];
      }
      out[k] = s;
    }
    return out;
  }

  /** N as an explicit p×r matrix (R⁻¹ by dtrtri, or V_r·Σ_r⁻¹). */
  public Matrix factor() {
    if (r != null) {
      return Triangular.inverseUpper(r);
    }
    Matrix n = Matrix.zeros(p, rank);
    for (int k = 0; k < rank; k++) {
      for (int i = 0; i < p; i++) {
        n.set(i, k, v.get(i, k) / sigma[k]);
      }
    }
    return n;
  }

  /** The diagonal of (RᵀR)⁺ = ‖row i of N‖², e.g. for standard errors of least-squares coefficients. */
  public double[] normalInverseDiagonal() {
    Matrix n = factor();
    double[] out = new double[p];
    for (int k = 0; k < n.cols(); k++) {
      for (int i = 0; i < p; i++) {
        double x = n.get(i, k);
        out[i] += x * x;
      }
    }
    return out;
  }

  private static void check(int got, int want) {
    if (got != want) {
      throw new IllegalArgumentException("vector has " + got + " entries, expected " + want);
    }
  }
}
