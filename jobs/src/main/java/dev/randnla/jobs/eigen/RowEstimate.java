package dev.randnla.jobs.eigen;

import dev.randnla.io.InputFile;
import dev.randnla.io.MatrixFormat;
import dev.randnla.spark.MatrixInput;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * The row count n before any pass, for {@link AutoChoice}: Parquet footers give it exactly; for
 * text, the first 256 KB of the first file give the bytes per line (through the codec for a
 * compressed file, which also gives its compression ratio), and n ≈ total bytes / bytes per line.
 * A driver-side read of a few hundred kilobytes, not a pass.
 */
final class RowEstimate {
  static final int SAMPLE_BYTES = 256 << 10;

  private RowEstimate() {}

  /** @return the estimated rows, or NaN when the input gives no clue (an unreadable or empty first file) */
  static double rows(MatrixInput input) {
    Configuration conf = input.spark().sparkContext().hadoopConfiguration();
    try {
      if (input.format() == MatrixFormat.PARQUET) {
        long n = 0;
        for (InputFile f : input.files()) {
          try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(f.path()), conf))) {
            n += r.getRecordCount();
          }
        }
        return n;
      }
      InputFile first = null;
      for (InputFile f : input.files()) {
        if (f.length() > 0) {
          first = f;
          break;
        }
      }
      if (first == null) {
        return 0;
      }
      double[] sample = sample(first, conf);
      double bytesPerLine = sample[0];
      double ratio = sample[1];
      if (!(bytesPerLine > 0)) {
        return Double.NaN;
      }
      double bytes = 0;
      for (InputFile f : input.files()) {
        bytes += f.compressed() ? f.length() * ratio : f.length();
      }
      return bytes / bytesPerLine;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** [bytes per line, decompressed/compressed bytes] of the start of one file. */
  private static double[] sample(InputFile f, Configuration conf) throws IOException {
    Path p = new Path(f.path());
    FileSystem fs = p.getFileSystem(conf);
    CountingStream raw = new CountingStream(fs.open(p));
    InputStream in = raw;
    if (f.compressed()) {
      CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(p);
      in = codec == null ? raw : codec.createInputStream(raw);
    }
    try (InputStream s = in) {
      byte[] buf = new byte[8192];
      long total = 0;
      long lines = 0;
      long upToLastNewline = 0;
      while (total < SAMPLE_BYTES) {
        int r = s.read(buf, 0, (int) Math.min(buf.length, SAMPLE_BYTES - total));
        if (r < 0) {
          break;
        }
        for (int i = 0; i < r; i++) {
          if (buf[i] == '\n') {
            lines++;
            upToLastNewline = total + i + 1;
          }
        }
        total += r;
      }
      if (lines == 0) {
        return new double[] {total, 1};
      }
      double ratio = f.compressed() && raw.count > 0 ? (double) total / raw.count : 1;
      return new double[] {(double) upToLastNewline / lines, Math.max(1, ratio)};
    }
  }

  /** Counts the bytes read from the file itself. */
  private static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int r = super.read(b, off, len);
      if (r > 0) {
        count += r;
      }
      return r;
    }
  }
}
