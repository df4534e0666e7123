package dev.randnla.jobs.leverage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reading generated data and job outputs back in tests (CSV part files, CSV score files). */
final class LeverageTestData {
  private LeverageTestData() {}

  /** The rows of a generated CSV directory in id order (files sorted by name, then line order). */
  static List<double[]> csvRows(Path dir) throws IOException {
    List<double[]> rows = new ArrayList<>();
    for (Path f : files(dir, ".csv")) {
      for (String line : Files.readAllLines(f)) {
        if (line.isBlank()) {
          continue;
        }
        String[] t = line.split(",");
        double[] v = new double[t.length];
        for (int j = 0; j < t.length; j++) {
          v[j] = Double.parseDouble(t[j]);
        }
        rows.add(v);
      }
    }
    return rows;
  }

  /** id → values of a {@code --row-output-format csv} per-row output directory. */
  static Map<Long, double[]> rowOutput(Path dir) throws IOException {
    Map<Long, double[]> out = new HashMap<>();
    for (Path f : files(dir, "")) {
      if (!f.getFileName().toString().startsWith("part-")) {
        continue;
      }
      for (String line : Files.readAllLines(f)) {
        String[] t = line.split(",");
        double[] v = new double[t.length - 1];
        for (int j = 1; j < t.length; j++) {
          v[j - 1] = Double.parseDouble(t[j]);
        }
        if (out.put(Long.parseLong(t[0]), v) != null) {
          throw new AssertionError("duplicate id " + t[0] + " in " + dir);
        }
      }
    }
    return out;
  }

  static List<Path> files(Path dir, String suffix) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> {
        String n = p.getFileName().toString();
        return n.startsWith("part-") && n.endsWith(suffix) && !n.endsWith(".crc");
      }).sorted().toList();
    }
  }

  /** The sorted relative errors |got − truth| / truth over the ids of truth. */
  static double[] relativeErrors(Map<Long, Double> truth, Map<Long, double[]> got) {
    double[] e = new double[truth.size()];
    int i = 0;
    for (Map.Entry<Long, Double> t : truth.entrySet()) {
      double[] v = got.get(t.getKey());
      if (v == null) {
        throw new AssertionError("no score for row " + t.getKey());
      }
      e[i++] = Math.abs(v[0] - t.getValue()) / t.getValue();
    }
    java.util.Arrays.sort(e);
    return e;
  }
}
