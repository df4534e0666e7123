package dev.randnla.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The parser's fast path for short decimals, with or without an exponent
 * ({@link TextRowParser#fastNumber}), gives, bit for bit, the double {@link Double#parseDouble}
 * gives, and the same as the general path (FastDoubleParser, reached here by quoting the token) — on
 * random decimals of every length around the path's limits (18 digits, 2^53, exponents to 10^±22 and
 * beyond), in values and labels, and on edge cases. A token the fast path declines still parses the
 * same.
 */
class DecimalFastPathTest {
  private static final TextLayout CSV1 = new TextLayout(MatrixFormat.CSV, false, null, 1, 1, -1, -1, -1);
  private static final TextLayout TSV2 = new TextLayout(MatrixFormat.TSV, false, null, 2, 2, -1, -1, -1);
  private static final TextLayout LIBSVM1 = new TextLayout(MatrixFormat.LIBSVM, false, null, -1, 1, -1, 0, -1);

  private final TextRowParser csv = new TextRowParser(CSV1);
  private final TextRowParser tsv = new TextRowParser(TSV2);
  private final TextRowParser libsvm = new TextRowParser(LIBSVM1);
  /** CSV with the label in field 0 and one value. */
  private final TextRowParser labelled =
      new TextRowParser(new TextLayout(MatrixFormat.CSV, false, null, 2, 1, -1, 0, -1));

  /** Checks one token through every path; returns whether the fast path took it. */
  private boolean check(String token) throws BadRowException {
    double parsed = Double.parseDouble(token);
    if (Double.isInfinite(parsed)) {
      assertOverflowRefused(csv, token, 0, token.length());
      return false;
    }
    long expected = Double.doubleToRawLongBits(parsed);
    assertEquals(expected, bits(csv, token, 0), token + " (CSV)");
    assertEquals(expected, bits(csv, '"' + token + '"', 0), token + " (quoted: the general path)");
    assertEquals(expected, bits(tsv, token + "\t" + token, 1), token + " (TSV)");
    assertEquals(expected, bits(libsvm, "0 1:" + token, 0), token + " (LIBSVM)");
    assertEquals(expected, Double.doubleToRawLongBits(parse(labelled, token + ",1").label()), token + " (CSV label)");
    assertEquals(expected, Double.doubleToRawLongBits(parse(libsvm, token + " 1:1").label()), token + " (LIBSVM label)");
    byte[] b = token.getBytes(StandardCharsets.US_ASCII);
    return csv.fastNumber(b, 0, b.length) == b.length;
  }

  /** A token beyond the largest double is refused as an overflow, by whichever path. */
  private static void assertOverflowRefused(TextRowParser parser, String line, int from, int to) {
    byte[] b = line.getBytes(StandardCharsets.US_ASCII);
    BadRowException e = org.junit.jupiter.api.Assertions.assertThrows(BadRowException.class,
        () -> parser.parse(b, from, to, 0, MatrixRow.NO_ID), line);
    assertTrue(e.getMessage().contains("overflows a double"), line + ": " + e.getMessage());
  }

  private static long bits(TextRowParser parser, String line, int at) throws BadRowException {
    return Double.doubleToRawLongBits(parse(parser, line).values()[at]);
  }

  @Test
  void edgeCasesMatchParseDouble() throws BadRowException {
    for (String t : List.of("0", "-0", "+0", "0.0", "-0.0", "-.0", "+.0", "0.", "-0.", ".5", "5.", "+.5", "-5.",
        "0.1", "0.2", "0.3", "0.30000000000000004", "0.003921", "-0.996078", "1.7976931348623157", "2.2250738585072014",
        "4.9", "9007199254740992", "-9007199254740992", "9007199254740993", "9007199254740991", "900719925474099.3",
        "90071992547409.93", "0.9007199254740993", "123456789012345678", "1234567890123456789",
        "0.00000000000000001", "0.000000000000000001", "0.0000000000000000001", "1.00000000000000000", "99999999999999999.9",
        "000000000000000000000000123.5", "0.125000000000000000000000", "12345678901234567890123456789",
        "0.1000000000000000055511151231257827", "0.1000000000000000055511151231257828",
        "1e0", "1E0", "-5.51744E-6", "3.33013E-4", "1.0E-4", "2.5E+10", ".5e1", "5.e1", "-0e5", "-0E-400", "0e999",
        "1e22", "1e23", "1e-22", "1e-23", "9007199254740992e22", "9007199254740992e-22", "9007199254740993e0",
        "123456789012345678e4", "0.000000000000000001e18", "1.5e-7", "1e0022", "1e00022", "1e308",
        "1.7976931348623157e308", "4.9e-324", "1e-400", "9.999999999999999e22", "1.2345678901234567e-300")) {
      check(t);
    }
    assertTrue(check("-0.996078") && check("0") && check("9007199254740992") && check("0.00000000000000001"),
        "short decimals take the fast path");
    assertTrue(check("-5.51744E-6") && check("1e22") && check("1e-22") && check("9007199254740992e-22")
        && check("1e0022") && check("2.5E+10"), "exponents up to 10^±22 take it");
    assertTrue(!check("9007199254740993") && !check("0.000000000000000001"), "beyond 2^53 or 18 digits they do not");
    assertTrue(!check("1e23") && !check("1e-23") && !check("1.5e-22") && !check("1e00022") && !check("1e308"),
        "nor do powers of ten beyond 10^±22 or exponents of five digits");
  }

  /** A malformed exponent is refused with the general path's message, never read as a number. */
  @Test
  void malformedExponentsAreRefused() {
    for (String t : List.of("1e", "1E", "1e+", "1e-", "e5", ".e5", "-e5", "1e5.0", "1e5e5", "1ee5", "1e+-5", "1e 5",
        "1e5x", "1.5E")) {
      byte[] b = t.getBytes(StandardCharsets.US_ASCII);
      BadRowException e = org.junit.jupiter.api.Assertions.assertThrows(BadRowException.class,
          () -> csv.parse(b, 0, b.length, 0, MatrixRow.NO_ID), t);
      assertTrue(e.getMessage().startsWith("non-numeric value '" + t + "'"), t + ": " + e.getMessage());
    }
  }

  @Test
  void randomDecimalsMatchParseDouble() throws BadRowException {
    SplittableRandom rnd = new SplittableRandom(16);
    int fast = 0;
    int n = 300_000;
    for (int i = 0; i < n; i++) {
      StringBuilder s = new StringBuilder();
      int sign = rnd.nextInt(4);
      s.append(sign == 0 ? "-" : sign == 1 ? "+" : "");
      int whole = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(1, 20);
      int fraction = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(0, 22);
      boolean point = fraction > 0 || rnd.nextBoolean();
      if (whole + fraction == 0) {
        whole = 1;
      }
      appendDigits(s, whole, rnd);
      if (point) {
        s.append('.');
        appendDigits(s, fraction, rnd);
      }
      if (rnd.nextInt(3) == 0) {
        appendExponent(s, rnd);
      }
      if (check(s.toString())) {
        fast++;
      }
    }
    // about half the tokens have at most 18 digits; the test must exercise both paths
    assertTrue(fast > n / 4 && fast < n, "fast path taken " + fast + " times of " + n);
  }

  /**
   * LIBSVM entries: the one-pass path for {@code index:decimal} and the general path give the same row.
   * Each random line is written twice, once with plain tokens and once with every token in a form only
   * the general path takes (a {@code +} on the index, more than 18 digits in the value), plus a {@code qid}.
   */
  @Test
  void libsvmEntriesReadTheSameByBothPaths() throws BadRowException {
    SplittableRandom rnd = new SplittableRandom(19);
    TextRowParser parser = new TextRowParser(new TextLayout(MatrixFormat.LIBSVM, false, null, -1, 2000, -1, 0, -1));
    for (int line = 0; line < 20_000; line++) {
      StringBuilder plain = new StringBuilder("1");
      StringBuilder general = new StringBuilder("1 qid:7");
      int index = 0;
      int entries = rnd.nextInt(0, 12);
      for (int e = 0; e < entries && index < 1990; e++) {
        index += rnd.nextInt(1, 10);
        StringBuilder v = new StringBuilder(rnd.nextBoolean() ? "-" : "");
        appendDigits(v, rnd.nextInt(1, 6), rnd);
        if (rnd.nextBoolean()) {
          v.append('.');
          appendDigits(v, rnd.nextInt(0, 8), rnd);
        }
        String sep = rnd.nextInt(5) == 0 ? "\t" : " ";
        plain.append(sep).append(rnd.nextInt(4) == 0 ? "00" : "").append(index).append(':').append(v);
        String longer = v.indexOf(".") >= 0 ? "0000000000000000000" : ".0000000000000000000";
        general.append(sep).append('+').append(index).append(':').append(v).append(longer);
      }
      MatrixRow a = parse(parser, plain.toString());
      MatrixRow b = parse(parser, general.toString());
      assertEquals(java.util.Arrays.toString(b.indices()), java.util.Arrays.toString(a.indices()), plain.toString());
      for (int k = 0; k < a.values().length; k++) {
        assertEquals(Double.doubleToRawLongBits(b.values()[k]), Double.doubleToRawLongBits(a.values()[k]), plain.toString());
      }
    }
  }

  private static MatrixRow parse(TextRowParser parser, String line) throws BadRowException {
    byte[] b = line.getBytes(StandardCharsets.US_ASCII);
    return parser.parse(b, 0, b.length, 0, MatrixRow.NO_ID);
  }

  /**
   * Digits are read eight bytes at a time where the array holds eight more bytes, so a token inside a
   * larger buffer (a Hadoop line buffer) takes that path: whatever surrounds it, digits right after
   * its end included, the token reads as {@link Double#parseDouble} reads it, and the fast path takes
   * and declines the same tokens as when the token is the whole array.
   */
  @Test
  void tokensInsideALargerBufferReadTheSame() throws BadRowException {
    SplittableRandom rnd = new SplittableRandom(23);
    String noise = "0123456789.,-+e \t\n";
    for (int i = 0; i < 200_000; i++) {
      StringBuilder t = new StringBuilder(rnd.nextInt(5) == 0 ? "-" : "");
      appendDigits(t, rnd.nextInt(0, 12), rnd);
      if (rnd.nextBoolean()) {
        t.append('.');
        appendDigits(t, rnd.nextInt(0, 22), rnd);
      }
      if (t.length() == 0 || t.toString().equals("-") || t.toString().equals(".") || t.toString().equals("-.")) {
        t.append('7');
      }
      if (rnd.nextInt(3) == 0) {
        appendExponent(t, rnd);
      }
      String token = t.toString();
      StringBuilder buf = new StringBuilder();
      int before = rnd.nextInt(0, 10);
      for (int k = 0; k < before; k++) {
        buf.append(noise.charAt(rnd.nextInt(noise.length())));
      }
      buf.append(token);
      int after = rnd.nextInt(0, 20);
      for (int k = 0; k < after; k++) {
        buf.append(rnd.nextInt(3) == 0 ? noise.charAt(rnd.nextInt(noise.length())) : (char) ('0' + rnd.nextInt(10)));
      }
      byte[] b = buf.toString().getBytes(StandardCharsets.US_ASCII);
      byte[] alone = token.getBytes(StandardCharsets.US_ASCII);
      int to = before + alone.length;
      boolean fastAlone = csv.fastNumber(alone, 0, alone.length) == alone.length;
      assertEquals(fastAlone, csv.fastNumber(b, before, to) == to, token + " inside " + buf);
      double parsed = Double.parseDouble(token);
      if (Double.isInfinite(parsed)) {
        assertOverflowRefused(csv, buf.toString(), before, to);
        continue;
      }
      long expected = Double.doubleToRawLongBits(parsed);
      assertEquals(expected, Double.doubleToRawLongBits(csv.parse(b, before, to, 0, MatrixRow.NO_ID).values()[0]),
          token + " inside " + buf);
    }
  }

  /** An exponent: e or E, a sign or none, a value around the fast path's limit of 22, sometimes leading zeros. */
  private static void appendExponent(StringBuilder s, SplittableRandom rnd) {
    s.append(rnd.nextBoolean() ? 'e' : 'E');
    int sign = rnd.nextInt(3);
    s.append(sign == 0 ? "-" : sign == 1 ? "+" : "");
    int zeros = rnd.nextInt(4) == 0 ? rnd.nextInt(1, 4) : 0;
    s.append("0".repeat(zeros)).append(rnd.nextInt(0, rnd.nextInt(8) == 0 ? 400 : 45));
  }

  /** Digits, sometimes leading zeros or nines (the carries and the 2^53 boundary), else uniform. */
  private static void appendDigits(StringBuilder s, int count, SplittableRandom rnd) {
    int style = rnd.nextInt(4);
    for (int k = 0; k < count; k++) {
      char c = (char) ('0' + rnd.nextInt(10));
      if (style == 0 && k < count / 2) {
        c = '0';
      } else if (style == 1) {
        c = rnd.nextInt(4) == 0 ? c : '9';
      }
      s.append(c);
    }
  }
}
