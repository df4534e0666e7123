package dev.randnla.jobs.regress;

import dev.randnla.io.MatrixRow;
import dev.randnla.linalg.Matrix;
import dev.randnla.sketch.LinearSketch;
import dev.randnla.sketch.RowSketch;
import dev.randnla.sketch.SketchKind;

/**
 * A row sketch of [M b] (or of M alone) with the label moments: the first pass of every solver. The
 * sketch is any {@link RowSketch} whose result is a matrix: {@link dev.randnla.sketch.TsqrSketch}
 * (R of [M b], exact), a {@link dev.randnla.sketch.LinearSketch} (S·[M b]).
 */
final class AugmentedSketch<S extends RowSketch<S, Matrix>> implements RowAccumulator<AugmentedSketch<S>> {
  private static final long serialVersionUID = 1L;

  private final Design design;
  private final boolean withLabel;
  private final S sketch;
  private final LabelMoments labels = new LabelMoments();
  private transient double[] buf;
  private long nonzeros;
  private boolean sparseRows;

  AugmentedSketch(Design design, boolean withLabel, S sketch) {
    this.design = design;
    this.withLabel = withLabel;
    this.sketch = sketch;
  }

  /**
   * One pass of a linear sketch S (m rows of {@code kind}, {@code nnz} per column for OSNAP, from {@code seed}) of
   * [M b], or of M alone without {@code withLabel}: the first pass of the sketch, sample and precondition solvers.
   * Memory: m·(p + 1) doubles per task and on the driver.
   */
  static AugmentedSketch<LinearSketch> linear(Passes passes, Design design, boolean withLabel, SketchKind kind, int m,
      int nnz, long seed, String description) {
    int w = withLabel ? design.p() + 1 : design.p();
    return passes.aggregate(() -> new AugmentedSketch<>(design, withLabel, kind.create(m, w, nnz, seed)), 8L * m * w + 256,
        description);
  }

  @Override
  public void add(MatrixRow row) {
    if (!labels.addRow(row)) {
      return;
    }
    double b = row.label();
    nonzeros += row.values().length + (withLabel ? 1 : 0);
    sparseRows |= row.isSparse();
    if (buf == null) {
      buf = new double[withLabel ? design.p() + 1 : design.p()];
    }
    design.update(sketch, row, b, withLabel, Design.scale(row), buf);
  }

  @Override
  public AugmentedSketch<S> merge(AugmentedSketch<S> other) {
    sketch.merge(other.sketch);
    labels.merge(other.labels);
    nonzeros += other.nonzeros;
    sparseRows |= other.sparseRows;
    return this;
  }

  @Override
  public AugmentedSketch<S> compact() {
    sketch.compact();
    return this;
  }

  /** Stored entries per row of [M b] (dense rows count every column). */
  double nonzerosPerRow() {
    long n = labels.rows();
    return n == 0 ? 0 : (double) nonzeros / n;
  }

  /** True when some row came sparse (LIBSVM). */
  boolean sparseRows() {
    return sparseRows;
  }

  Matrix result() {
    return sketch.result();
  }

  LabelMoments labels() {
    return labels;
  }
}
