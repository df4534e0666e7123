package dev.randnla.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A job's output directory, written atomically (docs/design.md §6): everything goes into a hidden
 * temporary sibling, {@code _SUCCESS} is written last, and {@link #commit} renames the sibling into
 * place. A job that fails calls {@link #abort}, which deletes the sibling, so the output path
 * never holds a partial result. With {@code overwrite}, an existing output is moved aside, the new
 * one renamed in, and only then the old one deleted; a failure before commit leaves the old one.
 *
 * <p>On HDFS a directory rename is atomic. On a local file system it is a single rename(2).
 */
public final class OutputDirectory {
  private final FileSystem fs;
  private final Path target;
  private final Path temp;
  private final boolean overwrite;
  private boolean finished;

  private OutputDirectory(FileSystem fs, Path target, Path temp, boolean overwrite) {
    this.fs = fs;
    this.target = target;
    this.temp = temp;
    this.overwrite = overwrite;
  }

  /**
   * Checks the target and creates the temporary sibling. Refuses (exit code 2) an existing target
   * without {@code overwrite}, before any work is done.
   */
  public static OutputDirectory create(String uri, boolean overwrite, Configuration conf) {
    if (uri == null || uri.isBlank()) {
      throw new UsageException("--output is required");
    }
    try {
      Path target = new Path(uri);
      FileSystem fs = target.getFileSystem(conf);
      target = fs.makeQualified(target);
      if (fs.exists(target)) {
        if (!overwrite) {
          throw new UsageException("output " + target + " already exists (use --overwrite to replace it)");
        }
        if (!fs.getFileStatus(target).isDirectory()) {
          throw new UsageException("output " + target + " exists and is a file, not a job output directory");
        }
      }
      Path parent = target.getParent();
      if (parent != null && !fs.exists(parent) && !fs.mkdirs(parent)) {
        throw new UsageException("cannot create the parent directory of output " + target);
      }
      Path temp = new Path(parent, "." + target.getName() + ".randnla-tmp-" + UUID.randomUUID());
      if (!fs.mkdirs(temp)) {
        throw new UsageException("cannot create a temporary output directory next to " + target);
      }
      return new OutputDirectory(fs, target, temp, overwrite);
    } catch (IOException e) {
      throw new UsageException("cannot prepare output " + uri + ": " + e.getMessage(), e);
    }
  }

  /** The final location. */
  public String uri() {
    return target.toString();
  }

  /** The temporary directory everything is written into until commit. */
  public String tempUri() {
    return temp.toString();
  }

  /** The temporary path of a file or subdirectory of the output. */
  public String tempPath(String name) {
    return new Path(temp, name).toString();
  }

  /** Creates a file in the temporary directory. */
  public OutputStream create(String name) {
    try {
      return fs.create(new Path(temp, name), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + name + " in " + temp, e);
    }
  }

  /** Writes a UTF-8 text file into the temporary directory. */
  public void writeText(String name, String content) {
    try (OutputStream out = create(name)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + name + " in " + temp, e);
    }
  }

  /** Writes {@code _SUCCESS} and renames the temporary directory into place. */
  public synchronized void commit() {
    if (finished) {
      throw new IllegalStateException("output already committed or aborted");
    }
    try {
      writeText("_SUCCESS", "");
      Path old = null;
      if (fs.exists(target)) {
        if (!overwrite) {
          throw new UsageException("output " + target + " appeared while the job ran (use --overwrite to replace it)");
        }
        old = new Path(target.getParent(), "." + target.getName() + ".randnla-old-" + UUID.randomUUID());
        if (!fs.rename(target, old)) {
          throw new IOException("cannot move the previous output " + target + " aside");
        }
      }
      if (!fs.rename(temp, target)) {
        if (old != null) {
          fs.rename(old, target);
        }
        throw new IOException("cannot rename " + temp + " to " + target);
      }
      finished = true;
      if (old != null) {
        fs.delete(old, true);
      }
    } catch (IOException e) {
      abort();
      throw new UncheckedIOException("cannot commit output " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Deletes the temporary directory; the target is left as it was. Safe to call twice. Tasks may
   * still be writing (a shutdown hook runs beside them), and a file created while the directory is
   * being deleted makes the delete leave it behind, so the delete is repeated until the directory
   * is gone (tasks that write afterwards fail: part files are created non-recursively).
   */
  public synchronized void abort() {
    if (finished) {
      return;
    }
    finished = true;
    try {
      for (int attempt = 0; attempt < 20; attempt++) {
        fs.delete(temp, true);
        if (!fs.exists(temp)) {
          return;
        }
        Thread.sleep(100);
      }
      System.err.println("randnla: could not delete temporary output " + temp + ": files keep appearing");
    } catch (IOException e) {
      System.err.println("randnla: could not delete temporary output " + temp + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public boolean isFinished() {
    return finished;
  }
}
