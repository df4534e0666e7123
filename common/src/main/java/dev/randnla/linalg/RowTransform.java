package dev.randnla.linalg;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A linear map applied to every row of a matrix, x ↦ x·M₁·M₂⋯Mₖ, where each factor is either the
 * inverse of an upper-triangular R (a right triangular solve, never an explicit inverse) or a dense
 * matrix, optionally after subtracting a row vector μ (centering). It is how the second and third
 * passes of a tall-skinny factorisation see the input: Q₁ = A·R₁⁻¹ (TSQR twice, Cholesky QR),
 * Q = A·R₁⁻¹·R₂⁻¹, U = A·V·Σ⁻¹·R_y⁻¹, scores (A − 1μᵀ)·V.
 *
 * <p>Applied to column-major blocks of b rows ({@link #apply}) with level-3 BLAS. A row's result
 * depends only on the row and on its position in the block, so two passes that block a partition
 * the same way compute bitwise the same rows — which TSQR twice relies on: the Q₁ whose R factor
 * the second pass computes must be the Q₁ the third pass divides by it, to the last bit, or the
 * loss of orthogonality (≈ κ·u) comes back.
 *
 * <p>Immutable and serialisable; it travels to tasks in a broadcast. Triangular solves are
 * backward stable row by row: each computed row q satisfies q·(R + ΔR) = x with |ΔR| ≤ c·n·u·|R|.
 */
public final class RowTransform implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int inputCols;
  private final double[] center;
  private final Step[] steps;

  private RowTransform(int inputCols, double[] center, Step[] steps) {
    this.inputCols = inputCols;
    this.center = center;
    this.steps = steps;
  }

  /** The identity on rows of d entries. */
  public static RowTransform identity(int d) {
    if (d < 0) {
      throw new IllegalArgumentException("cols must be non-negative: " + d);
    }
    return new RowTransform(d, null, new Step[0]);
  }

  /** x ↦ x − μ first (then the steps that follow). Only on a transform with no steps yet. */
  public RowTransform centered(double[] mu) {
    if (steps.length > 0 || center != null) {
      throw new IllegalStateException("centering must come first, and only once");
    }
    if (mu.length != inputCols) {
      throw new IllegalArgumentException("mean has " + mu.length + " entries, rows have " + inputCols);
    }
    return new RowTransform(inputCols, mu.clone(), steps);
  }

  /** This map followed by y ↦ y·R⁻¹ (R upper triangular, square, nonsingular). */
  public RowTransform thenSolveUpper(Matrix r) {
    if (r.rows() != r.cols() || r.rows() != outputCols()) {
      throw new IllegalArgumentException("R must be " + outputCols() + "x" + outputCols() + ": " + r.rows() + "x" + r.cols());
    }
    for (int i = 0; i < r.rows(); i++) {
      if (!(Math.abs(r.get(i, i)) > 0) || !Double.isFinite(r.get(i, i))) {
        throw new ArithmeticException("R is singular: diagonal entry " + i + " is " + r.get(i, i));
      }
    }
    return then(new Step(true, r.copy()));
  }

  /** This map followed by y ↦ y·M (M is outputCols × k). */
  public RowTransform thenMultiply(Matrix m) {
    if (m.rows() != outputCols()) {
      throw new IllegalArgumentException("M must have " + outputCols() + " rows: " + m.rows() + "x" + m.cols());
    }
    return then(new Step(false, m.copy()));
  }

  private RowTransform then(Step step) {
    Step[] next = Arrays.copyOf(steps, steps.length + 1);
    next[steps.length] = step;
    return new RowTransform(inputCols, center, next);
  }

  /**
   * The factors R₁, R₂, … of a map made only of triangular solves, x ↦ x·R₁⁻¹·R₂⁻¹⋯ (copies, in order):
   * what a saved Q map holds. {@code identity(d).thenSolveUpper(R₁).thenSolveUpper(R₂)…} rebuilds a map
   * that computes bitwise the same rows.
   *
   * @throws IllegalStateException when the map centres or multiplies
   */
  public List<Matrix> solveFactors() {
    List<Matrix> factors = new ArrayList<>();
    for (Step st : steps) {
      if (!st.solve) {
        throw new IllegalStateException("the map multiplies by a dense matrix, not only solves");
      }
      factors.add(st.matrix.copy());
    }
    if (center != null) {
      throw new IllegalStateException("the map centres its rows before solving");
    }
    return factors;
  }

  /** Entries of an input row. */
  public int inputCols() {
    return inputCols;
  }

  /** Entries of an output row. */
  public int outputCols() {
    return steps.length == 0 ? inputCols : steps[steps.length - 1].matrix.cols();
  }

  /** Doubles this transform holds (for memory estimates). */
  public long size() {
    long s = center == null ? 0 : center.length;
    for (Step st : steps) {
      s += (long) st.matrix.rows() * st.matrix.cols();
    }
    return s;
  }

  /** Flops per row. */
  public long flopsPerRow() {
    long f = 0;
    for (Step st : steps) {
      f += st.solve ? (long) st.matrix.rows() * st.matrix.rows() : 2L * st.matrix.rows() * st.matrix.cols();
    }
    return f;
  }

  /**
   * Applies the map to b rows held column-major in {@code block} (leading dimension ld ≥ b, at least
   * inputCols columns). Solves work in place; a dense step needs a new array. Returns the block
   * holding the result: column-major, leading dimension ld, outputCols columns (possibly
   * {@code block} itself, which is overwritten either way).
   */
  public double[] apply(double[] block, int b, int ld) {
    if (b == 0) {
      return block;
    }
    if (center != null) {
      for (int j = 0; j < inputCols; j++) {
        double m = center[j];
        int c = j * ld;
        for (int i = 0; i < b; i++) {
          block[c + i] -= m;
        }
      }
    }
    double[] x = block;
    for (Step st : steps) {
      if (st.solve) {
        Triangular.rightSolveUpperInPlace(st.matrix, x, b, ld);
      } else {
        int n = st.matrix.rows();
        int k = st.matrix.cols();
        double[] y = new double[Math.max(1, ld * k)];
        if (n > 0 && k > 0) {
          Blas.blas().dgemm("N", "N", b, k, n, 1.0, x, ld, st.matrix.data(), n, 0.0, y, ld);
        }
        x = y;
      }
    }
    return x;
  }

  /** One factor: R⁻¹ (solve) or M (multiply). */
  private static final class Step implements Serializable {
    private static final long serialVersionUID = 1L;
    private final boolean solve;
    private final Matrix matrix;

    Step(boolean solve, Matrix matrix) {
      this.solve = solve;
      this.matrix = matrix;
    }
  }
}
