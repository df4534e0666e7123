package dev.randnla.linalg;

import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import java.util.Arrays;

/**
 * The top k eigenpairs of a symmetric operator S on Rⁿ by block Lanczos (block Krylov) with full
 * reorthogonalisation and Rayleigh–Ritz on the whole projected matrix (Golub &amp; Underwood 1977;
 * the randomized-start analysis of Musco &amp; Musco, "Randomized Block Krylov Methods for Stronger
 * and Faster Approximate SVD", NeurIPS 2015). Each iteration applies S once to an n×b block — for
 * the distributed Gram operator that is one pass over the input — and keeps the block and its
 * product, so the projected matrix T = QᵀSQ is formed from stored products, not from a three-term
 * recurrence, and the residual of every Ritz pair is exact: r = S·x − θ·x = (SQ)s − θQs.
 *
 * <p>Stops when every one of the top k Ritz pairs has ‖S x − θ x‖ ≤ tol·|θ₁|, when the basis spans
 * Rⁿ (then the answer is exact), or after {@code maxIterations} applications. A block that the
 * Krylov space already contains (an invariant subspace: low rank, or d small) is replaced by seeded
 * random directions, so rank-deficient operators converge too.
 *
 * <p>Cost per iteration: one application of S; O(n·s·b) flops to orthogonalise against the s
 * stored basis vectors and O(s³) for the projected eigenproblem. Memory on the caller's side:
 * 2·n·s doubles (basis and products), s ≤ b·maxIterations.
 *
 * <p>Guarantee: for k = 1 the angle to the top eigenvector is at most ‖r‖ / (θ₁ − λ₂) (Davis–Kahan
 * for Ritz pairs), so a residual tolerance of 1e-10·θ₁ with a relative gap of 0.5 gives an angle
 * below 2e-10.
 */
public final class BlockLanczos {
  /** Relative size below which a new Krylov direction counts as already contained (deflated). */
  private static final double DEFLATION = 1e-10;

  private BlockLanczos() {}

  /**
   * The converged (or last) Ritz pairs.
   *
   * @param values the top k Ritz values θ₁ ≥ … ≥ θ_k
   * @param vectors n×k Ritz vectors, each with its largest-magnitude entry positive
   * @param residuals ‖S xᵢ − θᵢ xᵢ‖ for each pair (absolute)
   * @param allValues every Ritz value of the final basis, largest first (for gap estimates)
   * @param iterations applications of the operator
   * @param basisSize columns of the final Krylov basis
   * @param converged whether the tolerance was met (or the basis spans the whole space)
   */
  public record Result(double[] values, Matrix vectors, double[] residuals, double[] allValues, int iterations,
      int basisSize, boolean converged) {}

  /** Called after every iteration (progress lines). */
  @FunctionalInterface
  public interface Listener {
    void iteration(int iteration, double[] topValues, double maxRelativeResidual);
  }

  /**
   * @param op the operator S (applied once per iteration)
   * @param start the n×b starting block (input, not modified); b ≥ 1; a seeded Gaussian block is usual
   * @param k eigenpairs wanted, 1 ≤ k ≤ n
   * @param maxIterations most applications of S (≥ 1)
   * @param tolerance residual tolerance relative to |θ₁|
   * @param seed seed of the replacement directions for deflated columns
   * @param listener progress (may be null)
   */
  public static Result solve(SymmetricOperator op, Matrix start, int k, int maxIterations, double tolerance, long seed,
      Listener listener) {
    int n = start.rows();
    int b = start.cols();
    if (k < 1 || k > n) {
      throw new IllegalArgumentException("k must be in [1, n=" + n + "]: " + k);
    }
    if (b < 1) {
      throw new IllegalArgumentException("the starting block needs at least one column");
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be positive: " + maxIterations);
    }
    if (!(tolerance >= 0)) {
      throw new IllegalArgumentException("tolerance must be non-negative: " + tolerance);
    }
    Basis basis = new Basis(n, Math.min(n, b * maxIterations));
    Matrix block = basis.extend(start, 0.0, seed, 0);
    int iteration = 0;
    Matrix t = Matrix.zeros(0, 0);
    while (true) {
      Matrix w = op.apply(block);
      if (w.rows() != n || w.cols() != block.cols()) {
        throw new IllegalStateException("operator returned " + w.rows() + "x" + w.cols() + " for a " + n + "x"
            + block.cols() + " block");
      }
      iteration++;
      int from = basis.size() - block.cols();
      basis.recordProducts(from, w);
      t = basis.projected(t, from);
      SymmetricEigen eig = SymmetricEigen.of(t);
      double[] theta = eig.values();
      int kk = Math.min(k, theta.length);
      Matrix s = eig.vectors().leadingColumns(kk);
      Matrix x = basis.q().times(s);
      Matrix sx = basis.w().times(s);
      double[] residuals = new double[kk];
      double scale = theta.length == 0 ? 0 : Math.max(Math.abs(theta[0]), Math.abs(theta[theta.length - 1]));
      double worst = 0;
      for (int j = 0; j < kk; j++) {
        double[] r = sx.column(j);
        double[] xj = x.column(j);
        Vectors.axpy(-theta[j], xj, r);
        residuals[j] = Vectors.norm2(r);
        worst = Math.max(worst, scale == 0 ? 0 : residuals[j] / scale);
      }
      if (listener != null) {
        listener.iteration(iteration, Arrays.copyOf(theta, kk), worst);
      }
      boolean full = basis.size() >= n;
      boolean converged = kk == k && (worst <= tolerance || full);
      if (converged || iteration >= maxIterations || full) {
        return new Result(Arrays.copyOf(theta, kk), canonicalSigns(x), residuals, theta, iteration, basis.size(), converged);
      }
      block = basis.extend(w, Math.max(scale, w.frobeniusNorm()), seed, iteration);
      if (block.cols() == 0) {
        return new Result(Arrays.copyOf(theta, kk), canonicalSigns(x), residuals, theta, iteration, basis.size(),
            kk == k && worst <= tolerance);
      }
    }
  }

  /**
   * A copy of X with each column's sign chosen so its largest-magnitude entry is positive (the
   * convention of {@link SymmetricEigen}): a deterministic representative of ±v.
   */
  public static Matrix canonicalSigns(Matrix x) {
    Matrix out = x.copy();
    for (int j = 0; j < x.cols(); j++) {
      int big = 0;
      for (int i = 1; i < x.rows(); i++) {
        if (Math.abs(x.get(i, j)) > Math.abs(x.get(big, j))) {
          big = i;
        }
      }
      if (x.rows() > 0 && x.get(big, j) < 0) {
        for (int i = 0; i < x.rows(); i++) {
          out.set(i, j, -x.get(i, j));
        }
      }
    }
    return out;
  }

  /** The orthonormal Krylov basis Q (n×s) and the products S·Q, stored column-major side by side. */
  private static final class Basis {
    private final int n;
    private double[] q;
    private double[] w;
    private int size;

    Basis(int n, int expected) {
      this.n = n;
      this.q = new double[n * Math.max(1, Math.min(expected, 64))];
      this.w = new double[q.length];
    }

    int size() {
      return size;
    }

    Matrix q() {
      return new Matrix(n, size, Arrays.copyOf(q, n * size));
    }

    Matrix w() {
      return new Matrix(n, size, Arrays.copyOf(w, n * size));
    }

    private void ensure(int cols) {
      if ((long) n * cols > q.length) {
        int cap = Math.max(cols, 2 * q.length / Math.max(1, n));
        q = Arrays.copyOf(q, n * cap);
        w = Arrays.copyOf(w, n * cap);
      }
    }

    /**
     * Orthonormalises the columns of {@code candidates} against the basis and each other (classical
     * Gram–Schmidt, twice) and appends them; a column that is (numerically) in the span already is
     * replaced by a seeded random direction. Returns the appended block.
     */
    Matrix extend(Matrix candidates, double scale, long seed, int iteration) {
      int room = n - size;
      int want = Math.min(candidates.cols(), room);
      ensure(size + want);
      int first = size;
      for (int c = 0; c < want; c++) {
        double[] v = candidates.column(c);
        double before = Math.max(Vectors.norm2(v), scale);
        double after = orthogonalize(v);
        if (!(after > DEFLATION * before)) {
          RandomStream rs = RandomStream.of(seed, Purpose.DRIVER_GAUSSIAN, 0x4c414e43L + 1009L * iteration + c);
          rs.fillGaussian(v);
          before = Vectors.norm2(v);
          after = orthogonalize(v);
          if (!(after > DEFLATION * before)) {
            continue;
          }
        }
        for (int i = 0; i < n; i++) {
          q[size * n + i] = v[i] / after;
        }
        size++;
      }
      return new Matrix(n, size - first, Arrays.copyOfRange(q, first * n, size * n));
    }

    /** v ← (I − QQᵀ)² v; returns ‖v‖. */
    private double orthogonalize(double[] v) {
      if (size > 0) {
        double[] c = new double[size];
        for (int pass = 0; pass < 2; pass++) {
          Blas.blas().dgemv("T", n, size, 1.0, q, n, v, 1, 0.0, c, 1);
          Blas.blas().dgemv("N", n, size, -1.0, q, n, c, 1, 1.0, v, 1);
        }
      }
      return Vectors.norm2(v);
    }

    void recordProducts(int from, Matrix products) {
      System.arraycopy(products.data(), 0, w, from * n, products.rows() * products.cols());
    }

    /** T = QᵀSQ grown by the columns from {@code from} on (symmetrised). */
    Matrix projected(Matrix old, int from) {
      int s = size;
      Matrix t = Matrix.zeros(s, s);
      for (int j = 0; j < from; j++) {
        for (int i = 0; i < from; i++) {
          t.set(i, j, old.get(i, j));
        }
      }
      int nb = s - from;
      double[] c = new double[s * nb];
      Blas.blas().dgemm("T", "N", s, nb, n, 1.0, q, 0, n, w, from * n, n, 0.0, c, 0, s);
      for (int j = 0; j < nb; j++) {
        for (int i = 0; i < s; i++) {
          double v = c[i + j * s];
          int col = from + j;
          if (i < from) {
            t.set(i, col, v);
            t.set(col, i, v);
          } else if (i <= col) {
            double sym = 0.5 * (v + c[col + (i - from) * s]);
            t.set(i, col, sym);
            t.set(col, i, sym);
          }
        }
      }
      return t;
    }
  }
}
