package dev.randnla.jobs.tall;

import dev.randnla.linalg.Matrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads generated inputs and job outputs back as dense matrices, and exact references for them. */
public final class TallTestData {
  static final double U = 0x1.0p-53;

  private TallTestData() {}

  /** The rows of the CSV data files of a directory, in file order (row ids are positions). */
  static Matrix readCsvInput(Path dir) throws IOException {
    List<double[]> rows = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
        for (String line : Files.readAllLines(f)) {
          if (!line.isBlank()) {
            rows.add(parse(line.split(",")));
          }
        }
      }
    }
    return Matrix.fromRows(rows.toArray(new double[0][]));
  }

  /** A CSV matrix output (R.csv, V.csv, gram.csv). */
  public static Matrix readCsv(Path file) throws IOException {
    List<double[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        rows.add(parse(line.split(",")));
      }
    }
    return Matrix.fromRows(rows.toArray(new double[0][]));
  }

  static double[] readVector(Path file) throws IOException {
    return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).mapToDouble(Double::parseDouble).toArray();
  }

  /** A per-row output written with --row-output-format csv (id,values… lines) as a matrix indexed by id. */
  public static Matrix readRowOutput(Path dir, long rows, int cols) throws IOException {
    Matrix m = Matrix.zeros((int) rows, cols);
    boolean[] seen = new boolean[(int) rows];
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
        for (String line : Files.readAllLines(f)) {
          if (line.isBlank()) {
            continue;
          }
          double[] v = parse(line.split(","));
          int id = (int) v[0];
          if (id < 0 || id >= rows || seen[id]) {
            throw new AssertionError("row id " + id + " is out of range or repeated in " + dir);
          }
          if (v.length != cols + 1) {
            throw new AssertionError("row " + id + " has " + (v.length - 1) + " values, expected " + cols);
          }
          seen[id] = true;
          for (int j = 0; j < cols; j++) {
            m.set(id, j, v[j + 1]);
          }
        }
      }
    }
    for (int i = 0; i < rows; i++) {
      if (!seen[i]) {
        throw new AssertionError("row id " + i + " is missing from " + dir);
      }
    }
    return m;
  }

  private static double[] parse(String[] tokens) {
    double[] v = new double[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      v[i] = Double.parseDouble(tokens[i].trim());
    }
    return v;
  }

  /**
   * AᵀA accurate to about u in every entry (Ogita–Rump–Oishi Dot2: error-free products with fma and
   * error-free sums), so it can serve as the reference for bounds of order d·u·‖A‖².
   */
  public static Matrix exactGram(Matrix a) {
    int n = a.rows();
    int d = a.cols();
    Matrix g = Matrix.zeros(d, d);
    for (int i = 0; i < d; i++) {
      for (int j = i; j < d; j++) {
        double s = 0;
        double c = 0;
        for (int k = 0; k < n; k++) {
          double x = a.get(k, i);
          double y = a.get(k, j);
          double p = x * y;
          double pe = Math.fma(x, y, -p);
          double t = s + p;
          double z = t - s;
          double se = (s - (t - z)) + (p - z);
          s = t;
          c += se + pe;
        }
        g.set(i, j, s + c);
        g.set(j, i, s + c);
      }
    }
    return g;
  }

  /** ‖QᵀQ − I‖_F. */
  public static double orthogonalityError(Matrix q) {
    return exactGram(q).minus(Matrix.identity(q.cols())).frobeniusNorm();
  }

  static double[] doubles(Map<String, Object> map, String key) {
    Object v = map.get(key);
    if (!(v instanceof List<?> list)) {
      throw new AssertionError("expected a list at '" + key + "' in " + map);
    }
    return list.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
  }

  /** The truth's right singular vectors (listed as rows) as the columns of V. */
  static Matrix truthV(Map<String, Object> truth) {
    List<?> rows = (List<?>) truth.get("rightSingularVectors");
    double[][] r = new double[rows.size()][];
    for (int i = 0; i < r.length; i++) {
      r[i] = ((List<?>) rows.get(i)).stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
    }
    return Matrix.fromRows(r).transpose();
  }
}
