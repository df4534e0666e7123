package dev.randnla.io;

import java.util.Locale;

/** The input and output matrix formats (docs/design.md §5). */
public enum MatrixFormat implements CliEnums.Named {
  /** Comma-separated dense rows. */
  CSV,
  /** Tab-separated dense rows. */
  TSV,
  /** {@code label index:value …} sparse rows with 1-based, strictly increasing indices. */
  LIBSVM,
  /** A column of {@code array<double>}, an ml {@code Vector} column, or numeric columns. */
  PARQUET;

  /**
   * The format a file name implies, looking through compression suffixes
   * ({@code .csv.gz} is CSV), or null when the name says nothing.
   */
  public static MatrixFormat fromFileName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (String codec : new String[] {".gz", ".bz2", ".deflate", ".zst", ".lz4", ".snappy"}) {
      if (n.endsWith(codec) && !n.endsWith(".parquet" + codec)) {
        n = n.substring(0, n.length() - codec.length());
        break;
      }
    }
    if (n.endsWith(".csv")) {
      return CSV;
    }
    if (n.endsWith(".tsv") || n.endsWith(".tab")) {
      return TSV;
    }
    if (n.endsWith(".libsvm") || n.endsWith(".svm") || n.endsWith(".svmlight")) {
      return LIBSVM;
    }
    if (n.endsWith(".parquet") || n.endsWith(".parq") || n.endsWith(".snappy.parquet")) {
      return PARQUET;
    }
    return null;
  }

  /** True for the line-oriented text formats. */
  public boolean isText() {
    return this != PARQUET;
  }
}
