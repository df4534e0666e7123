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
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
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
import scala.Tuple2;

/**
 * Parquet input: a column of {@code array<double>}, an ml {@code Vector} column, or plain
 * numeric columns. Opening reads only the footers ({@link ParquetFooters}: schema and row counts,
 * no Spark job); the partitions are those Spark's file scan would plan ({@link ParquetSplits}); rows
 * are read by parquet-mr's column readers ({@link ParquetColumnSource}), or, for columns only
 * Spark converts (decimals, other key types, other nested layouts), through a DataFrame. Row ids are
 * exact in the first pass: a row's id is the rows of the files before it (in path order) plus its
 * row index in its file.
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

  /** The columns a Parquet input's rows are made of, resolved against its schema. */
  private record Columns(String vector, List<String> values, String id, String label, String key, String weight) {}

  static MatrixInput open(SparkSession spark, InputOptions options, List<InputFile> files) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    ParquetFooters footers = ParquetFooters.read(files, conf);
    long acc = footers.totalRows();
    if (acc == 0) {
      throw new InvalidInputException("input " + options.uri() + " has no rows (" + files.size() + " Parquet file(s))");
    }
    Map<String, Integer> index = new HashMap<>();
    long[] offsets = new long[files.size()];
    String[] names = new String[files.size()];
    long at = 0;
    for (InputFile f : files) {
      index.put(canonical(f.path()), f.index());
      offsets[f.index()] = at;
      names[f.index()] = f.path();
      at += footers.rows()[f.index()];
    }
    Columns c = columns(footers.schema(), options);
    List<List<ParquetRecords.Split>> plan = ParquetSplits.plan(spark, files, options.minPartitions());
    ParquetRecords.Projection projection = projection(footers, c);
    MatrixInput input;
    if (projection != null) {
      HadoopConf hc = new HadoopConf(conf);
      int cols = c.vector() == null ? c.values().size() : vectorLength(plan, projection, hc, c.vector());
      ParquetColumnSource source = new ParquetColumnSource(projection, c.values().toArray(new String[0]), cols,
          options.badRows(), offsets, names, hc);
      input = new MatrixInput(spark, options, MatrixFormat.PARQUET, files, cols, planRdd(spark, plan, conf), source, true);
    } else {
      input = openDataFrame(spark, options, files, footers.schema(), c, index, offsets, names);
    }
    input.knownRows(acc);
    return input;
  }

  /**
   * Reads, without Spark, what {@link #open} and the first tasks read first: every footer, the
   * columns, the first page of the first file, and that file's first row group through the tasks'
   * reader when it is small; keeps nothing and throws nothing (see {@link MatrixSource#warmUp}).
   */
  static void warmUp(InputOptions options, List<InputFile> files, Configuration conf) {
    try {
      ParquetFooters footers = ParquetFooters.read(files, conf);
      ParquetRecords.Projection projection = projection(footers, columns(footers.schema(), options));
      InputFile first = files.stream().filter(f -> footers.rows()[f.index()] > 0).findFirst().orElse(null);
      if (projection != null && first != null) {
        int d = firstVectorLength(ParquetRecords.firstPage(new ParquetRecords.Split(first, 0, first.length()), projection,
            conf));
        if (ParquetBatches.handles(projection, conf)) {
          firstRowGroup(first, projection, Math.max(1, d), conf);
        }
      }
    } catch (RuntimeException | LinkageError | IOException e) {
      // open() reads it all again and reports what is wrong
    }
  }

  /** The most compressed bytes of a row group {@link #warmUp} decodes to warm up the tasks' reader. */
  private static final long WARM_UP_BYTES = 16L << 20;

  /** Decodes the file's first row group as a task would, unless it is larger than {@link #WARM_UP_BYTES}. */
  private static void firstRowGroup(InputFile f, ParquetRecords.Projection p, int d, Configuration conf)
      throws IOException {
    BlockMetaData group;
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(f.path()), conf))) {
      if (r.getRowGroups().isEmpty()) {
        return;
      }
      group = r.getRowGroups().get(0);
    }
    if (group.getCompressedSize() > WARM_UP_BYTES) {
      return;
    }
    // the range holds the first group's middle and no other's: the group alone
    ParquetRecords.Split split = new ParquetRecords.Split(f, 0, group.getStartingPos() + group.getCompressedSize());
    try (ParquetBatches rows = new ParquetBatches(List.of(split), p, d, conf)) {
      while (rows.hasNext()) {
        rows.next();
      }
    }
  }

  /** Resolves --vector-col, --id-col, --label-col, --key-col and --weight-col and the value columns (usage errors and type errors). */
  private static Columns columns(StructType schema, InputOptions options) {
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
    List<String> valueNames = new ArrayList<>();
    if (vectorName != null) {
      DataType t = schema.apply(vectorName).dataType();
      if (!isVectorType(t)) {
        throw new UsageException("--vector-col " + vectorName + " is " + t.simpleString() + ", not array<double> or vector");
      }
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
      }
      if (valueNames.isEmpty()) {
        throw new InvalidInputException("Parquet input " + options.uri() + " has no numeric value columns");
      }
    }
    if (idName != null) {
      checkNumeric(schema, idName, "--id-col", true);
    }
    if (labelName != null) {
      checkNumeric(schema, labelName, "--label-col", false);
    }
    if (weightName != null) {
      checkNumeric(schema, weightName, "--weight-col", false);
    }
    return new Columns(vectorName, valueNames, idName, labelName, keyName, weightName);
  }

  /**
   * The projection parquet-mr's column readers read the rows through, or null when a column is of a
   * kind only Spark's reader converts (decimals, keys that are not strings or integers, nested
   * layouts other than arrays and Vectors, a column with two roles): those inputs go through a DataFrame.
   */
  private static ParquetRecords.Projection projection(ParquetFooters footers, Columns c) {
    StructType schema = footers.schema();
    MessageType file = footers.fileSchema();
    Map<String, ParquetRecords.Role> roles = new HashMap<>();
    Map<String, Integer> valueIndex = new HashMap<>();
    for (int j = 0; j < c.values().size(); j++) {
      roles.put(c.values().get(j), ParquetRecords.Role.VALUE);
      valueIndex.put(c.values().get(j), j);
    }
    if (c.vector() != null) {
      roles.put(c.vector(), schema.apply(c.vector()).dataType() instanceof ArrayType ? ParquetRecords.Role.ARRAY
          : ParquetRecords.Role.VECTOR);
    }
    int expected = roles.size();
    String[] special = {c.id(), c.label(), c.key(), c.weight()};
    ParquetRecords.Role[] specialRoles = {ParquetRecords.Role.ID, ParquetRecords.Role.LABEL, ParquetRecords.Role.KEY,
        ParquetRecords.Role.WEIGHT};
    for (int i = 0; i < special.length; i++) {
      if (special[i] != null) {
        roles.put(special[i], specialRoles[i]);
        expected++;
      }
    }
    if (roles.size() != expected || schema.fields().length != file.getFieldCount()) {
      return null; // one column in two roles, or a schema that does not map field for field
    }
    List<Type> fields = new ArrayList<>();
    List<ParquetRecords.Role> kinds = new ArrayList<>();
    List<Integer> indices = new ArrayList<>();
    List<Boolean> unsigned = new ArrayList<>();
    for (int i = 0; i < file.getFieldCount(); i++) {
      Type t = file.getType(i);
      StructField f = schema.fields()[i];
      ParquetRecords.Role role = roles.get(f.name());
      if (role == null) {
        continue;
      }
      if (!t.getName().equals(f.name()) || !readable(role, t, f.dataType())) {
        return null;
      }
      fields.add(t);
      kinds.add(role);
      indices.add(valueIndex.getOrDefault(f.name(), -1));
      unsigned.add(ParquetRecords.unsigned(role == ParquetRecords.Role.ARRAY ? leaf(t) : t));
    }
    boolean[] u = new boolean[unsigned.size()];
    for (int i = 0; i < u.length; i++) {
      u[i] = unsigned.get(i);
    }
    return new ParquetRecords.Projection(new MessageType(file.getName(), fields).toString(),
        kinds.toArray(new ParquetRecords.Role[0]), indices.stream().mapToInt(Integer::intValue).toArray(), u,
        c.values().size());
  }

  /** Whether the column readers read a column of this role as Spark's reader would. */
  private static boolean readable(ParquetRecords.Role role, Type t, DataType spark) {
    return switch (role) {
      case VALUE, LABEL, WEIGHT, ID -> plainNumber(t, spark);
      case KEY -> t.isPrimitive() && !t.isRepetition(Type.Repetition.REPEATED) && !ParquetRecords.unsigned(t)
          && (spark == DataTypes.StringType || spark == DataTypes.BooleanType || spark == DataTypes.ByteType
              || spark == DataTypes.ShortType || spark == DataTypes.IntegerType || spark == DataTypes.LongType);
      case ARRAY -> spark instanceof ArrayType a && arrayShape(t) && plainNumberType(a.elementType());
      case VECTOR -> vectorShape(t);
    };
  }

  private static boolean plainNumber(Type t, DataType spark) {
    return t.isPrimitive() && !t.isRepetition(Type.Repetition.REPEATED) && plainNumberType(spark);
  }

  private static boolean plainNumberType(DataType spark) {
    return spark == DataTypes.ByteType || spark == DataTypes.ShortType || spark == DataTypes.IntegerType
        || spark == DataTypes.LongType || spark == DataTypes.FloatType || spark == DataTypes.DoubleType;
  }

  /** A bare repeated number, or a LIST group whose repeated child is a number or a group of one number. */
  private static boolean arrayShape(Type t) {
    if (t.isPrimitive()) {
      return t.isRepetition(Type.Repetition.REPEATED);
    }
    if (t.isRepetition(Type.Repetition.REPEATED) || t.asGroupType().getFieldCount() != 1) {
      return false;
    }
    Type repeated = t.asGroupType().getType(0);
    if (!repeated.isRepetition(Type.Repetition.REPEATED)) {
      return false;
    }
    return repeated.isPrimitive() || (repeated.asGroupType().getFieldCount() == 1
        && repeated.asGroupType().getType(0).isPrimitive() && !repeated.asGroupType().getType(0).isRepetition(Type.Repetition.REPEATED));
  }

  /** The number inside an array column. */
  private static Type leaf(Type t) {
    while (!t.isPrimitive()) {
      t = t.asGroupType().getType(0);
    }
    return t;
  }

  /** Spark's Vector layout: a group of type, size, indices and values, the last two lists of numbers. */
  private static boolean vectorShape(Type t) {
    if (t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
      return false;
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Type child : t.asGroupType().getFields()) {
      String n = child.getName();
      boolean ok = switch (n) {
        case "type", "size" -> child.isPrimitive() && !child.isRepetition(Type.Repetition.REPEATED)
            && child.asPrimitiveType().getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT32;
        case "indices", "values" -> arrayShape(child) && !child.isPrimitive();
        default -> false;
      };
      if (!ok || !seen.add(n)) {
        return false;
      }
    }
    return seen.containsAll(List.of("type", "values"));
  }

  /** The length of the first non-null vector, in the order the partitions read (what the first rows hold). */
  private static int vectorLength(List<List<ParquetRecords.Split>> plan, ParquetRecords.Projection projection,
      HadoopConf conf, String vectorName) {
    // the first page almost always holds a non-null vector; else look through every partition in order
    int d = firstVectorLength(ParquetRecords.firstPage(plan.get(0).get(0), projection, conf.get()));
    for (int p = 0; d < 0 && p < plan.size(); p++) {
      d = firstVectorLength(new ParquetRecords(plan.get(p), projection, conf.get()));
    }
    if (d < 0) {
      throw new InvalidInputException("Parquet column " + vectorName + " holds only nulls");
    }
    return d;
  }

  /** The length of the first non-null vector the records hold, or −1 (closes them). */
  private static int firstVectorLength(ParquetRecords records) {
    try (records) {
      while (records.hasNext()) {
        ParquetRecords.Record r = records.next();
        if (r.vectorPresent) {
          return r.vectorType == 0 ? r.vectorSize : r.entryCount;
        }
      }
      return -1;
    } catch (IOException e) {
      throw new InvalidInputException("cannot read Parquet input: " + e.getMessage(), e);
    }
  }

  /** One partition per planned group of splits, each preferring the hosts that hold its first split. */
  private static JavaRDD<Object> planRdd(SparkSession spark, List<List<ParquetRecords.Split>> plan, Configuration conf) {
    List<Tuple2<Object, scala.collection.immutable.Seq<String>>> withHosts = new ArrayList<>(plan.size());
    for (List<ParquetRecords.Split> splits : plan) {
      ParquetRecords.Split s = splits.get(0);
      withHosts.add(new Tuple2<>(new ArrayList<>(splits), MatrixSource.hosts(s.file().path(), s.start(), s.length(), conf)));
    }
    return MatrixSource.rdd(spark, withHosts);
  }

  /** The rows through Spark's Parquet reader (a DataFrame), for columns only Spark converts. */
  private static MatrixInput openDataFrame(SparkSession spark, InputOptions options, List<InputFile> files,
      StructType schema, Columns c, Map<String, Integer> index, long[] offsets, String[] names) {
    String[] paths = files.stream().map(InputFile::path).toArray(String[]::new);
    Dataset<Row> df;
    try {
      df = spark.read().schema(schema).parquet(paths);
    } catch (RuntimeException e) {
      throw new InvalidInputException("cannot read Parquet input " + options.uri() + ": " + e.getMessage(), e);
    }
    List<Column> select = new ArrayList<>();
    if (c.vector() != null) {
      select.add(functions.col(c.vector()));
    } else {
      for (String n : c.values()) {
        select.add(functions.col(n));
      }
    }
    int fieldCount = select.size();
    int idField = -1;
    int labelField = -1;
    int keyField = -1;
    if (c.id() != null) {
      idField = fieldCount++;
      select.add(functions.col(c.id()));
    }
    if (c.label() != null) {
      labelField = fieldCount++;
      select.add(functions.col(c.label()));
    }
    if (c.key() != null) {
      keyField = fieldCount++;
      select.add(functions.col(c.key()).cast(DataTypes.StringType));
    }
    int weightField = -1;
    if (c.weight() != null) {
      weightField = fieldCount++;
      select.add(functions.col(c.weight()));
    }
    int fileField = fieldCount++;
    select.add(functions.col("_metadata.file_path").as(FILE));
    int rowField = fieldCount;
    select.add(functions.col("_metadata.row_index").as(ROW));
    Dataset<Row> selected = df.select(select.toArray(new Column[0]));

    int cols;
    if (c.vector() != null) {
      List<Row> firstRows = df.select(functions.col(c.vector())).filter(functions.col(c.vector()).isNotNull()).takeAsList(1);
      Row first = firstRows.isEmpty() ? null : firstRows.get(0);
      if (first == null) {
        throw new InvalidInputException("Parquet column " + c.vector() + " holds only nulls");
      }
      cols = vectorLength(first.get(0));
    } else {
      cols = c.values().size();
    }
    int[] valueFields = new int[c.vector() != null ? 0 : c.values().size()];
    for (int i = 0; i < valueFields.length; i++) {
      valueFields[i] = i;
    }
    Spec spec = new Spec(c.vector() != null ? 0 : -1, valueFields, c.values().toArray(new String[0]), idField,
        labelField, keyField, cols, options.badRows(), index, offsets, names, weightField);

    JavaRDD<Object> rows = plan(spark, selected, options, files);
    return new MatrixInput(spark, options, MatrixFormat.PARQUET, files, cols, rows,
        new ParquetRowSource(spec, fileField, rowField), true);
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

  /** Parquet keys are global row numbers: the file is the last one whose first row is at or before the key. */
  static int fileOfRow(long[] offsets, long rowKey) {
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

  /**
   * Converts Spark rows of one partition into matrix rows.
   *
   * @param fileField the column of the planned rows that holds the row's file
   * @param rowField the column that holds the row's index in its file
   */
  record ParquetRowSource(Spec spec, int fileField, int rowField) implements RowSourceFactory {
    @Override
    public int fileIndex(long rowKey) {
      return fileOfRow(spec.fileOffsets(), rowKey);
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
      return weighted(row, finite(r, field, "weight" + suffix), suffix);
    }

    /** {@code row} with the finite weight {@code w}, refused when negative ({@code suffix} ends the message). */
    static MatrixRow weighted(MatrixRow row, double w, String suffix) throws BadRowException {
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
    static MatrixRow vectorRow(Object value, int d, long key, long id, double label, String block) throws BadRowException {
      // an mllib vector as its ml twin: the same arrays, no copy, so one branch per kind reads both
      Object v = value instanceof org.apache.spark.mllib.linalg.Vector old ? old.asML() : value;
      if (v instanceof org.apache.spark.ml.linalg.SparseVector sv) {
        checkLength(sv.size(), d);
        return MatrixRow.sparse(key, id, label, block, sv.indices().clone(), checkFinite(sv.values().clone()));
      }
      if (v instanceof org.apache.spark.ml.linalg.DenseVector dv) {
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

    static void checkLength(int n, int d) throws BadRowException {
      if (n != d) {
        throw new BadRowException("vector has " + n + " entries, expected " + d + " (from the first row)");
      }
    }

    static double[] checkFinite(double[] v) throws BadRowException {
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
      return finite(!r.isNullAt(field), r.isNullAt(field) ? 0 : ((Number) r.get(field)).doubleValue(), what);
    }

    /** {@code v} when {@code present} and finite; else the bad row's reason ("null/NaN/±Inf " + what). */
    static double finite(boolean present, double v, String what) throws BadRowException {
      if (!present) {
        throw new BadRowException("null " + what);
      }
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
