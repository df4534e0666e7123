package dev.randnla.jobs.input;

import dev.randnla.jobs.JobTestSupport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The bad-input corpus of issue 9, written once into a folder: one sub-folder per case. Text cases
 * are variations of one small base matrix (12 rows; column 0 holds 1 or 2, the label for
 * {@code regress} and the key for {@code cluster}; every other job reads it as data), so a
 * legitimate variation has a clean equivalent ({@code base/}) whose result it must equal.
 * Degenerate matrices come in two variants: plain (the matrix) and {@code -k} (the matrix after a
 * key/label column).
 */
final class InputCorpus {
  /** The line of the base CSV replaced (or preceded) by a bad row: line 5. */
  static final int BAD_LINE = 5;
  static final int ROWS = 12;

  final Path root;
  /** The degenerate matrices by case name (without the key/label column). */
  final java.util.Map<String, double[][]> degenerate = new java.util.HashMap<>();

  InputCorpus(Path root) {
    this.root = root;
  }

  Path path(String name) {
    return root.resolve(name);
  }

  /** Row i of the base matrix: key/label, then three well-conditioned columns. */
  static double[] baseRow(int i) {
    return new double[] {1 + i % 2, (i * 7) % 5 - 2, (i * 3) % 7 - 2.5, (i * i) % 11 - 5};
  }

  static String csvLine(double[] row, String sep) {
    StringBuilder sb = new StringBuilder();
    for (int j = 0; j < row.length; j++) {
      if (j > 0) {
        sb.append(sep);
      }
      double v = row[j];
      sb.append(v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v));
    }
    return sb.toString();
  }

  static List<String> baseLines() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      lines.add(csvLine(baseRow(i), ","));
    }
    return lines;
  }

  /** The base lines with line {@link #BAD_LINE} replaced by {@code bad}. */
  static String withBadLine(String bad) {
    List<String> lines = baseLines();
    lines.set(BAD_LINE - 1, bad);
    return String.join("\n", lines) + "\n";
  }

  static String text(List<String> lines) {
    return String.join("\n", lines) + "\n";
  }

  Path write(String dir, String file, byte[] content) throws IOException {
    Path d = Files.createDirectories(root.resolve(dir));
    Files.write(d.resolve(file), content);
    return d;
  }

  Path write(String dir, String file, String content) throws IOException {
    return write(dir, file, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes every case. */
  InputCorpus build() throws IOException {
    String base = text(baseLines());
    write("base", "m.csv", base);
    // refused rows: one bad line (line 5) in an otherwise clean file
    write("ragged", "m.csv", withBadLine("1,2,3"));
    write("non-numeric", "m.csv", withBadLine("1,2,x7,4"));
    write("nan", "m.csv", withBadLine("1,2,NaN,4"));
    write("plus-inf", "m.csv", withBadLine("1,Infinity,3,4"));
    write("minus-inf", "m.csv", withBadLine("1,2,3,-Infinity"));
    write("trailing-delimiter", "m.csv", withBadLine("1,2,3,4,"));
    write("header-without-flag", "m.csv", "k,a,b,c\n" + base);
    write("empty-file", "m.csv", "");
    Files.createDirectories(root.resolve("empty-dir"));
    write("column-counts-differ", "a.csv", base);
    write("column-counts-differ", "b.csv", "1,2,3\n2,3,4\n");
    // legitimate variations of the base file
    write("crlf", "m.csv", base.replace("\n", "\r\n"));
    byte[] body = base.getBytes(StandardCharsets.UTF_8);
    write("bom", "m.csv", withByteOrderMark(body));
    List<String> blank = new ArrayList<>(baseLines());
    blank.add(0, "");
    blank.add(4, "   ");
    blank.add(9, "");
    write("blank-lines", "m.csv", text(blank));
    Path gz = Files.createDirectories(root.resolve("gzip")).resolve("m.csv.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
      o.write(body);
    }
    byte[] zipped = Files.readAllBytes(gz);
    write("gzip-truncated", "m.csv.gz", java.util.Arrays.copyOf(zipped, zipped.length / 2));
    write("header", "m.csv", "k,a,b,c\n" + base);
    List<String> dirty = new ArrayList<>(baseLines());
    dirty.add(3, "1,NaN,2,3");
    dirty.add(7, "1,2");
    dirty.add(10, "2,x,1,1");
    write("dirty", "m.csv", text(dirty));
    // libsvm: the label is column 0 of the base, features are columns 1..3
    List<String> svm = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      double[] r = baseRow(i);
      svm.add(csvLine(new double[] {r[0]}, "") + " 1:" + fmt(r[1]) + " 2:" + fmt(r[2]) + " 3:" + fmt(r[3]));
    }
    write("libsvm", "m.libsvm", text(svm));
    List<String> svmClean = new ArrayList<>(svm);
    svmClean.remove(BAD_LINE - 1);
    write("libsvm-clean", "m.libsvm", text(svmClean));
    writeSvmBad("libsvm-zero-index", svm, "1 0:1 2:3");
    writeSvmBad("libsvm-negative-index", svm, "1 -2:1 3:3");
    writeSvmBad("libsvm-unsorted", svm, "1 1:1 3:2 2:5");
    writeSvmBad("libsvm-duplicate", svm, "1 1:1 2:2 2:5");
    // Parquet: numeric columns k, a, b, c
    StructType schema = new StructType().add("k", DataTypes.DoubleType).add("a", DataTypes.DoubleType)
        .add("b", DataTypes.DoubleType).add("c", DataTypes.DoubleType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      double[] r = baseRow(i);
      rows.add(i == BAD_LINE - 1 ? RowFactory.create(r[0], r[1], null, r[3]) : RowFactory.create(r[0], r[1], r[2], r[3]));
    }
    parquet("parquet-null", schema, rows);
    List<Row> clean = new ArrayList<>(rows);
    clean.remove(BAD_LINE - 1);
    parquet("parquet-clean", schema, clean);
    StructType stringCol = new StructType().add("k", DataTypes.DoubleType).add("a", DataTypes.DoubleType)
        .add("b", DataTypes.StringType).add("c", DataTypes.DoubleType);
    List<Row> strings = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      double[] r = baseRow(i);
      strings.add(RowFactory.create(r[0], r[1], fmt(r[2]), r[3]));
    }
    parquet("parquet-string-column", stringCol, strings);
    // degenerate matrices, plain and after a key/label column
    degenerate("all-zero", 8, 3, (i, j) -> 0.0);
    degenerate("single-row", 1, 3, (i, j) -> j + 1.0);
    degenerate("one-column", 10, 1, (i, j) -> i - 3.5);
    degenerate("rank-deficient", 10, 3, (i, j) -> j == 2 ? 2 * (i % 3) - (i * 5 % 7) : j == 0 ? i % 3 : i * 5 % 7);
    degenerate("wide", 3, 6, (i, j) -> ((i + 1) * (j + 2)) % 5 - 2.0 + (i == j ? 3 : 0));
    return this;
  }

  interface Entry {
    double at(int i, int j);
  }

  private void degenerate(String name, int n, int d, Entry e) throws IOException {
    List<String> plain = new ArrayList<>();
    List<String> keyed = new ArrayList<>();
    double[][] m = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] r = new double[d];
      m[i] = r;
      double[] k = new double[d + 1];
      k[0] = 1 + i % 2;
      for (int j = 0; j < d; j++) {
        r[j] = e.at(i, j);
        k[j + 1] = r[j];
      }
      plain.add(csvLine(r, ","));
      keyed.add(csvLine(k, ","));
    }
    degenerate.put(name, m);
    write(name, "m.csv", text(plain));
    write(name + "-k", "m.csv", text(keyed));
  }

  private void writeSvmBad(String dir, List<String> svm, String bad) throws IOException {
    List<String> lines = new ArrayList<>(svm);
    lines.set(BAD_LINE - 1, bad);
    write(dir, "m.libsvm", text(lines));
  }

  private void parquet(String dir, StructType schema, List<Row> rows) {
    JobTestSupport.spark().createDataFrame(rows, schema).coalesce(1).write().parquet(root.resolve(dir).toString());
  }

  /** The UTF-8 byte order mark followed by {@code body}. */
  static byte[] withByteOrderMark(byte[] body) {
    byte[] out = new byte[body.length + 3];
    out[0] = (byte) 0xef;
    out[1] = (byte) 0xbb;
    out[2] = (byte) 0xbf;
    System.arraycopy(body, 0, out, 3, body.length);
    return out;
  }

  static String fmt(double v) {
    return csvLine(new double[] {v}, "");
  }

}
