package dev.randnla.jobs.demo;

import java.util.List;
import org.apache.spark.sql.SparkSession;

/** One job's part of the demo: runs the job on generated data and reports results beside the truth. */
public interface DemoStep {
  /** A line the demo prints before running the step. */
  String title();

  /**
   * @param workdir a local directory the step may write into (its own subdirectories)
   */
  List<DemoRow> run(SparkSession spark, String workdir, long seed);
}
