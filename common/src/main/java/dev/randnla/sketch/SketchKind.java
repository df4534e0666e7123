package dev.randnla.sketch;

import java.util.Locale;

/**
 * The linear sketches S·A a job can choose at run time ({@code --sketch}): all one-pass, mergeable,
 * with randomness from (seed, row key), so the same S is applied to A and to any column appended
 * to its rows (the label b of a regression).
 */
public enum SketchKind {
  /** {@link CountSketch}: one ±1 per row, O(nnz). Needs more rows than the others (m ≈ 10d–20d). */
  COUNTSKETCH("countsketch", false),
  /** {@link OsnapSketch}: s nonzeros per row, O(s·nnz); m = 4d–20d with s = 4–8. */
  OSNAP("osnap", false),
  /** {@link GaussianSketch}: dense, O(m·d) flops and m Gaussian draws per row. */
  GAUSSIAN("gaussian", true),
  /** {@link BlockSrhtSketch}: dense, O(m·d/B) flops and m/B popcounts per row. */
  SRHT("srht", true);

  private final String cliName;
  private final boolean dense;

  SketchKind(String cliName, boolean dense) {
    this.cliName = cliName;
    this.dense = dense;
  }

  public String cliName() {
    return cliName;
  }

  /** True for sketches whose columns are dense (every row reaches many outputs). */
  public boolean dense() {
    return dense;
  }

  /** Parses countsketch, osnap, gaussian or srht (case-insensitive). */
  public static SketchKind parse(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    for (SketchKind k : values()) {
      if (k.cliName.equals(t)) {
        return k;
      }
    }
    throw new IllegalArgumentException("--sketch must be countsketch, osnap, gaussian or srht: " + s);
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
