package dev.randnla.jobs.eigen;

import dev.randnla.io.MatrixRow;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The state of Oja's rule z ← z + η·(a_cᵀz)·a_c, a_c = a − μ (μ = 0 uncentred), carried from one
 * partition to the next in stream order. A plain class (it travels through Kryo and closures).
 *
 * <p>The update is linear in z, so z is kept unnormalised and rescaled only when its norm leaves
 * [1e-50, 1e50]; with centring z = u − γμ, so a sparse row changes u in O(nnz) and the dense −δμ
 * part only the scalar γ (μ·u is kept up to date). A row with η‖a_c‖² &gt; 1 is unsafe (the step can
 * overshoot and flip the iterate, Price &amp; Xun 2024); past {@code maxUnsafe} of them the state
 * records a failure and stops reading.
 *
 * <p>For the eigenvalue, Σ (a_cᵀz)²/‖z‖² (each row against the iterate before it sees the row) is
 * summed, with a checkpoint at every power-of-two row count, so the estimate over the last half of
 * the stream does not depend on how rows are split into partitions.
 */
final class OjaState implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int CHECKPOINTS = 63;

  private final double[] u;
  private final double[] mu;
  private final double muSquared;
  private final double eta;
  private final long maxUnsafe;
  private double gamma;
  private double muDotU;
  private long rows;
  private long unsafe;
  private boolean failed;
  private String failure;
  private double rayleighSum;
  private final double[] rayleighAt = new double[CHECKPOINTS];

  OjaState(double[] start, double[] mu, double eta, long maxUnsafe) {
    this.u = start.clone();
    this.mu = mu == null ? null : mu.clone();
    double m2 = 0;
    if (mu != null) {
      for (double v : mu) {
        m2 += v * v;
      }
    }
    this.muSquared = m2;
    this.eta = eta;
    this.maxUnsafe = maxUnsafe;
    this.muDotU = mu == null ? 0 : dot(mu, u);
  }

  /** Folds the rows of one partition in, in order; stops at the first row past the unsafe budget. */
  void run(Iterator<MatrixRow> partition) {
    double uSquared = dot(u, u);
    while (!failed && partition.hasNext()) {
      MatrixRow a = partition.next();
      double au = a.dot(u);
      double amu = mu == null ? 0 : a.dot(mu);
      double asq = a.normSquared();
      double zdot = au - gamma * amu - (muDotU - gamma * muSquared);
      double zsq = uSquared - 2 * gamma * muDotU + gamma * gamma * muSquared;
      double acsq = asq - 2 * amu + muSquared;
      if (eta * acsq > 1) {
        unsafe++;
        if (unsafe > maxUnsafe) {
          failed = true;
          failure = String.format(java.util.Locale.ROOT, "row %s (stream position %d) has η‖a‖² = %.3g > 1",
              a.hasId() ? Long.toString(a.id()) : "key " + a.key(), rows, eta * acsq);
          return;
        }
      }
      if (zsq > 0) {
        rayleighSum += zdot * zdot / zsq;
      }
      rows++;
      if (Long.bitCount(rows) == 1) {
        rayleighAt[Long.numberOfTrailingZeros(rows)] = rayleighSum;
      }
      double delta = eta * zdot;
      a.axpyInto(delta, u);
      gamma += delta;
      muDotU += delta * amu;
      uSquared += 2 * delta * au + delta * delta * asq;
      double nz = uSquared - 2 * gamma * muDotU + gamma * gamma * muSquared;
      if (nz > 1e100 || (nz < 1e-100 && nz > 0)) {
        double f = 1 / Math.sqrt(nz);
        for (int j = 0; j < u.length; j++) {
          u[j] *= f;
        }
        gamma *= f;
        muDotU *= f;
        uSquared = dot(u, u);
      }
    }
  }

  boolean failed() {
    return failed;
  }

  String failure() {
    return failure;
  }

  long rows() {
    return rows;
  }

  long unsafe() {
    return unsafe;
  }

  /** The unit iterate z/‖z‖ (z = u − γμ). */
  double[] vector() {
    double[] z = u.clone();
    if (mu != null) {
      for (int j = 0; j < z.length; j++) {
        z[j] -= gamma * mu[j];
      }
    }
    double n = Math.sqrt(dot(z, z));
    if (n == 0) {
      return z;
    }
    for (int j = 0; j < z.length; j++) {
      z[j] /= n;
    }
    return z;
  }

  /**
   * The eigenvalue estimate: Σ (a_cᵀz)²/‖z‖² over the rows after the largest power of two not past
   * half the stream, scaled to all rows.
   */
  double eigenvalue() {
    if (rows == 0) {
      return 0;
    }
    if (rows < 4) {
      return rayleighSum;
    }
    int e = 63 - Long.numberOfLeadingZeros(rows / 2);
    long from = 1L << e;
    double tail = rayleighSum - rayleighAt[e];
    return tail * rows / (rows - from);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  @Override
  public String toString() {
    return "OjaState{rows=" + rows + ", unsafe=" + unsafe + ", u=" + Arrays.toString(Arrays.copyOf(u, Math.min(3, u.length))) + "}";
  }
}
