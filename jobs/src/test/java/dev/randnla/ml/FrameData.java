package dev.randnla.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.spark.LocalSpark;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine;

/**
 * Test data for the DataFrame door: rows [label, features] of a noisy linear model b = A·x + 0.125 + 0.01·N(0, 1)
 * whose columns have scales 6, 5, …, 1 (a clear spectrum), in {@link #PARTITIONS} partitions, and the same
 * rows as the CLI reads them (one gzip CSV per partition, so each file is exactly one split).
 */
public final class FrameData {
  public static final int PARTITIONS = 3;
  public static final int ROWS = 600;
  public static final int D = 6;
  public static final double[] X = {1.5, -2, 0.25, 3, -0.5, 1};
  public static final double INTERCEPT = 0.125;
  public static final double NOISE = 0.01;
  public static final StructType SCHEMA = new StructType()
      .add("label", DataTypes.DoubleType)
      .add("features", SQLDataTypes.VectorType());

  private FrameData() {}

  public static SparkSession spark() {
    return LocalSpark.session();
  }

  public static List<Row> rows(long seed) {
    Random rnd = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      double[] a = new double[D];
      double b = INTERCEPT;
      for (int j = 0; j < D; j++) {
        // every third entry zero, so sparse vectors are really sparse
        a[j] = (i + j) % 3 == 0 ? 0 : rnd.nextGaussian() * (D - j);
        b += a[j] * X[j];
      }
      rows.add(RowFactory.create(b + NOISE * rnd.nextGaussian(), Vectors.dense(a)));
    }
    return rows;
  }

  /** The rows in {@link #PARTITIONS} partitions (a list is sliced into contiguous partitions). */
  public static Dataset<Row> frame(List<Row> rows) {
    return frame(rows, SCHEMA);
  }

  /** Rows [label or key, features] of another schema in {@link #PARTITIONS} partitions. */
  public static Dataset<Row> frame(List<Row> rows, StructType schema) {
    JavaRDD<Row> rdd = JavaSparkContext.fromSparkContext(spark().sparkContext()).parallelize(rows, PARTITIONS);
    return spark().createDataFrame(rdd, schema);
  }

  /** The same rows with sparse vectors. */
  public static Dataset<Row> sparse(List<Row> rows) {
    return sparse(rows, SCHEMA);
  }

  /** The same rows [label or key, features] with sparse vectors. */
  public static Dataset<Row> sparse(List<Row> rows, StructType schema) {
    List<Row> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(RowFactory.create(r.get(0), ((Vector) r.get(1)).toSparse()));
    }
    return frame(out, schema);
  }

  /** The same rows with an array<double> features column. */
  public static Dataset<Row> arrays(Dataset<Row> frame) {
    return frame.withColumn("features", org.apache.spark.ml.functions.vector_to_array(frame.col("features"), "float64"));
  }

  /** A copy of {@code v} with entry {@code j} set to {@code value} (a bad value, say). */
  public static Vector withEntry(Vector v, int j, double value) {
    double[] a = v.toArray().clone(); // a DenseVector gives its own array
    a[j] = value;
    return Vectors.dense(a);
  }

  /**
   * Checks that each Param's doc names its command-line option as "(--option)", that the command has that
   * option, and that the option's default is the Param's (for the Params in {@code withDefault}).
   */
  public static void assertParamsMatchCli(Object command, Map<Param<?>, String> options, Set<Param<?>> withDefault,
      Params estimator) {
    CommandLine.Model.CommandSpec spec = new CommandLine(command).getCommandSpec();
    options.forEach((param, option) -> {
      assertTrue(param.doc().contains("(" + option + ")"), param.name() + ": " + param.doc());
      CommandLine.Model.OptionSpec o = spec.findOption(option);
      assertNotNull(o, option);
      if (withDefault.contains(param)) {
        assertEquals(o.defaultValue(), String.valueOf(estimator.getOrDefault(param)), param.name());
      }
    });
  }

  /**
   * Writes each partition of the frame to its own gzip CSV file, in partition order: the fields in schema
   * order, a vector as its entries (so label first for {@link #SCHEMA}, a block key first for a keyed frame).
   */
  public static Path csv(Dataset<Row> frame, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<List<Row>> parts = frame.javaRDD().glom().collect();
    for (int p = 0; p < parts.size(); p++) {
      try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(dir.resolve(
          String.format("part-%05d.csv.gz", p)))), StandardCharsets.UTF_8)) {
        for (Row r : parts.get(p)) {
          StringBuilder line = new StringBuilder();
          for (int f = 0; f < r.size(); f++) {
            // Double.toString: the shortest text that reads back to the same double; a string key as it is
            Object[] values = r.get(f) instanceof Vector v ? Arrays.stream(v.toArray()).boxed().toArray()
                : new Object[] {r.get(f)};
            for (Object v : values) {
              line.append(line.length() == 0 ? "" : ",").append(v);
            }
          }
          w.write(line.append('\n').toString());
        }
      }
    }
    return dir;
  }
}
