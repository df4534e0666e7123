package dev.randnla.io;

/**
 * Rows as lines of the text formats randnla reads (docs/design.md §5): CSV/TSV with optional leading
 * id, key and label fields, and LIBSVM (label, then 1-based {@code index:value} pairs of the
 * nonzeros). Values are written with {@link Double#toString}, which round-trips exactly; zero is
 * written as {@code 0}.
 */
public final class RowText {
  private RowText() {}

  /** Appends v (exact round trip; "0" for zero). */
  public static void appendValue(StringBuilder sb, double v) {
    if (v == 0) {
      sb.append('0');
    } else {
      sb.append(v);
    }
  }

  /**
   * Appends one delimited line: the leading fields that are given, then the d values (a sparse row
   * is written densely), then a newline.
   *
   * @param id the id field, or null for none
   * @param key the key field, or null for none
   * @param label the label field, or null for none
   */
  public static void appendDelimited(StringBuilder sb, MatrixRow row, int d, char delimiter, Long id, String key,
      Double label) {
    if (id != null) {
      sb.append(id.longValue()).append(delimiter);
    }
    if (key != null) {
      sb.append(key).append(delimiter);
    }
    if (label != null) {
      appendValue(sb, label);
      sb.append(delimiter);
    }
    double[] v = row.values();
    if (row.isSparse()) {
      int[] idx = row.indices();
      int t = 0;
      for (int j = 0; j < d; j++) {
        if (j > 0) {
          sb.append(delimiter);
        }
        if (t < idx.length && idx[t] == j) {
          appendValue(sb, v[t++]);
        } else {
          sb.append('0');
        }
      }
    } else {
      for (int j = 0; j < v.length; j++) {
        if (j > 0) {
          sb.append(delimiter);
        }
        appendValue(sb, v[j]);
      }
    }
    sb.append('\n');
  }

  /** Appends one LIBSVM line: the label, then the nonzeros as 1-based index:value, then a newline. */
  public static void appendLibsvm(StringBuilder sb, MatrixRow row, double label) {
    appendValue(sb, label);
    double[] v = row.values();
    int[] idx = row.indices();
    for (int t = 0; t < v.length; t++) {
      if (v[t] != 0) {
        sb.append(' ').append((idx == null ? t : idx[t]) + 1).append(':');
        appendValue(sb, v[t]);
      }
    }
    sb.append('\n');
  }
}
