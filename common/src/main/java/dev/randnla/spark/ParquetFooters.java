package dev.randnla.spark;

import dev.randnla.io.InputFile;
import dev.randnla.io.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.execution.datasources.parquet.ParquetToSparkSchemaConverter;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What the footers of a Parquet input say, read on the driver without a Spark job: every file's
 * row count, and the schema, which every file must share. The schema is the one Spark would infer
 * from the first file (the Spark schema its writer stored in the footer, else the Parquet schema
 * converted by Spark's own rules), so columns resolve and are reported as before.
 */
record ParquetFooters(MessageType fileSchema, StructType schema, long[] rows) {
  /** The footer key under which Spark's writer stores the Spark schema as JSON. */
  private static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";
  /** Footers read at once. */
  private static final int READERS = 8;

  /**
   * Reads every file's footer (one small read per file, several at once).
   *
   * @throws InvalidInputException naming the file when one is not Parquet or its schema differs from the first file's
   */
  static ParquetFooters read(List<InputFile> files, Configuration conf) {
    FileMetaData[] meta = new FileMetaData[files.size()];
    long[] rows = new long[files.size()];
    // footers are small reads whose time is latency (a name node, an object store): read them in parallel
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(READERS, files.size())));
    try {
      List<Future<?>> reads = new ArrayList<>();
      for (InputFile f : files) {
        reads.add(pool.submit(() -> {
          try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(f.path()), conf))) {
            rows[f.index()] = r.getRecordCount();
            meta[f.index()] = r.getFileMetaData();
          }
          return null;
        }));
      }
      for (int i = 0; i < files.size(); i++) {
        await(reads.get(i), files.get(i), conf);
      }
    } finally {
      pool.shutdownNow();
    }
    StructType first = sparkSchema(meta[0]);
    for (int i = 1; i < files.size(); i++) {
      requireSameColumns(first, files.get(0).path(), sparkSchema(meta[i]), files.get(i).path());
    }
    return new ParquetFooters(meta[0].getSchema(), first, rows);
  }

  /** Waits for one file's footer; a file that is not Parquet is invalid input naming it. */
  private static void await(Future<?> read, InputFile f, Configuration conf) {
    Throwable e;
    try {
      read.get();
      return;
    } catch (ExecutionException x) {
      e = x.getCause();
    } catch (InterruptedException x) {
      Thread.currentThread().interrupt();
      e = x;
    }
    String why = MatrixSource.startsLikeParquet(f, conf) ? e.getMessage()
        : "it does not start with Parquet's magic bytes PAR1, so it is not a Parquet file"
            + " (text input? pass --format csv, tsv or libsvm)";
    throw new InvalidInputException("cannot read the Parquet footer of " + f.path() + ": " + why, e);
  }

  /** All rows of the input. */
  long totalRows() {
    long t = 0;
    for (long r : rows) {
      t += r;
    }
    return t;
  }

  /** The Spark schema of one file: the one its writer stored, else Spark's conversion of the Parquet schema. */
  private static StructType sparkSchema(FileMetaData meta) {
    String json = meta.getKeyValueMetaData().get(SPARK_SCHEMA_KEY);
    if (json != null) {
      try {
        if (DataType.fromJson(json) instanceof StructType s) {
          return s;
        }
      } catch (RuntimeException e) {
        // an unreadable stored schema: Spark also falls back to converting the Parquet schema
      }
    }
    // the session's settings (binaryAsString, int96AsTimestamp, …), as Spark's own reader converts
    return new ParquetToSparkSchemaConverter(SQLConf.get()).convert(meta.getSchema());
  }

  /** Files of one input must have the same columns (names, order, types; nullability may differ). */
  private static void requireSameColumns(StructType first, String firstPath, StructType other, String path) {
    StructField[] a = first.fields();
    StructField[] b = other.fields();
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String why = null;
      if (i >= a.length) {
        why = "it has an extra column '" + b[i].name() + "'";
      } else if (i >= b.length) {
        why = "it lacks column '" + a[i].name() + "'";
      } else if (!a[i].name().equals(b[i].name())) {
        why = "its column " + i + " is '" + b[i].name() + "', not '" + a[i].name() + "'";
      } else if (!DataType.equalsIgnoreNullability(a[i].dataType(), b[i].dataType())) {
        why = "its column '" + a[i].name() + "' is " + b[i].dataType().simpleString() + ", not "
            + a[i].dataType().simpleString();
      }
      if (why != null) {
        throw new InvalidInputException("the schema of Parquet file " + path + " differs from that of " + firstPath
            + ": " + why + " (every file of an input must have the same columns)");
      }
    }
  }
}
