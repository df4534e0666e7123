package dev.randnla.spark;

import java.io.Serializable;

/** Combines two partial results into one; may mutate and return its first argument. */
@FunctionalInterface
public interface Merge<T> extends Serializable {
  T apply(T left, T right);
}
