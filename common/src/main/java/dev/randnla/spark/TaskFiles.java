package dev.randnla.spark;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;

/**
 * Part files written directly by tasks into a job's temporary output (generate, shuffle). Each
 * task attempt writes its own hidden file ({@value #ATTEMPT_PREFIX}…, skipped by readers) and
 * renames it into place once complete, so an attempt that failed or was lost with its executor
 * never blocks the retry with a partial file; the content must be a pure function of the task
 * (then a speculative copy that renamed first wrote the same bytes). Files are created
 * non-recursively: a task still running after its output was aborted (a shutdown hook deleting
 * the temporary directory) fails instead of creating the directory again.
 */
public final class TaskFiles {
  /** Name prefix of a file while one task attempt writes it. */
  public static final String ATTEMPT_PREFIX = "_attempt-";

  private TaskFiles() {}

  /** Writes the content of one file. */
  @FunctionalInterface
  public interface Body<T> {
    T write(OutputStream out) throws IOException;
  }

  /** Writes {@code path} through a hidden per-attempt file and returns what the body returned. */
  public static <T> T write(Path path, Configuration conf, Body<T> body) throws IOException {
    TaskContext task = TaskContext.get();
    Path attempt = new Path(path.getParent(), ATTEMPT_PREFIX + (task == null ? 0 : task.taskAttemptId()) + "-"
        + path.getName());
    FileSystem fs = path.getFileSystem(conf);
    T value;
    try (OutputStream out = new BufferedOutputStream(fs.createNonRecursive(attempt, true, 1 << 16,
        fs.getDefaultReplication(attempt), fs.getDefaultBlockSize(attempt), null), 1 << 20)) {
      value = body.write(out);
      out.flush();
    }
    if (!fs.rename(attempt, path)) {
      if (!fs.exists(path)) {
        throw new IOException("cannot rename " + attempt + " to " + path);
      }
      fs.delete(attempt, false);
    }
    return value;
  }

  /** Deletes what attempts that never finished left behind in {@code dir} (they died before their rename). */
  public static void removeLeftovers(Path dir, Configuration conf) {
    try {
      FileSystem fs = dir.getFileSystem(conf);
      for (FileStatus f : fs.listStatus(dir)) {
        if (f.getPath().getName().startsWith(ATTEMPT_PREFIX)) {
          fs.delete(f.getPath(), false);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean up " + dir, e);
    }
  }
}
