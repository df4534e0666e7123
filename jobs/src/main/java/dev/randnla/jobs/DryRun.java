package dev.randnla.jobs;

import dev.randnla.io.InputFile;
import dev.randnla.io.InputFiles;
import dev.randnla.io.InputOptions;
import dev.randnla.io.InvalidInputException;
import dev.randnla.io.MatrixFormat;
import dev.randnla.io.OutputOptions;
import dev.randnla.io.UsageException;
import dev.randnla.spark.MatrixSource;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.security.AccessControlException;
import org.apache.spark.SparkConf;
import scala.Tuple2;

/**
 * {@code --dry-run}: checks a job's command line without starting Spark, for schedulers (an
 * Airflow DAG's rendered arguments) and for a user about to queue a long job.
 *
 * <p>What is checked: the options parse and the job's config record builds (every range check
 * of the job, exit code 2); every input named by the config exists, holds non-empty data files
 * and its first file can be read (exit code 3 otherwise), and its format is given or follows from
 * the file names (exit code 2); every output is absent, or {@code --overwrite} is given and it is
 * a directory, and the nearest existing ancestor is a writable directory (exit code 2). Nothing is
 * created, written or deleted. What is not checked: the rows themselves (the first pass does
 * that), and limits that depend on the data or on memory (checked when the job starts).
 *
 * <p>Every command that builds its config through {@link Configs#build} gets the check for free:
 * with {@code --dry-run}, {@code Configs.build} runs it on the config it just built and ends the
 * command with {@link Passed} (exit code 0). As a safety net, {@link Sessions#get} refuses to start
 * Spark during a dry run, so a command that skipped the check fails instead of running the job.
 *
 * <p>The Hadoop configuration is the one the job would get: {@code core-site.xml}/{@code hdfs-site.xml}
 * from the classpath (spark-submit puts {@code HADOOP_CONF_DIR} there) plus every {@code spark.hadoop.*}
 * setting of the Spark configuration (system properties under spark-submit).
 */
public final class DryRun {
  private static final ThreadLocal<Boolean> REQUESTED = ThreadLocal.withInitial(() -> false);

  private DryRun() {}

  /** Thrown to end a command whose dry run passed; its message lists the inputs and outputs checked (exit code 0). */
  public static final class Passed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Passed(String report) {
      super(report, null, false, false);
    }
  }

  /** Turns dry-run mode on or off for the command running on this thread (set by {@code --dry-run}). */
  static void request(boolean on) {
    REQUESTED.set(on);
  }

  /** Whether the command running on this thread is a dry run. */
  public static boolean requested() {
    return REQUESTED.get();
  }

  /** Ends dry-run mode (after a command line has run). */
  static void clear() {
    REQUESTED.remove();
  }

  /**
   * In a dry run, checks the inputs and outputs of {@code config} — its {@link InputOptions} and
   * {@link OutputOptions} record components, or the object itself if it is one of them — and throws
   * {@link Passed} with a report; outside a dry run, does nothing.
   *
   * @throws InvalidInputException an input is missing, empty or unreadable (exit code 3)
   * @throws UsageException an output exists without --overwrite, or cannot be written, or the input format is unknown (exit code 2)
   */
  public static void check(Object config) {
    if (!requested()) {
      return;
    }
    List<String> report = new ArrayList<>();
    Configuration conf = hadoopConfiguration();
    for (Object part : parts(config)) {
      if (part instanceof InputOptions in) {
        report.add(checkInput(in, conf));
      } else if (part instanceof OutputOptions out && out.enabled()) {
        report.add(checkOutput(out, conf));
      }
    }
    throw new Passed(String.join(System.lineSeparator(), report));
  }

  private static List<Object> parts(Object config) {
    List<Object> parts = new ArrayList<>();
    if (config instanceof InputOptions || config instanceof OutputOptions) {
      parts.add(config);
    } else if (config != null && config.getClass().isRecord()) {
      for (RecordComponent c : config.getClass().getRecordComponents()) {
        try {
          parts.add(c.getAccessor().invoke(config));
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new IllegalStateException("cannot read " + c.getName() + " of " + config.getClass().getSimpleName(), e);
        }
      }
    }
    return parts;
  }

  /** The Hadoop configuration a job would use, built without a SparkContext. */
  static Configuration hadoopConfiguration() {
    Configuration conf = new Configuration();
    for (Tuple2<String, String> kv : new SparkConf(true).getAll()) {
      if (kv._1().startsWith("spark.hadoop.")) {
        conf.set(kv._1().substring("spark.hadoop.".length()), kv._2());
      }
    }
    return conf;
  }

  private static String checkInput(InputOptions in, Configuration conf) {
    List<InputFile> files = InputFiles.list(in.uri(), conf);
    MatrixFormat format = in.format() != null ? in.format() : MatrixSource.detectFormat(files, in.uri());
    InputFile first = files.get(0);
    Path p = new Path(first.path());
    try (InputStream s = p.getFileSystem(conf).open(p)) {
      if (s.read() < 0) {
        throw new InvalidInputException("cannot read " + first.path() + ": it ends before its first byte");
      }
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + first.path() + ": " + e.getMessage(), e);
    }
    return String.format(Locale.ROOT, "  input  %s: %s, %d file(s), %d bytes", in.uri(), format.cliName(),
        files.size(), InputFiles.totalBytes(files));
  }

  private static String checkOutput(OutputOptions out, Configuration conf) {
    try {
      Path target = new Path(out.uri());
      FileSystem fs = target.getFileSystem(conf);
      target = fs.makeQualified(target);
      String state = "absent";
      FileStatus existing = status(fs, target);
      if (existing != null) {
        if (!out.overwrite()) {
          throw new UsageException("output " + target + " already exists (use --overwrite to replace it)");
        }
        if (!existing.isDirectory()) {
          throw new UsageException("output " + target + " exists and is a file, not a job output directory");
        }
        state = "exists; --overwrite replaces it";
      }
      Path ancestor = target.getParent();
      FileStatus found = ancestor == null ? null : status(fs, ancestor);
      while (ancestor != null && found == null) {
        ancestor = ancestor.getParent();
        found = ancestor == null ? null : status(fs, ancestor);
      }
      if (found != null) {
        if (!found.isDirectory()) {
          throw new UsageException("cannot write output " + target + ": " + ancestor + " is a file");
        }
        requireWritable(fs, ancestor, target);
      }
      return "  output " + target + ": " + state;
    } catch (IOException e) {
      throw new UsageException("cannot check output " + out.uri() + ": " + e.getMessage(), e);
    }
  }

  private static FileStatus status(FileSystem fs, Path p) throws IOException {
    try {
      return fs.getFileStatus(p);
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  /** The directory the job would create the output (or its temporary sibling) in must be writable. */
  private static void requireWritable(FileSystem fs, Path dir, Path target) throws IOException {
    if ("file".equals(dir.toUri().getScheme())) {
      // the local file system's permission model is the operating system's (root may write anywhere)
      if (!java.nio.file.Files.isWritable(java.nio.file.Path.of(dir.toUri()))) {
        throw new UsageException("cannot write output " + target + ": " + dir + " is not writable");
      }
      return;
    }
    try {
      fs.access(dir, FsAction.WRITE);
    } catch (AccessControlException e) {
      throw new UsageException("cannot write output " + target + ": " + e.getMessage(), e);
    }
  }
}
