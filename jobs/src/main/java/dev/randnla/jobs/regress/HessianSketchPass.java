package dev.randnla.jobs.regress;

import dev.randnla.io.MatrixRow;
import dev.randnla.linalg.Matrix;
import dev.randnla.sketch.LinearSketch;

/**
 * One pass of the iterative Hessian sketch: a fresh sketch S_t·M (its R gives the Hessian
 * approximation (S_t M)ᵀ(S_t M)) together with the exact gradient at the current x.
 */
final class HessianSketchPass implements RowAccumulator<HessianSketchPass> {
  private static final long serialVersionUID = 1L;

  private final AugmentedSketch<LinearSketch> sketch;
  private final GradientPass gradient;

  HessianSketchPass(Design design, LinearSketch fresh, double[] x, double[] xLo) {
    this.sketch = new AugmentedSketch<>(design, false, fresh);
    this.gradient = new GradientPass(design, x, xLo, null);
  }

  @Override
  public void add(MatrixRow row) {
    sketch.add(row);
    gradient.add(row);
  }

  @Override
  public HessianSketchPass merge(HessianSketchPass other) {
    sketch.merge(other.sketch);
    gradient.merge(other.gradient);
    return this;
  }

  @Override
  public HessianSketchPass compact() {
    sketch.compact();
    return this;
  }

  /** S_t·M. */
  Matrix sketched() {
    return sketch.result();
  }

  GradientPass gradient() {
    return gradient;
  }
}
