package dev.randnla.jobs;

import dev.randnla.io.UsageException;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The SparkSession for a command-line run. Under spark-submit the master and settings come from
 * it; run in-process (bin/randnla, tests) with no master set, the job runs on {@code local[*]}.
 * Only this class (on behalf of {@link Main}) ever chooses a master: the job API never does.
 */
public final class Sessions {
  private static SparkSession created;

  private Sessions() {}

  /**
   * The active session, or a new one (then {@link #stopIfCreated} stops it at the end). Refused
   * during {@code --dry-run}: a dry run never starts (or uses) Spark.
   */
  public static synchronized SparkSession get(String appName) {
    if (DryRun.requested()) {
      throw new UsageException(appName + " does not support --dry-run: its command reached Spark without "
          + "building its config through Configs.build");
    }
    SparkSession active = SparkSession.getActiveSession().isDefined() ? SparkSession.getActiveSession().get()
        : SparkSession.getDefaultSession().isDefined() ? SparkSession.getDefaultSession().get() : null;
    if (active != null && !active.sparkContext().isStopped()) {
      return active;
    }
    SparkConf conf = new SparkConf(true);
    SparkSession.Builder b = SparkSession.builder().appName(appName(conf, appName));
    if (!conf.contains("spark.master")) {
      b.master("local[*]");
    }
    if (!conf.contains("spark.ui.showConsoleProgress")) {
      b.config("spark.ui.showConsoleProgress", "false");
    }
    created = b.getOrCreate();
    return created;
  }

  /**
   * The application's name: the one spark-submit was given ({@code --name}, e.g. an Airflow task's
   * name), else the job's ({@code randnla scan}). Without {@code --name}, spark-submit names an
   * application after its main class, which says nothing about the job.
   */
  static String appName(SparkConf conf, String job) {
    String submitted = conf.contains("spark.app.name") ? conf.get("spark.app.name") : null;
    return submitted == null || submitted.isBlank() || submitted.equals(Main.class.getName()) ? job : submitted;
  }

  /**
   * Stops the session {@link #get} created, if any, telling Spark the run's exit code: on YARN in
   * client mode the ApplicationMaster reports the application FAILED when it is not 0 (a plain
   * {@code stop()} would report SUCCEEDED for a job that failed).
   */
  public static synchronized void stopIfCreated(int exitCode) {
    if (created != null) {
      created.sparkContext().stop(exitCode);
      created.stop();
      created = null;
    }
  }
}
