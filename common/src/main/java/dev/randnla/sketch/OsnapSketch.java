package dev.randnla.sketch;

import dev.randnla.random.Purpose;

/**
 * OSNAP S·A (Nelson &amp; Nguyễn, "OSNAP: Faster numerical linear algebra algorithms via sparser
 * subspace embeddings", FOCS 2013): each row goes to s distinct buckets (one per block of m/s
 * rows) with signs ±1/√s. O(s·nnz) per row; m = O(d^{1+γ}) rows suffice with s = O(1/γ), so s = 4–8
 * lets m be a small multiple of d where CountSketch needs more.
 */
public final class OsnapSketch extends HashedSketch<OsnapSketch> {
  private static final long serialVersionUID = 1L;

  public OsnapSketch(int m, int d, int s, long seed) {
    super(m, d, s, seed, Purpose.OSNAP);
  }
}
