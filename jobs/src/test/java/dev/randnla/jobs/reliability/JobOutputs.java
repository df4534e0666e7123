package dev.randnla.jobs.reliability;

import dev.randnla.io.Summary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A job's output directory as comparable data: every file by its path (Parquet part names without
 * the writer's random UUID, no checksums or markers), and summary.json's result section.
 * Two ways to compare: {@link #bitwiseDifferences} (bytes of every file, result values exactly) and
 * {@link #numericDifferences} (text outputs and result numbers within a relative tolerance; per-row
 * outputs are joined over their part files and ordered by row id, so the partitioning of the output
 * does not matter).
 */
final class JobOutputs {
  private static final Pattern UUID = Pattern.compile("-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private JobOutputs() {}

  /** Files of an output directory by normalized relative path (summary.json, .crc files and _SUCCESS left out). */
  static Map<String, byte[]> files(Path dir) {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".crc") || name.equals("_SUCCESS") || name.equals("summary.json")) {
          continue;
        }
        out.put(UUID.matcher(dir.relativize(f).toString()).replaceAll(""), Files.readAllBytes(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** summary.json's result section, flattened to path → value. */
  static Map<String, Object> result(Path dir) {
    try {
      Map<String, Object> summary = Summary.parse(Files.readString(dir.resolve("summary.json")));
      Map<String, Object> flat = new TreeMap<>();
      flatten("", summary.get("result"), flat);
      return flat;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void flatten(String prefix, Object v, Map<String, Object> out) {
    if (v instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        flatten(prefix.isEmpty() ? e.getKey().toString() : prefix + "." + e.getKey(), e.getValue(), out);
      }
    } else if (v instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        flatten(prefix + "[" + i + "]", l.get(i), out);
      }
    } else {
      out.put(prefix, v);
    }
  }

  /** Every difference between two outputs, byte for byte (empty: identical). */
  static List<String> bitwiseDifferences(Path a, Path b) {
    List<String> diffs = new ArrayList<>();
    Map<String, byte[]> fa = files(a);
    Map<String, byte[]> fb = files(b);
    if (!fa.keySet().equals(fb.keySet())) {
      diffs.add("files differ: " + fa.keySet() + " vs " + fb.keySet());
    }
    for (Map.Entry<String, byte[]> e : fa.entrySet()) {
      byte[] other = fb.get(e.getKey());
      if (other != null && !Arrays.equals(e.getValue(), other)) {
        diffs.add(e.getKey() + " differs");
      }
    }
    Map<String, Object> ra = result(a);
    Map<String, Object> rb = result(b);
    for (String k : union(ra.keySet(), rb.keySet())) {
      if (!java.util.Objects.equals(ra.get(k), rb.get(k))) {
        diffs.add("result." + k + ": " + ra.get(k) + " vs " + rb.get(k));
      }
    }
    return diffs;
  }

  /**
   * Differences beyond a relative tolerance: in every text file (CSV, JSON) each number x against y
   * with |x − y| ≤ tol · max|x| over the file, or over its column for per-row outputs (a norm-wise
   * bound: entries of one output share its scale), or over {@code minScale} for the files named
   * there (quantities that are zero up to rounding, such as the means of centred columns, have the
   * scale of what was summed); other tokens exactly; per-row part files are joined and sorted by id
   * first; result numbers with |x − y| ≤ tol · max(|x|, floor). Binary files (Parquet, PNG) and
   * the result keys in {@code ignore} (prefixes) are not compared.
   */
  static List<String> numericDifferences(Path a, Path b, double tol, double floor, Set<String> ignore,
      Map<String, Double> minScale) {
    List<String> diffs = new ArrayList<>();
    Map<String, Text> ta = texts(a);
    Map<String, Text> tb = texts(b);
    if (!ta.keySet().equals(tb.keySet())) {
      diffs.add("text outputs differ: " + ta.keySet() + " vs " + tb.keySet());
    }
    for (Map.Entry<String, Text> e : ta.entrySet()) {
      Text other = tb.get(e.getKey());
      if (other != null) {
        compareTokens(e.getKey(), e.getValue(), other, tol, minScale.getOrDefault(e.getKey(), 0.0), diffs);
      }
    }
    Map<String, Object> ra = result(a);
    Map<String, Object> rb = result(b);
    for (String k : union(ra.keySet(), rb.keySet())) {
      if (ignore.stream().anyMatch(k::startsWith)) {
        continue;
      }
      Object x = ra.get(k);
      Object y = rb.get(k);
      if (x instanceof Number nx && y instanceof Number ny) {
        double dx = nx.doubleValue();
        double dy = ny.doubleValue();
        if (!(Math.abs(dx - dy) <= tol * Math.max(Math.abs(dx), floor)) && !(dx == dy)) {
          diffs.add(String.format("result.%s: %s vs %s (%.2e relative, bound %.2e)", k, x, y,
              Math.abs(dx - dy) / Math.max(Math.abs(dx), floor), tol));
        }
      } else if (!java.util.Objects.equals(x, y)) {
        diffs.add("result." + k + ": " + x + " vs " + y);
      }
    }
    return diffs;
  }

  private static List<String> union(Set<String> a, Set<String> b) {
    java.util.TreeSet<String> all = new java.util.TreeSet<>(a);
    all.addAll(b);
    return new ArrayList<>(all);
  }

  /**
   * Text outputs as rows of tokens: a top-level file as it is (one scale for the whole file); a
   * directory of part files (per-row output) as all its lines sorted by the leading id, one scale per
   * column.
   */
  static Map<String, Text> texts(Path dir) {
    Map<String, Text> out = new TreeMap<>();
    Map<String, List<String>> perRowLines = new TreeMap<>();
    for (Map.Entry<String, byte[]> e : files(dir).entrySet()) {
      String name = e.getKey();
      if (name.endsWith(".parquet") || name.endsWith(".png")) {
        continue;
      }
      String text = new String(e.getValue(), StandardCharsets.UTF_8);
      int slash = name.lastIndexOf('/');
      if (slash > 0 && name.substring(slash + 1).startsWith("part-")) {
        perRowLines.computeIfAbsent(name.substring(0, slash), k -> new ArrayList<>()).addAll(text.lines().toList());
      } else {
        out.put(name, new Text(List.of(tokens(text)), false));
      }
    }
    for (Map.Entry<String, List<String>> e : perRowLines.entrySet()) {
      List<String> lines = new ArrayList<>(e.getValue());
      lines.sort(Comparator.comparingLong(JobOutputs::leadingId).thenComparing(Comparator.naturalOrder()));
      out.put(e.getKey() + "/*", new Text(lines.stream().map(JobOutputs::tokens).toList(), true));
    }
    return out;
  }

  /** Rows of tokens; {@code byColumn}: numbers are scaled per column (per-row outputs), else per file. */
  record Text(List<List<String>> rows, boolean byColumn) {}

  private static long leadingId(String line) {
    int c = line.indexOf(',');
    try {
      return Long.parseLong(c < 0 ? line : line.substring(0, c));
    } catch (NumberFormatException e) {
      return Long.MIN_VALUE;
    }
  }

  private static List<String> tokens(String text) {
    return Arrays.stream(text.split("[,\\s\\[\\]{}:\"]+")).filter(t -> !t.isEmpty()).toList();
  }

  private static void compareTokens(String name, Text a, Text b, double tol, double minScale, List<String> diffs) {
    if (a.rows().size() != b.rows().size()) {
      diffs.add(name + ": " + a.rows().size() + " vs " + b.rows().size() + " rows");
      return;
    }
    Map<Integer, Double> scale = new TreeMap<>();
    for (List<String> row : a.rows()) {
      for (int j = 0; j < row.size(); j++) {
        Double x = number(row.get(j));
        if (x != null && Double.isFinite(x)) {
          scale.merge(a.byColumn() ? j : 0, Math.abs(x), Math::max);
        }
      }
    }
    double worst = 0;
    String at = null;
    for (int i = 0; i < a.rows().size(); i++) {
      List<String> ra = a.rows().get(i);
      List<String> rb = b.rows().get(i);
      if (ra.size() != rb.size()) {
        diffs.add(name + ": row " + i + " has " + ra.size() + " vs " + rb.size() + " tokens");
        return;
      }
      for (int j = 0; j < ra.size(); j++) {
        Double x = number(ra.get(j));
        Double y = number(rb.get(j));
        if (x == null || y == null) {
          if (!ra.get(j).equals(rb.get(j))) {
            diffs.add(name + ": row " + i + " token " + j + " '" + ra.get(j) + "' vs '" + rb.get(j) + "'");
            return;
          }
        } else if (!x.equals(y)) {
          double err = Math.abs(x - y) / Math.max(minScale, scale.getOrDefault(a.byColumn() ? j : 0, 0.0));
          if (!(err <= worst)) {
            worst = err;
            at = "row " + i + " token " + j + ": " + x + " vs " + y;
          }
        }
      }
    }
    if (at != null && !(worst <= tol)) {
      diffs.add(String.format("%s: %s (%.2e of the %s's largest value, bound %.2e)", name, at, worst,
          a.byColumn() ? "column" : "file", tol));
    }
  }

  private static Double number(String t) {
    char c = t.charAt(0);
    if (!(Character.isDigit(c) || c == '-' || c == '.' || c == 'N' || c == 'I')) {
      return null;
    }
    try {
      return Double.valueOf(t);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
