package dev.randnla.jobs.regress.sparse;

import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.SingularValueDecomposition;

/**
 * A two-phase preconditioned Lasso, our adaptation of the two-phase scheme of Chandrasekaran, Meka and
 * Stavropoulos, "Sparse Linear Regression is Easy on Random Supports" (2025) to the tall (N ≥ d) setting
 * where the whole design is summarised by its R factor (docs/algorithms.md says how it differs from the
 * paper's algorithm).
 *
 * <p>Phase 1 (preconditioner): with D the column norms of X and A = R_X·D⁻¹ = U·diag(s)·Vᵀ (unit columns),
 * the row-space preconditioner F_τ = U_τ·diag(1/s)·U_τᵀ, U_τ the left singular vectors with s² &gt; τ, applied
 * to the residual gives the objective ½‖F_τ(A·u − z)‖² with u = D·w: quadratic form H_τ = V_τ·V_τᵀ (a
 * projector) and linear term q_τ = V_τ·diag(1/s)·U_τᵀz. Multiplying the residual from the left never changes
 * which w is sparse; what changes is the geometry the ℓ1 problem sees. At τ = 0 it is the identity: the
 * Lasso soft-thresholds the least-squares solution (the Puffer transform of Jia and Rohe), and the
 * correlation between columns that makes plain Lasso pick wrong columns is gone whatever κ(X) is. Whitening
 * a direction with tiny s amplifies its noise by 1/s, so τ &gt; 0 drops those directions instead: the ℓ1
 * problem becomes an underdetermined one with an orthonormal-row design V_τᵀ, where the sparsity of w (and,
 * for a random support, the incoherence of V_τᵀ's columns on it) decides what the data cannot. τ runs over
 * {@link #TAUS}; cross-validation picks it.
 *
 * <p>Phase 2 (sparse solve): the Lasso path min ½uᵀH_τu − q_τᵀu + λ‖u‖₁ by coordinate descent (H_τ has
 * eigenvalues 0 and 1, so few sweeps), its support mapped back (w = D⁻¹u has the same support), then a
 * least-squares refit on that support (removing the ℓ1 shrinkage). Cost: one d×d SVD per factor, O(d²·r) per
 * τ for H_τ, then coordinate descent and a refit of O(d·k²) per path point.
 */
public final class PreconditionedLasso {
  /**
   * The truncation levels τ tried: directions with s² ≤ τ are dropped (A has unit columns, so its squared
   * singular values average 1; 0 keeps every direction above the rank tolerance).
   */
  public static final double[] TAUS = {0, 1e-12, 1e-8, 1e-4, 1e-2};

  private final double[] scale;
  private final Matrix v;
  private final double[] s;
  private final double[] utz;
  private final int kept;
  /**
   * Refit coefficients by support, for the factor this was built on: the paths at the different τ mostly visit
   * the same supports, and a refit (a QR of d×|S|) costs more than the path point's coordinate descent.
   */
  private final java.util.Map<java.util.List<Integer>, double[]> refits = new java.util.HashMap<>();

  /**
   * Phase 1 on a factor.
   *
   * @param scale D: the column scaling (the full data's column norms, shared by every fold so that λ means the same)
   * @param rcond singular values below rcond·s₁ are treated as zero (their directions are left out)
   */
  public PreconditionedLasso(Factor f, double[] scale, double rcond) {
    int d = f.d();
    this.scale = scale.clone();
    Matrix a = f.rx();
    for (int j = 0; j < d; j++) {
      double c = scale[j] > 0 ? 1 / scale[j] : 0;
      for (int i = 0; i <= j; i++) {
        a.set(i, j, a.get(i, j) * c);
      }
    }
    SingularValueDecomposition svd = SingularValueDecomposition.of(a);
    this.v = svd.v();
    this.s = svd.singularValues();
    this.utz = svd.u().transposeTimes(f.z());
    int k = 0;
    while (k < s.length && s[k] > rcond * s[0]) {
      k++;
    }
    this.kept = k;
  }

  /** The numerical rank of A seen by the preconditioner. */
  public int rank() {
    return kept;
  }

  /** Directions kept at τ: s_i above the rank tolerance and s_i² &gt; τ. */
  private int kept(double tau) {
    int r = 0;
    while (r < kept && s[r] * s[r] > tau) {
      r++;
    }
    return r;
  }

  /** H_τ = V_τ·V_τᵀ. */
  public Matrix h(double tau) {
    int r = kept(tau);
    if (r == 0) {
      return Matrix.zeros(v.rows(), v.rows());
    }
    Matrix vt = v.leadingColumns(r);
    return vt.timesTranspose(vt);
  }

  /** q_τ = V_τ·diag(1/s)·U_τᵀz. */
  public double[] q(double tau) {
    int d = v.rows();
    double[] out = new double[d];
    for (int i = 0, r = kept(tau); i < r; i++) {
      double c = utz[i] / s[i];
      for (int row = 0; row < d; row++) {
        out[row] += v.get(row, i) * c;
      }
    }
    return out;
  }

  /**
   * Phase 2 over a λ grid (decreasing, in the preconditioned problem's units): the least-squares refit on each
   * λ's support, evaluated on the factor's rows. {@code f} must be the factor this preconditioner was built on
   * (refits are kept by support across calls).
   */
  public double[][] path(Factor f, double tau, double[] lambdas, double rcond, int[] unconverged) {
    double[][] u = CoordinateDescent.path(h(tau), q(tau), lambdas, unconverged);
    double[][] out = new double[u.length][];
    for (int i = 0; i < u.length; i++) {
      int[] support = Factor.support(u[i]);
      out[i] = refits.computeIfAbsent(java.util.Arrays.stream(support).boxed().toList(),
          key -> f.refit(support, rcond).coefficients());
    }
    return out;
  }

  /** λ_max of the preconditioned problem at τ: ‖q_τ‖∞. */
  public double lambdaMax(double tau) {
    return CoordinateDescent.lambdaMax(q(tau));
  }

  /** The column scaling D. */
  public double[] scale() {
    return scale.clone();
  }
}
