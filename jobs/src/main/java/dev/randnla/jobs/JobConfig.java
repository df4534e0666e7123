package dev.randnla.jobs;

import dev.randnla.io.InputOptions;
import dev.randnla.io.OutputOptions;
import dev.randnla.io.Violations;

/**
 * What every reading job's config holds besides its own settings, so that {@link JobFrame} can start
 * its run and open its input: the matrix to read, the output directory ({@link OutputOptions#none()}
 * for a library call that writes nothing) and whether progress lines are printed. The job configs are
 * records whose components of these names implement it; their compact constructors begin with
 * {@link #violations} and {@link #outputOrNone}, so every one checks and defaults these alike.
 */
public interface JobConfig {
  InputOptions input();

  OutputOptions output();

  boolean quiet();

  /**
   * The violations of a reading job's config, starting with the check every one makes: that it has an
   * input. The config's compact constructor adds its own and ends with {@link Violations#throwIfAny()}.
   */
  static Violations violations(InputOptions input) {
    Violations v = new Violations();
    v.require(input != null, "--input is required");
    return v;
  }

  /** {@code output}, or {@link OutputOptions#none()} (write nothing) for null: a library call's default. */
  static OutputOptions outputOrNone(OutputOptions output) {
    return output == null ? OutputOptions.none() : output;
  }
}
