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
 * The pre-flight of a command line: every check that needs no data, run before Spark starts by a
 * real run and by {@code --dry-run} alike (one code path, so a dry run that passes means the job
 * gets past these checks, and a real run refuses a bad command line in well under a second). A dry
 * run stops after the pre-flight; a real run goes on to start Spark.
 *
 * <p>What is checked: the options parse and the job's config record builds (every range and
 * conflict check of the job, exit code 2), and what the job prepares from it alone passes its own
 * checks ({@code generate}'s generator: the sizes its kind needs); every input named by the config
 * exists, holds non-empty data files and its first non-empty file can be read (exit code 3
 * otherwise), and its format is
 * given or follows from the file names (exit code 2); the config is then validated again with the
 * format the file names imply, so every check of the config record and of {@link InputOptions}
 * that depends on the format (regress's label column, LIBSVM's missing id and key columns, cluster's
 * block key, shuffle's LIBSVM output) holds for inputs whose format is detected too; id, label and
 * key columns named by the same name or index are refused; every output is absent, or
 * {@code --overwrite} is given and it is a directory, and the nearest existing ancestor is a
 * writable directory (exit code 2). Nothing is created, written or deleted. What is not checked:
 * what needs the data — the header and first row (named columns, the column count; read when the
 * job opens the input, after Spark started), the rows themselves (the first pass) — and limits that
 * depend on the column count or on memory (checked when the job starts).
 *
 * <p>Every command that builds its config through {@link Configs#build} gets the pre-flight: with
 * {@code --dry-run}, {@code Configs.build} ends the command with {@link Passed} (exit code 0) after
 * it. As a safety net, {@link Sessions#get} refuses to start Spark during a dry run, so a command
 * that skipped the pre-flight fails instead of running the job.
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
   * The pre-flight of {@code config}: checks its inputs and outputs — its {@link InputOptions} and
   * {@link OutputOptions} record components, or the object itself if it is one of them — and, for a
   * config record whose input format was left to detection, builds the record again with the detected
   * format so its compact constructor sees it. In a dry run, then throws {@link Passed} with a report.
   *
   * @throws InvalidInputException an input is missing, empty or unreadable (exit code 3)
   * @throws UsageException an output exists without --overwrite, or cannot be written, or the input format is unknown (exit code 2)
   * @throws IllegalArgumentException the config is invalid for the detected input format (exit code 2 through {@link Configs#build})
   */
  public static void preflight(Object config) {
    List<String> report = new ArrayList<>();
    Configuration conf = hadoopConfiguration();
    Object[] parts = parts(config);
    boolean detected = false;
    for (int i = 0; i < parts.length; i++) {
      if (parts[i] instanceof InputOptions in) {
        MatrixFormat format = checkInput(in, conf, report);
        if (in.format() == null) {
          parts[i] = in.withFormat(format);
          detected = true;
        }
        requireDistinctColumns(in);
      } else if (parts[i] instanceof OutputOptions out && out.enabled()) {
        report.add(checkOutput(out, conf));
      }
    }
    if (detected && config.getClass().isRecord()) {
      rebuild(config, parts);
    }
    if (requested()) {
      throw new Passed(String.join(System.lineSeparator(), report));
    }
  }

  /** The record components of a config record, or the object alone if it is an input or output. */
  private static Object[] parts(Object config) {
    if (config instanceof InputOptions || config instanceof OutputOptions || config == null
        || !config.getClass().isRecord()) {
      return new Object[] {config};
    }
    RecordComponent[] components = config.getClass().getRecordComponents();
    Object[] parts = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      try {
        parts[i] = components[i].getAccessor().invoke(config);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read " + components[i].getName() + " of "
            + config.getClass().getSimpleName(), e);
      }
    }
    return parts;
  }

  /**
   * Builds {@code config}'s record again from {@code parts} (its components with detected input
   * formats filled in), for the checks of its compact constructor that depend on the format; the
   * record built is dropped (the job detects the format again when it opens the input). A compact
   * constructor must therefore accept the components it normalised itself (a default it fills in
   * must not trip one of its checks).
   */
  private static void rebuild(Object config, Object[] parts) {
    RecordComponent[] components = config.getClass().getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
    }
    try {
      config.getClass().getDeclaredConstructor(types).newInstance(parts);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new IllegalStateException("cannot validate " + config.getClass().getSimpleName(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot validate " + config.getClass().getSimpleName(), e);
    }
  }

  /**
   * Id, label and key columns spelt the same cannot be different columns, whatever the header says
   * (the same message as {@link MatrixSource}'s check of resolved columns).
   */
  private static void requireDistinctColumns(InputOptions in) {
    List<String> named = new ArrayList<>();
    for (String c : new String[] {in.idCol(), in.labelCol(), in.keyCol()}) {
      if (c != null) {
        if (named.contains(c)) {
          throw new UsageException(MatrixSource.SAME_COLUMN);
        }
        named.add(c);
      }
    }
    if (in.weightCol() != null && named.contains(in.weightCol())) {
      throw new UsageException(MatrixSource.WEIGHT_SAME_COLUMN);
    }
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

  /** Checks one input, adds its report line, and returns its format (given or detected). */
  private static MatrixFormat checkInput(InputOptions in, Configuration conf, List<String> report) {
    List<InputFile> files = InputFiles.list(in.uri(), conf);
    MatrixFormat format = MatrixSource.format(in, files);
    // InputFiles.list refuses inputs of 0 bytes, so some file holds data
    InputFile first = files.stream().filter(f -> f.length() > 0).findFirst().orElse(files.get(0));
    Path p = new Path(first.path());
    try (InputStream s = p.getFileSystem(conf).open(p)) {
      if (s.read() < 0) {
        throw new InvalidInputException("cannot read " + first.path() + ": it ends before its first byte");
      }
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + first.path() + ": " + e.getMessage(), e);
    }
    report.add(String.format(Locale.ROOT, "  input  %s: %s, %d file(s), %d bytes", in.uri(), format.cliName(),
        files.size(), InputFiles.totalBytes(files)));
    if (!requested()) {
      MatrixSource.warmUp(in, files, conf);
    }
    return format;
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
