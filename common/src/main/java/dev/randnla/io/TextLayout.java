package dev.randnla.io;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How the lines of a CSV, TSV or LIBSVM input map to a matrix row: the delimiter, whether each
 * file starts with a header, how many fields a line has, and which fields are the id, the label
 * and the block key. Resolved once on the driver from the options and the first line of the
 * first file, then shipped to every task.
 *
 * @param format CSV, TSV or LIBSVM
 * @param header whether the first line of every file is a header
 * @param headerLine the first file's header (compared against every other file's), or null
 * @param fields fields per line for CSV/TSV (values plus special columns); −1 for LIBSVM
 * @param cols matrix columns d
 * @param idField 0-based field of the id column, or −1
 * @param labelField 0-based field of the label column, or −1 (LIBSVM: always the first token)
 * @param keyField 0-based field of the block-key column, or −1
 * @param weightField 0-based field of the row-weight column, or −1 (LIBSVM: ≥ 0 reads {@code weight=W}
 *     from the line's trailing comment)
 * @param firstFile the file whose first data line set {@code fields} (named when another file
 *     differs), or null
 */
public record TextLayout(
    MatrixFormat format,
    boolean header,
    String headerLine,
    int fields,
    int cols,
    int idField,
    int labelField,
    int keyField,
    int weightField,
    String firstFile)
    implements Serializable {

  /** A layout without a weight column whose field count does not come from a file (LIBSVM, tests). */
  public TextLayout(MatrixFormat format, boolean header, String headerLine, int fields, int cols, int idField,
      int labelField, int keyField) {
    this(format, header, headerLine, fields, cols, idField, labelField, keyField, -1, null);
  }

  public TextLayout {
    if (!format.isText()) {
      throw new IllegalArgumentException("not a text format: " + format);
    }
    if (cols < 0) {
      throw new IllegalArgumentException("cols must be non-negative: " + cols);
    }
  }

  public byte delimiter() {
    return format == MatrixFormat.TSV ? (byte) '\t' : (byte) ',';
  }

  /**
   * Resolves a column given on the command line (a name from the header, or a 0-based index)
   * to a field index; null or empty gives −1.
   */
  public static int resolveColumn(String option, String spec, List<String> headerNames, int fieldCount) {
    if (spec == null || spec.isEmpty()) {
      return -1;
    }
    if (headerNames != null) {
      int at = headerNames.indexOf(spec);
      if (at >= 0) {
        return at;
      }
    }
    try {
      int idx = Integer.parseInt(spec.trim());
      if (idx < 0 || idx >= fieldCount) {
        throw new IllegalArgumentException(
            option + " index must be in [0, " + (fieldCount - 1) + "] (the input has " + fieldCount + " fields): " + idx);
      }
      return idx;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " '" + spec + "' is neither a 0-based index nor a header name"
          + (headerNames == null ? " (no --header given)" : " (header: " + String.join(",", headerNames) + ")"), e);
    }
  }

  /** Splits a header line into trimmed names, honouring double quotes. */
  public static List<String> splitHeader(String line, byte delimiter) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    List<String> names = new ArrayList<>();
    int[] bounds = new int[2];
    int pos = 0;
    while (true) {
      int next = TextRowParser.nextField(b, pos, b.length, delimiter, bounds);
      names.add(TextRowParser.unquote(new String(b, bounds[0], bounds[1] - bounds[0], StandardCharsets.UTF_8)));
      if (next < 0) {
        break;
      }
      pos = next;
    }
    return names;
  }
}
