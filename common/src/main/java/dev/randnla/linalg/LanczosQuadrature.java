package dev.randnla.linalg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * Stochastic Lanczos quadrature (Ubaru, Chen &amp; Saad, "Fast estimation of tr(f(A)) via stochastic
 * Lanczos quadrature", SIMAX 2017): k independent Lanczos recurrences on a symmetric positive
 * semi-definite operator M (d×d), one per unit start vector vₚ, advanced in lockstep so that each
 * step applies M once to a d×k block — for the distributed Gram operator, one pass over the input
 * advances every probe. After m steps probe p has the tridiagonal Tₚ = Sₚ diag(θ) Sₚᵀ, and the
 * Gauss quadrature vₚᵀ f(M) vₚ ≈ Σᵢ τᵢ f(θᵢ) with nodes θᵢ (Ritz values) and weights τᵢ = (e₁ᵀsᵢ)².
 *
 * <p>With Rademacher probes z/√d: tr f(M) ≈ (d/k)·Σₚ Σᵢ τₚᵢ f(θₚᵢ) (Hutchinson), and the nodes and
 * weights over all probes (weights /k) are an estimate of the spectral measure (1/d)Σⱼ δ_{λⱼ}.
 * Errors: the Hutchinson part has variance 2Σ_{i≠j} f(M)ᵢⱼ² per probe (reported as the standard
 * error over probes); the quadrature is exact for polynomials of degree 2m − 1, so for f analytic
 * on [λ_min, λ_max] it decays like ((√κ − 1)/(√κ + 1))^{2m} (Ubaru et al., Theorem 4.2).
 *
 * <p>Ritz values: the j-th largest Ritz value of any probe is ≤ λⱼ (Cauchy interlacing) and lies
 * within its residual βₘ|e_mᵀsᵢ| of an eigenvalue of M. Extreme Ritz values converge first.
 *
 * <p>Reorthogonalization: with {@code reorthogonalize} each new Lanczos vector is orthogonalized
 * twice (classical Gram–Schmidt) against its probe's earlier vectors, which costs d·k·m doubles of
 * memory and O(d·k·m²) flops; without it the recurrence loses orthogonality as Ritz values
 * converge, which leaves the quadrature estimates valid (Knizhnerman 1996; Chen, Trogdon &amp; Ubaru
 * 2021) but repeats converged Ritz values ("ghosts"). A probe whose β falls below
 * {@link #BREAKDOWN}·‖Tₚ‖ has found an invariant subspace: its quadrature is then exact and it stops.
 */
public final class LanczosQuadrature {
  /** Relative size of β at which a probe's Krylov space is taken as invariant. */
  public static final double BREAKDOWN = 1e-10;

  /** Of the largest node: Ritz values are accurate to a few u·‖T‖ absolute (see {@link #sameNode}). */
  static final double SAME_NODE_OF_TOP = 1e-14;

  /**
   * True when two nodes (Ritz values, eigenvalues) are the same value to rounding: closer than
   * {@link #BREAKDOWN} relative to the larger, or than {@link #SAME_NODE_OF_TOP} of the largest node
   * {@code top}. The nodes of several probes at one eigenvalue differ in their last bits, and
   * whether they come out equal or in which order depends on the summation order (the partitioning),
   * so whatever is computed from a sorted list of nodes must treat them as one.
   */
  public static boolean sameNode(double a, double b, double top) {
    return Math.abs(a - b) <= BREAKDOWN * Math.max(Math.abs(a), Math.abs(b)) + SAME_NODE_OF_TOP * Math.abs(top);
  }

  private final int d;
  private final List<Probe> probes;
  private final int steps;
  private final boolean reorthogonalized;

  private LanczosQuadrature(int d, List<Probe> probes, int steps, boolean reorthogonalized) {
    this.d = d;
    this.probes = probes;
    this.steps = steps;
    this.reorthogonalized = reorthogonalized;
  }

  /** One probe's Lanczos run: its tridiagonal, nodes and weights. */
  public static final class Probe {
    private final double[] alpha;
    private final double[] beta;
    private final double residualBeta;
    private final boolean invariant;
    private final double[] nodes;
    private final double[] weights;
    private final double[] residuals;

    Probe(double[] alpha, double[] beta, double residualBeta, boolean invariant) {
      this.alpha = alpha;
      this.beta = beta;
      this.residualBeta = residualBeta;
      this.invariant = invariant;
      int m = alpha.length;
      Matrix t = Matrix.zeros(m, m);
      for (int i = 0; i < m; i++) {
        t.set(i, i, alpha[i]);
        if (i + 1 < m) {
          t.set(i, i + 1, beta[i]);
          t.set(i + 1, i, beta[i]);
        }
      }
      SymmetricEigen eig = SymmetricEigen.of(t);
      this.nodes = eig.values();
      this.weights = new double[m];
      this.residuals = new double[m];
      for (int i = 0; i < m; i++) {
        double first = eig.vectors().get(0, i);
        double last = eig.vectors().get(m - 1, i);
        weights[i] = first * first;
        residuals[i] = invariant ? 0.0 : residualBeta * Math.abs(last);
      }
    }

    /** The Lanczos steps this probe took (the size of its tridiagonal). */
    public int steps() {
      return alpha.length;
    }

    /** Diagonal of the tridiagonal. */
    public double[] alpha() {
      return alpha.clone();
    }

    /** Off-diagonal of the tridiagonal (length steps − 1). */
    public double[] beta() {
      return beta.clone();
    }

    /** Whether the probe found an invariant subspace (its quadrature is exact). */
    public boolean invariant() {
      return invariant;
    }

    /** Ritz values (quadrature nodes), largest first. */
    public double[] nodes() {
      return nodes.clone();
    }

    /** Quadrature weights, in the order of {@link #nodes()}; they sum to 1. */
    public double[] weights() {
      return weights.clone();
    }

    /** Residual norms ‖M y − θ y‖ of the Ritz pairs: an eigenvalue of M lies within each of its Ritz value. */
    public double[] residuals() {
      return residuals.clone();
    }

    /** Σ τᵢ f(θᵢ) ≈ vᵀ f(M) v. */
    public double quadrature(DoubleUnaryOperator f) {
      double s = 0;
      for (int i = 0; i < nodes.length; i++) {
        s += weights[i] * f.applyAsDouble(nodes[i]);
      }
      return s;
    }
  }

  /** An estimate with its standard error over probes. */
  public record Estimate(double value, double standardError) {}

  /**
   * Runs m lockstep Lanczos steps.
   *
   * @param start the d×k block of start vectors, each of unit norm (input, not modified)
   * @param operator X ↦ M·X for a d×k block (called once per step, at most {@code steps} times)
   * @param steps the Lanczos steps m (≥ 1)
   * @param reorthogonalize full reorthogonalization (stores d·k·m doubles)
   */
  public static LanczosQuadrature run(Matrix start, UnaryOperator<Matrix> operator, int steps, boolean reorthogonalize) {
    int d = start.rows();
    int k = start.cols();
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be at least 1: " + steps);
    }
    if (k < 1 || d < 1) {
      throw new IllegalArgumentException("need at least one start vector of positive length: " + d + "x" + k);
    }
    for (int p = 0; p < k; p++) {
      double norm = Vectors.norm2(start.data(), p * d, (p + 1) * d);
      if (Math.abs(norm - 1) > 1e-12) {
        throw new IllegalArgumentException("start vector " + p + " must have unit norm: " + norm);
      }
    }
    double[][] alpha = new double[k][steps];
    double[][] beta = new double[k][steps];
    int[] taken = new int[k];
    boolean[] done = new boolean[k];
    double[] scale = new double[k];
    List<double[]> basis = new ArrayList<>();
    double[] v = start.data().clone();
    double[] vPrev = new double[d * k];
    int active = k;
    for (int t = 0; t < steps && active > 0; t++) {
      if (reorthogonalize) {
        basis.add(v.clone());
      }
      Matrix w = operator.apply(new Matrix(d, k, v));
      if (w.rows() != d || w.cols() != k) {
        throw new IllegalStateException("operator returned " + w.rows() + "x" + w.cols() + ", expected " + d + "x" + k);
      }
      double[] r = w.data().clone();
      double[] next = new double[d * k];
      for (int p = 0; p < k; p++) {
        if (done[p]) {
          continue;
        }
        int off = p * d;
        double a = dot(v, r, off, d);
        alpha[p][t] = a;
        taken[p] = t + 1;
        double bPrev = t > 0 ? beta[p][t - 1] : 0.0;
        for (int i = 0; i < d; i++) {
          r[off + i] -= a * v[off + i] + bPrev * vPrev[off + i];
        }
        if (reorthogonalize) {
          for (int pass = 0; pass < 2; pass++) {
            for (double[] q : basis) {
              double c = dot(q, r, off, d);
              for (int i = 0; i < d; i++) {
                r[off + i] -= c * q[off + i];
              }
            }
          }
        }
        double b = Vectors.norm2(r, off, off + d);
        beta[p][t] = b;
        scale[p] = Math.max(scale[p], Math.abs(a) + b + bPrev);
        if (!(b > BREAKDOWN * scale[p])) {
          done[p] = true;
          active--;
          continue;
        }
        for (int i = 0; i < d; i++) {
          next[off + i] = r[off + i] / b;
        }
      }
      vPrev = v;
      v = next;
    }
    List<Probe> out = new ArrayList<>(k);
    for (int p = 0; p < k; p++) {
      int m = taken[p];
      out.add(new Probe(Arrays.copyOf(alpha[p], m), Arrays.copyOf(beta[p], Math.max(0, m - 1)), beta[p][m - 1], done[p]));
    }
    int passes = 0;
    for (int m : taken) {
      passes = Math.max(passes, m);
    }
    return new LanczosQuadrature(d, out, passes, reorthogonalize);
  }

  private static double dot(double[] x, double[] y, int off, int d) {
    double s = 0;
    for (int i = off; i < off + d; i++) {
      s += x[i] * y[i];
    }
    return s;
  }

  /** The dimension d. */
  public int dimension() {
    return d;
  }

  /** The operator applications made (the most steps any probe took). */
  public int steps() {
    return steps;
  }

  public boolean reorthogonalized() {
    return reorthogonalized;
  }

  public List<Probe> probes() {
    return probes;
  }

  /**
   * tr f(M) ≈ (d/k)·Σₚ Σᵢ τₚᵢ f(θₚᵢ), with the standard error d·s/√k from the sample standard
   * deviation s of the per-probe quadratures (NaN for one probe). For Rademacher start vectors z/√d.
   */
  public Estimate trace(DoubleUnaryOperator f) {
    int k = probes.size();
    double[] e = new double[k];
    double mean = 0;
    for (int p = 0; p < k; p++) {
      e[p] = d * probes.get(p).quadrature(f);
      mean += e[p];
    }
    mean /= k;
    double ss = 0;
    for (double x : e) {
      ss += (x - mean) * (x - mean);
    }
    double se = k > 1 ? Math.sqrt(ss / (k - 1) / k) : Double.NaN;
    return new Estimate(mean, se);
  }

  /** Every probe's nodes, concatenated (probe order, each largest first). */
  public double[] nodes() {
    double[] out = new double[totalNodes()];
    int at = 0;
    for (Probe p : probes) {
      System.arraycopy(p.nodes, 0, out, at, p.nodes.length);
      at += p.nodes.length;
    }
    return out;
  }

  /** Weights of {@link #nodes()} divided by the number of probes: an estimate of the spectral measure (sums to 1). */
  public double[] measureWeights() {
    double[] out = new double[totalNodes()];
    int at = 0;
    for (Probe p : probes) {
      for (double w : p.weights) {
        out[at++] = w / probes.size();
      }
    }
    return out;
  }

  private int totalNodes() {
    int t = 0;
    for (Probe p : probes) {
      t += p.nodes.length;
    }
    return t;
  }

  /**
   * The j-th largest Ritz value estimate for j = 1..count: the largest j-th Ritz value over probes
   * (each is a lower bound of λⱼ by interlacing), with that probe's residual bound. Fewer than
   * {@code count} when no probe took that many steps.
   *
   * @return rows {value, residual}
   */
  public double[][] topRitzValues(int count) {
    List<double[]> out = new ArrayList<>();
    for (int j = 0; j < count; j++) {
      double best = Double.NEGATIVE_INFINITY;
      double res = Double.NaN;
      for (Probe p : probes) {
        if (p.nodes.length > j && p.nodes[j] > best) {
          best = p.nodes[j];
          res = p.residuals[j];
        }
      }
      if (best == Double.NEGATIVE_INFINITY) {
        break;
      }
      out.add(new double[] {best, res});
    }
    return out.toArray(new double[0][]);
  }

  /** The smallest Ritz value over probes (an upper bound of λ_min) with its residual. */
  public double[] bottomRitzValue() {
    double best = Double.POSITIVE_INFINITY;
    double res = Double.NaN;
    for (Probe p : probes) {
      int last = p.nodes.length - 1;
      if (p.nodes[last] < best) {
        best = p.nodes[last];
        res = p.residuals[last];
      }
    }
    return new double[] {best, res};
  }
}
