package dev.randnla.spark;

import dev.randnla.io.OutputOptions;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * Per-row results (scores, Q, U, residuals) written into a job's output as a subdirectory
 * (docs/design.md §6): Parquet with a {@code id} column and either named double columns or one
 * {@code values} array column; or, with {@code --row-output-format csv}, text part files
 * {@code part-NNNNN.csv} of {@code id,value…} lines with no header, every value in full precision.
 */
public final class RowOutputs {
  private RowOutputs() {}

  /**
   * @param columns names for the values of each row, or null for one {@code values} array column
   */
  public static void write(JobRun run, String name, JavaRDD<Tuple2<Long, double[]>> perRow, List<String> columns) {
    if (run.output() == null) {
      return;
    }
    String path = run.output().tempPath(name);
    JavaRDD<Tuple2<Long, double[]>> rows = perRow.mapPartitions(FaultInjection::failAtEnd, true);
    if (run.outputOptions().rowFormat() == OutputOptions.RowFormat.CSV) {
      rows.map(t -> {
        StringBuilder sb = new StringBuilder(16 + 22 * t._2().length);
        sb.append(t._1());
        for (double v : t._2()) {
          sb.append(',').append(v);
        }
        return sb.toString();
      }).saveAsTextFile(path);
      nameTextParts(run.spark(), path, "csv");
      return;
    }
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField("id", DataTypes.LongType, false));
    if (columns == null) {
      fields.add(DataTypes.createStructField("values", DataTypes.createArrayType(DataTypes.DoubleType, false), false));
    } else {
      for (String c : columns) {
        fields.add(DataTypes.createStructField(c, DataTypes.DoubleType, false));
      }
    }
    StructType schema = DataTypes.createStructType(fields);
    boolean asArray = columns == null;
    int width = columns == null ? 0 : columns.size();
    JavaRDD<Row> out = rows.map(t -> {
      Object[] values = new Object[asArray ? 2 : 1 + width];
      values[0] = t._1();
      if (asArray) {
        values[1] = t._2();
      } else {
        for (int j = 0; j < width; j++) {
          values[1 + j] = t._2()[j];
        }
      }
      return RowFactory.create(values);
    });
    run.spark().createDataFrame(out, schema).write().mode(SaveMode.ErrorIfExists).parquet(path);
  }

  private static final java.util.regex.Pattern SPARK_PART =
      java.util.regex.Pattern.compile("(part-\\d+)(?:-[0-9a-fA-F-]{36}-(c\\d+))?(?:\\.[a-z0-9]+)*");

  /**
   * The name a part file is given in an output: {@code part-NNNNN.EXT}, the partition number kept
   * (name order is row order) and Spark's writer UUID, file counter and codec dropped
   * ({@code part-00003-<uuid>-c000.snappy.parquet} → {@code part-00003.parquet}); a second file of
   * one task keeps its counter ({@code part-00003-c001.parquet}). Other names are kept.
   */
  static String partName(String sparkName, String ext) {
    java.util.regex.Matcher m = SPARK_PART.matcher(sparkName);
    if (!m.matches()) {
      return sparkName;
    }
    String counter = m.group(2) == null || m.group(2).equals("c000") ? "" : "-" + m.group(2);
    return m.group(1) + counter + "." + ext;
  }

  /**
   * Gives the part files {@code saveAsTextFile} wrote into {@code dir} the extension of their format
   * ({@code part-00000} → {@code part-00000.csv}), so the directory reads back as input without {@code --format}.
   */
  public static void nameTextParts(org.apache.spark.sql.SparkSession spark, String dir, String ext) {
    org.apache.hadoop.fs.Path d = new org.apache.hadoop.fs.Path(dir);
    try {
      org.apache.hadoop.fs.FileSystem fs = d.getFileSystem(spark.sparkContext().hadoopConfiguration());
      for (org.apache.hadoop.fs.FileStatus f : fs.listStatus(d)) {
        String name = f.getPath().getName();
        if (name.startsWith("part-") && !name.contains(".")
            && !fs.rename(f.getPath(), new org.apache.hadoop.fs.Path(d, partName(name, ext)))) {
          throw new java.io.IOException("cannot rename " + f.getPath());
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot name the part files of " + dir, e);
    }
  }
}
