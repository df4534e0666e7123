package dev.randnla.jobs.cluster;

import java.util.Locale;

/** The order in which a cluster's candidates are tried after its seed (docs/algorithms.md, cluster). */
public enum BlockOrder {
  /** Smallest Frobenius norm first (the reference code's default). */
  NORM,
  /** Smallest residual against the seed's top-r subspace first: the most aligned blocks first. */
  RESIDUAL;

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static BlockOrder parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("--order must be norm or residual: " + s, e);
    }
  }
}
