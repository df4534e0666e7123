package dev.randnla.bench;

import java.util.List;
import org.apache.spark.sql.SparkSession;

/** One end-to-end benchmark: runs randnla and its MLlib (or naive) counterpart on the same input in one run. */
public abstract class BenchCase {
  private final String name;
  private final String description;

  /**
   * @param name the name used on the command line
   * @param description one line: what is compared
   */
  protected BenchCase(String name, String description) {
    this.name = name;
    this.description = description;
  }

  /** The name used on the command line. */
  public final String name() {
    return name;
  }

  /** One line: what is compared. */
  public final String description() {
    return description;
  }

  /**
   * Runs the case and returns Markdown lines (a table and notes).
   *
   * @param args the case's own options (--key=value)
   * @param workdir a local directory for generated inputs and outputs
   */
  public abstract List<String> run(SparkSession spark, Args args, String workdir) throws Exception;
}
