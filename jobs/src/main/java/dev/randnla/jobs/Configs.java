package dev.randnla.jobs;

import dev.randnla.io.UsageException;
import java.util.function.Supplier;

/**
 * Builds a validated config record, turning its validation failure into a usage error (exit 2).
 * With {@code --dry-run}, also checks the config's inputs and outputs and ends the command there
 * ({@link DryRun}): every command that builds its config here supports {@code --dry-run}.
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
    DryRun.check(config);
    return config;
  }
}
