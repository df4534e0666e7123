package dev.randnla.deploy.zeppelin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.randnla.deploy.Settings;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Zeppelin note ({@code <name>_<id>.zpln}, Zeppelin 0.9+ JSON), read and checked against the
 * format Zeppelin writes: the top-level fields, and per paragraph an id, the text whose first line
 * may name the interpreter ({@code %spark}, {@code %spark.sql}, {@code %spark.conf}, {@code %md}),
 * an editor setting, a column width, and result display modes Zeppelin knows.
 */
record ZeppelinNote(Path file, String name, String id, String defaultInterpreterGroup, List<Paragraph> paragraphs) {
  private static final List<String> NOTE_FIELDS = List.of("paragraphs", "name", "id", "defaultInterpreterGroup",
      "version", "noteParams", "noteForms", "angularObjects", "config", "info");
  private static final Set<String> GRAPH_MODES = Set.of("table", "multiBarChart", "pieChart", "stackedAreaChart",
      "lineChart", "scatterChart");

  /**
   * One paragraph: {@code interpreter} is the directive without {@code %} (the note's default group
   * when the text has none), {@code code} the text after the directive line.
   */
  record Paragraph(int index, String id, String title, String interpreter, String code, List<String> graphModes) {
    /** How failure messages name it. */
    String label() {
      return "paragraph " + (index + 1) + (title == null || title.isBlank() ? "" : " \"" + title + "\"") + " (%" + interpreter + ")";
    }
  }

  static ZeppelinNote read(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(Files.readString(file));
    List<String> problems = new ArrayList<>();
    for (String field : NOTE_FIELDS) {
      if (!root.has(field)) {
        problems.add("no top-level \"" + field + "\"");
      }
    }
    String name = root.path("name").asText();
    String id = root.path("id").asText();
    String expectedFile = name + "_" + id + ".zpln";
    if (!file.getFileName().toString().equals(expectedFile)) {
      problems.add("the file should be named " + expectedFile + " (<name>_<id>.zpln)");
    }
    String group = root.path("defaultInterpreterGroup").asText("spark");
    List<Paragraph> paragraphs = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    JsonNode ps = root.path("paragraphs");
    if (!ps.isArray() || ps.isEmpty()) {
      problems.add("no paragraphs");
    }
    for (int i = 0; i < ps.size(); i++) {
      JsonNode p = ps.get(i);
      String where = "paragraph " + (i + 1);
      String pid = p.path("id").asText();
      if (pid.isEmpty() || !ids.add(pid)) {
        problems.add(where + ": missing or repeated id '" + pid + "'");
      }
      JsonNode config = p.path("config");
      if (!config.path("editorSetting").isObject() || !config.path("colWidth").isNumber()) {
        problems.add(where + ": config needs editorSetting and colWidth");
      }
      List<String> modes = new ArrayList<>();
      config.path("results").fields().forEachRemaining(e -> modes.add(e.getValue().path("graph").path("mode").asText()));
      for (String m : modes) {
        if (!GRAPH_MODES.contains(m)) {
          problems.add(where + ": unknown result display mode '" + m + "' (Zeppelin knows " + GRAPH_MODES + ")");
        }
      }
      if (!p.path("settings").isObject() || !p.has("status") || !p.has("text")) {
        problems.add(where + ": needs text, settings and status");
      }
      String text = p.path("text").asText();
      String interpreter = group;
      String code = text;
      String trimmed = text.stripLeading();
      if (trimmed.startsWith("%")) {
        int nl = trimmed.indexOf('\n');
        String directive = (nl < 0 ? trimmed : trimmed.substring(0, nl)).trim();
        interpreter = directive.substring(1).split("\\s|\\(")[0];
        code = nl < 0 ? "" : trimmed.substring(nl + 1);
      }
      paragraphs.add(new Paragraph(i, pid, p.path("title").asText(null), interpreter, code, modes));
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(file.getFileName() + " is not a valid Zeppelin note: " + String.join("; ", problems));
    }
    return new ZeppelinNote(file, name, id, group, paragraphs);
  }

  /** The {@code key value} lines of a {@code %spark.conf} paragraph. */
  static Map<String, String> confEntries(Paragraph p) {
    return Settings.keyValueLines(p.code());
  }
}
