package dev.randnla.sketch;

import dev.randnla.random.Purpose;

/**
 * CountSketch S·A (Clarkson &amp; Woodruff, "Low rank approximation and regression in input sparsity
 * time", STOC 2013): each row goes to one random bucket of m with a random sign. O(nnz) per row.
 * A subspace embedding for a d-dimensional subspace with constant distortion needs m = O(d²);
 * m = 10·d works well in practice for preconditioning (docs/algorithms.md, leverage --method approx and regress --sketch).
 */
public final class CountSketch extends HashedSketch<CountSketch> {
  private static final long serialVersionUID = 1L;

  public CountSketch(int m, int d, long seed) {
    super(m, d, 1, seed, Purpose.COUNT_SKETCH);
  }
}
