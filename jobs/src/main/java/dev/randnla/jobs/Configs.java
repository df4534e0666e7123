package dev.randnla.jobs;

import dev.randnla.io.UsageException;
import java.util.function.Supplier;

/**
 * Builds a validated config record, turning its validation failure into a usage error (exit 2).
 * With {@code --dry-run}, a config record's inputs and outputs are checked and the command ends
 * there ({@link DryRun}): every command that builds its config record here supports
 * {@code --dry-run}. Other values (an enum parsed from an option) are only validated.
 */
public final class Configs {
  private Configs() {}

  public static <T> T build(Supplier<T> constructor) {
    T config;
    try {
      config = constructor.get();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
    if (config instanceof Record) {
      DryRun.check(config);
    }
    return config;
  }
}
