package dev.randnla.jobs;

import dev.randnla.io.InputOptions;
import dev.randnla.io.OutputOptions;

/**
 * What every reading job's config holds besides its own settings, so that {@link JobFrame} can start
 * its run and open its input: the matrix to read, the output directory ({@link OutputOptions#none()}
 * for a library call that writes nothing) and whether progress lines are printed. The job configs are
 * records whose components of these names implement it.
 */
public interface JobConfig {
  InputOptions input();

  OutputOptions output();

  boolean quiet();
}
