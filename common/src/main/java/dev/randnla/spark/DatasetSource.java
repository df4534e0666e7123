package dev.randnla.spark;

import dev.randnla.io.BadRowException;
import dev.randnla.io.BadRowPolicy;
import dev.randnla.io.InputOptions;
import dev.randnla.io.InvalidInputException;
import dev.randnla.io.MatrixFormat;
import dev.randnla.io.MatrixRow;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.linalg.distributed.RowMatrix;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;

/**
 * Opens data a Spark program already holds — a {@code Dataset<Row>} with a vector column (an ml
 * {@code Vector}, dense or sparse, MLlib's {@code features} convention, or {@code array<double>}), a
 * {@code JavaRDD} of ml vectors, or an MLlib {@code RowMatrix} — as a {@link MatrixInput}, with no
 * temporary files: every pass recomputes (or reads the cache of) the caller's data, partition by
 * partition, exactly as a file source re-reads its splits.
 *
 * <p>Rows, keys and ids: the data's own partitions are the input's partitions. A row's key (which
 * seeds per-row randomness) is {@code MatrixRow.key(partition, position in the partition)}, the
 * in-memory counterpart of a text file's (file, offset): stable for the same data in the same
 * partitioning, so seeded methods repeat bitwise; repartitioning the data changes the keys. Ids are
 * global row numbers once the first full pass has counted the partitions (as for text input).
 *
 * <p>Bad values (NaN, ±Inf, a null vector or label, a vector of another length) throw
 * {@link InvalidInputException} naming the column, partition and row — the CLI's exit-3 error —, or
 * are dropped and counted with {@link BadRowPolicy#SKIP}, like {@code --bad-rows skip}.
 *
 * <p>Cost: opening runs one small Spark job (the first non-null vector gives d); no pass.
 */
public final class DatasetSource {
  /** The URI scheme the input reports (summary.json's {@code input}), e.g. {@code dataframe:features}. */
  public static final String SCHEME = "dataframe:";

  private DatasetSource() {}

  /**
   * Opens the vector column {@code featuresCol} of {@code data}, with the numeric column
   * {@code labelCol} (or null) as each row's label.
   *
   * @throws IllegalArgumentException naming a column that is missing or of the wrong type
   */
  public static MatrixInput open(Dataset<?> data, String featuresCol, String labelCol, BadRowPolicy badRows) {
    return open(data, featuresCol, labelCol, null, badRows);
  }

  /**
   * Opens the vector column {@code featuresCol} of {@code data}, with the numeric columns {@code labelCol}
   * and {@code weightCol} (each may be null) as each row's label and weight. A weight must be finite and
   * ≥ 0 (0 leaves the row out), as {@code --weight-col} on files.
   *
   * @throws IllegalArgumentException naming a column that is missing or of the wrong type
   */
  public static MatrixInput open(Dataset<?> data, String featuresCol, String labelCol, String weightCol,
      BadRowPolicy badRows) {
    return open(data, featuresCol, labelCol, weightCol, null, badRows);
  }

  /**
   * Opens the vector column {@code featuresCol} of {@code data} with the column {@code keyCol} as each row's
   * block key ({@code MatrixRow.block()}, what {@code --key-col} gives the CLI): the value's string form, as
   * the Parquet reader casts it; a null key is a bad row.
   *
   * @throws IllegalArgumentException naming a column that is missing or of the wrong type
   */
  public static MatrixInput openKeyed(Dataset<?> data, String featuresCol, String keyCol, BadRowPolicy badRows) {
    return open(data, featuresCol, null, null, keyCol, badRows);
  }

  private static MatrixInput open(Dataset<?> data, String featuresCol, String labelCol, String weightCol, String keyCol,
      BadRowPolicy badRows) {
    requireVectorColumn(data.schema(), featuresCol);
    List<org.apache.spark.sql.Column> columns = new java.util.ArrayList<>(List.of(functions.col(featuresCol)));
    for (String numeric : java.util.Arrays.asList(labelCol, weightCol)) {
      if (numeric != null) {
        requireNumericColumn(data.schema(), numeric);
        columns.add(functions.col(numeric).cast("double"));
      }
    }
    if (keyCol != null) {
      requireKeyColumn(data.schema(), keyCol);
      columns.add(functions.col(keyCol).cast("string"));
    }
    Dataset<Row> selected = data.select(columns.toArray(new org.apache.spark.sql.Column[0]));
    List<Row> first = selected.filter(functions.col(featuresCol).isNotNull()).takeAsList(1);
    if (first.isEmpty()) {
      throw new InvalidInputException("DataFrame column '" + featuresCol + "' has no vectors (no rows, or only nulls)");
    }
    int cols = ParquetSource.vectorLength(first.get(0).get(0));
    @SuppressWarnings("unchecked")
    JavaRDD<Object> base = (JavaRDD<Object>) (JavaRDD<?>) selected.javaRDD();
    return open(data.sparkSession(), base, new Rows(featuresCol, labelCol, weightCol, keyCol, cols, badRows));
  }

  /** Opens an RDD of ml vectors (no labels); its partitions are the input's partitions. */
  public static MatrixInput open(JavaRDD<org.apache.spark.ml.linalg.Vector> rows, BadRowPolicy badRows) {
    List<org.apache.spark.ml.linalg.Vector> first = rows.filter(v -> v != null).take(1);
    if (first.isEmpty()) {
      throw new InvalidInputException("the RDD has no vectors (no rows, or only nulls)");
    }
    @SuppressWarnings("unchecked")
    JavaRDD<Object> base = (JavaRDD<Object>) (JavaRDD<?>) rows;
    return open(SparkSession.builder().getOrCreate(), base,
        new Rows("rows", null, null, null, first.get(0).size(), badRows));
  }

  /** Opens the rows of an MLlib {@code RowMatrix} (its {@code numCols()} is d). */
  public static MatrixInput open(RowMatrix matrix, BadRowPolicy badRows) {
    long d = matrix.numCols();
    if (d < 1 || d > Integer.MAX_VALUE - 8) {
      throw new InvalidInputException("the RowMatrix has " + d + " columns");
    }
    @SuppressWarnings("unchecked")
    JavaRDD<Object> base = (JavaRDD<Object>) (JavaRDD<?>) matrix.rows().toJavaRDD();
    return open(SparkSession.builder().getOrCreate(), base,
        new Rows("rows", null, null, null, (int) d, badRows));
  }

  /** True when the input was opened here (it has no files). */
  public static boolean isInMemory(MatrixInput input) {
    return input.uri().startsWith(SCHEME);
  }

  private static MatrixInput open(SparkSession spark, JavaRDD<Object> base, Rows rows) {
    InputOptions options = new InputOptions(SCHEME + rows.column, MatrixFormat.PARQUET, false, null, rows.labelCol,
        rows.keyCol, rows.column, -1, rows.policy, 0).withWeightCol(rows.weightCol);
    return new MatrixInput(spark, options, MatrixFormat.PARQUET, List.of(), rows.cols, base, rows, false);
  }

  /**
   * Checks that {@code name} is a vector column: an ml {@code Vector} (MLlib's VectorUDT) or an array of numbers.
   *
   * @throws IllegalArgumentException naming the column and, for a wrong type, the type it has
   */
  public static void requireVectorColumn(StructType schema, String name) {
    DataType t = columnType(schema, name);
    if (!ParquetSource.isVectorType(t)) {
      throw new IllegalArgumentException("column '" + name + "' must be a vector (ml.linalg.Vector) or array<double>, but is "
          + t.simpleString());
    }
  }

  /** Checks that {@code name} is a numeric column (a label). */
  public static void requireNumericColumn(StructType schema, String name) {
    DataType t = columnType(schema, name);
    if (!(t instanceof NumericType)) {
      throw new IllegalArgumentException("column '" + name + "' must be numeric, but is " + t.simpleString());
    }
  }

  /**
   * Checks that {@code name} can hold block keys: a string or a number (its string form is the key).
   *
   * @throws IllegalArgumentException naming the column and, for a wrong type, the type it has
   */
  public static void requireKeyColumn(StructType schema, String name) {
    DataType t = columnType(schema, name);
    if (!(t instanceof NumericType) && !(t instanceof StringType)) {
      throw new IllegalArgumentException("column '" + name + "' must be a string or a number (a block key), but is "
          + t.simpleString());
    }
  }

  private static DataType columnType(StructType schema, String name) {
    if (name == null || !List.of(schema.fieldNames()).contains(name)) {
      throw new IllegalArgumentException("column '" + name + "' does not exist; the columns are "
          + String.join(", ", schema.fieldNames()));
    }
    return schema.apply(name).dataType();
  }

  /**
   * Turns the elements of one partition (Spark rows [vector, label?, weight?, key?], or bare vectors) into matrix
   * rows.
   */
  private static final class Rows implements RowSourceFactory {
    private static final long serialVersionUID = 1L;
    private final String column;
    private final String labelCol;
    private final String weightCol;
    private final String keyCol;
    private final int cols;
    private final BadRowPolicy policy;

    /** Spark rows are [vector, label if labelCol, weight if weightCol, key if keyCol]; bare vectors have none. */
    Rows(String column, String labelCol, String weightCol, String keyCol, int cols, BadRowPolicy policy) {
      this.column = column;
      this.labelCol = labelCol;
      this.weightCol = weightCol;
      this.keyCol = keyCol;
      this.cols = cols;
      this.policy = policy;
    }

    /** In-memory keys encode the partition where text keys encode the file. */
    @Override
    public int fileIndex(long rowKey) {
      return -1;
    }

    @Override
    public PartitionRows open(int partition, Iterator<Object> base, long firstId) {
      String where = "DataFrame partition " + partition;
      return new ConvertedRows(partition, base, policy, "set badRows to skip to drop such rows") {
        private long at = -1;

        @Override
        protected MatrixRow convert(Object element, long converted) throws BadRowException {
          source = where;
          position = ++at;
          long id = firstId == MatrixRow.NO_ID ? MatrixRow.NO_ID : firstId + converted;
          return Rows.this.convert(element, MatrixRow.key(partition, at), id);
        }
      };
    }

    private MatrixRow convert(Object element, long key, long id) throws BadRowException {
      Object vector = element;
      double label = Double.NaN;
      String block = null;
      Row r = element instanceof Row row ? row : null;
      if (r != null) {
        vector = r.get(0);
        if (labelCol != null) {
          label = ParquetSource.ParquetRowSource.finite(r, 1, "in column '" + labelCol + "'");
        }
        if (keyCol != null) {
          int at = r.size() - 1;
          if (r.isNullAt(at)) {
            throw new BadRowException("null block key in column '" + keyCol + "'");
          }
          block = r.getString(at);
        }
      }
      if (vector == null) {
        throw new BadRowException("null vector in column '" + column + "'");
      }
      MatrixRow row;
      try {
        row = ParquetSource.ParquetRowSource.vectorRow(vector, cols, key, id, label, block);
      } catch (BadRowException e) {
        throw new BadRowException(e.getMessage() + " in column '" + column + "'");
      }
      return weightCol == null ? row
          : ParquetSource.ParquetRowSource.weighted(row, r, labelCol == null ? 1 : 2, "in column '" + weightCol + "'");
    }
  }
}
