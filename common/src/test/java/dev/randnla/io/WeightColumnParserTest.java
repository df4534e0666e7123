package dev.randnla.io;

import static dev.randnla.io.TextRowParserTest.parse;
import static dev.randnla.io.TextRowParserTest.reason;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Row weights ({@code --weight-col}): taken out of the row like the label, validated, 1 when absent. */
class WeightColumnParserTest {
  /** label, weight, then three values. */
  static final TextLayout CSV = new TextLayout(MatrixFormat.CSV, false, null, 5, 3, -1, 0, -1, 1, null);
  static final TextLayout LIBSVM = new TextLayout(MatrixFormat.LIBSVM, false, null, -1, 5, -1, 0, -1, 0, null);

  @Test
  void delimitedWeightLeavesTheRow() throws BadRowException {
    MatrixRow r = parse(CSV, "2.5,0.75,1,2,3");
    assertEquals(2.5, r.label());
    assertEquals(0.75, r.weight());
    assertArrayEquals(new double[] {1, 2, 3}, r.values(), 0.0);
    assertEquals(0.0, parse(CSV, "2.5,0,1,2,3").weight());
    assertEquals(1.0, parse(TextRowParserTest.CSV3, "1,2,3").weight(), "no weight column: 1");
  }

  @Test
  void badWeightsNameTheField() {
    for (String w : new String[] {"-1", "-1e-300", "NaN", "Infinity", "x", ""}) {
      String why = reason(CSV, "2.5," + w + ",1,2,3");
      // fields count from 0, as in --weight-col: the weight is field 1 of "label,weight,x0,x1,x2"
      assertTrue(why.contains("weight") && why.contains("field 1"), w + ": " + why);
    }
  }

  @Test
  void libsvmWeightIsInTheTrailingComment() throws BadRowException {
    MatrixRow r = parse(LIBSVM, "1.5 2:4 # id=17 weight=3.25");
    assertEquals(3.25, r.weight());
    assertEquals(1.5, r.label());
    assertArrayEquals(new double[] {4}, r.values(), 0.0);
    assertEquals(2.0, parse(LIBSVM, "1 1:1 #weight=2").weight());
    assertTrue(reason(LIBSVM, "1 1:1 # id=3").contains("weight="));
    assertTrue(reason(LIBSVM, "1 1:1").contains("weight="));
    assertTrue(reason(LIBSVM, "1 1:1 # weight=-2").contains("negative weight"));
    assertEquals(1.0, parse(TextRowParserTest.LIBSVM5, "1 1:1 # weight=2").weight(), "not asked for: ignored");
  }
}
