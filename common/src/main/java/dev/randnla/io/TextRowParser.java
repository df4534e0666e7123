package dev.randnla.io;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Parses one line of CSV, TSV or LIBSVM straight from bytes into a {@link MatrixRow}, validating
 * as it goes: field count, numeric tokens, NaN and ±Inf, LIBSVM indices (positive, strictly
 * increasing, within the column count), with no String per token. A parser is used by one thread.
 *
 * <p>Numbers: the commonest token, a short decimal such as {@code 0}, {@code -12.5}, {@code 0.003921}
 * or {@code -5.51744E-6}, is read in the same pass that finds the end of its field ({@link #decimal},
 * and {@link #withExponent} for an exponent); every other token (quotes, spaces, many digits, a large
 * exponent, anything malformed) goes through {@link #nextField} and FastDoubleParser (correctly
 * rounded, the parser Jackson uses) with every check. Both give the correctly rounded double, so the
 * choice never changes a value. The general
 * path passes over a field's bytes three times (delimiter, syntax check, digits), the fast path
 * once: measured on a 6-digit dense CSV (Fashion-MNIST, half the values 0), a row of the read costs
 * about a third less CPU. A LIBSVM entry {@code index:decimal} likewise is read in one pass
 * ({@link #plainEntry}) instead of four (token end, colon, index, value).
 */
public final class TextRowParser {
  /** {@code weight=}, the key of a LIBSVM row's weight in its trailing comment. */
  private static final byte[] LIBSVM_WEIGHT_KEY =
      (InputOptions.LIBSVM_WEIGHT + "=").getBytes(StandardCharsets.US_ASCII);
  /** The largest k for which 10^k is a double exactly (5^22 < 2^53 < 5^23). */
  private static final int MAX_EXACT_POWER = 22;
  /** Exponents of more digits (leading zeros included) go to the general path. */
  private static final int MAX_EXPONENT_DIGITS = 4;
  /** 10^k for k ≤ {@link #MAX_EXACT_POWER}, each one a double exactly. */
  private static final double[] POWERS_OF_TEN = new double[MAX_EXACT_POWER + 1];
  private static final long[] LONG_POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
      100_000_000};
  /** Eight bytes of an array read as one long, the first byte lowest. */
  private static final VarHandle LITTLE_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  static {
    double p = 1;
    for (int k = 0; k < POWERS_OF_TEN.length; k++) {
      POWERS_OF_TEN[k] = p;
      p *= 10;
    }
  }

  private final TextLayout layout;
  private final byte delimiter;
  private final int[] bounds = new int[2];
  /** Per CSV/TSV field: true when it holds a matrix value (not the id, label, key or weight). */
  private final boolean[] valueField;
  /** The value read by the last successful {@link #decimal} call. */
  private double decimalValue;
  /** The significand read by the last {@link #digitRun} call. */
  private long runValue;
  /** The index read by the last successful {@link #plainEntry} call. */
  private long entryIndex;
  private int[] sparseIdx = new int[16];
  private double[] sparseVal = new double[16];

  public TextRowParser(TextLayout layout) {
    this.layout = layout;
    this.delimiter = layout.delimiter();
    this.valueField = new boolean[Math.max(0, layout.fields())];
    for (int f = 0; f < valueField.length; f++) {
      valueField[f] = f != layout.keyField() && f != layout.idField() && f != layout.labelField()
          && f != layout.weightField();
    }
  }

  /**
   * The fast path for a plain decimal {@code [+-]digits[.digits]} starting at {@code pos}: reads
   * it into {@link #decimalValue} and returns where it stops (the first byte after it, which the
   * caller checks is the end of the field, or the exponent {@link #withExponent} reads), or −1 when
   * the token is not one this path takes (no digit, more than 18 digits, a significand above 2^53);
   * the caller then takes the general path, which also reports every malformed token. Exact: the
   * significand m ≤ 2^53 and 10^k (k ≤ 18) are both doubles exactly, so m / 10^k is one correctly
   * rounded IEEE division (Clinger's fast path), the same double as {@link Double#parseDouble} gives;
   * negating it keeps that ({@code -0} is −0.0).
   */
  int decimal(byte[] b, int pos, int to) {
    int i = pos;
    boolean negative = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    int digitsStart = i;
    i = digitRun(b, i, to, 0);
    long m = runValue;
    int digits = i - digitsStart;
    int fraction = 0;
    if (i < to && b[i] == '.') {
      int point = ++i;
      i = digitRun(b, i, to, m);
      m = runValue;
      fraction = i - point;
      digits += fraction;
    }
    // 18 digits cannot overflow a long; a larger significand is not a double exactly
    if (digits == 0 || digits > 18 || m > 1L << 53) {
      return -1;
    }
    double v = fraction == 0 ? (double) m : m / POWERS_OF_TEN[fraction];
    decimalValue = negative ? -v : v;
    return i;
  }

  /**
   * The fast path for a decimal with an exponent ({@code -5.51744E-6}): {@link #decimal} read the
   * token at {@code pos} up to {@code e}, the position of its {@code e} or {@code E} (the caller has
   * checked that byte); reads the exponent's {@code [+-]digits} after it and sets {@link #decimalValue}
   * to m·10^k or m / 10^−k, m the significand and k the exponent less the digits after the point.
   * Returns the token's end, or −1 when the exponent has no digit or more than
   * {@link #MAX_EXPONENT_DIGITS} (leading zeros included), or |k| exceeds {@link #MAX_EXACT_POWER}:
   * the general path reads those, overflow and underflow included. Exact for the reason
   * {@link #decimal} is (m ≤ 2^53 and 10^|k| are doubles exactly: one rounding).
   *
   * <p>The significand's digits (at most 18, as {@link #decimal} took them) are read a second time
   * here rather than passed on, so that {@link #decimal} stays as it was: the JIT inlines it into the
   * row loop only while its compiled code is small (HotSpot's InlineSmallCode, 2 500 bytes; it
   * compiles to 1 900–2 400), and without that inlining the read of short decimals runs about a third
   * slower (measured when an exponent test inside it pushed it past the limit).
   */
  private int withExponent(byte[] b, int pos, int e, int to) {
    int i = pos;
    boolean negative = b[i] == '-';
    if (negative || b[i] == '+') {
      i++;
    }
    long m = 0;
    int fraction = 0;
    boolean point = false;
    for (; i < e; i++) {
      if (b[i] == '.') {
        point = true;
      } else {
        m = 10 * m + (b[i] - '0');
        fraction += point ? 1 : 0;
      }
    }
    i = e + 1;
    boolean negativeExponent = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      negativeExponent = b[i] == '-';
      i++;
    }
    int start = i;
    int exponent = 0;
    int c;
    while (i < to && (c = b[i] - '0') >= 0 && c <= 9) {
      exponent = 10 * exponent + c;
      if (++i - start > MAX_EXPONENT_DIGITS) {
        return -1;
      }
    }
    int power = (negativeExponent ? -exponent : exponent) - fraction;
    if (i == start || power < -MAX_EXACT_POWER || power > MAX_EXACT_POWER) {
      return -1;
    }
    double v = power >= 0 ? m * POWERS_OF_TEN[power] : m / POWERS_OF_TEN[-power];
    decimalValue = negative ? -v : v;
    return i;
  }

  /**
   * {@link #decimal}, then {@link #withExponent} where an {@code e} or {@code E} follows: the fast path
   * for both forms, where the caller has no use for a separate check. Returns where the token stops,
   * or −1.
   */
  int fastNumber(byte[] b, int pos, int to) {
    int stop = decimal(b, pos, to);
    return stop >= 0 && stop < to && isExponentMark(b[stop]) ? withExponent(b, pos, stop, to) : stop;
  }

  private static boolean isExponentMark(byte c) {
    return c == 'e' || c == 'E';
  }

  /**
   * Reads the run of ASCII digits at b[i, to), appending them to {@code m} (m·10^k + the run's
   * value, wrapping past 19 digits, which {@link #decimal} refuses anyway): the value into
   * {@link #runValue}, the run's end returned. Eight bytes at a time where the array holds them
   * (SWAR): one load finds how many of them are digits and three multiplications combine up to
   * eight digits, instead of a multiply-add chained through every digit. Bytes at or after
   * {@code to} are never taken as digits.
   */
  private int digitRun(byte[] b, int i, int to, long m) {
    while (i + 8 <= b.length && i < to) {
      long x = (long) LITTLE_ENDIAN_LONG.get(b, i) ^ 0x3030303030303030L; // a digit byte becomes 0..9
      // bit 7 of each byte set unless it is 0..9: its low 7 bits + 0x76 pass 0x7f (no carry out of the byte)
      long other = (((x & 0x7f7f7f7f7f7f7f7fL) + 0x7676767676767676L) | x) & 0x8080808080808080L;
      int k = Math.min(Long.numberOfTrailingZeros(other) >>> 3, to - i);
      if (k == 0) {
        break;
      }
      m = m * LONG_POWERS_OF_TEN[k] + eightDigits(x << (8 * (8 - k)));
      i += k;
      if (k < 8) {
        runValue = m;
        return i;
      }
    }
    int c;
    while (i < to && (c = b[i] - '0') >= 0 && c <= 9) {
      m = 10 * m + c;
      i++;
    }
    runValue = m;
    return i;
  }

  /**
   * The number written by eight digit values 0..9, one per byte, the first (most significant) in
   * the lowest byte: pairs, then quadruples, then all eight combined by one multiplication each.
   */
  private static long eightDigits(long x) {
    x = (x * (10 * 256 + 1)) >>> 8 & 0x00ff00ff00ff00ffL;
    x = (x * (100 * 65536 + 1)) >>> 16 & 0x0000ffff0000ffffL;
    return (x * (10000L * (1L << 32) + 1)) >>> 32;
  }

  /** True when the line holds nothing but white space. */
  public static boolean isBlank(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != ' ' && b[i] != '\t') {
        return false;
      }
    }
    return true;
  }

  /**
   * Parses b[from, to) (a line without its terminator).
   *
   * @param key the row's stable key
   * @param id the row's id when the input has no id column ({@link MatrixRow#NO_ID} if unknown)
   */
  public MatrixRow parse(byte[] b, int from, int to, long key, long id) throws BadRowException {
    return layout.format() == MatrixFormat.LIBSVM ? parseLibsvm(b, from, to, key, id) : parseDelimited(b, from, to, key, id);
  }

  private MatrixRow parseDelimited(byte[] b, int from, int to, long key, long id) throws BadRowException {
    int fields = layout.fields();
    double[] values = new double[layout.cols()];
    double label = Double.NaN;
    double weight = 1.0;
    String block = null;
    long rowId = id;
    int f = 0;
    int v = 0;
    int pos = from;
    while (true) {
      if (f < valueField.length && valueField[f]) {
        int stop = decimal(b, pos, to);
        boolean read = stop == to || stop >= 0 && b[stop] == delimiter;
        if (!read && stop >= 0 && isExponentMark(b[stop])) { // not read, so stop < to
          stop = withExponent(b, pos, stop, to);
          read = stop == to || stop >= 0 && b[stop] == delimiter;
        }
        if (read) {
          values[v++] = decimalValue;
          f++;
          if (stop == to) {
            break;
          }
          pos = stop + 1;
          continue;
        }
      }
      int next = nextField(b, pos, to, delimiter, bounds);
      if (f >= fields) {
        boolean trailing = next < 0 && bounds[0] == bounds[1] && f == fields;
        throw new BadRowException("ragged row: more than the " + fields + " fields of the first line"
            + (trailing ? " (a trailing delimiter?)" : ""));
      }
      int s = bounds[0];
      int e = bounds[1];
      if (f == layout.keyField()) {
        block = unquote(new String(b, s, e - s, StandardCharsets.UTF_8));
        if (block.isEmpty()) {
          throw new BadRowException("empty block key" + where(f));
        }
      } else if (f == layout.idField()) {
        rowId = parseLong(b, s, e, f);
      } else if (f == layout.labelField()) {
        label = parseNumber(b, s, e, f, "label");
      } else if (f == layout.weightField()) {
        weight = parseWeight(b, s, e, f);
      } else {
        values[v++] = parseNumber(b, s, e, f, "value");
      }
      f++;
      if (next < 0) {
        break;
      }
      pos = next;
    }
    if (f != fields) {
      throw new BadRowException("ragged row: " + f + " fields, expected " + fields);
    }
    MatrixRow row = MatrixRow.dense(key, rowId, label, block, values);
    return layout.weightField() >= 0 ? row.withWeight(weight) : row;
  }

  /** A row weight: a number (as {@link #parseNumber} reads it) that is not negative; 0 leaves the row out. */
  private static double parseWeight(byte[] b, int s, int e, int field) throws BadRowException {
    double w = parseNumber(b, s, e, field, "weight");
    if (w < 0) {
      throw new BadRowException("negative weight " + text(b, s, e) + where(field) + " (weights must be >= 0)");
    }
    return w;
  }

  /**
   * The weight in a LIBSVM line's trailing comment: the token {@code weight=W} after {@code #}
   * (what {@code leverage --sample} writes beside the row id).
   */
  private static double libsvmWeight(byte[] b, int pos, int to) throws BadRowException {
    int k = LIBSVM_WEIGHT_KEY.length;
    for (int i = pos < to ? skipSpace(b, pos + 1, to) : to; i < to; i = skipSpace(b, tokenEnd(b, i, to), to)) {
      int end = tokenEnd(b, i, to);
      if (end - i > k && java.util.Arrays.equals(b, i, i + k, LIBSVM_WEIGHT_KEY, 0, k)) {
        return parseWeight(b, i + k, end, -1);
      }
    }
    throw new BadRowException("no weight: the line must end with '# " + InputOptions.LIBSVM_WEIGHT
        + "=W' (--weight-col " + InputOptions.LIBSVM_WEIGHT + ")");
  }

  /**
   * The fast path for the commonest LIBSVM token, {@code digits:decimal} ending at a space, a tab or
   * the end of the line: one pass over its bytes, the index into {@link #entryIndex} and the value
   * into {@link #decimalValue} ({@link #fastNumber}); returns the token's end, or −1 for any other
   * token (a sign, {@code qid}, more than 10 index digits, a value {@link #fastNumber} declines,
   * anything malformed), which the caller reads by the general path with every check and message. The
   * index and value are the same numbers the general path reads; the caller still checks the index's
   * range and order.
   */
  private int plainEntry(byte[] b, int pos, int to) {
    long index = 0;
    int i = pos;
    int c;
    while (i < to && (c = b[i] - '0') >= 0 && c <= 9) {
      index = 10 * index + c;
      i++;
    }
    if (i == pos || i - pos > 10 || i == to || b[i] != ':') {
      return -1;
    }
    int stop = fastNumber(b, i + 1, to);
    if (stop < 0 || stop < to && b[stop] != ' ' && b[stop] != '\t') {
      return -1;
    }
    entryIndex = index;
    return stop;
  }

  private MatrixRow parseLibsvm(byte[] b, int from, int to, long key, long id) throws BadRowException {
    int pos = skipSpace(b, from, to);
    int end = tokenEnd(b, pos, to);
    if (pos == end) {
      throw new BadRowException("missing label");
    }
    double label = parseNumber(b, pos, end, 0, "label");
    int n = 0;
    int last = 0;
    int cols = layout.cols();
    pos = skipSpace(b, end, to);
    while (pos < to && b[pos] != '#') {
      long index;
      int valueFrom = -1; // where the general path's value starts, read once the index is checked
      end = plainEntry(b, pos, to);
      if (end >= 0) {
        index = entryIndex;
      } else {
        end = tokenEnd(b, pos, to);
        int colon = indexOf(b, pos, end, (byte) ':');
        if (colon < 0) {
          throw new BadRowException("token '" + text(b, pos, end) + "' is not index:value");
        }
        if (colon - pos == 3 && b[pos] == 'q' && b[pos + 1] == 'i' && b[pos + 2] == 'd') {
          pos = skipSpace(b, end, to);
          continue;
        }
        index = parseIndex(b, pos, colon);
        valueFrom = colon + 1;
      }
      if (index <= 0) {
        throw new BadRowException("index " + index + " is not positive (LIBSVM indices are 1-based)");
      }
      if (index <= last) {
        throw new BadRowException(index == last ? "duplicate index " + index
            : "indices not increasing: " + index + " after " + last);
      }
      if (cols >= 0 && index > cols) {
        throw new BadRowException("index " + index + " exceeds the column count " + cols);
      }
      double value = valueFrom < 0 || fastNumber(b, valueFrom, end) == end ? decimalValue
          : parseNumber(b, valueFrom, end, -1, "value at index " + index);
      if (n == sparseIdx.length) {
        sparseIdx = java.util.Arrays.copyOf(sparseIdx, 2 * n);
        sparseVal = java.util.Arrays.copyOf(sparseVal, 2 * n);
      }
      sparseIdx[n] = (int) (index - 1);
      sparseVal[n] = value;
      n++;
      last = (int) index;
      pos = skipSpace(b, end, to);
    }
    MatrixRow row = MatrixRow.sparse(key, id, label, null,
        java.util.Arrays.copyOf(sparseIdx, n), java.util.Arrays.copyOf(sparseVal, n));
    return layout.weightField() >= 0 ? row.withWeight(libsvmWeight(b, pos, to)) : row;
  }

  /**
   * The largest LIBSVM index on a line (for column detection), or 0 for a line with no entries;
   * a malformed line (a token that is not index:value, a non-positive index) gives −1.
   */
  public static long maxLibsvmIndex(byte[] b, int from, int to) {
    int pos = skipSpace(b, from, to);
    pos = skipSpace(b, tokenEnd(b, pos, to), to);
    long max = 0;
    while (pos < to && b[pos] != '#') {
      int end = tokenEnd(b, pos, to);
      int colon = indexOf(b, pos, end, (byte) ':');
      if (colon < 0) {
        return -1;
      }
      if (!(colon - pos == 3 && b[pos] == 'q')) {
        try {
          long index = parseIndex(b, pos, colon);
          if (index <= 0) {
            return -1;
          }
          max = Math.max(max, index);
        } catch (BadRowException e) {
          return -1;
        }
      }
      pos = skipSpace(b, end, to);
    }
    return max;
  }

  private static long parseIndex(byte[] b, int s, int e) throws BadRowException {
    if (s == e) {
      throw new BadRowException("empty index");
    }
    boolean negative = false;
    int i = s;
    if (b[i] == '-' || b[i] == '+') {
      negative = b[i] == '-';
      i++;
    }
    if (i == e || e - i > 10) {
      throw new BadRowException("bad index '" + text(b, s, e) + "'");
    }
    long v = 0;
    for (; i < e; i++) {
      int c = b[i] - '0';
      if (c < 0 || c > 9) {
        throw new BadRowException("bad index '" + text(b, s, e) + "'");
      }
      v = 10 * v + c;
    }
    return negative ? -v : v;
  }

  private static long parseLong(byte[] b, int s, int e, int field) throws BadRowException {
    String t = unquote(text(b, s, e));
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException ex) {
      throw new BadRowException("id '" + t + "'" + where(field) + " is not an integer");
    }
  }

  private static double parseNumber(byte[] b, int s, int e, int field, String what) throws BadRowException {
    if (s < e && b[s] == '"' && e - s >= 2 && b[e - 1] == '"') {
      s++;
      e--;
    }
    if (s == e) {
      throw new BadRowException("empty " + what + where(field)
          + (field >= 0 ? " (two delimiters in a row, or a trailing delimiter?)" : ""));
    }
    double v;
    try {
      v = JavaDoubleParser.parseDouble(b, s, e - s);
    } catch (NumberFormatException ex) {
      throw nonNumeric(b, s, e, field, what);
    }
    if (Double.isNaN(v)) {
      throw new BadRowException("NaN " + what + where(field));
    }
    if (!plainSyntax(b, s, e)) {
      if (Double.isInfinite(v)) {
        throw new BadRowException((v > 0 ? "+Inf " : "-Inf ") + what + where(field));
      }
      // Java's literal syntax (0x1p3, 1d, 7f) parses, but no CSV tool reads it as a number
      throw nonNumeric(b, s, e, field, what);
    }
    if (Double.isInfinite(v)) {
      throw new BadRowException((v > 0 ? "+Inf " : "-Inf ") + what + " (overflows a double: '" + text(b, s, e) + "')"
          + where(field));
    }
    return v;
  }

  private static BadRowException nonNumeric(byte[] b, int s, int e, int field, String what) {
    return new BadRowException("non-numeric " + what + " '" + text(b, s, e) + "'" + where(field)
        + " (numbers are decimal or scientific notation with an optional sign, e.g. 12, -0.5, 1.5e-3)");
  }

  /**
   * Only the characters of decimal and scientific notation: digits, sign, point, e or E. What the
   * parser accepts beyond that (hex floats, the type suffixes d and f, NaN and Infinity) is Java's
   * literal syntax; the parser itself rejects malformed arrangements of these characters.
   */
  static boolean plainSyntax(byte[] b, int s, int e) {
    for (int i = s; i < e; i++) {
      byte c = b[i];
      if (!(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
        return false;
      }
    }
    return true;
  }

  /** Fields are counted from 0, as the {@code --*-col} options count them. */
  private static String where(int field) {
    return field >= 0 ? " in field " + field : "";
  }

  /**
   * Finds the field starting at {@code pos}: writes its trimmed bounds into {@code out} and
   * returns the start of the next field, or −1 when this was the last. Double quotes protect
   * delimiters ({@code ""} inside quotes is a literal quote; the bounds keep the quotes).
   */
  static int nextField(byte[] b, int pos, int to, byte delimiter, int[] out) {
    int s = pos;
    while (s < to && b[s] == ' ') {
      s++;
    }
    int i = s;
    if (i < to && b[i] == '"') {
      i++;
      while (i < to) {
        if (b[i] == '"') {
          if (i + 1 < to && b[i + 1] == '"') {
            i += 2;
            continue;
          }
          i++;
          break;
        }
        i++;
      }
    }
    while (i < to && b[i] != delimiter) {
      i++;
    }
    int e = i;
    while (e > s && (b[e - 1] == ' ' || (delimiter != '\t' && b[e - 1] == '\t'))) {
      e--;
    }
    out[0] = s;
    out[1] = e;
    return i < to ? i + 1 : -1;
  }

  static String unquote(String s) {
    if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
      return s.substring(1, s.length() - 1).replace("\"\"", "\"");
    }
    return s;
  }

  private static int skipSpace(byte[] b, int pos, int to) {
    while (pos < to && (b[pos] == ' ' || b[pos] == '\t')) {
      pos++;
    }
    return pos;
  }

  /** The first position of c in b[from, to), or -1. */
  private static int indexOf(byte[] b, int from, int to, byte c) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static int tokenEnd(byte[] b, int pos, int to) {
    while (pos < to && b[pos] != ' ' && b[pos] != '\t') {
      pos++;
    }
    return pos;
  }

  private static String text(byte[] b, int s, int e) {
    int len = Math.min(e - s, 40);
    String t = new String(b, s, len, StandardCharsets.UTF_8);
    return e - s > 40 ? t + "…" : t;
  }
}
