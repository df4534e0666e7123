package dev.randnla.bench;

import dev.randnla.io.InputOptions;
import dev.randnla.io.OutputOptions;
import dev.randnla.jobs.scan.ScanConfig;
import dev.randnla.jobs.scan.ScanJob;
import dev.randnla.jobs.scan.ScanResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/** {@code scan} against the naive Spark read a user would write (textFile, split, parseDouble), same CSV, one run. */
public final class ScanBench extends BenchCase {
  public ScanBench() {
    super("scan",
        "scan vs a naive textFile+split+parseDouble read of the same dense CSV");
  }

  @Override
  public List<String> run(SparkSession spark, Args args, String workdir) throws Exception {
    if (args.has("file")) {
      return naiveOnly(spark, args.get("file", null), args.getInt("reps", 1));
    }
    Inputs.Dense dense = Inputs.lowrankCsv(spark, args, workdir);
    int reps = args.getInt("reps", 3);
    String input = dense.path();
    long bytes = dense.bytes();
    JavaSparkContext jsc = new JavaSparkContext(spark.sparkContext());
    String files = input + "/part-*";
    Timer.Timed<Double> naive = null;
    Timer.Timed<ScanResult> scan = null;
    for (int r = 0; r < reps; r++) {
      Timer.Timed<Double> n = Timer.time(() -> naiveSum(jsc, files));
      Timer.Timed<ScanResult> s = Timer.time(() -> ScanJob.FRAME.run(spark,
          new ScanConfig(InputOptions.of(input), new OutputOptions(workdir + "/scan-out", true, null), true)));
      naive = naive == null || n.seconds() < naive.seconds() ? n : naive;
      scan = scan == null || s.seconds() < scan.seconds() ? s : scan;
    }
    List<String> out = new ArrayList<>();
    out.add(String.format(Locale.ROOT, "Input: %d x %d dense CSV, %.0f MB (%d significant digits), %d partitions' worth; best of %d.",
        dense.rows(), dense.cols(), bytes / 1e6, dense.digits(), spark.sparkContext().defaultParallelism(), reps));
    out.add("");
    Markdown.table(out, "| method | seconds | MB/s | ratio to scan |", "|---|---:|---:|---:|", List.of(
        row("randnla scan (one pass, validated, column stats)", scan.seconds(), bytes, scan.seconds()),
        row("naive textFile + split + parseDouble (sum only)", naive.seconds(), bytes, scan.seconds())));
    out.add("");
    out.add(String.format(Locale.ROOT, "scan is %.2fx faster than the naive read.", naive.seconds() / scan.seconds()));
    return out;
  }

  /**
   * The naive read alone on a user's CSV file or folder ({@code --file}), for {@code bench/scripts/read-floor.sh},
   * which starts a fresh JVM for it and for {@code bin/randnla scan} in turn, as users run them. A Parquet
   * file or folder is read as a Spark user reads one: a DataFrame, every number summed in Spark SQL.
   */
  private static List<String> naiveOnly(SparkSession spark, String file, int reps) throws Exception {
    JavaSparkContext jsc = new JavaSparkContext(spark.sparkContext());
    boolean parquet = file.endsWith(".parquet") || new java.io.File(file).isDirectory()
        && java.util.Arrays.stream(java.util.Objects.requireNonNull(new java.io.File(file).list()))
            .anyMatch(n -> n.endsWith(".parquet"));
    Timer.Timed<Double> naive = Timer.best(reps, () -> parquet ? parquetSum(spark, file) : naiveSum(jsc, file));
    return List.of(String.format(Locale.ROOT, "naive-read-seconds %.3f sum %s", naive.seconds(), naive.value()));
  }

  /** What a Spark user writes to read a dense CSV: textFile, split on commas, parseDouble; the sum keeps every value. */
  private static double naiveSum(JavaSparkContext jsc, String files) {
    return jsc.textFile(files).mapToDouble(line -> {
      double s = 0;
      for (String t : line.split(",")) {
        s += Double.parseDouble(t);
      }
      return s;
    }).sum();
  }

  /** What a Spark user writes to read Parquet: a DataFrame, each number column summed, each array column folded and summed. */
  private static double parquetSum(SparkSession spark, String path) {
    // the data files only: a randnla output folder also holds summary.json, which Spark would try to read
    Dataset<Row> df = spark.read().parquet(new java.io.File(path).isDirectory() ? path + "/*.parquet" : path);
    List<Column> sums = new ArrayList<>();
    for (StructField f : df.schema().fields()) {
      if (f.dataType() instanceof ArrayType) {
        sums.add(functions.sum(functions.expr("aggregate(`" + f.name() + "`, CAST(0 AS DOUBLE), (a, x) -> a + x)")));
      } else if (f.dataType() instanceof NumericType) {
        sums.add(functions.sum(functions.col(f.name()).cast("double")));
      }
    }
    Row r = df.agg(sums.get(0), sums.subList(1, sums.size()).toArray(new Column[0])).first();
    double total = 0;
    for (int i = 0; i < r.size(); i++) {
      total += r.getDouble(i);
    }
    return total;
  }

  private static String[] row(String name, double s, long bytes, double ref) {
    return new String[] {name, String.format(Locale.ROOT, "%.2f", s), String.format(Locale.ROOT, "%.0f", bytes / 1e6 / s),
        String.format(Locale.ROOT, "%.2f", s / ref)};
  }
}
