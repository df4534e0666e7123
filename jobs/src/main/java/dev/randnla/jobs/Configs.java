package dev.randnla.jobs;

import dev.randnla.io.UsageException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds a validated config record, turning its validation failure into a usage error (exit 2),
 * and runs the pre-flight on it ({@link DryRun#preflight}): its inputs, outputs and format-dependent
 * checks, before Spark starts. With {@code --dry-run} the command ends there: every command that
 * builds its config record here supports {@code --dry-run}, and its dry run runs exactly the checks
 * its real run runs before starting Spark. Other values (an enum parsed from an option) are only
 * validated.
 */
public final class Configs {
  private Configs() {}

  public static <T> T build(Supplier<T> constructor) {
    return build(constructor, Function.identity());
  }

  /**
   * As {@link #build(Supplier)}, with the job's own checks that need no data but more than the
   * record ({@code generate} builds its generator): {@code prepare} runs on the config before the
   * shared pre-flight, and its result, what the run needs, is returned. Its
   * {@link IllegalArgumentException} is a usage error too.
   */
  public static <T, P> P build(Supplier<T> constructor, Function<? super T, P> prepare) {
    try {
      T config = constructor.get();
      P prepared = prepare.apply(config);
      if (config instanceof Record) {
        DryRun.preflight(config);
      }
      return prepared;
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }
}
