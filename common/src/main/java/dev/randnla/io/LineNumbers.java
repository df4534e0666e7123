package dev.randnla.io;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * Turns a byte offset into a 1-based line number by counting newlines before it. Used only on
 * the error path (a split starting mid-file does not know how many lines precede it), so bad
 * input costs at most one extra read of a file prefix.
 */
public final class LineNumbers {
  private LineNumbers() {}

  /** Newlines in [0, offset) of the (decompressed) file. */
  public static long newlinesBefore(String file, long offset, Configuration conf) throws IOException {
    if (offset <= 0) {
      return 0;
    }
    Path p = new Path(file);
    FileSystem fs = p.getFileSystem(conf);
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(p);
    try (InputStream raw = fs.open(p);
        InputStream in = codec == null ? raw : codec.createInputStream(raw)) {
      byte[] buf = new byte[1 << 16];
      long seen = 0;
      long lines = 0;
      while (seen < offset) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, offset - seen));
        if (n < 0) {
          break;
        }
        for (int i = 0; i < n; i++) {
          if (buf[i] == '\n') {
            lines++;
          }
        }
        seen += n;
      }
      return lines;
    }
  }
}
