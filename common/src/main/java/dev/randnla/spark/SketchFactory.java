package dev.randnla.spark;

import dev.randnla.sketch.RowSketch;
import java.io.Serializable;

/** Makes an empty sketch in a task (so no sketch-sized zero value travels in a closure). */
@FunctionalInterface
public interface SketchFactory<S extends RowSketch<S, ?>> extends Serializable {
  S create();
}
