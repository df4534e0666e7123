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
import org.apache.spark.sql.SparkSession;

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
   * which starts a fresh JVM for it and for {@code bin/randnla scan} in turn, as users run them.
   */
  private static List<String> naiveOnly(SparkSession spark, String file, int reps) throws Exception {
    JavaSparkContext jsc = new JavaSparkContext(spark.sparkContext());
    Timer.Timed<Double> naive = Timer.best(reps, () -> naiveSum(jsc, file));
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

  private static String[] row(String name, double s, long bytes, double ref) {
    return new String[] {name, String.format(Locale.ROOT, "%.2f", s), String.format(Locale.ROOT, "%.0f", bytes / 1e6 / s),
        String.format(Locale.ROOT, "%.2f", s / ref)};
  }
}
