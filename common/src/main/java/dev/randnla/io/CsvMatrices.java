package dev.randnla.io;

import dev.randnla.linalg.Matrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Small dense results as CSV (docs/design.md §6): no header, one matrix row per line, every value in
 * full double precision ({@link Double#toString}, which round-trips exactly).
 */
public final class CsvMatrices {
  private CsvMatrices() {}

  public static String format(Matrix m) {
    StringBuilder sb = new StringBuilder(m.rows() * Math.max(1, m.cols()) * 22);
    for (int i = 0; i < m.rows(); i++) {
      for (int j = 0; j < m.cols(); j++) {
        if (j > 0) {
          sb.append(',');
        }
        sb.append(m.get(i, j));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** A vector as one value per line. */
  public static String formatColumn(double[] v) {
    StringBuilder sb = new StringBuilder(v.length * 22);
    for (double x : v) {
      sb.append(x).append('\n');
    }
    return sb.toString();
  }

  /** Reads a CSV matrix written by {@link #format}. */
  public static Matrix read(String uri, Configuration conf) {
    List<double[]> rows = new ArrayList<>();
    Path p = new Path(uri);
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getFileSystem(conf).open(p), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] t = line.split(",");
        double[] row = new double[t.length];
        for (int j = 0; j < t.length; j++) {
          row[j] = Double.parseDouble(t[j].trim());
        }
        rows.add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + uri, e);
    }
    return Matrix.fromRows(rows.toArray(new double[0][]));
  }

  /** Reads a one-column CSV as a vector (or the single row of a one-row CSV). */
  public static double[] readVector(String uri, Configuration conf) {
    Matrix m = read(uri, conf);
    if (m.cols() == 1) {
      return m.column(0);
    }
    if (m.rows() == 1) {
      return m.row(0);
    }
    throw new IllegalArgumentException(uri + " is a " + m.rows() + "x" + m.cols() + " matrix, not a vector");
  }

  /** Whether a file exists (helper for tests and readers of outputs). */
  public static boolean exists(String uri, Configuration conf) {
    try {
      Path p = new Path(uri);
      FileSystem fs = p.getFileSystem(conf);
      return fs.exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
