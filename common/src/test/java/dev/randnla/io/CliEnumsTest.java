package dev.randnla.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The command-line spelling of enum constants, and parsing it back. */
class CliEnumsTest {
  private enum Kind implements CliEnums.Named { SPIKED, HEAVY_ROWS }

  @Test
  void spellsLowerCaseWithHyphens() {
    assertEquals("heavy-rows", Kind.HEAVY_ROWS.cliName());
    assertEquals("heavy-rows", CliEnums.cliName(Kind.HEAVY_ROWS));
    assertEquals("spiked, heavy-rows", CliEnums.choices(Kind.class));
    assertEquals("libsvm", MatrixFormat.LIBSVM.cliName());
  }

  @Test
  void parsesAnyCaseBlanksAndEitherSeparator() {
    for (Kind k : Kind.values()) {
      assertEquals(k, CliEnums.parse(Kind.class, "--kind", k.cliName()));
    }
    assertEquals(Kind.HEAVY_ROWS, CliEnums.parse(Kind.class, "--kind", " Heavy-Rows "));
    assertEquals(Kind.HEAVY_ROWS, CliEnums.parse(Kind.class, "--kind", "heavy_rows"));
  }

  @Test
  void refusalNamesTheOptionTheChoicesAndTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CliEnums.parse(Kind.class, "--kind", "spike"));
    assertEquals("--kind must be one of spiked, heavy-rows: spike", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CliEnums.parse(BadRowPolicy.class, "--bad-rows", null));
    assertEquals("--bad-rows must be one of fail, skip, skip-files: null", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CliEnums.parse(Kind.class, "--kind", ""));
  }

  @Test
  void readsAWordOptionAndNamesEveryWordWhenRefusing() {
    assertEquals("l2", CliEnums.parseWord("--guarantee", "l2", "l2", "linf"));
    assertEquals("linf", CliEnums.parseWord("--guarantee", " LInf ", "l2", "linf"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CliEnums.parseWord("--order", "shuffled", "random", "sorted"));
    assertEquals("--order must be random or sorted: shuffled", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CliEnums.parseWord("--x", "d", "a", "b", "c"));
    assertEquals("--x must be a, b or c: d", e.getMessage());
  }
}
