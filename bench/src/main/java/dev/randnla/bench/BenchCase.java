package dev.randnla.bench;

import java.util.List;
import org.apache.spark.sql.SparkSession;

/** One end-to-end benchmark: runs randnla and its MLlib (or naive) counterpart on the same input in one run. */
public interface BenchCase {
  /** The name used on the command line. */
  String name();

  /** One line: what is compared. */
  String description();

  /**
   * Runs the case and returns Markdown lines (a table and notes).
   *
   * @param args the case's own options (--key=value)
   * @param workdir a local directory for generated inputs and outputs
   */
  List<String> run(SparkSession spark, Args args, String workdir) throws Exception;
}
