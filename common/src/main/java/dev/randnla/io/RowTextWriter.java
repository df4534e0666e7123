package dev.randnla.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes rows to one text file in a format randnla reads ({@link RowText}): an optional header,
 * then one line per row, in UTF-8, buffered in 64 KB pieces. Used by every job that writes a matrix
 * as text ({@code generate}, {@code shuffle}), so what one job writes another reads back unchanged.
 *
 * <p>Delimited lines carry the leading fields the writer was made with (id, key, label, in that
 * order) and then the d values; LIBSVM lines the label and the nonzeros (no id or key field, no
 * header).
 */
public final class RowTextWriter {
  private static final int FLUSH_CHARS = 1 << 16;

  private final OutputStream out;
  private final boolean libsvm;
  private final char delimiter;
  private final int d;
  private final StringBuilder sb = new StringBuilder(FLUSH_CHARS + 1024);
  private long rows;
  private long nnz;

  /**
   * @param format CSV, TSV or LIBSVM
   * @param header whether to write the header line (delimited formats only)
   * @param id whether lines start with an id field (delimited formats)
   * @param key whether lines carry a key field (delimited formats)
   * @param label whether lines carry a label field (delimited formats; LIBSVM always does)
   */
  public RowTextWriter(OutputStream out, MatrixFormat format, int d, boolean header, boolean id, boolean key,
      boolean label) {
    if (format != MatrixFormat.CSV && format != MatrixFormat.TSV && format != MatrixFormat.LIBSVM) {
      throw new IllegalArgumentException("not a text format: " + format.cliName());
    }
    this.out = out;
    this.libsvm = format == MatrixFormat.LIBSVM;
    this.delimiter = format == MatrixFormat.TSV ? '\t' : ',';
    this.d = d;
    if (header && !libsvm) {
      sb.append(headerLine(d, id, key, label, delimiter)).append('\n');
    }
  }

  /**
   * Writes one row with the leading fields given (null: the field is not written; LIBSVM needs the
   * label and ignores id and key).
   */
  public void write(MatrixRow row, Long id, String key, Double label) throws IOException {
    if (libsvm) {
      RowText.appendLibsvm(sb, row, label);
    } else {
      RowText.appendDelimited(sb, row, d, delimiter, id, key, label);
    }
    rows++;
    nnz += row.nnz();
    if (sb.length() > FLUSH_CHARS) {
      flushBuffer();
    }
  }

  /** Writes what is buffered and flushes the stream (does not close it). */
  public void finish() throws IOException {
    flushBuffer();
    out.flush();
  }

  /** Rows written. */
  public long rows() {
    return rows;
  }

  /** Stored nonzeros of the rows written ({@link MatrixRow#nnz()}). */
  public long nnz() {
    return nnz;
  }

  private void flushBuffer() throws IOException {
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    sb.setLength(0);
  }

  /** The header of a delimited file: the leading field names, then x0 … x(d−1). */
  public static String headerLine(int d, boolean id, boolean key, boolean label, char delimiter) {
    StringBuilder h = new StringBuilder();
    if (id) {
      h.append("id").append(delimiter);
    }
    if (key) {
      h.append("key").append(delimiter);
    }
    if (label) {
      h.append("label").append(delimiter);
    }
    for (int j = 0; j < d; j++) {
      if (j > 0) {
        h.append(delimiter);
      }
      h.append('x').append(j);
    }
    return h.toString();
  }
}
