package dev.randnla.jobs;

import dev.randnla.io.UsageException;
import java.util.function.Supplier;

/** Builds a validated config record, turning its validation failure into a usage error (exit 2). */
public final class Configs {
  private Configs() {}

  public static <T> T build(Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }
}
