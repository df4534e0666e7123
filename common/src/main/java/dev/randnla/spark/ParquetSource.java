package dev.randnla.spark;

import dev.randnla.io.BadRowException;
import dev.randnla.io.BadRowPolicy;
import dev.randnla.io.InputFile;
import dev.randnla.io.InputOptions;
import dev.randnla.io.InvalidInputException;
import dev.randnla.io.MatrixFormat;
import dev.randnla.io.MatrixRow;
import dev.randnla.io.UsageException;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Parquet input: a column of {@code array<double>}, an ml {@code Vector} column, or plain
 * numeric columns, read through Spark's Parquet reader. Row ids are exact in the first pass:
 * the footers give each file's row count, so a row's id is the rows of the files before it (in
 * path order) plus its {@code _metadata.row_index}.
 */
final class ParquetSource {
  private static final String FILE = "__randnla_file";
  private static final String ROW = "__randnla_row";

  private ParquetSource() {}

  /** Where each value of a Spark row goes. */
  record Spec(int vectorField, int[] valueFields, String[] valueNames, int idField, int labelField, int keyField,
      int cols, BadRowPolicy policy, Map<String, Integer> fileIndex, long[] fileOffsets, String[] fileNames,
      int weightField)
      implements Serializable {}

  static MatrixInput open(SparkSession spark, InputOptions options, List<InputFile> files) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Map<String, Integer> index = new HashMap<>();
    long[] offsets = new long[files.size()];
    String[] names = new String[files.size()];
    long acc = 0;
    for (InputFile f : files) {
      index.put(canonical(f.path()), f.index());
      offsets[f.index()] = acc;
      names[f.index()] = f.path();
      acc += recordCount(f, conf);
    }
    if (acc == 0) {
      throw new InvalidInputException("input " + options.uri() + " has no rows (" + files.size() + " Parquet file(s))");
    }
    String[] paths = files.stream().map(InputFile::path).toArray(String[]::new);
    Dataset<Row> df;
    try {
      df = spark.read().parquet(paths);
    } catch (RuntimeException e) {
      throw new InvalidInputException("cannot read Parquet input " + options.uri() + ": " + e.getMessage(), e);
    }
    StructType schema = df.schema();
    List<String> fieldNames = List.of(schema.fieldNames());
    String idName = column("--id-col", options.idCol(), fieldNames);
    String labelName = column("--label-col", options.labelCol(), fieldNames);
    String keyName = column("--key-col", options.keyCol(), fieldNames);
    String weightName = column("--weight-col", options.weightCol(), fieldNames);
    if (weightName != null && (weightName.equals(idName) || weightName.equals(labelName) || weightName.equals(keyName))) {
      throw new UsageException("--weight-col must name a column other than --id-col, --label-col and --key-col");
    }
    String vectorName = options.vectorCol() != null ? column("--vector-col", options.vectorCol(), fieldNames) : null;
    if (vectorName == null) {
      for (StructField f : schema.fields()) {
        if (isVectorType(f.dataType()) && !f.name().equals(idName) && !f.name().equals(labelName) && !f.name().equals(keyName)
            && !f.name().equals(weightName)) {
          if (vectorName != null) {
            throw new UsageException("Parquet input has several vector columns (" + vectorName + ", " + f.name() + "); pass --vector-col");
          }
          vectorName = f.name();
        }
      }
    }
    List<Column> select = new ArrayList<>();
    List<String> valueNames = new ArrayList<>();
    if (vectorName != null) {
      DataType t = schema.apply(vectorName).dataType();
      if (!isVectorType(t)) {
        throw new UsageException("--vector-col " + vectorName + " is " + t.simpleString() + ", not array<double> or vector");
      }
      select.add(functions.col(vectorName));
    } else {
      for (StructField f : schema.fields()) {
        String n = f.name();
        if (n.equals(idName) || n.equals(labelName) || n.equals(keyName) || n.equals(weightName)) {
          continue;
        }
        if (!(f.dataType() instanceof NumericType)) {
          throw new InvalidInputException("Parquet column '" + n + "' is " + f.dataType().simpleString()
              + ", not numeric (input " + options.uri() + "); pass --vector-col, or --id-col/--label-col/--key-col for it");
        }
        valueNames.add(n);
        select.add(functions.col(n));
      }
      if (valueNames.isEmpty()) {
        throw new InvalidInputException("Parquet input " + options.uri() + " has no numeric value columns");
      }
    }
    int fieldCount = select.size();
    int idField = -1;
    int labelField = -1;
    int keyField = -1;
    if (idName != null) {
      checkNumeric(schema, idName, "--id-col", true);
      idField = fieldCount++;
      select.add(functions.col(idName));
    }
    if (labelName != null) {
      checkNumeric(schema, labelName, "--label-col", false);
      labelField = fieldCount++;
      select.add(functions.col(labelName));
    }
    if (keyName != null) {
      keyField = fieldCount++;
      select.add(functions.col(keyName).cast(DataTypes.StringType));
    }
    int weightField = -1;
    if (weightName != null) {
      checkNumeric(schema, weightName, "--weight-col", false);
      weightField = fieldCount++;
      select.add(functions.col(weightName));
    }
    int fileField = fieldCount++;
    select.add(functions.col("_metadata.file_path").as(FILE));
    int rowField = fieldCount;
    select.add(functions.col("_metadata.row_index").as(ROW));
    Dataset<Row> selected = df.select(select.toArray(new Column[0]));

    int cols;
    if (vectorName != null) {
      List<Row> firstRows = df.select(functions.col(vectorName)).filter(functions.col(vectorName).isNotNull()).takeAsList(1);
      Row first = firstRows.isEmpty() ? null : firstRows.get(0);
      if (first == null) {
        throw new InvalidInputException("Parquet column " + vectorName + " holds only nulls");
      }
      cols = vectorLength(first.get(0));
    } else {
      cols = valueNames.size();
    }
    int[] valueFields = new int[vectorName != null ? 0 : valueNames.size()];
    for (int i = 0; i < valueFields.length; i++) {
      valueFields[i] = i;
    }
    Spec spec = new Spec(vectorName != null ? 0 : -1, valueFields, valueNames.toArray(new String[0]), idField,
        labelField, keyField, cols, options.badRows(), index, offsets, names, weightField);

    JavaRDD<Object> base = plan(spark, selected, options, files);
    MatrixInput input = new MatrixInput(spark, options, MatrixFormat.PARQUET, files, cols, base,
        new ParquetRowSource(spec, fileField, rowField), true);
    input.knownRows(acc);
    return input;
  }

  /** Builds the RDD with the session's split size adjusted for --min-partitions while planning. */
  @SuppressWarnings("unchecked")
  private static JavaRDD<Object> plan(SparkSession spark, Dataset<Row> selected, InputOptions options, List<InputFile> files) {
    String key = "spark.sql.files.maxPartitionBytes";
    String before = spark.conf().contains(key) ? spark.conf().get(key) : null;
    long total = 0;
    for (InputFile f : files) {
      total += f.length();
    }
    int target = Math.max(options.minPartitions(), spark.sparkContext().defaultParallelism());
    long goal = Math.max(1, total / Math.max(1, target));
    try {
      spark.conf().set(key, Long.toString(Math.min(goal, 128L << 20)));
      JavaRDD<Row> rows = selected.javaRDD();
      rows.partitions();
      return (JavaRDD<Object>) (JavaRDD<?>) rows;
    } finally {
      if (before == null) {
        spark.conf().unset(key);
      } else {
        spark.conf().set(key, before);
      }
    }
  }

  private static long recordCount(InputFile f, Configuration conf) {
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(f.path()), conf))) {
      return r.getRecordCount();
    } catch (IOException | RuntimeException e) {
      String why = MatrixSource.startsLikeParquet(f, conf) ? e.getMessage()
          : "it does not start with Parquet's magic bytes PAR1, so it is not a Parquet file"
              + " (text input? pass --format csv, tsv or libsvm)";
      throw new InvalidInputException("cannot read the Parquet footer of " + f.path() + ": " + why, e);
    }
  }

  static String canonical(String path) {
    try {
      return new Path(new URI(path)).toUri().normalize().getPath();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return new Path(path).toUri().getPath();
    }
  }

  private static String column(String option, String spec, List<String> names) {
    if (spec == null || spec.isEmpty()) {
      return null;
    }
    if (names.contains(spec)) {
      return spec;
    }
    try {
      int i = Integer.parseInt(spec.trim());
      if (i >= 0 && i < names.size()) {
        return names.get(i);
      }
    } catch (NumberFormatException e) {
      // not an index: fall through to the error naming the columns
    }
    throw new UsageException(option + " '" + spec + "' is not a column of the Parquet input (columns: " + String.join(", ", names) + ")");
  }

  private static void checkNumeric(StructType schema, String name, String option, boolean integral) {
    DataType t = schema.apply(name).dataType();
    boolean ok = integral ? (t == DataTypes.LongType || t == DataTypes.IntegerType || t == DataTypes.ShortType)
        : t instanceof NumericType;
    if (!ok) {
      throw new InvalidInputException(option + " column '" + name + "' is " + t.simpleString()
          + (integral ? ", not an integer type" : ", not numeric"));
    }
  }

  static boolean isVectorType(DataType t) {
    if (t instanceof ArrayType a) {
      return a.elementType() instanceof NumericType;
    }
    String n = t.getClass().getName();
    return n.endsWith("VectorUDT");
  }

  static int vectorLength(Object v) {
    if (v instanceof org.apache.spark.ml.linalg.Vector mv) {
      return mv.size();
    }
    if (v instanceof org.apache.spark.mllib.linalg.Vector ov) {
      return ov.size();
    }
    if (v instanceof scala.collection.Seq<?> s) {
      return s.size();
    }
    if (v instanceof List<?> l) {
      return l.size();
    }
    throw new InvalidInputException("unsupported Parquet vector value " + v.getClass().getName());
  }

  /** Converts Spark rows of one partition into matrix rows. */
  static final class ParquetRowSource implements RowSourceFactory {
    private static final long serialVersionUID = 1L;
    private final Spec spec;
    private final int fileField;
    private final int rowField;

    ParquetRowSource(Spec spec, int fileField, int rowField) {
      this.spec = spec;
      this.fileField = fileField;
      this.rowField = rowField;
    }

    /** Parquet keys are global row numbers: the file is the last one whose first row is at or before the key. */
    @Override
    public int fileIndex(long rowKey) {
      long[] offsets = spec.fileOffsets();
      int lo = 0;
      int hi = offsets.length - 1;
      while (lo < hi) {
        int mid = (lo + hi + 1) >>> 1;
        if (offsets[mid] <= rowKey) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      return lo;
    }

    @Override
    public PartitionRows open(int partition, Iterator<Object> base, long firstId) {
      return new ConvertedRows(partition, base, spec.policy(), "use --bad-rows skip to drop such rows") {
        @Override
        protected MatrixRow convert(Object element, long converted) throws BadRowException {
          Row r = (Row) element;
          String file = r.getString(fileField);
          long rowIndex = r.getLong(rowField);
          Integer fi = spec.fileIndex().get(canonical(file));
          if (fi == null) {
            throw new IllegalStateException("Parquet row from unlisted file " + file);
          }
          source = spec.fileNames()[fi];
          position = rowIndex;
          return ParquetRowSource.this.convert(r, spec.fileOffsets()[fi] + rowIndex);
        }
      };
    }

    private MatrixRow convert(Row r, long rowNumber) throws BadRowException {
      MatrixRow row = convertValues(r, rowNumber);
      return spec.weightField() < 0 ? row : weighted(row, r, spec.weightField(), "");
    }

    /** {@code row} with the weight in field {@code field} of {@code r}: finite and ≥ 0 ({@code where} ends the message). */
    static MatrixRow weighted(MatrixRow row, Row r, int field, String where) throws BadRowException {
      String suffix = where.isEmpty() ? "" : " " + where;
      double w = finite(r, field, "weight" + suffix);
      if (w < 0) {
        throw new BadRowException("negative weight " + w + suffix + " (weights must be >= 0)");
      }
      return row.withWeight(w);
    }

    private MatrixRow convertValues(Row r, long rowNumber) throws BadRowException {
      long id = rowNumber;
      if (spec.idField() >= 0) {
        if (r.isNullAt(spec.idField())) {
          throw new BadRowException("null id");
        }
        id = ((Number) r.get(spec.idField())).longValue();
      }
      double label = Double.NaN;
      if (spec.labelField() >= 0) {
        label = finite(r, spec.labelField(), "label");
      }
      String block = null;
      if (spec.keyField() >= 0) {
        if (r.isNullAt(spec.keyField())) {
          throw new BadRowException("null block key");
        }
        block = r.getString(spec.keyField());
      }
      long key = rowNumber;
      if (spec.vectorField() < 0) {
        int[] fields = spec.valueFields();
        double[] values = new double[fields.length];
        for (int j = 0; j < fields.length; j++) {
          values[j] = finite(r, fields[j], "value in column '" + spec.valueNames()[j] + "'");
        }
        return MatrixRow.dense(key, id, label, block, values);
      }
      if (r.isNullAt(spec.vectorField())) {
        throw new BadRowException("null vector");
      }
      return vectorRow(r.get(spec.vectorField()), spec.cols(), key, id, label, block);
    }

    /**
     * A row from a vector value (ml or mllib {@code Vector}, or a Scala sequence of numbers from an
     * {@code array<double>} column): entries copied, length and finiteness checked.
     */
    static MatrixRow vectorRow(Object v, int d, long key, long id, double label, String block) throws BadRowException {
      if (v instanceof org.apache.spark.ml.linalg.SparseVector sv) {
        checkLength(sv.size(), d);
        return MatrixRow.sparse(key, id, label, block, sv.indices().clone(), checkFinite(sv.values().clone()));
      }
      if (v instanceof org.apache.spark.ml.linalg.DenseVector dv) {
        checkLength(dv.size(), d);
        return MatrixRow.dense(key, id, label, block, checkFinite(dv.values().clone()));
      }
      if (v instanceof org.apache.spark.mllib.linalg.SparseVector sv) {
        checkLength(sv.size(), d);
        return MatrixRow.sparse(key, id, label, block, sv.indices().clone(), checkFinite(sv.values().clone()));
      }
      if (v instanceof org.apache.spark.mllib.linalg.DenseVector dv) {
        checkLength(dv.size(), d);
        return MatrixRow.dense(key, id, label, block, checkFinite(dv.values().clone()));
      }
      if (v instanceof scala.collection.Seq<?> s) {
        checkLength(s.size(), d);
        double[] values = new double[d];
        scala.collection.Iterator<?> it = s.iterator();
        for (int j = 0; j < d; j++) {
          Object x = it.next();
          if (x == null) {
            throw new BadRowException("null entry " + j + " in the vector");
          }
          values[j] = ((Number) x).doubleValue();
        }
        return MatrixRow.dense(key, id, label, block, checkFinite(values));
      }
      throw new BadRowException("unsupported vector value of type " + v.getClass().getName());
    }

    private static void checkLength(int n, int d) throws BadRowException {
      if (n != d) {
        throw new BadRowException("vector has " + n + " entries, expected " + d + " (from the first row)");
      }
    }

    private static double[] checkFinite(double[] v) throws BadRowException {
      for (int j = 0; j < v.length; j++) {
        if (Double.isNaN(v[j])) {
          throw new BadRowException("NaN at entry " + j);
        }
        if (Double.isInfinite(v[j])) {
          throw new BadRowException((v[j] > 0 ? "+Inf" : "-Inf") + " at entry " + j);
        }
      }
      return v;
    }

    static double finite(Row r, int field, String what) throws BadRowException {
      if (r.isNullAt(field)) {
        throw new BadRowException("null " + what);
      }
      double v = ((Number) r.get(field)).doubleValue();
      if (Double.isNaN(v)) {
        throw new BadRowException("NaN " + what);
      }
      if (Double.isInfinite(v)) {
        throw new BadRowException((v > 0 ? "+Inf " : "-Inf ") + what);
      }
      return v;
    }
  }
}
