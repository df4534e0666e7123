package dev.randnla.linalg;

/** Small vector helpers on plain arrays (norms scaled against overflow, dot products). */
public final class Vectors {
  private Vectors() {}

  /** Euclidean norm, scaled so that it neither overflows nor underflows. */
  public static double norm2(double[] x) {
    return norm2(x, 0, x.length);
  }

  /** Euclidean norm of x[from, to). */
  public static double norm2(double[] x, int from, int to) {
    double scale = 0;
    double ssq = 1;
    for (int i = from; i < to; i++) {
      double v = x[i];
      if (v != 0) {
        double a = Math.abs(v);
        if (scale < a) {
          double r = scale / a;
          ssq = 1 + ssq * r * r;
          scale = a;
        } else {
          double r = a / scale;
          ssq += r * r;
        }
      }
    }
    return scale * Math.sqrt(ssq);
  }

  public static double dot(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("length mismatch: " + x.length + " vs " + y.length);
    }
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }

  /** A new array x / ‖x‖; throws when x is zero. */
  public static double[] normalize(double[] x) {
    double n = norm2(x);
    if (n == 0 || !Double.isFinite(n)) {
      throw new ArithmeticException("cannot normalise a vector of norm " + n);
    }
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] / n;
    }
    return out;
  }

  /** |⟨x, y⟩| / (‖x‖‖y‖): the sign-free correlation of two directions. */
  public static double absCorrelation(double[] x, double[] y) {
    return Math.abs(dot(x, y)) / (norm2(x) * norm2(y));
  }

  /** y += alpha·x. */
  public static void axpy(double alpha, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += alpha * x[i];
    }
  }

  public static double[] scale(double alpha, double[] x) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = alpha * x[i];
    }
    return out;
  }

  public static double[] minus(double[] x, double[] y) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] - y[i];
    }
    return out;
  }

  /** ‖x − reference‖/‖reference‖ (scaled like {@link #norm2}); ‖x‖ when the reference is zero. */
  public static double relativeDistance(double[] x, double[] reference) {
    double r = norm2(reference);
    double e = norm2(minus(x, reference));
    return r == 0 ? e : e / r;
  }

  public static double maxAbs(double[] x) {
    double m = 0;
    for (double v : x) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
