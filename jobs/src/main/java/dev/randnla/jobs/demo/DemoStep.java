package dev.randnla.jobs.demo;

import dev.randnla.io.OutputOptions;
import dev.randnla.io.Summary;
import dev.randnla.jobs.generate.GenerateConfig;
import dev.randnla.jobs.generate.MatrixKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** One job's part of the demo: runs the job on generated data and reports results beside the truth. */
public interface DemoStep {
  /** A line the demo prints before running the step. */
  String title();

  /**
   * @param workdir a local directory the step may write into (its own subdirectories)
   */
  List<DemoRow> run(SparkSession spark, String workdir, long seed);

  /**
   * The settings every step's generated input shares: {@code kind}, rows × cols, CSV in random order into
   * {@code dir} (replacing it), from {@code seed}, quietly; the step sets its kind's own parameters and builds.
   */
  static GenerateConfig.Builder generated(MatrixKind kind, long rows, int cols, String dir, long seed) {
    return GenerateConfig.builder().kind(kind).rows(rows).cols(cols).output(new OutputOptions(dir, true, null)).seed(seed)
        .quiet(true);
  }

  /** A step's output folder {@code workdir/name}, replaced on every run, rows in the job's default format. */
  static OutputOptions output(String workdir, String name) {
    return new OutputOptions(workdir + "/" + name, true, null);
  }

  /** The truth.json that {@code generate} wrote into {@code dir}, parsed. */
  static Map<String, Object> truth(SparkSession spark, String dir) {
    String uri = dir + "/truth.json";
    try {
      Path p = new Path(uri);
      try (InputStream in = p.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(p)) {
        return Summary.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + uri, e);
    }
  }
}
