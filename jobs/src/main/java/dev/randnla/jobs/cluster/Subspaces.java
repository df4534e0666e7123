package dev.randnla.jobs.cluster;

import dev.randnla.linalg.Blas;
import dev.randnla.linalg.Cholesky;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.QrDecomposition;
import dev.randnla.linalg.SingularValueDecomposition;
import dev.randnla.linalg.SymmetricEigen;
import dev.randnla.linalg.Triangular;
import java.util.List;

/** The small dense steps the driver-side bounds share: residuals against a basis, top directions, Gram updates. */
final class Subspaces {
  /**
   * A residual direction of a block is new when its singular value exceeds this fraction of the
   * block's Frobenius norm: relative to the block, so a small block's real directions are never
   * mistaken for rounding (an absolute threshold would drop all of them) and a large block's
   * rounding (≈ u·√d·‖A_k‖) is never taken for a direction.
   */
  static final double NEW_DIRECTION = 1e-12;
  /** Above this many rows, top directions come from the d×d Gram's partial eigensolver rather than an SVD. */
  private static final int SVD_ROWS = 256;

  private Subspaces() {}

  /**
   * A block F against an orthonormal basis Q: the coordinates F·Q, the singular values of the
   * residual F(I − QQᵀ) that count as new, and an orthonormal basis of their directions, orthogonal
   * to Q.
   */
  record Residual(Matrix projection, double[] sigma, Matrix basis) {}

  /**
   * @param f the block's factor (m×d)
   * @param q orthonormal d×s (s may be 0)
   */
  static Residual residual(Matrix f, Matrix q) {
    int m = f.rows();
    int d = f.cols();
    int s = q.cols();
    // work with the transposes (d×m): the products below are the shapes the Java BLAS runs fastest
    Matrix ft = f.transpose();
    Matrix yt = Matrix.zeros(s, m);
    if (s >= d) {
      // Q spans everything: the coordinates are all there is, and the residual is zero
      return new Residual(q.transposeTimes(ft).transpose(), new double[0], Matrix.zeros(d, 0));
    }
    if (s > 0) {
      // two passes of classical Gram–Schmidt keep the residual orthogonal to Q to working precision
      for (int pass = 0; pass < 2; pass++) {
        Matrix c = q.transposeTimes(ft);
        ft = ft.minus(q.times(c));
        yt.addInPlace(c);
      }
    }
    Matrix y = yt.transpose();
    double norm = f.frobeniusNorm();
    if (norm == 0 || m == 0) {
      return new Residual(y, new double[0], Matrix.zeros(d, 0));
    }
    RowSpace space = rowSpace(ft, Math.min(m, d - s), NEW_DIRECTION * norm);
    return new Residual(y, space.sigma(), orthonormalize(space.vectors(), q, 0));
  }

  /** Singular values (largest first) and the matching left singular vectors of a d×m matrix. */
  record RowSpace(double[] sigma, Matrix vectors) {}

  /**
   * The left singular pairs of X (d×m) with σ above {@code floor}, at most {@code k} of them: R of a
   * tall-skinny QR X = QR (the fast TSQR kernel, no Q formed), R = UΣVᵀ (an m×m SVD), and the
   * vectors Q·U = X·V·Σ⁻¹. Those are orthonormal to ≈ u·σ₁/σⱼ; callers re-orthonormalize, which
   * moves a direction by that angle and so leaves X's energy outside the span at ≈ u·‖X‖.
   */
  static RowSpace rowSpace(Matrix x, int k, double floor) {
    int m = x.cols();
    Matrix r = QrDecomposition.rOnly(x);
    SingularValueDecomposition svd = SingularValueDecomposition.of(r);
    double[] sv = svd.singularValues();
    int t = 0;
    while (t < sv.length && t < k && sv[t] > floor) {
      t++;
    }
    Matrix scaled = Matrix.zeros(m, t);
    for (int j = 0; j < t; j++) {
      for (int i = 0; i < m; i++) {
        scaled.set(i, j, svd.v().get(i, j) / sv[j]);
      }
    }
    return new RowSpace(java.util.Arrays.copyOf(sv, t), x.times(scaled));
  }

  /**
   * Largest condition number of a Cholesky factor accepted in {@link #orthonormalize}: a step
   * W·R⁻¹ magnifies W's rounding-level components along Q by up to κ(R), which the next
   * projection removes, so κ ≤ 1e4 keeps every intermediate within 1e-12 of orthogonal to Q.
   */
  private static final double CHOLESKY_CONDITION = 1e4;

  /**
   * An orthonormal basis of span(V) orthogonal to Q: projection against Q (two Gram–Schmidt
   * passes), a Cholesky QR step, projection again, a second Cholesky QR step (level-3 throughout).
   * When V is too ill-conditioned for that (a Cholesky factor fails or has κ > 1e4, e.g. V nearly
   * rank deficient), its directions are taken from its SVD instead, leaving out those with singular
   * value at most {@code floor} (0 keeps every one above rounding), and the same steps repeated —
   * never a Householder completion, whose extra columns could lie in span(Q).
   */
  static Matrix orthonormalize(Matrix v, Matrix q, double floor) {
    Matrix w = v;
    for (int attempt = 0; attempt < 3 && w.cols() > 0; attempt++) {
      w = projectOut(w, q);
      Matrix once = choleskyStep(w);
      Matrix twice = once == null ? null : choleskyStep(projectOut(once, q));
      if (twice != null) {
        return twice;
      }
      w = rowSpace(w, Math.min(w.cols(), w.rows() - q.cols()), Math.max(floor, 0x1.0p-52 * w.frobeniusNorm())).vectors();
    }
    if (w.cols() == 0) {
      return w;
    }
    throw new ArithmeticException("could not orthonormalize " + w.cols() + " directions against " + q.cols());
  }

  /** W − Q(QᵀW), twice. */
  private static Matrix projectOut(Matrix w, Matrix q) {
    Matrix out = w;
    if (q.cols() > 0) {
      for (int pass = 0; pass < 2; pass++) {
        out = out.minus(q.times(q.transposeTimes(out)));
      }
    }
    return out;
  }

  /** W·R⁻¹ with WᵀW = RᵀR, or null when the Cholesky factorization fails or R is too ill-conditioned. */
  private static Matrix choleskyStep(Matrix w) {
    Cholesky c = Cholesky.of(w.transposeTimes(w));
    if (!c.succeeded() || !(Triangular.conditionEstimate(c.r()) <= CHOLESKY_CONDITION)) {
      return null;
    }
    // W·R⁻¹ as a product with the small explicit inverse: one dgemm, far faster than dtrsm here
    return w.times(Triangular.inverseUpper(c.r()));
  }

  /** [A, B]: the columns of A then those of B. */
  static Matrix columns(Matrix a, Matrix b) {
    if (a.rows() != b.rows()) {
      throw new IllegalArgumentException("row counts differ: " + a.rows() + " and " + b.rows());
    }
    double[] data = java.util.Arrays.copyOf(a.data(), a.data().length + b.data().length);
    System.arraycopy(b.data(), 0, data, a.data().length, b.data().length);
    return new Matrix(a.rows(), a.cols() + b.cols(), data);
  }

  /** The factors one above the other. */
  static Matrix stack(List<Matrix> factors, int d) {
    int m = 0;
    for (Matrix f : factors) {
      m += f.rows();
    }
    Matrix out = Matrix.zeros(m, d);
    int at = 0;
    for (Matrix f : factors) {
      for (int j = 0; j < d; j++) {
        System.arraycopy(f.data(), j * f.rows(), out.data(), at + j * m, f.rows());
      }
      at += f.rows();
    }
    return out;
  }

  /** Column panels of the Gram update: wide enough for dgemm's speed, narrow enough to skip most of the lower triangle. */
  private static final int GRAM_PANEL = 128;

  /**
   * G += FᵀF in the upper triangle (and the diagonal blocks' lower parts): one dgemm per column
   * panel [j0, j1) for rows 0..j1, about (1/2 + 128/(2d)) of the flops of the full product. The
   * eigensolvers read only the upper triangle.
   */
  static void addGram(Matrix g, Matrix f) {
    int d = g.rows();
    int m = f.rows();
    if (m == 0 || d == 0) {
      return;
    }
    int panels = (d + GRAM_PANEL - 1) / GRAM_PANEL;
    java.util.function.IntConsumer panel = p -> {
      int j0 = p * GRAM_PANEL;
      int j1 = Math.min(d, j0 + GRAM_PANEL);
      Blas.blas().dgemm("T", "N", j1, j1 - j0, m, 1.0, f.data(), 0, m, f.data(), j0 * m, m, 1.0, g.data(), j0 * d, d);
    };
    // each panel writes its own columns of G: the driver's cores share large updates, with the same bits
    if (panels > 1 && (double) m * d * d > PARALLEL_GRAM_FLOPS) {
      java.util.stream.IntStream.range(0, panels).parallel().forEach(panel);
    } else {
      java.util.stream.IntStream.range(0, panels).forEach(panel);
    }
  }

  /** Gram updates above this many multiply-adds run their column panels on the driver's cores. */
  private static final double PARALLEL_GRAM_FLOPS = 5e7;

  /** FᵀF (upper triangle) as a new d×d matrix. */
  static Matrix gram(Matrix f) {
    Matrix g = Matrix.zeros(f.cols(), f.cols());
    addGram(g, f);
    return g;
  }

  /** The top directions of a factor: right singular vectors (d×k) and their energies σᵢ², largest first. */
  record Directions(Matrix vectors, double[] energies) {
    double sum(int r) {
      double t = 0;
      for (int i = 0; i < Math.min(r, energies.length); i++) {
        t += energies[i];
      }
      return t;
    }
  }

  /**
   * The top min(k, rank) right singular directions of F (m×d): an SVD for a short factor, the
   * partial eigensolver of FᵀF for a tall one. Directions with energy below (1e-12·‖F‖_F)² are
   * left out (they are rounding, and arbitrary).
   */
  static Directions top(Matrix f, int k) {
    int d = f.cols();
    double floor = NEW_DIRECTION * f.frobeniusNorm();
    if (f.rows() <= SVD_ROWS) {
      RowSpace space = rowSpace(f.transpose(), Math.min(k, d), floor);
      double[] energies = new double[space.sigma().length];
      for (int i = 0; i < energies.length; i++) {
        energies[i] = space.sigma()[i] * space.sigma()[i];
      }
      return new Directions(orthonormalize(space.vectors(), Matrix.zeros(d, 0), 0), energies);
    }
    SymmetricEigen e = SymmetricEigen.top(gram(f), Math.min(k, d));
    double[] energies = e.values();
    int keep = 0;
    while (keep < energies.length && energies[keep] > floor * floor) {
      keep++;
    }
    return new Directions(e.vectors().leadingColumns(keep), java.util.Arrays.copyOf(energies, keep));
  }

  /** Σ_{i≤r} σᵢ(F)² from the singular values (no vectors). */
  static double topEnergy(Matrix f, int r) {
    double[] sv = SingularValueDecomposition.values(f);
    double t = 0;
    for (int i = 0; i < Math.min(r, sv.length); i++) {
      t += sv[i] * sv[i];
    }
    return t;
  }
}
