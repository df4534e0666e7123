package dev.randnla.jobs.leverage;

import dev.randnla.io.MatrixFormat;
import dev.randnla.io.MatrixRow;
import dev.randnla.io.RowText;
import dev.randnla.spark.FaultInjection;
import dev.randnla.spark.JobRun;
import dev.randnla.spark.MatrixInput;
import dev.randnla.spark.RowOutputs;
import dev.randnla.spark.RowSampling.SampledRow;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Writes a sampled coreset into {@code coreset/} in the input's format (docs/design.md §6): every row
 * as read (values and label unchanged) with its id and its importance weight wᵢ = 1/qᵢ, so the
 * sampled problem is the weighted one, min Σ wᵢ·|aᵢ·x − bᵢ|^p — for p = 2 exactly what
 * {@code regress --weight-col weight} (or any tool's sample weights) solves:
 *
 * <ul>
 *   <li>CSV/TSV: {@code id, weight[, label], x0, …, x(d−1)} (no header), {@code part-NNNNN.csv|tsv}:
 *       {@code --id-col 0 --weight-col 1 [--label-col 2]};
 *   <li>LIBSVM: {@code label index:value … # id=ID weight=W} — the SVMlight trailing comment, which
 *       SVMlight-style readers skip and randnla reads with {@code --weight-col weight};
 *       {@code part-NNNNN.libsvm};
 *   <li>Parquet: columns {@code id} (long), {@code weight}, {@code label} (when the input has one)
 *       and {@code features} (an ml Vector, dense or sparse as the row): {@code --id-col id
 *       --weight-col weight [--label-col label]}.
 * </ul>
 * Values are written in full precision ({@code Double.toString}), so they read back bit for bit.
 */
final class CoresetWriter {
  private CoresetWriter() {}

  static void write(JobRun run, MatrixInput input, JavaRDD<SampledRow> sampled) {
    if (run.output() == null) {
      return;
    }
    JavaRDD<SampledRow> kept = sampled.mapPartitions(FaultInjection::failAtEnd, true);
    String path = run.output().tempPath("coreset");
    MatrixFormat format = input.format();
    boolean label = format == MatrixFormat.LIBSVM || input.options().labelCol() != null;
    int d = input.cols();
    if (format == MatrixFormat.PARQUET) {
      writeParquet(run, kept, label, d, path);
      return;
    }
    char delimiter = format == MatrixFormat.TSV ? '\t' : ',';
    kept.map(s -> format == MatrixFormat.LIBSVM ? libsvmLine(s) : delimitedLine(s, label, d, delimiter)).saveAsTextFile(path);
    RowOutputs.nameTextParts(run.spark(), path, format.cliName());
  }

  static String delimitedLine(SampledRow s, boolean label, int d, char delimiter) {
    MatrixRow r = s.original();
    StringBuilder sb = new StringBuilder(32 + 24 * d);
    sb.append(r.id()).append(delimiter).append(s.weight()).append(delimiter);
    RowText.appendDelimited(sb, r, d, delimiter, null, null, label ? r.label() : null);
    return sb.substring(0, sb.length() - 1); // saveAsTextFile ends the line
  }

  static String libsvmLine(SampledRow s) {
    MatrixRow r = s.original();
    StringBuilder sb = new StringBuilder(64 + 24 * r.values().length);
    RowText.appendLibsvm(sb, r, Double.isNaN(r.label()) ? 0.0 : r.label());
    sb.setLength(sb.length() - 1); // the comment goes on the same line
    sb.append(" # id=").append(r.id()).append(" weight=").append(s.weight());
    return sb.toString();
  }

  private static void writeParquet(JobRun run, JavaRDD<SampledRow> kept, boolean label, int d, String path) {
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField("id", DataTypes.LongType, false));
    fields.add(DataTypes.createStructField("weight", DataTypes.DoubleType, false));
    if (label) {
      fields.add(DataTypes.createStructField("label", DataTypes.DoubleType, false));
    }
    fields.add(DataTypes.createStructField("features", SQLDataTypes.VectorType(), false));
    JavaRDD<Row> rows = kept.map(s -> {
      MatrixRow r = s.original();
      Object features = r.isSparse() ? Vectors.sparse(d, r.indices(), r.values()) : Vectors.dense(r.values());
      return label ? RowFactory.create(r.id(), s.weight(), r.label(), features)
          : RowFactory.create(r.id(), s.weight(), features);
    });
    run.spark().createDataFrame(rows, DataTypes.createStructType(fields)).write().mode(SaveMode.ErrorIfExists).parquet(path);
  }
}
