package dev.randnla.io;

import java.io.Serializable;

/**
 * Where and how a job writes (docs/design.md §6).
 *
 * @param uri the output directory (null: write nothing, e.g. from a notebook that only wants the result object)
 * @param overwrite replace an existing output atomically
 * @param rowFormat per-row results as Parquet (default) or CSV part files
 */
public record OutputOptions(String uri, boolean overwrite, RowFormat rowFormat) implements Serializable {
  /** Format of per-row outputs. */
  public enum RowFormat implements CliEnums.Named {
    PARQUET,
    CSV
  }

  public OutputOptions {
    if (rowFormat == null) {
      rowFormat = RowFormat.PARQUET;
    }
  }

  public static OutputOptions to(String uri) {
    return new OutputOptions(uri, false, RowFormat.PARQUET);
  }

  public static OutputOptions none() {
    return new OutputOptions(null, false, RowFormat.PARQUET);
  }

  public boolean enabled() {
    return uri != null;
  }
}
