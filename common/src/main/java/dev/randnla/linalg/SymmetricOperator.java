package dev.randnla.linalg;

/**
 * A symmetric linear operator S on Rⁿ applied to a block of vectors: a dense matrix, or the
 * distributed Gram operator X ↦ AᵀA·X where every application is one pass over the input.
 * Solvers such as {@link BlockLanczos} see nothing else of the matrix.
 */
@FunctionalInterface
public interface SymmetricOperator {
  /**
   * S·X.
   *
   * @param x an n×b block (input, not modified)
   * @return the n×b block S·X
   */
  Matrix apply(Matrix x);

  /** The operator of an explicit symmetric matrix (tests, local problems). */
  static SymmetricOperator of(Matrix s) {
    if (s.rows() != s.cols()) {
      throw new IllegalArgumentException("matrix must be square: " + s.rows() + "x" + s.cols());
    }
    return s::times;
  }
}
