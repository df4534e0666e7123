package dev.randnla.jobs.shuffle;

import dev.randnla.io.InputOptions;
import dev.randnla.io.MatrixFormat;
import dev.randnla.io.MatrixRow;
import dev.randnla.io.RowTextWriter;
import dev.randnla.io.Summary;
import dev.randnla.io.UsageException;
import dev.randnla.jobs.InputParams;
import dev.randnla.jobs.JobFrame;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import dev.randnla.spark.FaultInjection;
import dev.randnla.spark.HadoopConf;
import dev.randnla.spark.JobRun;
import dev.randnla.spark.MatrixInput;
import dev.randnla.spark.TaskFiles;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * {@code shuffle} (docs/algorithms.md, shuffle): a copy of the input with its rows in a seeded, uniformly random
 * order, written once, for the random-order stream methods. Every row gets the sort key
 * (h, row key) with h = a 64-bit hash of (seed, row key) — the row key is a function of the row's
 * file and position, never of the partitioning, so the order is the same however the input is
 * split — and the rows are range-partitioned on h (uniform, so no sampling pass is needed) and
 * sorted within each output partition: file q holds the q-th range, and the files in name order
 * are the rows sorted by h, a uniformly random permutation (up to the hash's quality).
 *
 * <p>Cost: one pass over the input, one shuffle of the rows, one write; O(rows per output file) memory
 * per task for the sort (Spark spills to disk). The output directory appears atomically.
 */
public final class ShuffleJob {
  private ShuffleJob() {}

  /** The sort key: the hash as an unsigned 64-bit number, then the row key (a total, partition-free order). */
  static final class ShuffleKey implements Serializable {
    private static final long serialVersionUID = 1L;
    final long hash;
    final long rowKey;

    ShuffleKey(long hash, long rowKey) {
      this.hash = hash;
      this.rowKey = rowKey;
    }
  }

  /** Unsigned hash, then row key. */
  static final class KeyOrder implements Comparator<ShuffleKey>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(ShuffleKey a, ShuffleKey b) {
      int c = Long.compareUnsigned(a.hash, b.hash);
      return c != 0 ? c : Long.compare(a.rowKey, b.rowKey);
    }
  }

  /** Range partitioning on the hash's top 53 bits: monotone in {@link KeyOrder}, uniform in load. */
  static final class UniformRanges extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int parts;

    UniformRanges(int parts) {
      this.parts = parts;
    }

    @Override
    public int numPartitions() {
      return parts;
    }

    @Override
    public int getPartition(Object key) {
      long top = ((ShuffleKey) key).hash >>> 11;
      return (int) Math.min(parts - 1, Math.floor(top * 0x1.0p-53 * parts));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof UniformRanges u && u.parts == parts;
    }

    @Override
    public int hashCode() {
      return parts;
    }
  }

  /** The job's doors ({@link JobFrame}). */
  public static final JobFrame<ShuffleConfig, ShuffleResult> FRAME = JobFrame.of("shuffle", ShuffleJob::compute);

  private static ShuffleResult compute(JobRun run, ShuffleConfig config, MatrixInput input) {
    InputOptions in = config.input();
    MatrixFormat format = config.outputFormat() != null ? config.outputFormat() : input.format();
    int d = input.cols();
    boolean id = in.idCol() != null;
    boolean key = in.keyCol() != null;
    boolean label = in.labelCol() != null || input.format() == MatrixFormat.LIBSVM;
    String conflict = ShuffleConfig.libsvmOutputConflict(in, format);
    if (conflict != null) {
      throw new UsageException(conflict);
    }
    if (format != MatrixFormat.LIBSVM && format != MatrixFormat.PARQUET) {
      // a delimited row is written whole: d values as doubles and as text (issue 9, limits)
      dev.randnla.spark.Resources.requireTask(run.spark().sparkContext(), "shuffle: one " + format.cliName() + " row of "
          + d + " columns", 8L * d + 48L * d, "use --output-format libsvm or parquet, which keep sparse rows sparse");
    }
    int files = config.files() > 0 ? config.files() : input.numPartitions();
    long seed = config.seed();
    JavaPairRDD<ShuffleKey, MatrixRow> sorted = input.rowsWithStats()
        .mapToPair(r -> new Tuple2<>(new ShuffleKey(RandomStream.word(seed, Purpose.SHUFFLE_ORDER, r.key(), 0), r.key()), r))
        .repartitionAndSortWithinPartitions(new UniformRanges(files), new KeyOrder());
    long[] totals = run.stage("shuffle", () -> {
      run.spark().sparkContext().setJobDescription("shuffle: read, shuffle and write");
      return format == MatrixFormat.PARQUET
          ? writeParquet(run.spark(), run, input, sorted.values(), id, key, label)
          : writeText(run.spark(), run, sorted.values(), format, d, id, key, label, in.header());
    });
    boolean counted = input.recordRowsPass();
    run.recordInput(input, totals[1]);
    Summary s = run.summary();
    s.input("rows", totals[0]);
    InputParams.putSource(s, input);
    s.param("outputFormat", format.cliName());
    s.param("files", files);
    s.param("seed", seed);
    InputParams.putReading(s, input);
    s.result("rows", totals[0]);
    s.result("cols", d);
    s.result("nnz", totals[1]);
    s.result("files", files);
    if (!counted && in.badRows().skips()) {
      s.warn("Malformed rows were dropped (--bad-rows skip) but shuffle does not count them; run scan on the input "
          + "for the bad-row report.");
    }
    Summary done = run.finish(input);
    double seconds = JobFrame.seconds(done);
    return new ShuffleResult(totals[0], d, totals[1], files, format, input.passes(), seconds);
  }

  private static long[] writeText(SparkSession spark, JobRun run, JavaRDD<MatrixRow> rows, MatrixFormat format, int d,
      boolean id, boolean key, boolean label, boolean header) {
    String dir = run.output().tempUri();
    HadoopConf hc = new HadoopConf(spark.sparkContext().hadoopConfiguration());
    String ext = format.cliName();
    List<long[]> parts = rows.mapPartitionsWithIndex((q, it) -> {
      Path path = new Path(dir, String.format(Locale.ROOT, "part-%05d.%s", q, ext));
      // the rows of output partition q are a pure function of (seed, input), as TaskFiles needs
      long[] counts = TaskFiles.write(path, hc.get(), out -> {
        RowTextWriter w = new RowTextWriter(out, format, d, header, id, key, label);
        boolean libsvm = format == MatrixFormat.LIBSVM;
        while (it.hasNext()) {
          MatrixRow r = it.next();
          double lab = Double.isNaN(r.label()) ? 0.0 : r.label();
          w.write(r, id ? r.id() : null, key ? r.block() : null, label || libsvm ? lab : null);
        }
        w.finish();
        FaultInjection.maybeFail(q);
        return new long[] {w.rows(), w.nnz()};
      });
      return List.of(counts).iterator();
    }, true).collect();
    TaskFiles.removeLeftovers(new Path(dir), hc.get());
    return sum(parts);
  }

  private static long[] sum(List<long[]> parts) {
    long n = 0;
    long nnz = 0;
    for (long[] p : parts) {
      n += p[0];
      nnz += p[1];
    }
    return new long[] {n, nnz};
  }

  private static long[] writeParquet(SparkSession spark, JobRun run, MatrixInput input, JavaRDD<MatrixRow> rows,
      boolean id, boolean key, boolean label) {
    int d = input.cols();
    spark.sparkContext().setJobDescription("shuffle: probe the first row");
    List<MatrixRow> first = input.rows().take(1);
    boolean vector = input.format() == MatrixFormat.LIBSVM || (!first.isEmpty() && first.get(0).isSparse());
    List<StructField> fields = new ArrayList<>();
    if (id) {
      fields.add(DataTypes.createStructField("id", DataTypes.LongType, false));
    }
    if (key) {
      fields.add(DataTypes.createStructField("key", DataTypes.StringType, true));
    }
    if (label) {
      fields.add(DataTypes.createStructField("label", DataTypes.DoubleType, false));
    }
    fields.add(vector ? DataTypes.createStructField("features", SQLDataTypes.VectorType(), false)
        : DataTypes.createStructField("values", DataTypes.createArrayType(DataTypes.DoubleType, false), false));
    StructType schema = DataTypes.createStructType(fields);
    var rowsAcc = spark.sparkContext().longAccumulator("shuffle rows");
    var nnzAcc = spark.sparkContext().longAccumulator("shuffle nnz");
    JavaRDD<Row> out = rows.mapPartitions(FaultInjection::failAtEnd, true).map(r -> {
      Object[] cells = new Object[fields.size()];
      int c = 0;
      if (id) {
        cells[c++] = r.id();
      }
      if (key) {
        cells[c++] = r.block();
      }
      if (label) {
        cells[c++] = Double.isNaN(r.label()) ? 0.0 : r.label();
      }
      cells[c] = vector ? (r.isSparse() ? Vectors.sparse(d, r.indices(), r.values()) : Vectors.dense(r.values()))
          : r.toDense(d);
      rowsAcc.add(1);
      nnzAcc.add(r.nnz());
      return RowFactory.create(cells);
    });
    spark.sparkContext().setJobDescription("shuffle: read, shuffle and write parquet");
    run.writeParquetParts(spark.createDataFrame(out, schema));
    return new long[] {rowsAcc.value(), nnzAcc.value()};
  }
}
