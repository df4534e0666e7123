package dev.randnla.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * Expands an input URI (a file, a directory, or a glob, on any Hadoop file system) into its data
 * files in sorted path order — the order that defines row numbers. Directories are walked
 * recursively; names starting with {@code _} or {@code .} ({@code _SUCCESS}, {@code .crc}) and
 * {@code *.json} files (a job output's {@code summary.json}, a generator's {@code truth.json}) are
 * not data, so a {@code generate} output directory is a valid input. A missing path or an input with no data files is invalid input (exit code 3).
 */
public final class InputFiles {
  private InputFiles() {}

  public static List<InputFile> list(String uri, Configuration conf) {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException("--input is required");
    }
    Path path = new Path(uri);
    List<FileStatus> found = new ArrayList<>();
    try {
      FileSystem fs = path.getFileSystem(conf);
      FileStatus[] matches = fs.globStatus(path);
      if (matches == null || matches.length == 0) {
        throw new InvalidInputException("input not found: " + uri);
      }
      for (FileStatus m : matches) {
        if (m.isDirectory()) {
          walk(fs, m.getPath(), found);
        } else {
          found.add(m);
        }
      }
    } catch (FileNotFoundException e) {
      throw new InvalidInputException("input not found: " + uri, e);
    } catch (IOException e) {
      throw new InvalidInputException("cannot list input " + uri + ": " + e.getMessage(), e);
    }
    found.sort(Comparator.comparing(s -> s.getPath().toString()));
    if (found.isEmpty()) {
      throw new InvalidInputException("input " + uri + " holds no data files (an empty directory?)");
    }
    CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
    List<InputFile> files = new ArrayList<>(found.size());
    long total = 0;
    for (FileStatus s : found) {
      files.add(new InputFile(s.getPath().toString(), files.size(), s.getLen(), s.getBlockSize(),
          codecs.getCodec(s.getPath()) != null));
      total += s.getLen();
    }
    if (total == 0) {
      throw new InvalidInputException("input " + uri + " is empty (" + files.size() + " file(s), 0 bytes)");
    }
    return files;
  }

  private static void walk(FileSystem fs, Path dir, List<FileStatus> out) throws IOException {
    for (FileStatus s : fs.listStatus(dir)) {
      String name = s.getPath().getName();
      if (name.startsWith("_") || name.startsWith(".") || name.endsWith(".json")) {
        continue;
      }
      if (s.isDirectory()) {
        walk(fs, s.getPath(), out);
      } else {
        out.add(s);
      }
    }
  }

  /** Total bytes. */
  public static long totalBytes(List<InputFile> files) {
    long t = 0;
    for (InputFile f : files) {
      t += f.length();
    }
    return t;
  }
}
