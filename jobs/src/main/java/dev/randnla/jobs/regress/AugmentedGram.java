package dev.randnla.jobs.regress;

import dev.randnla.linalg.Matrix;
import dev.randnla.sketch.ForwardingRowSketch;
import dev.randnla.sketch.GramSketch;
import dev.randnla.sketch.RowSketch;

/**
 * The Gram [M b]ᵀ[M b] as a row sketch whose result is the matrix, for {@link AugmentedSketch}: the
 * first pass of the Cholesky preconditioner ({@link PreconditionSolver}). O(nnz²) flops per sparse
 * row, (p+1)² doubles per task. A plain class: it travels between tasks.
 */
final class AugmentedGram extends ForwardingRowSketch<AugmentedGram, Matrix, GramSketch> {
  private static final long serialVersionUID = 1L;

  AugmentedGram(int w) {
    super(new GramSketch(w));
  }

  @Override
  public AugmentedGram merge(AugmentedGram other) {
    RowSketch.requireOther(this, other);
    inner.merge(other.inner);
    return this;
  }

  @Override
  public Matrix result() {
    return inner.result().gram();
  }
}
