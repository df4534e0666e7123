package dev.randnla.sketch;

import dev.randnla.io.CliEnums;

/**
 * The linear sketches S·A a job can choose at run time ({@code --sketch}): all one-pass, mergeable,
 * with randomness from (seed, row key), so the same S is applied to A and to any column appended
 * to its rows (the label b of a regression).
 */
public enum SketchKind implements CliEnums.Named {
  /** {@link CountSketch}: one ±1 per row, O(nnz). Needs more rows than the others (m ≈ 10d–20d). */
  COUNTSKETCH(false),
  /** {@link OsnapSketch}: s nonzeros per row, O(s·nnz); m = 4d–20d with s = 4–8. */
  OSNAP(false),
  /** {@link GaussianSketch}: dense, O(m·d) flops and m Gaussian draws per row. */
  GAUSSIAN(true),
  /** {@link BlockSrhtSketch}: dense, O(m·d/B) flops and m/B popcounts per row. */
  SRHT(true);

  private final boolean dense;

  SketchKind(boolean dense) {
    this.dense = dense;
  }

  /** True for sketches whose columns are dense (every row reaches many outputs). */
  public boolean dense() {
    return dense;
  }

  /**
   * A new empty sketch.
   *
   * @param m sketch rows
   * @param d columns
   * @param nnzPerCol OSNAP's nonzeros per column s (ignored by the others)
   * @param seed the seed
   */
  public LinearSketch create(int m, int d, int nnzPerCol, long seed) {
    return new LinearSketch(this, switch (this) {
      case COUNTSKETCH -> new CountSketch(m, d, seed);
      case OSNAP -> new OsnapSketch(m, d, Math.min(nnzPerCol, m), seed);
      case GAUSSIAN -> new GaussianSketch(m, d, seed);
      case SRHT -> new BlockSrhtSketch(m, d, seed);
    });
  }
}
