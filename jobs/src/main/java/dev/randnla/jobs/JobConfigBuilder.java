package dev.randnla.jobs;

import dev.randnla.io.InputOptions;
import dev.randnla.io.OutputOptions;
import dev.randnla.io.RecordBuilder;

/**
 * What every job config's builder shares: the input (for a job that reads one), the output (none by
 * default: a library call gets its result object and writes nothing unless asked) and quiet.
 */
public abstract class JobConfigBuilder<R extends Record, B extends JobConfigBuilder<R, B>> extends RecordBuilder<R, B> {
  protected JobConfigBuilder(Class<R> type) {
    super(type);
    output(OutputOptions.none());
  }

  /** The output directory and how to write it; {@link OutputOptions#none()} (the default) writes nothing. */
  public B output(OutputOptions output) {
    return set("output", output);
  }

  /** Writes the outputs to a new directory {@code uri} (Parquet per-row outputs, no overwrite). */
  public B output(String uri) {
    return output(OutputOptions.to(uri));
  }

  /** No progress lines on stderr. */
  public B quiet(boolean quiet) {
    return set("quiet", quiet);
  }

  /** A builder of a config that reads an input matrix. */
  public abstract static class WithInput<R extends Record, B extends WithInput<R, B>> extends JobConfigBuilder<R, B> {
    protected WithInput(Class<R> type) {
      super(type);
    }

    /** How to read the input matrix ({@link InputOptions#builder()}). */
    public B input(InputOptions input) {
      return set("input", input);
    }

    /** Reads {@code uri} with the default input options (format from the file names). */
    public B input(String uri) {
      return input(InputOptions.of(uri));
    }
  }
}
