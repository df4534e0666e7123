package dev.randnla.jobs.input;

import static dev.randnla.jobs.JobTestSupport.cli;
import static dev.randnla.jobs.JobTestSupport.number;
import static dev.randnla.jobs.JobTestSupport.section;
import static dev.randnla.jobs.JobTestSupport.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.jobs.JobTestSupport;
import dev.randnla.jobs.JobTestSupport.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet input: the three layouts, nulls and wrong types (exit 3 naming file and row). */
class ParquetInputTest {
  @TempDir Path tmp;

  void write(Path dir, StructType schema, List<Row> rows) {
    SparkSession spark = JobTestSupport.spark();
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(dir.toString());
  }

  double scanFrobenius(Path in, String... extra) throws Exception {
    Path out = tmp.resolve("out-" + in.getFileName());
    String[] args = concat(new String[] {"scan", "--input", in.toString(), "--output", out.toString(), "--quiet"}, extra);
    Cli r = cli(args);
    assertEquals(0, r.code(), r.err());
    return number(section(summary(out), "result"), "frobeniusNorm");
  }

  static String[] concat(String[] a, String[] b) {
    String[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void arrayVectorAndNumericColumnsGiveTheSameMatrix() throws Exception {
    double[][] m = {{1, 2, 0}, {0, 0, 3}, {4, 0, 5}};
    Path arrays = tmp.resolve("arrays");
    write(arrays, new StructType().add("label", DataTypes.DoubleType).add("values", DataTypes.createArrayType(DataTypes.DoubleType)),
        List.of(RowFactory.create(1.0, m[0]), RowFactory.create(2.0, m[1]), RowFactory.create(3.0, m[2])));
    Path vectors = tmp.resolve("vectors");
    write(vectors, new StructType().add("features", SQLDataTypes.VectorType()),
        List.of(RowFactory.create(Vectors.dense(m[0])), RowFactory.create(Vectors.sparse(3, new int[] {2}, new double[] {3})),
            RowFactory.create(Vectors.dense(m[2]))));
    Path numeric = tmp.resolve("numeric");
    write(numeric, new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.IntegerType).add("c", DataTypes.FloatType),
        List.of(RowFactory.create(1.0, 2, 0f), RowFactory.create(0.0, 0, 3f), RowFactory.create(4.0, 0, 5f)));
    double expected = Math.sqrt(1 + 4 + 9 + 16 + 25);
    assertEquals(expected, scanFrobenius(arrays, "--label-col", "label"), 1e-15);
    assertEquals(expected, scanFrobenius(vectors), 1e-15);
    assertEquals(expected, scanFrobenius(numeric), 1e-15);
  }

  @Test
  void nullsAndWrongTypesAreRefused() throws Exception {
    Path nulls = tmp.resolve("nulls");
    write(nulls, new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType),
        List.of(RowFactory.create(1.0, 2.0), RowFactory.create(3.0, null)));
    Path out = tmp.resolve("o");
    Cli r = cli("scan", "--input", nulls.toString(), "--output", out.toString(), "--quiet");
    assertEquals(3, r.code(), r.err());
    assertTrue(r.err().contains(".parquet, row 2: null value in column 'b'"), r.err());
    assertFalse(Files.exists(out));

    Path nullEntry = tmp.resolve("nullEntry");
    write(nullEntry, new StructType().add("values", DataTypes.createArrayType(DataTypes.DoubleType, true)),
        List.of(RowFactory.create((Object) new Double[] {1.0, 2.0}), RowFactory.create((Object) new Double[] {1.0, null})));
    Cli r2 = cli("scan", "--input", nullEntry.toString(), "--output", out.toString(), "--quiet");
    assertEquals(3, r2.code(), r2.err());
    assertTrue(r2.err().contains("row 2: null entry 1 in the vector"), r2.err());

    Path strings = tmp.resolve("strings");
    write(strings, new StructType().add("a", DataTypes.DoubleType).add("name", DataTypes.StringType),
        List.of(RowFactory.create(1.0, "x")));
    Cli r3 = cli("scan", "--input", strings.toString(), "--output", out.toString(), "--quiet");
    assertEquals(3, r3.code(), r3.err());
    assertTrue(r3.err().contains("column 'name' is string, not numeric"), r3.err());

    Path ragged = tmp.resolve("ragged");
    write(ragged, new StructType().add("values", DataTypes.createArrayType(DataTypes.DoubleType)),
        List.of(RowFactory.create((Object) new double[] {1, 2}), RowFactory.create((Object) new double[] {1, 2, 3})));
    Cli r4 = cli("scan", "--input", ragged.toString(), "--output", out.toString(), "--quiet");
    assertEquals(3, r4.code(), r4.err());
    assertTrue(r4.err().contains("vector has 3 entries, expected 2"), r4.err());
    Cli skip = cli("scan", "--input", ragged.toString(), "--bad-rows", "skip", "--output", out.toString(), "--quiet");
    assertEquals(0, skip.code(), skip.err());
    assertEquals(1, number(section(summary(out), "input"), "badRows"));
  }

  @Test
  void rowIdsComeFromFooters() throws Exception {
    Path twoFiles = tmp.resolve("two");
    SparkSession spark = JobTestSupport.spark();
    StructType schema = new StructType().add("x", DataTypes.DoubleType);
    spark.createDataFrame(List.of(RowFactory.create(0.0), RowFactory.create(1.0), RowFactory.create(2.0)), schema)
        .coalesce(1).write().parquet(twoFiles.resolve("a").toString());
    spark.createDataFrame(List.of(RowFactory.create(3.0), RowFactory.create(4.0)), schema)
        .coalesce(1).write().parquet(twoFiles.resolve("b").toString());
    var input = dev.randnla.spark.MatrixSource.open(spark, dev.randnla.io.InputOptions.of(twoFiles.toString()).withMinPartitions(4));
    assertTrue(input.rowIdsKnown(), "Parquet ids are known before any pass");
    List<long[]> pairs = input.rows().map(row -> new long[] {row.id(), (long) row.values()[0]}).collect();
    assertEquals(5, pairs.size());
    for (long[] p : pairs) {
      assertEquals(p[1], p[0], "row id equals its position in path order");
    }
  }
}
