package dev.randnla.linalg;

/**
 * Double-double ("compensated") arithmetic for sums and dot products whose result must be accurate
 * to about u² relative to the size of the terms, not u: a value is an unevaluated pair hi + lo with
 * |lo| ≤ u·|hi|. Built on the error-free transformations TwoSum (Knuth) and TwoProduct by
 * {@link Math#fma}, as in Ogita, Rump &amp; Oishi, "Accurate sum and dot product" (SIAM J. Sci.
 * Comput. 26(6), 2005): the result of {@code Dot2}/{@code Sum2} is as accurate as if computed in
 * twice the working precision and then rounded, i.e. error ≤ u·|s| + γ²·Σ|terms|.
 *
 * <p>Why it matters: a least-squares gradient Aᵀ(b − Ax) near the solution is a sum of terms much
 * larger than the result; in working precision its error is ≈ u·‖A‖·(‖b‖ + ‖A‖‖x‖), which caps the
 * forward error of any iteration driven by it at ≈ κ²·u. Accumulated here the cap falls to ≈ κ²·u²,
 * which is what lets an iterative solver refine past the accuracy of a backward-stable direct solve.
 *
 * <p>Cost: about 10 flops per term instead of 2; no allocation.
 */
public final class Compensated {
  private Compensated() {}

  /** The rounding error of s = fl(a + b): a + b = s + twoSumError(a, b, s) exactly (Knuth's TwoSum). */
  public static double twoSumError(double a, double b, double s) {
    double bb = s - a;
    return (a - (s - bb)) + (b - bb);
  }

  /** The rounding error of p = fl(a·b): a·b = p + twoProductError(a, b, p) exactly. */
  public static double twoProductError(double a, double b, double p) {
    return Math.fma(a, b, -p);
  }

  /**
   * A double-double accumulator for one scalar: {@code hi + lo} is the running sum.
   * A plain mutable class (travels between tasks inside accumulators).
   */
  public static final class Sum implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private double hi;
    private double lo;

    /** Adds a + b where b is a small correction of a (b may be 0). */
    public void add(double a, double b) {
      double s = hi + a;
      lo += twoSumError(hi, a, s) + b;
      hi = s;
    }

    /** Adds x. */
    public void add(double x) {
      add(x, 0.0);
    }

    /** Adds the exact product x·y (rounded only once, at the end). */
    public void addProduct(double x, double y) {
      double p = x * y;
      add(p, twoProductError(x, y, p));
    }

    /** Adds other's value. */
    public void add(Sum other) {
      add(other.hi, other.lo);
    }

    /** The sum rounded to double. */
    public double value() {
      return hi + lo;
    }

    /** The high part: the value is the unevaluated sum hi() + lo(). */
    public double hi() {
      return hi;
    }

    /** The low part (the accumulated rounding errors). */
    public double lo() {
      return lo;
    }
  }

  /**
   * A vector of double-doubles: entry j is the unevaluated sum {@code hi[j] + lo[j]}. Used both to
   * accumulate sums in tasks and, on the driver, for the few O(p) and O(p²) operations of an
   * iterative solver that must not round their inputs to double (a gradient whose components span
   * more than 1/u in scale). Plain class; state is two arrays.
   */
  public static final class Vector implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final double[] hi;
    private final double[] lo;

    public Vector(int n) {
      this.hi = new double[n];
      this.lo = new double[n];
    }

    private Vector(double[] hi, double[] lo) {
      this.hi = hi;
      this.lo = lo;
    }

    /** x exactly (low parts zero); x is copied. */
    public static Vector of(double[] x) {
      return new Vector(x.clone(), new double[x.length]);
    }

    public Vector copy() {
      return new Vector(hi.clone(), lo.clone());
    }

    public int length() {
      return hi.length;
    }

    public double hi(int j) {
      return hi[j];
    }

    public double lo(int j) {
      return lo[j];
    }

    /** Entry j += a·(rHi + rLo), with the product a·rHi exact. */
    public void addScaled(int j, double a, double rHi, double rLo) {
      double p = a * rHi;
      double e = twoProductError(a, rHi, p) + a * rLo;
      double s = hi[j] + p;
      lo[j] += twoSumError(hi[j], p, s) + e;
      hi[j] = s;
    }

    /** Entry j += x (x may be a double-double given as x + xLo). */
    public void add(int j, double x, double xLo) {
      double s = hi[j] + x;
      lo[j] += twoSumError(hi[j], x, s) + xLo;
      hi[j] = s;
    }

    /** this += other, entry by entry. */
    public void add(Vector other) {
      checkLength(other);
      for (int j = 0; j < hi.length; j++) {
        add(j, other.hi[j], other.lo[j]);
      }
    }

    /** Renormalises every entry so that |lo| ≤ u·|hi| (after long accumulations). */
    public Vector normalize() {
      for (int j = 0; j < hi.length; j++) {
        double s = hi[j] + lo[j];
        lo[j] = lo[j] - (s - hi[j]);
        hi[j] = s;
      }
      return this;
    }

    /** this += alpha·x. */
    public void axpy(double alpha, Vector x) {
      checkLength(x);
      for (int j = 0; j < hi.length; j++) {
        addScaled(j, alpha, x.hi[j], x.lo[j]);
      }
      normalize();
    }

    /** this ← s + beta·this. */
    public void scaleAdd(double beta, Vector s) {
      checkLength(s);
      for (int j = 0; j < hi.length; j++) {
        double h = hi[j];
        double l = lo[j];
        hi[j] = 0;
        lo[j] = 0;
        add(j, s.hi[j], s.lo[j]);
        addScaled(j, beta, h, l);
      }
      normalize();
    }

    /** ⟨this, other⟩ accumulated in double-double, rounded. */
    public double dot(Vector other) {
      checkLength(other);
      Sum s = new Sum();
      for (int j = 0; j < hi.length; j++) {
        s.addProduct(hi[j], other.hi[j]);
        s.add(hi[j] * other.lo[j] + lo[j] * other.hi[j]);
      }
      return s.value();
    }

    /** ‖this‖₂ (from the rounded entries, scaled against overflow). */
    public double norm2() {
      return Vectors.norm2(values());
    }

    /** The entries rounded to double. */
    public double[] values() {
      double[] v = new double[hi.length];
      for (int j = 0; j < v.length; j++) {
        v[j] = hi[j] + lo[j];
      }
      return v;
    }

    private void checkLength(Vector other) {
      if (other.hi.length != hi.length) {
        throw new IllegalArgumentException("lengths differ: " + hi.length + " vs " + other.hi.length);
      }
    }
  }

  /**
   * (hi + lo)/d as a double-double written into out = {qHi, qLo} (one correction step, with the
   * remainder by fma): accurate to about u² relative.
   */
  public static void divide(double hi, double lo, double d, double[] out) {
    double q = hi / d;
    double rem = Math.fma(-q, d, hi) + lo;
    double q2 = rem / d;
    double s = q + q2;
    out[0] = s;
    out[1] = q2 - (s - q);
  }

  /**
   * The residual b − a·x of one row as a double-double {hi, lo} (written into {@code out}), with
   * a·x accumulated exactly (Dot2). Dense row: {@code indices == null}, values of length x.length
   * (or fewer: an implicit trailing part of x is handled by the caller through {@code offset}).
   *
   * @param indices sparse column indices, or null for a dense row
   * @param values the row's values
   * @param x the coefficients
   * @param extra a further term added to a·x exactly (e.g. the intercept), 0 if none
   * @param b the label
   * @param out receives {hi, lo}
   */
  public static void residual(int[] indices, double[] values, double[] x, double extra, double b, double[] out) {
    double sHi = -b;
    double sLo = 0;
    double s = sHi + extra;
    sLo += twoSumError(sHi, extra, s);
    sHi = s;
    if (indices == null) {
      for (int k = 0; k < values.length; k++) {
        double p = values[k] * x[k];
        double pe = twoProductError(values[k], x[k], p);
        s = sHi + p;
        sLo += twoSumError(sHi, p, s) + pe;
        sHi = s;
      }
    } else {
      for (int k = 0; k < indices.length; k++) {
        double xk = x[indices[k]];
        double p = values[k] * xk;
        double pe = twoProductError(values[k], xk, p);
        s = sHi + p;
        sLo += twoSumError(sHi, p, s) + pe;
        sHi = s;
      }
    }
    // a·x − b = sHi + sLo; the residual is its negation, renormalised so |lo| ≤ u|hi|
    double hi = sHi + sLo;
    double lo = sLo - (hi - sHi);
    out[0] = -hi;
    out[1] = -lo;
  }
}
