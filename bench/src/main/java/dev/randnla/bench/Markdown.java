package dev.randnla.bench;

import java.util.List;

/** The Markdown the cases print into bench/results. */
final class Markdown {
  private Markdown() {}

  /**
   * Appends a table to {@code out}: its header row, its alignment row ({@code |---|---:|…}) and one row per
   * array of cells.
   */
  static void table(List<String> out, String header, String alignment, List<String[]> rows) {
    out.add(header);
    out.add(alignment);
    for (String[] r : rows) {
      out.add(row(r));
    }
  }

  /** One table row: {@code | a | b | … |}. */
  static String row(String... cells) {
    return "| " + String.join(" | ", cells) + " |";
  }
}
