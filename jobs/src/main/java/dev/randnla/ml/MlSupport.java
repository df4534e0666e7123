package dev.randnla.ml;

import dev.randnla.io.BadRowPolicy;
import dev.randnla.io.CliEnums;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.RowTransform;
import dev.randnla.spark.DatasetSource;
import dev.randnla.spark.MatrixInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What the Estimators and Models of this package share: Param factories, reading a DataFrame through
 * {@link DatasetSource}, schema checks that name the column, reading a vector value in a UDF, and the
 * saved form of a model (Spark ML's params metadata plus one Parquet row of named arrays).
 */
final class MlSupport {
  private MlSupport() {}

  /** A string Param restricted to the command-line spellings of an enum's constants (plus {@code extra}). */
  static <E extends Enum<E> & CliEnums.Named> Param<String> choice(Params parent, String name, String doc,
      Class<E> values, String... extra) {
    List<String> allowed = new ArrayList<>(Arrays.asList(extra));
    for (E e : values.getEnumConstants()) {
      allowed.add(e.cliName());
    }
    return new Param<>(parent, name, doc + " One of " + String.join(", ", allowed) + ".",
        ParamValidators.inArray(allowed));
  }

  /** A column-name Param. */
  static Param<String> column(Params parent, String name, String doc) {
    return new Param<>(parent, name, doc);
  }

  /** The {@code badRows} Param: fail (the CLI's exit 3, as an InvalidInputException) or skip. */
  static Param<String> badRows(Params parent) {
    return choice(parent, "badRows", "What to do with a row holding NaN, ±Inf or a null vector or label: fail (an "
        + "InvalidInputException naming the column, partition and row) or skip (drop and count it, like "
        + "--bad-rows skip).",
        BadRowPolicy.class);
  }

  /** Opens the rows of {@code data} as the job's input. */
  static MatrixInput open(Dataset<?> data, String featuresCol, String labelCol, String badRows) {
    return open(data, featuresCol, labelCol, null, badRows);
  }

  /** Opens the rows of {@code data} with a label and a weight column (each may be null) as the job's input. */
  static MatrixInput open(Dataset<?> data, String featuresCol, String labelCol, String weightCol, String badRows) {
    return DatasetSource.open(data, featuresCol, labelCol, weightCol,
        CliEnums.parse(BadRowPolicy.class, "badRows", badRows));
  }

  /** Opens the rows of {@code data} with {@code keyCol} as each row's block key, as the job's input. */
  static MatrixInput openKeyed(Dataset<?> data, String featuresCol, String keyCol, String badRows) {
    return DatasetSource.openKeyed(data, featuresCol, keyCol, CliEnums.parse(BadRowPolicy.class, "badRows", badRows));
  }

  /**
   * Checks the input columns and that {@code outputCol} is new; returns the schema with it appended.
   *
   * @throws IllegalArgumentException naming a missing or wrongly typed column, or an output column that exists
   */
  static StructType withOutput(StructType schema, String featuresCol, String outputCol, DataType outputType) {
    DatasetSource.requireVectorColumn(schema, featuresCol);
    return withNewColumn(schema, outputCol, outputType);
  }

  /**
   * Checks that {@code outputCol} is new; returns the schema with it appended (nullable).
   *
   * @throws IllegalArgumentException when the column exists
   */
  static StructType withNewColumn(StructType schema, String outputCol, DataType outputType) {
    if (Arrays.asList(schema.fieldNames()).contains(outputCol)) {
      throw new IllegalArgumentException("output column '" + outputCol + "' already exists");
    }
    return schema.add(new StructField(outputCol, outputType, true, org.apache.spark.sql.types.Metadata.empty()));
  }

  static StructType withVectorOutput(StructType schema, String featuresCol, String outputCol) {
    return withOutput(schema, featuresCol, outputCol, SQLDataTypes.VectorType());
  }

  /** Adds {@code outputCol} = Vᵀx for the rows x of {@code featuresCol} (null for a null vector). */
  static Dataset<Row> project(Dataset<?> dataset, String featuresCol, String outputCol, Matrix v) {
    double[][] columns = new double[v.cols()][];
    for (int j = 0; j < columns.length; j++) {
      columns[j] = v.column(j);
    }
    org.apache.spark.sql.api.java.UDF1<Object, Vector> f = x -> {
      if (x == null) {
        return null;
      }
      double[] y = new double[columns.length];
      for (int j = 0; j < y.length; j++) {
        y[j] = dot(x, columns[j]);
      }
      return org.apache.spark.ml.linalg.Vectors.dense(y);
    };
    return dataset.withColumn(outputCol, functions.udf(f, SQLDataTypes.VectorType()).apply(dataset.col(featuresCol)));
  }

  /**
   * Adds {@code outputCol} = x·M for the rows x of {@code featuresCol} (null for a null vector), mapped in the
   * blocks of the jobs' own passes over A·M, so bitwise the rows a job writes ({@link BlockMappedRows}).
   */
  static Dataset<Row> mapRows(Dataset<?> dataset, String featuresCol, String outputCol, RowTransform map) {
    Dataset<Row> frame = dataset.toDF();
    StructType schema = withVectorOutput(frame.schema(), featuresCol, outputCol);
    int column = frame.schema().fieldIndex(featuresCol);
    MapPartitionsFunction<Row, Row> f = rows -> StreamSupport.stream(Spliterators.spliteratorUnknownSize(
        new BlockMappedRows(rows, column, map), Spliterator.ORDERED), false).flatMap(List::stream).iterator();
    return frame.mapPartitions(f, Encoders.row(schema));
  }

  /** ⟨x, w⟩ for a vector value (ml Vector, dense or sparse, or an array of numbers); NaN for null. */
  static double dot(Object x, double[] w) {
    if (x == null) {
      return Double.NaN;
    }
    if (x instanceof SparseVector sv) {
      requireLength(sv.size(), w.length);
      double s = 0;
      int[] idx = sv.indices();
      double[] val = sv.values();
      for (int k = 0; k < idx.length; k++) {
        s += val[k] * w[idx[k]];
      }
      return s;
    }
    double[] a = denseValues(x, w.length);
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * w[j];
    }
    return s;
  }

  /** The entries of a dense ml Vector or of an array of numbers (a null entry is NaN), which must number d. */
  static double[] denseValues(Object x, int d) {
    double[] a = x instanceof DenseVector dv ? dv.values() : x instanceof Vector v ? v.toArray() : numbers(x);
    requireLength(a.length, d);
    return a;
  }

  static void requireLength(int n, int d) {
    if (n != d) {
      throw new IllegalArgumentException("vector has " + n + " entries, the model has " + d);
    }
  }

  private static double[] numbers(Object x) {
    scala.collection.Seq<?> s = (scala.collection.Seq<?>) x;
    double[] a = new double[s.size()];
    scala.collection.Iterator<?> it = s.iterator();
    for (int j = 0; j < a.length; j++) {
      Object v = it.next();
      a[j] = v == null ? Double.NaN : ((Number) v).doubleValue();
    }
    return a;
  }

  /** {@code m} as Spark ML's column-major matrix (a copy). */
  static DenseMatrix dense(Matrix m) {
    return new DenseMatrix(m.rows(), m.cols(), m.data().clone());
  }

  /**
   * Adds a model's matrix to the arrays it saves: its entries (column-major) under {@code name}, its rows and
   * columns under {@code shape} ({@link Saved#matrix} reads it back); returns {@code arrays}.
   */
  static Map<String, double[]> withMatrix(Map<String, double[]> arrays, String name, Matrix m) {
    arrays.put("shape", new double[] {m.rows(), m.cols()});
    arrays.put(name, m.data());
    return arrays;
  }

  /**
   * Writes the params metadata and one Parquet row of the summary and the named arrays, in name order
   * (under {@code data}).
   */
  static MLWriter writer(Params instance, Map<String, double[]> arrays, String summaryJson) {
    return writer(instance, arrays, Map.of(), summaryJson);
  }

  /** {@link #writer(Params, Map, String)} with named string arrays beside the numbers (e.g. block keys). */
  static MLWriter writer(Params instance, Map<String, double[]> arrays, Map<String, List<String>> texts,
      String summaryJson) {
    return new MLWriter() {
      @Override
      public void saveImpl(String path) {
        DefaultParamsWriter$.MODULE$.saveMetadata(instance, path, sparkSession());
        StructType schema = new StructType().add("summary", DataTypes.StringType);
        List<Object> values = new ArrayList<>();
        values.add(summaryJson);
        for (Map.Entry<String, double[]> e : new TreeMap<>(arrays).entrySet()) {
          schema = schema.add(e.getKey(), DataTypes.createArrayType(DataTypes.DoubleType, false));
          values.add(Arrays.stream(e.getValue()).boxed().toList());
        }
        for (Map.Entry<String, List<String>> e : texts.entrySet()) {
          schema = schema.add(e.getKey(), DataTypes.createArrayType(DataTypes.StringType, false));
          values.add(e.getValue());
        }
        Row row = RowFactory.create(values.toArray());
        sparkSession().createDataFrame(List.of(row), schema).repartition(1).write().parquet(path + "/data");
      }
    };
  }

  /** What a saved model's data row holds. */
  record Saved(String uid, Map<String, double[]> arrays, Map<String, List<String>> texts, String summaryJson) {
    /** The matrix {@link #withMatrix} saved under {@code name}. */
    Matrix matrix(String name) {
      double[] shape = arrays.get("shape");
      return new Matrix((int) shape[0], (int) shape[1], arrays.get(name));
    }
  }

  /** Reads what {@link #writer} wrote, builds the model with {@code make} and sets its params. */
  static <M extends Params> MLReader<M> reader(Class<M> type, java.util.function.Function<Saved, M> make) {
    return new MLReader<M>() {
      @Override
      public M load(String path) {
        var metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(), type.getName());
        Row row = sparkSession().read().parquet(path + "/data").first();
        Map<String, double[]> arrays = new LinkedHashMap<>();
        Map<String, List<String>> texts = new LinkedHashMap<>();
        for (StructField f : row.schema().fields()) {
          if (f.dataType() instanceof org.apache.spark.sql.types.ArrayType a) {
            if (a.elementType() == DataTypes.StringType) {
              texts.put(f.name(), List.copyOf(row.<String>getList(row.fieldIndex(f.name()))));
            } else {
              arrays.put(f.name(), row.<Double>getList(row.fieldIndex(f.name())).stream()
                  .mapToDouble(Double::doubleValue).toArray());
            }
          }
        }
        M model = make.apply(new Saved(metadata.uid(), arrays, texts, row.getString(row.fieldIndex("summary"))));
        metadata.getAndSetParams(model, scala.Option.empty());
        return model;
      }
    };
  }
}
