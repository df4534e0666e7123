package dev.randnla.jobs.regress;

import dev.randnla.io.MatrixRow;
import dev.randnla.linalg.Matrix;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import dev.randnla.sketch.RowSketch;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@link AugmentedSketch} of [A b] per cross-validation fold, filled in one pass: a row goes to fold
 * hash(seed, row key) mod K, a function of the row's key only, so the folds (and every factor built from them)
 * do not depend on the partitioning. With TSQR sketches each fold ends as the R of its rows; with Gram
 * sketches (sparse rows) as their Gram. The full data's factor and each fold's training factor are then
 * combined on the driver from the K results, in fold order: no further pass.
 */
final class FoldedFactors<S extends RowSketch<S, Matrix>> implements RowAccumulator<FoldedFactors<S>> {
  private static final long serialVersionUID = 1L;

  private final long seed;
  private final List<AugmentedSketch<S>> folds;

  FoldedFactors(Design design, int k, long seed, Passes.Factory<S> sketch) {
    this.seed = seed;
    this.folds = new ArrayList<>(k);
    for (int j = 0; j < k; j++) {
      folds.add(new AugmentedSketch<>(design, true, sketch.get()));
    }
  }

  /** The fold of a row with this key among k: a seeded hash, the same in every pass and partitioning. */
  static int fold(long seed, int k, long key) {
    return (int) Long.remainderUnsigned(RandomStream.word(seed, Purpose.CV_FOLD, key, 0), k);
  }

  @Override
  public void add(MatrixRow row) {
    folds.get(fold(seed, folds.size(), row.key())).add(row);
  }

  @Override
  public FoldedFactors<S> merge(FoldedFactors<S> other) {
    for (int j = 0; j < folds.size(); j++) {
      folds.get(j).merge(other.folds.get(j));
    }
    return this;
  }

  @Override
  public FoldedFactors<S> compact() {
    folds.forEach(AugmentedSketch::compact);
    return this;
  }

  /** Fold j's sketch (its R or Gram, and its label moments). */
  AugmentedSketch<S> fold(int j) {
    return folds.get(j);
  }

  int count() {
    return folds.size();
  }
}
