package dev.randnla.jobs.eigen;

import dev.randnla.io.InputFile;
import dev.randnla.io.LineNumbers;
import dev.randnla.io.MatrixFormat;
import dev.randnla.spark.MatrixInput;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * The row count n before any pass, for {@link AutoChoice}: Parquet footers give it exactly; for
 * uncompressed text, the lines in the first 256 KB of the first file give the bytes per line, and
 * n ≈ total bytes / bytes per line. A driver-side read of a few hundred kilobytes, not a pass.
 * Compressed text gives no estimate (its ratio is unknown without reading it all).
 */
final class RowEstimate {
  static final long SAMPLE_BYTES = 256 << 10;

  private RowEstimate() {}

  /** @return the estimated rows, or NaN when unknown (compressed text, an unreadable file) */
  static double rows(MatrixInput input) {
    Configuration conf = input.spark().sparkContext().hadoopConfiguration();
    if (input.inMemory()) {
      return input.knownRows() >= 0 ? input.knownRows() : Double.NaN;
    }
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
      double bytes = 0;
      InputFile first = null;
      for (InputFile f : input.files()) {
        if (f.compressed()) {
          return Double.NaN;
        }
        bytes += f.length();
        if (first == null && f.length() > 0) {
          first = f;
        }
      }
      if (first == null) {
        return 0;
      }
      long sample = Math.min(first.length(), SAMPLE_BYTES);
      long lines = LineNumbers.newlinesBefore(first.path(), sample, conf);
      if (lines == 0) {
        return sample == first.length() ? bytes / sample : Double.NaN;
      }
      return bytes / ((double) sample / lines);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }
}
