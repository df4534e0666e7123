package dev.randnla.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextRowParserTest {
  static final TextLayout CSV3 = new TextLayout(MatrixFormat.CSV, false, null, 3, 3, -1, -1, -1);
  static final TextLayout LIBSVM5 = new TextLayout(MatrixFormat.LIBSVM, false, null, -1, 5, -1, 0, -1);

  static MatrixRow parse(TextLayout layout, String line) throws BadRowException {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return new TextRowParser(layout).parse(b, 0, b.length, 7, 3);
  }

  static String reason(TextLayout layout, String line) {
    return assertThrows(BadRowException.class, () -> parse(layout, line)).getMessage();
  }

  /** The line is refused with a reason that starts with {@code expected}. */
  static void assertRejected(TextLayout layout, String line, String expected) {
    String reason = reason(layout, line);
    assertTrue(reason.startsWith(expected), "reason for '" + line + "': " + reason);
  }

  @Test
  void parsesDenseRowsExactly() throws BadRowException {
    MatrixRow r = parse(CSV3, "1.5, -2e-3 ,+8.");
    assertArrayEquals(new double[] {1.5, -2e-3, 8.0}, r.values(), 0.0);
    assertEquals(7, r.key());
    assertEquals(3, r.id());
    assertTrue(Double.isNaN(r.label()));
    assertNull(r.block());
    MatrixRow full = parse(CSV3, "0.1,0.30000000000000004,1.7976931348623157E308");
    assertArrayEquals(new double[] {0.1, 0.30000000000000004, Double.MAX_VALUE}, full.values(), 0.0);
    assertArrayEquals(new double[] {1, 2, 3}, parse(CSV3, "\"1\",\"2\",3").values(), 0.0);
  }

  @Test
  void roundTripsEveryDoubleWrittenByToString() throws BadRowException {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
    for (int i = 0; i < 20_000; i++) {
      double a = Double.longBitsToDouble(rnd.nextLong());
      double b = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(-30, 30));
      double c = rnd.nextInt(-1000, 1000) / 100.0;
      if (!Double.isFinite(a)) {
        a = 0.5;
      }
      MatrixRow r = parse(CSV3, a + "," + b + "," + c);
      assertArrayEquals(new double[] {a, b, c}, r.values(), 0.0);
    }
  }

  /** Every refused line names its reason: CSV rows of 3 columns, LIBSVM rows of 5. */
  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "csv|1,2|ragged row: 2 fields, expected 3",
      "csv|1,2,3,4|ragged row: more than the 3 fields",
      "csv|1,abc,3|non-numeric value 'abc' in field 1",
      "csv|1,NaN,3|NaN value in field 1",
      "csv|1,2,Infinity|+Inf value in field 2",
      "csv|-Infinity,2,3|-Inf value in field 0",
      "csv|1,,3|empty value in field 1",
      "csv|1,2,3,|ragged row: more than the 3 fields",
      "csv|1,2,1e|non-numeric value '1e' in field 2",
      "csv|1,0x1p3,3|non-numeric value '0x1p3' in field 1",
      "csv|1,0X10,3|non-numeric value '0X10' in field 1",
      "csv|1d,2,3|non-numeric value '1d' in field 0",
      "csv|1,7f,3|non-numeric value '7f' in field 1",
      "csv|1,2.5D,3|non-numeric value '2.5D' in field 1",
      "csv|1,1_000,3|non-numeric value '1_000' in field 1",
      "csv|1,\u0661\u0662,3|non-numeric value",
      "csv|1,\u22121,3|non-numeric value",
      "csv|1,2,1e999|+Inf value (overflows a double: '1e999') in field 2",
      "libsvm|1 0:1|index 0 is not positive",
      "libsvm|1 -2:1|index -2 is not positive",
      "libsvm|1 3:1 2:1|indices not increasing: 2 after 3",
      "libsvm|1 2:1 2:5|duplicate index 2",
      "libsvm|1 6:1|index 6 exceeds the column count 5",
      "libsvm|1 2:x|non-numeric value at index 2 'x'",
      "libsvm|1 2:NaN|NaN value at index 2",
      "libsvm|1 2:0x1p3|non-numeric value at index 2 '0x1p3'",
      "libsvm|1 2:5d|non-numeric value at index 2 '5d'",
      "libsvm|7f 1:1|non-numeric label '7f'",
      "libsvm|1 2|token '2' is not index:value",
      "libsvm|x 1:1|non-numeric label 'x'"})
  void rejectsBadRowsWithAReason(String format, String line, String expected) {
    assertRejected(format.equals("csv") ? CSV3 : LIBSVM5, line, expected);
  }

  @Test
  void specialColumnsAreTakenOut() throws BadRowException {
    TextLayout layout = new TextLayout(MatrixFormat.CSV, false, null, 5, 2, 0, 3, 1);
    MatrixRow r = parse(layout, "42,\"blk,1\",1.5,9.25,-2");
    assertEquals(42, r.id());
    assertEquals("blk,1", r.block());
    assertEquals(9.25, r.label());
    assertArrayEquals(new double[] {1.5, -2}, r.values(), 0.0);
    assertTrue(reason(layout, "4.5,b,1,2,3").contains("id '4.5' in field 0 is not an integer"));
  }

  @Test
  void tabSeparated() throws BadRowException {
    TextLayout tsv = new TextLayout(MatrixFormat.TSV, false, null, 3, 3, -1, -1, -1);
    assertArrayEquals(new double[] {1, 2, 3}, parse(tsv, "1\t 2 \t3").values(), 0.0);
    assertTrue(reason(tsv, "1\t0x1p3\t3").startsWith("non-numeric value '0x1p3' in field 1"), reason(tsv, "1\t0x1p3\t3"));
  }

  @Test
  void parsesLibsvm() throws BadRowException {
    MatrixRow r = parse(LIBSVM5, "-1 2:0.5  5:3 qid:7 # comment 1:2");
    assertTrue(r.isSparse());
    assertEquals(-1, r.label());
    assertArrayEquals(new int[] {1, 4}, r.indices());
    assertArrayEquals(new double[] {0.5, 3}, r.values(), 0.0);
    MatrixRow empty = parse(LIBSVM5, "2");
    assertEquals(0, empty.indices().length);
  }

  @Test
  void headerNamesResolveColumns() {
    List<String> names = TextLayout.splitHeader("id,\"y\",x1", (byte) ',');
    assertEquals(List.of("id", "y", "x1"), names);
    assertEquals(1, TextLayout.resolveColumn("--label-col", "y", names, 3));
    assertEquals(2, TextLayout.resolveColumn("--label-col", "2", names, 3));
    assertThrows(IllegalArgumentException.class, () -> TextLayout.resolveColumn("--label-col", "z", names, 3));
    assertThrows(IllegalArgumentException.class, () -> TextLayout.resolveColumn("--label-col", "3", names, 3));
  }
}
