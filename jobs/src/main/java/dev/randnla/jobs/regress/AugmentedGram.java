package dev.randnla.jobs.regress;

import dev.randnla.linalg.Matrix;
import dev.randnla.sketch.GramSketch;
import dev.randnla.sketch.RowSketch;

/**
 * The Gram [M b]ᵀ[M b] as a row sketch whose result is the matrix, for {@link AugmentedSketch}: the
 * first pass of the Cholesky preconditioner ({@link PreconditionSolver}). O(nnz²) flops per sparse
 * row, (p+1)² doubles per task. A plain class: it travels between tasks.
 */
final class AugmentedGram implements RowSketch<AugmentedGram, Matrix> {
  private static final long serialVersionUID = 1L;
  private final GramSketch gram;

  AugmentedGram(int w) {
    this.gram = new GramSketch(w);
  }

  @Override
  public void update(long rowKey, double[] row) {
    gram.update(rowKey, row);
  }

  @Override
  public void update(long rowKey, int[] indices, double[] values) {
    gram.update(rowKey, indices, values);
  }

  @Override
  public AugmentedGram merge(AugmentedGram other) {
    RowSketch.requireOther(this, other);
    gram.merge(other.gram);
    return this;
  }

  @Override
  public AugmentedGram compact() {
    gram.compact();
    return this;
  }

  @Override
  public Matrix result() {
    return gram.result().gram();
  }

  @Override
  public long rows() {
    return gram.rows();
  }

  @Override
  public int cols() {
    return gram.cols();
  }
}
