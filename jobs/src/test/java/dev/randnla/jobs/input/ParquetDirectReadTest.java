package dev.randnla.jobs.input;

import static dev.randnla.jobs.JobTestSupport.cli;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.io.InputOptions;
import dev.randnla.io.MatrixRow;
import dev.randnla.jobs.JobTestSupport;
import dev.randnla.jobs.JobTestSupport.Cli;
import dev.randnla.spark.MatrixInput;
import dev.randnla.spark.MatrixSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet read without Spark SQL (footers on the driver, parquet-mr's column readers in tasks):
 * the partitions, row order, keys and values are exactly those Spark's own Parquet scan gives,
 * the row counts come from the footers, and inputs that cannot be read fail before any pass.
 */
class ParquetDirectReadTest {
  @TempDir Path tmp;

  /** Files of different sizes, several row groups each, so Spark cuts them into several splits. */
  private Path input(String name, boolean vectors) {
    SparkSession spark = JobTestSupport.spark();
    Path dir = tmp.resolve(name);
    int[] sizes = {700, 300, 1100};
    int row = 0;
    for (int f = 0; f < sizes.length; f++) {
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < sizes[f]; i++, row++) {
        double[] v = new double[7];
        for (int j = 0; j < v.length; j++) {
          v[j] = row + j / 8.0;
        }
        rows.add(vectors ? RowFactory.create(i % 3 == 0 ? Vectors.dense(v) : Vectors.dense(v).compressed(), (long) row)
            : RowFactory.create(v, (long) row));
      }
      StructType schema = new StructType()
          .add("values", vectors ? SQLDataTypes.VectorType() : DataTypes.createArrayType(DataTypes.DoubleType, false))
          .add("n", DataTypes.LongType);
      spark.createDataFrame(rows, schema).coalesce(1).write().option("parquet.block.size", "4096")
          .parquet(dir.resolve("part" + f).toString());
    }
    return dir;
  }

  /** Each partition's rows as Spark's Parquet scan reads them: "key values…" with the key from file order and row index. */
  private static List<List<String>> sparkPartitions(SparkSession spark, MatrixInput input) {
    Map<String, Long> offsets = new HashMap<>();
    long at = 0;
    for (var f : input.files()) {
      offsets.put(new org.apache.hadoop.fs.Path(f.path()).toUri().getPath(), at);
      at += spark.read().parquet(f.path()).count();
    }
    String[] paths = input.files().stream().map(f -> f.path()).toArray(String[]::new);
    String key = "spark.sql.files.maxPartitionBytes";
    long goal = Math.max(1, input.bytes() / Math.max(input.options().minPartitions(), spark.sparkContext().defaultParallelism()));
    spark.conf().set(key, Long.toString(Math.min(goal, 128L << 20)));
    try {
      Dataset<Row> df = spark.read().parquet(paths).select(functions.col("values"),
          functions.col("_metadata.file_path"), functions.col("_metadata.row_index"));
      JavaRDD<Row> rows = df.javaRDD();
      List<List<Row>> parts = rows.glom().collect();
      List<List<String>> out = new ArrayList<>();
      for (List<Row> part : parts) {
        List<String> lines = new ArrayList<>();
        for (Row r : part) {
          long k = offsets.get(new org.apache.hadoop.fs.Path(r.getString(1)).toUri().getPath()) + r.getLong(2);
          Object v = r.get(0);
          double[] values;
          if (v instanceof org.apache.spark.ml.linalg.Vector vec) {
            values = vec.toArray();
          } else {
            scala.collection.Seq<?> seq = (scala.collection.Seq<?>) v;
            values = new double[seq.size()];
            for (int j = 0; j < values.length; j++) {
              values[j] = (Double) seq.apply(j);
            }
          }
          lines.add(line(k, values));
        }
        out.add(lines);
      }
      return out;
    } finally {
      spark.conf().unset(key);
    }
  }

  private static String line(long key, double[] values) {
    StringBuilder b = new StringBuilder(Long.toString(key));
    for (double x : values) {
      b.append(' ').append(Double.doubleToRawLongBits(x));
    }
    return b.toString();
  }

  private static List<List<String>> ourPartitions(MatrixInput input) {
    int d = input.cols();
    return input.rows().map(r -> line(r.key(), r.toDense(d))).glom().collect();
  }

  @Test
  void partitionsRowsKeysAndValuesAreThoseOfSparksScan() {
    SparkSession spark = JobTestSupport.spark();
    for (boolean vectors : new boolean[] {false, true}) {
      Path dir = input(vectors ? "vectors" : "arrays", vectors);
      for (int minPartitions : new int[] {0, 3, 16}) {
        MatrixInput input = MatrixSource.open(spark, InputOptions.builder().from(InputOptions.of(dir.toString()))
            .minPartitions(minPartitions).vectorCol("values").build());
        assertEquals(7, input.cols());
        List<List<String>> ours = ourPartitions(input);
        List<List<String>> sparks = sparkPartitions(spark, input);
        assertEquals(sparks.size(), ours.size(), "partitions at --min-partitions " + minPartitions);
        assertEquals(sparks, ours, "rows of every partition at --min-partitions " + minPartitions);
        if (minPartitions == 16) {
          assertTrue(ours.size() > input.files().size(), "files are cut into several splits: " + ours.size());
        }
      }
    }
  }

  @Test
  void footerRowCountsEqualTheRowsReadAndIdsArePositions() {
    SparkSession spark = JobTestSupport.spark();
    Path dir = input("counts", false);
    MatrixInput input = MatrixSource.open(spark, InputOptions.builder().from(InputOptions.of(dir.toString()))
        .minPartitions(16).vectorCol("values").build());
    assertEquals(2100, input.knownRows(), "row count from the footers");
    List<long[]> rows = input.rows().map(r -> new long[] {r.id(), r.key(), (long) r.values()[0]}).collect();
    assertEquals(input.knownRows(), rows.size());
    List<Long> ids = new ArrayList<>();
    for (long[] r : rows) {
      assertEquals(r[2], r[0], "row id is the position in path order");
      assertEquals(r[0], r[1], "row key is the global row number");
      ids.add(r[0]);
    }
    Collections.sort(ids);
    for (int i = 0; i < ids.size(); i++) {
      assertEquals(i, ids.get(i));
    }
  }

  @Test
  void filesWithDifferentSchemasAreRefusedNamingTheFile() throws Exception {
    SparkSession spark = JobTestSupport.spark();
    Path dir = tmp.resolve("mixed");
    spark.createDataFrame(List.of(RowFactory.create(1.0, 2.0)), new StructType().add("a", DataTypes.DoubleType)
        .add("b", DataTypes.DoubleType)).coalesce(1).write().parquet(dir.resolve("x").toString());
    spark.createDataFrame(List.of(RowFactory.create(1.0, 2)), new StructType().add("a", DataTypes.DoubleType)
        .add("b", DataTypes.IntegerType)).coalesce(1).write().parquet(dir.resolve("y").toString());
    Path out = tmp.resolve("o");
    Cli r = cli("scan", "--input", dir.toString(), "--output", out.toString(), "--quiet");
    assertEquals(3, r.code(), r.err());
    String second;
    try (Stream<Path> s = Files.list(dir.resolve("y"))) {
      second = s.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow().getFileName().toString();
    }
    assertTrue(r.err().contains("the schema of Parquet file ") && r.err().contains(second)
        && r.err().contains("its column 'b' is int, not double"), r.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void emptyInputsAreRefused() throws Exception {
    SparkSession spark = JobTestSupport.spark();
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Path out = tmp.resolve("o");
    Cli r = cli("scan", "--input", empty.toString(), "--format", "parquet", "--output", out.toString(), "--quiet");
    assertEquals(3, r.code(), r.err());
    assertTrue(r.err().contains("holds no data files"), r.err());

    Path noRows = tmp.resolve("norows");
    spark.createDataFrame(List.<Row>of(), new StructType().add("a", DataTypes.DoubleType)).coalesce(1).write()
        .parquet(noRows.toString());
    Cli r2 = cli("scan", "--input", noRows.toString(), "--output", out.toString(), "--quiet");
    assertEquals(3, r2.code(), r2.err());
    assertTrue(r2.err().contains("has no rows"), r2.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void keysIdsLabelsAndWeightsReadAsBefore() throws Exception {
    SparkSession spark = JobTestSupport.spark();
    Path dir = tmp.resolve("special");
    StructType schema = new StructType().add("id", DataTypes.IntegerType).add("k", DataTypes.IntegerType)
        .add("y", DataTypes.FloatType).add("w", DataTypes.DoubleType).add("a", DataTypes.DoubleType)
        .add("b", DataTypes.ShortType);
    spark.createDataFrame(List.of(RowFactory.create(10, 7, 0.5f, 2.0, 1.5, (short) 3),
        RowFactory.create(11, -2, 1.25f, 0.0, -4.0, (short) 0)), schema).coalesce(1).write().parquet(dir.toString());
    MatrixInput input = MatrixSource.open(spark, InputOptions.builder().from(InputOptions.of(dir.toString()))
        .idCol("id").keyCol("k").labelCol("y").weightCol("w").build());
    List<MatrixRow> rows = input.rows().collect();
    assertEquals(2, input.cols());
    assertEquals(10, rows.get(0).id());
    assertEquals("7", rows.get(0).block());
    assertEquals("-2", rows.get(1).block());
    assertEquals(0.5, rows.get(0).label());
    assertEquals(2.0, rows.get(0).weight());
    assertArrayEquals(new double[] {-4.0, 0.0}, rows.get(1).values());
  }

  /** A decimal column is one only Spark's reader converts: it goes through a DataFrame and reads the same numbers. */
  @Test
  void decimalColumnsGoThroughSparksReader() {
    SparkSession spark = JobTestSupport.spark();
    Path dir = tmp.resolve("decimal");
    StructType schema = new StructType().add("a", DataTypes.createDecimalType(10, 3)).add("b", DataTypes.DoubleType);
    spark.createDataFrame(List.of(RowFactory.create(new java.math.BigDecimal("1.250"), 2.0),
        RowFactory.create(new java.math.BigDecimal("-0.125"), 0.5)), schema).coalesce(1).write().parquet(dir.toString());
    MatrixInput input = MatrixSource.open(spark, InputOptions.of(dir.toString()));
    assertEquals(2, input.knownRows());
    List<MatrixRow> rows = input.rows().collect();
    assertArrayEquals(new double[] {1.25, 2.0}, rows.get(0).values());
    assertArrayEquals(new double[] {-0.125, 0.5}, rows.get(1).values());
    assertEquals(1, rows.get(1).id());
  }

  /** Files another writer made (no Spark schema in the footer): Spark's conversion of the Parquet schema. */
  @Test
  void filesWithoutASparkSchemaReadByTheirParquetSchema() throws Exception {
    SparkSession spark = JobTestSupport.spark();
    Path dir = Files.createDirectories(tmp.resolve("plain"));
    org.apache.parquet.schema.MessageType schema = org.apache.parquet.schema.MessageTypeParser.parseMessageType(
        "message m { required int64 id; optional group values (LIST) { repeated group list { optional double element; } } }");
    var conf = new org.apache.hadoop.conf.Configuration();
    try (var writer = org.apache.parquet.hadoop.example.ExampleParquetWriter.builder(
        new org.apache.hadoop.fs.Path(dir.resolve("a.parquet").toString())).withType(schema).withConf(conf).build()) {
      var groups = new org.apache.parquet.example.data.simple.SimpleGroupFactory(schema);
      for (int i = 0; i < 3; i++) {
        var g = groups.newGroup().append("id", 40L + i);
        var list = g.addGroup("values");
        list.addGroup("list").append("element", i + 0.5);
        if (i != 1) {
          list.addGroup("list").append("element", -1.0);
        } else {
          list.addGroup("list"); // a null entry
        }
        writer.write(g);
      }
    }
    MatrixInput input = MatrixSource.open(spark, InputOptions.builder().from(InputOptions.of(dir.toString())).idCol("id").build());
    assertEquals(2, input.cols());
    Path out = tmp.resolve("o");
    Cli r = cli("scan", "--input", dir.toString(), "--id-col", "id", "--output", out.toString(), "--quiet");
    assertEquals(3, r.code(), r.err());
    assertTrue(r.err().contains("a.parquet, row 2: null entry 1 in the vector"), r.err());
    Cli skip = cli("scan", "--input", dir.toString(), "--id-col", "id", "--bad-rows", "skip", "--output", out.toString(), "--quiet");
    assertEquals(0, skip.code(), skip.err());
    assertEquals(Math.sqrt(0.25 + 1 + 6.25 + 1), JobTestSupport.number(JobTestSupport.section(JobTestSupport.summary(out),
        "result"), "frobeniusNorm"), 1e-15);
  }
}
