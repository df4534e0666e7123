package dev.randnla.spark;

import dev.randnla.spark.ParquetRecords.Record;
import dev.randnla.spark.ParquetRecords.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapred.FileSplit;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetInputFormat;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.execution.datasources.parquet.ParquetReadSupport;
import org.apache.spark.sql.execution.datasources.parquet.ParquetReadSupport$;
import org.apache.spark.sql.execution.datasources.parquet.ParquetToSparkSchemaConverter;
import org.apache.spark.sql.execution.datasources.parquet.VectorizedParquetRecordReader;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarArray;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import scala.Option;

/**
 * The records of a partition's splits decoded by Spark's vectorized Parquet reader, a batch of rows
 * at a time: the same {@link Record}s, in the same order, with the same row indexes as {@link
 * ParquetRecords} (parquet-mr's column readers, one value at a time), at a fraction of the cost per
 * value — pages are decompressed and their levels and values decoded in bulk, dictionaries
 * included. A split covers the row groups whose middle lies in its byte range (parquet-mr's rule,
 * as for the column readers); a batch never spans two row groups, so a row's index in its file is
 * its row group's first index plus its place in the group.
 *
 * <p>The reader is Spark's own ({@code spark.sql.parquet.enableVectorizedReader}), used as Spark's
 * file scan uses it, on the projection the driver chose ({@link #handles} says which it can read;
 * the others stay with the column readers).
 */
final class ParquetBatches extends ParquetRecordStream {
  /** About this many values per batch (the batch's rows times the row's entries). */
  private static final int VALUES_PER_BATCH = 1 << 20;
  private static final int MAX_ROWS_PER_BATCH = 4096;

  private final Iterator<ParquetRecords.Split> splits;
  private final Configuration conf;
  private final StructType schema;
  private final Role[] roles;
  private final int[] valueIndex;
  private final int capacity;
  private final Record record;
  /** For {@link Role#VECTOR} fields: the ordinals of type, size, indices and values in the struct (−1: absent). */
  private final int[][] vectorFields;
  private VectorizedParquetRecordReader reader;
  private ParquetRecords.Split split;
  private List<BlockMetaData> blocks;
  private int block;
  private long groupLeft;
  private long nextRowIndex;
  private ColumnarBatch batch;
  private int batchRows;
  private int row;

  /**
   * @param entries the entries a row's vector or array holds (the input's d), to size the batches
   */
  ParquetBatches(List<ParquetRecords.Split> splits, ParquetRecords.Projection p, int entries, Configuration conf) {
    this.splits = splits.iterator();
    this.conf = readerConf(conf);
    MessageType projection = p.messageType();
    this.schema = new ParquetToSparkSchemaConverter(this.conf).convert(projection);
    this.conf.set(ParquetReadSupport$.MODULE$.SPARK_ROW_REQUESTED_SCHEMA(), schema.json());
    this.roles = p.roles();
    this.valueIndex = p.valueIndex();
    this.capacity = Math.max(1, Math.min(MAX_ROWS_PER_BATCH, VALUES_PER_BATCH / Math.max(1, entries)));
    this.record = new Record(p.valueCount());
    this.vectorFields = new int[roles.length][];
    for (int f = 0; f < roles.length; f++) {
      if (roles[f] == Role.VECTOR) {
        StructType s = (StructType) schema.fields()[f].dataType();
        vectorFields[f] = new int[] {ordinal(s, "type"), ordinal(s, "size"), ordinal(s, "indices"), ordinal(s, "values")};
      }
    }
  }

  /**
   * Whether Spark's reader gives every field of the projection as a type these records take (plain
   * numbers, strings and booleans for keys, arrays of numbers, Spark's Vector layout); the column
   * readers read the rest.
   */
  static boolean handles(ParquetRecords.Projection p, Configuration conf) {
    StructType schema;
    try {
      // the reader's API is Spark's own, not a public one: a Spark whose reader differs keeps the column readers
      VectorizedParquetRecordReader.class.getConstructor(java.time.ZoneId.class, String.class, String.class,
          String.class, String.class, boolean.class, int.class);
      VectorizedParquetRecordReader.class.getMethod("initialize", org.apache.hadoop.mapreduce.InputSplit.class,
          org.apache.hadoop.mapreduce.TaskAttemptContext.class, Option.class, Option.class, Option.class);
      schema = new ParquetToSparkSchemaConverter(readerConf(conf)).convert(p.messageType());
    } catch (RuntimeException | LinkageError | NoSuchMethodException e) {
      return false;
    }
    for (int f = 0; f < p.roles().length; f++) {
      DataType t = schema.fields()[f].dataType();
      boolean ok = switch (p.roles()[f]) {
        case VALUE, LABEL, WEIGHT -> number(t);
        case ID -> integral(t);
        case KEY -> integral(t) || t == DataTypes.StringType || t == DataTypes.BinaryType || t == DataTypes.BooleanType;
        case ARRAY -> t instanceof ArrayType a && number(a.elementType());
        case VECTOR -> t instanceof StructType s && vectorStruct(s);
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean vectorStruct(StructType s) {
    for (StructField f : s.fields()) {
      boolean ok = switch (f.name()) {
        case "type", "size" -> integral(f.dataType());
        case "indices" -> f.dataType() instanceof ArrayType a && integral(a.elementType());
        case "values" -> f.dataType() instanceof ArrayType a && number(a.elementType());
        default -> false;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean integral(DataType t) {
    return t == DataTypes.ByteType || t == DataTypes.ShortType || t == DataTypes.IntegerType || t == DataTypes.LongType;
  }

  private static boolean number(DataType t) {
    return integral(t) || t == DataTypes.FloatType || t == DataTypes.DoubleType;
  }

  /** {@code conf} with what Spark's file scan sets for its Parquet reader (Spark's defaults for the rest). */
  private static Configuration readerConf(Configuration conf) {
    Configuration c = new Configuration(conf);
    c.set(ParquetInputFormat.READ_SUPPORT_CLASS, ParquetReadSupport.class.getName());
    c.setIfUnset(SQLConf.CASE_SENSITIVE().key(), "false");
    c.setIfUnset(SQLConf.PARQUET_BINARY_AS_STRING().key(), "false");
    c.setIfUnset(SQLConf.PARQUET_INT96_AS_TIMESTAMP().key(), "true");
    c.setIfUnset(SQLConf.PARQUET_INFER_TIMESTAMP_NTZ_ENABLED().key(), "true");
    c.setIfUnset(SQLConf.LEGACY_PARQUET_NANOS_AS_LONG().key(), "false");
    c.setIfUnset(SQLConf.SESSION_LOCAL_TIMEZONE().key(), "UTC");
    return c;
  }

  private static int ordinal(StructType s, String name) {
    for (int i = 0; i < s.fields().length; i++) {
      if (s.fields()[i].name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  protected Record advance() {
    try {
      while (row == batchRows) {
        if (!nextBatch()) {
          return null;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + split.file().path() + ": " + e.getMessage(), e);
    }
    record.reset();
    for (int f = 0; f < roles.length; f++) {
      read(f, batch.column(f), row);
    }
    while (groupLeft == 0) {
      BlockMetaData b = blocks.get(block++);
      nextRowIndex = b.getRowIndexOffset();
      groupLeft = b.getRowCount();
      if (nextRowIndex < 0) {
        throw new UncheckedIOException(new IOException("parquet-mr did not give the row index of row group "
            + b.getOrdinal() + " of " + split.file().path()));
      }
    }
    record.file = split.file().index();
    record.rowIndex = nextRowIndex++;
    groupLeft--;
    row++;
    return record;
  }

  /** The next batch, opening the next split when this one is done; false at the end. */
  private boolean nextBatch() throws IOException {
    while (reader == null || !reader.nextBatch()) {
      close();
      if (!splits.hasNext()) {
        return false;
      }
      split = splits.next();
      open(split);
    }
    batchRows = batch.numRows();
    row = 0;
    return true;
  }

  private void open(ParquetRecords.Split s) throws IOException {
    Path path = new Path(s.file().path());
    HadoopInputFile file = HadoopInputFile.fromPath(path, conf);
    ParquetReadOptions options = HadoopReadOptions.builder(conf, path).withRange(s.start(), s.start() + s.length()).build();
    SeekableInputStream in = file.newStream();
    VectorizedParquetRecordReader r;
    try {
      ParquetMetadata footer = ParquetFileReader.readFooter(file, options, in);
      blocks = footer.getBlocks();
      block = 0;
      groupLeft = 0;
      r = new VectorizedParquetRecordReader(null, "CORRECTED", "UTC", "CORRECTED", "UTC", false, capacity);
      r.initialize(new FileSplit(path, s.start(), s.length(), new String[0]),
          new TaskAttemptContextImpl(conf, new TaskAttemptID()), Option.apply(file), Option.apply(in), Option.apply(footer));
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    } catch (InterruptedException e) {
      in.close();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    reader = r;
    r.initBatch(new StructType(), null);
    batch = r.resultBatch();
  }

  @Override
  public void close() throws IOException {
    if (reader != null) {
      VectorizedParquetRecordReader r = reader;
      reader = null;
      batch = null;
      r.close();
    }
  }

  /** Field {@code f} of row {@code i} into the record, as {@link ParquetRecords}' leaf readers set it. */
  private void read(int f, ColumnVector v, int i) {
    if (v.isNullAt(i)) {
      return; // absent: the record's "set" flags stay false
    }
    switch (roles[f]) {
      case VALUE -> {
        record.values[valueIndex[f]] = number(v, i);
        record.valueSet[valueIndex[f]] = true;
      }
      case LABEL -> {
        record.label = number(v, i);
        record.labelSet = true;
      }
      case WEIGHT -> {
        record.weight = number(v, i);
        record.weightSet = true;
      }
      case ID -> {
        record.id = integer(v, i);
        record.idSet = true;
      }
      case KEY -> record.key = key(v, i);
      case ARRAY -> {
        record.vectorPresent = true;
        entries(v.getArray(i), ((ArrayType) schema.fields()[f].dataType()).elementType(), v.getChild(0).hasNull(), true);
      }
      case VECTOR -> vector(f, v, i);
    }
  }

  /** Spark's Vector struct: type, size, indices, values (each may be null in a malformed row). */
  private void vector(int f, ColumnVector v, int i) {
    int[] at = vectorFields[f];
    StructField[] fields = ((StructType) schema.fields()[f].dataType()).fields();
    if (at[0] >= 0 && !v.getChild(at[0]).isNullAt(i)) {
      record.vectorPresent = true;
      record.vectorType = (int) integer(v.getChild(at[0]), i);
    }
    if (at[1] >= 0 && !v.getChild(at[1]).isNullAt(i)) {
      record.vectorSize = (int) integer(v.getChild(at[1]), i);
    }
    if (at[2] >= 0 && !v.getChild(at[2]).isNullAt(i)) {
      record.indicesPresent = true;
      ColumnarArray a = v.getChild(at[2]).getArray(i);
      DataType t = ((ArrayType) fields[at[2]].dataType()).elementType();
      for (int j = 0; j < a.numElements(); j++) {
        if (!a.isNullAt(j)) {
          record.addIndex((int) integer(a, j, t));
        }
      }
    }
    if (at[3] >= 0 && !v.getChild(at[3]).isNullAt(i)) {
      record.valuesPresent = true;
      ColumnVector values = v.getChild(at[3]);
      entries(values.getArray(i), ((ArrayType) fields[at[3]].dataType()).elementType(), values.getChild(0).hasNull(), false);
    }
  }

  /**
   * The array's entries (of type {@code t}) into the record: a null entry is kept as 0 and the first
   * one remembered ({@code keepNulls}, a plain array column) or skipped (a Vector's values).
   * {@code nulls}: whether any entry of the batch's arrays is null.
   */
  private void entries(ColumnarArray a, DataType t, boolean nulls, boolean keepNulls) {
    int n = a.numElements();
    if (record.entries.length < n) {
      record.entries = new double[Math.max(n, 2 * record.entries.length)];
    }
    double[] e = record.entries;
    if (!nulls && t == DataTypes.DoubleType) {
      for (int j = 0; j < n; j++) {
        e[j] = a.getDouble(j);
      }
      record.entryCount = n;
      return;
    }
    int count = 0;
    boolean doubles = t == DataTypes.DoubleType;
    for (int j = 0; j < n; j++) {
      if (!a.isNullAt(j)) {
        e[count++] = doubles ? a.getDouble(j) : number(a, j, t);
      } else if (keepNulls) {
        if (record.firstNullEntry < 0) {
          record.firstNullEntry = count;
        }
        e[count++] = 0;
      }
    }
    record.entryCount = count;
  }

  private static double number(ColumnVector v, int i) {
    DataType t = v.dataType();
    if (t == DataTypes.DoubleType) {
      return v.getDouble(i);
    }
    return t == DataTypes.FloatType ? v.getFloat(i) : integer(v, i);
  }

  private static double number(ColumnarArray a, int j, DataType t) {
    if (t == DataTypes.DoubleType) {
      return a.getDouble(j);
    }
    return t == DataTypes.FloatType ? a.getFloat(j) : integer(a, j, t);
  }

  private static long integer(ColumnVector v, int i) {
    DataType t = v.dataType();
    if (t == DataTypes.LongType) {
      return v.getLong(i);
    }
    if (t == DataTypes.IntegerType) {
      return v.getInt(i);
    }
    return t == DataTypes.ShortType ? v.getShort(i) : v.getByte(i);
  }

  private static long integer(ColumnarArray a, int j, DataType t) {
    if (t == DataTypes.LongType) {
      return a.getLong(j);
    }
    if (t == DataTypes.IntegerType) {
      return a.getInt(j);
    }
    return t == DataTypes.ShortType ? a.getShort(j) : a.getByte(j);
  }

  /** The key as Spark's cast of the value to a string gives it (as {@link ParquetRecords} reads it). */
  private static String key(ColumnVector v, int i) {
    DataType t = v.dataType();
    if (t == DataTypes.StringType) {
      return v.getUTF8String(i).toString();
    }
    if (t == DataTypes.BinaryType) {
      return new String(v.getBinary(i), StandardCharsets.UTF_8);
    }
    if (t == DataTypes.BooleanType) {
      return Boolean.toString(v.getBoolean(i));
    }
    return Long.toString(integer(v, i));
  }
}
