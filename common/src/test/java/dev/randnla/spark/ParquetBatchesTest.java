package dev.randnla.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.io.InputFile;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.Type;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark's vectorized reader ({@link ParquetBatches}) gives exactly the records parquet-mr's column
 * readers ({@link ParquetRecords}) give — every field, null and row index, bit for bit — on files
 * with several row groups read whole and cut into byte ranges, in Spark's layouts (arrays, ml
 * Vectors dense and sparse, nullable numbers, keys) and in other writers' (bare repeated values,
 * two-level lists, unsigned and narrow integers, null entries).
 */
class ParquetBatchesTest {
  @TempDir Path tmp;
  private final Configuration conf = new Configuration();

  /** A file Spark wrote: 3000 rows in row groups of about 8 KB, nulls in every nullable column. */
  private File sparkFile() {
    SparkSession spark = LocalSpark.session();
    Random rnd = new Random(5);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      double[] v = new double[6];
      for (int j = 0; j < v.length; j++) {
        v[j] = rnd.nextInt(4) == 0 ? 0 : rnd.nextGaussian();
      }
      Double[] boxed = new Double[i % 11 == 0 ? 0 : 6];
      for (int j = 0; j < boxed.length; j++) {
        boxed[j] = i % 17 == 3 && j == 2 ? null : v[j];
      }
      Object vector = i % 13 == 5 ? null : i % 3 == 0 ? Vectors.dense(v) : Vectors.dense(v).toSparse();
      rows.add(RowFactory.create((long) i * 7 - 100, i % 19 == 4 ? null : rnd.nextGaussian(), "k" + (i % 5),
          i % 23 == 1 ? null : (float) rnd.nextDouble(), i % 29 == 2 ? null : rnd.nextInt(), (short) (i % 300 - 150),
          i % 31 == 7 ? null : Arrays.asList(boxed), vector, i % 2 == 0));
    }
    StructType schema = new StructType().add("id", DataTypes.LongType, false).add("y", DataTypes.DoubleType)
        .add("key", DataTypes.StringType).add("w", DataTypes.FloatType).add("a", DataTypes.IntegerType)
        .add("b", DataTypes.ShortType, false).add("arr", DataTypes.createArrayType(DataTypes.DoubleType, true))
        .add("vec", SQLDataTypes.VectorType()).add("flag", DataTypes.BooleanType, false);
    Path dir = tmp.resolve("spark");
    spark.createDataFrame(rows, schema).coalesce(1).write().option("parquet.block.size", "8192")
        .option("parquet.page.size", "2048").parquet(dir.toString());
    return Arrays.stream(dir.toFile().listFiles((d, n) -> n.endsWith(".parquet"))).findFirst().orElseThrow();
  }

  /** A file another writer made, in the schema given, from the rows {@code fill} writes. */
  private File plainFile(String name, String schemaText, int rows, java.util.function.BiConsumer<Group, Integer> fill)
      throws Exception {
    MessageType schema = MessageTypeParser.parseMessageType(schemaText);
    File f = Files.createDirectories(tmp.resolve("plain")).resolve(name + ".parquet").toFile();
    try (var writer = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(f.toString())).withType(schema)
        .withConf(conf).withRowGroupSize(4096L).withPageSize(1024).build()) {
      SimpleGroupFactory groups = new SimpleGroupFactory(schema);
      for (int i = 0; i < rows; i++) {
        Group g = groups.newGroup();
        fill.accept(g, i);
        writer.write(g);
      }
    }
    return f;
  }

  private MessageType fileSchema(File f) throws Exception {
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(f.toString()), conf))) {
      assertTrue(r.getRowGroups().size() > 2, "several row groups: " + r.getRowGroups().size());
      return r.getFooter().getFileMetaData().getSchema();
    }
  }

  /** The projection of the named fields, in file order, with their roles (value columns numbered in order). */
  private ParquetRecords.Projection projection(MessageType file, List<String> names, List<ParquetRecords.Role> roles) {
    List<Type> fields = new ArrayList<>();
    List<ParquetRecords.Role> kinds = new ArrayList<>();
    List<Integer> index = new ArrayList<>();
    List<Boolean> unsigned = new ArrayList<>();
    int values = 0;
    for (Type t : file.getFields()) {
      int at = names.indexOf(t.getName());
      if (at < 0) {
        continue;
      }
      fields.add(t);
      kinds.add(roles.get(at));
      index.add(roles.get(at) == ParquetRecords.Role.VALUE ? values++ : -1);
      Type leaf = t;
      while (!leaf.isPrimitive()) {
        leaf = leaf.asGroupType().getType(0);
      }
      unsigned.add(ParquetRecords.unsigned(leaf));
    }
    boolean[] u = new boolean[unsigned.size()];
    for (int i = 0; i < u.length; i++) {
      u[i] = unsigned.get(i);
    }
    return new ParquetRecords.Projection(new MessageType(file.getName(), fields).toString(),
        kinds.toArray(new ParquetRecords.Role[0]), index.stream().mapToInt(Integer::intValue).toArray(), u, values);
  }

  /** Every record of the splits, each field written out exactly (doubles as their bits). */
  private static List<String> records(ParquetRecordStream stream) throws Exception {
    List<String> out = new ArrayList<>();
    try (stream) {
      while (stream.hasNext()) {
        ParquetRecords.Record r = stream.next();
        StringBuilder b = new StringBuilder().append(r.file).append(' ').append(r.rowIndex);
        for (int j = 0; j < r.values.length; j++) {
          b.append(" v").append(r.valueSet[j] ? Long.toString(Double.doubleToRawLongBits(r.values[j])) : "-");
        }
        b.append(" present=").append(r.vectorPresent).append(" type=").append(r.vectorType).append(" size=")
            .append(r.vectorSize).append(" ip=").append(r.indicesPresent).append(" vp=").append(r.valuesPresent)
            .append(" null@").append(r.firstNullEntry).append(" e=");
        for (double x : r.entries()) {
          b.append(Double.doubleToRawLongBits(x)).append(',');
        }
        b.append(" i=").append(Arrays.toString(r.indices()));
        b.append(" id=").append(r.idSet ? Long.toString(r.id) : "-");
        b.append(" y=").append(r.labelSet ? Long.toString(Double.doubleToRawLongBits(r.label)) : "-");
        b.append(" w=").append(r.weightSet ? Long.toString(Double.doubleToRawLongBits(r.weight)) : "-");
        b.append(" k=").append(r.key);
        out.add(b.toString());
      }
    }
    return out;
  }

  /** Both readers over the whole file and over it cut into {@code pieces} byte ranges agree; returns the records. */
  private List<String> sameRecords(File f, ParquetRecords.Projection p, int pieces) throws Exception {
    assertTrue(ParquetBatches.handles(p, conf), p.schema());
    InputFile file = new InputFile(f.toURI().toString(), 3, f.length(), 1 << 20, false);
    List<ParquetRecords.Split> whole = List.of(new ParquetRecords.Split(file, 0, f.length()));
    List<String> expected = records(new ParquetRecords(whole, p, conf));
    assertEquals(expected, records(new ParquetBatches(whole, p, 6, conf)));
    List<ParquetRecords.Split> cut = new ArrayList<>();
    long step = f.length() / pieces + 1;
    for (long at = 0; at < f.length(); at += step) {
      cut.add(new ParquetRecords.Split(file, at, Math.min(step, f.length() - at)));
    }
    List<String> batches = new ArrayList<>();
    for (ParquetRecords.Split s : cut) { // each range alone, as each task reads its own
      List<String> columns = records(new ParquetRecords(List.of(s), p, conf));
      assertEquals(columns, records(new ParquetBatches(List.of(s), p, 6, conf)), s.toString());
      batches.addAll(columns);
    }
    assertEquals(expected, batches, "the ranges together read every row once");
    assertEquals(expected, records(new ParquetBatches(cut, p, 6, conf)), "one stream over every range");
    return expected;
  }

  @Test
  void sparkLayoutsGiveTheColumnReadersRecords() throws Exception {
    File f = sparkFile();
    MessageType schema = fileSchema(f);
    ParquetRecords.Role id = ParquetRecords.Role.ID;
    ParquetRecords.Role label = ParquetRecords.Role.LABEL;
    ParquetRecords.Role value = ParquetRecords.Role.VALUE;
    List<String> arrays = sameRecords(f, projection(schema, List.of("id", "y", "key", "w", "arr"),
        List.of(id, label, ParquetRecords.Role.KEY, ParquetRecords.Role.WEIGHT, ParquetRecords.Role.ARRAY)), 5);
    assertEquals(3000, arrays.size());
    assertTrue(arrays.stream().anyMatch(s -> s.contains("null@2")), "null entries are there to compare");
    assertTrue(arrays.stream().anyMatch(s -> s.contains("present=false")), "null arrays too");
    List<String> vectors = sameRecords(f, projection(schema, List.of("vec", "flag"),
        List.of(ParquetRecords.Role.VECTOR, ParquetRecords.Role.KEY)), 4);
    assertTrue(vectors.stream().anyMatch(s -> s.contains("type=0")) && vectors.stream().anyMatch(s -> s.contains("type=1")),
        "sparse and dense vectors");
    List<String> numbers = sameRecords(f, projection(schema, List.of("y", "w", "a", "b"), List.of(value, value, value, value)), 3);
    assertTrue(numbers.stream().anyMatch(s -> s.contains(" v- ")), "null values");
    sameRecords(f, projection(schema, List.of("a", "id"), List.of(ParquetRecords.Role.KEY, value)), 2);
  }

  @Test
  void otherWritersLayoutsGiveTheColumnReadersRecords() throws Exception {
    File bare = plainFile("bare", "message m { required int64 id; repeated double values; }", 2000, (g, i) -> {
      g.append("id", (long) i);
      for (int j = 0; j < 5; j++) {
        g.append("values", i + j / 4.0);
      }
    });
    assertEquals(2000, sameRecords(bare, projection(fileSchema(bare), List.of("id", "values"),
        List.of(ParquetRecords.Role.ID, ParquetRecords.Role.ARRAY)), 3).size());
    File twoLevel = plainFile("two-level", "message m { optional group values (LIST) { repeated float element; } "
        + "required int32 u (INTEGER(32,false)); required int32 small (INTEGER(8,true)); }", 2000, (g, i) -> {
          if (i % 7 != 3) {
            Group list = g.addGroup("values");
            for (int j = 0; j < 4; j++) {
              list.append("element", (float) (i - j * 0.5));
            }
          }
          g.append("u", i * 1000);
          g.append("small", i % 200 - 100);
        });
    List<String> r = sameRecords(twoLevel, projection(fileSchema(twoLevel), List.of("values", "u", "small"),
        List.of(ParquetRecords.Role.ARRAY, ParquetRecords.Role.LABEL, ParquetRecords.Role.WEIGHT)), 3);
    assertTrue(r.stream().anyMatch(s -> s.contains("present=false")));
    File threeLevel = plainFile("three-level", "message m { required group values (LIST) { repeated group list { "
        + "optional int64 element; } } required binary k (STRING); }", 2000, (g, i) -> {
          Group list = g.addGroup("values");
          for (int j = 0; j < 3; j++) {
            Group e = list.addGroup("list");
            if ((i + j) % 41 != 0) {
              e.append("element", (long) i * j - 7);
            }
          }
          g.append("k", "key " + (i % 9));
        });
    r = sameRecords(threeLevel, projection(fileSchema(threeLevel), List.of("values", "k"),
        List.of(ParquetRecords.Role.ARRAY, ParquetRecords.Role.KEY)), 4);
    assertTrue(r.stream().anyMatch(s -> !s.contains("null@-1")), "null entries");
  }

  /** Types the records do not take (a decimal) stay with the column readers' caller, which refuses them. */
  @Test
  void projectionsOfOtherTypesAreLeftToTheColumnReaders() throws Exception {
    File f = plainFile("decimal", "message m { required int64 d (DECIMAL(12,2)); required double x; }", 10, (g, i) -> {
      g.append("d", (long) i);
      g.append("x", i * 0.5);
    });
    MessageType schema = MessageTypeParser.parseMessageType("message m { required int64 d (DECIMAL(12,2)); required double x; }");
    assertFalse(ParquetBatches.handles(projection(schema, List.of("d", "x"),
        List.of(ParquetRecords.Role.VALUE, ParquetRecords.Role.VALUE)), conf));
    assertTrue(ParquetBatches.handles(projection(schema, List.of("x"), List.of(ParquetRecords.Role.VALUE)), conf));
    assertTrue(f.length() > 0);
  }

  /** The warm-up before Spark starts reads the input's footers and first page and keeps nothing, failing silently. */
  @Test
  void theWarmUpThrowsNothingOnAnyInput() throws Exception {
    File good = plainFile("good", "message m { required double x; required double y; }", 100, (g, i) -> {
      g.append("x", i * 0.5);
      g.append("y", -1.0 * i);
    });
    File bad = tmp.resolve("plain").resolve("bad.parquet").toFile();
    Files.write(bad.toPath(), "PAR1 not a footer".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    for (File f : List.of(good, bad)) {
      List<InputFile> files = List.of(new InputFile(f.toURI().toString(), 0, f.length(), 1 << 20, false));
      ParquetSource.warmUp(dev.randnla.io.InputOptions.of(f.toString()), files, conf);
      ParquetSource.warmUp(dev.randnla.io.InputOptions.of(f.toString()).withLabelCol("nope"), files, conf);
    }
  }
}
