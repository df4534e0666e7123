package dev.randnla.io;

import com.esotericsoftware.kryo.DefaultSerializer;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A byte range of one text file, read by one task. A split owns the lines that start in
 * [start, end); a compressed file is one split covering the whole decompressed stream. It travels
 * as a partition, so Kryo reads it through {@link RecordSerializer}.
 *
 * @param file the file
 * @param start first byte
 * @param end one past the last byte ({@link Long#MAX_VALUE} for a whole compressed file)
 */
@DefaultSerializer(RecordSerializer.class)
public record TextSplit(InputFile file, long start, long end) implements Serializable {
  /**
   * Splits files for about {@code targetPartitions} tasks: a split is at most one file system
   * block and at most total/targetPartitions bytes, so small inputs still spread over the
   * requested partitions and large ones follow block boundaries (data locality).
   */
  public static List<TextSplit> plan(List<InputFile> files, int targetPartitions) {
    long total = InputFiles.totalBytes(files);
    long goal = Math.max(1, (total + Math.max(1, targetPartitions) - 1) / Math.max(1, targetPartitions));
    List<TextSplit> splits = new ArrayList<>();
    for (InputFile f : files) {
      if (f.compressed()) {
        splits.add(new TextSplit(f, 0, Long.MAX_VALUE));
        continue;
      }
      if (f.length() == 0) {
        continue;
      }
      long size = Math.max(1, Math.min(goal, f.blockSize() > 0 ? f.blockSize() : goal));
      for (long s = 0; s < f.length(); s += size) {
        splits.add(new TextSplit(f, s, Math.min(f.length(), s + size)));
      }
    }
    return splits;
  }

  public boolean wholeFile() {
    return end == Long.MAX_VALUE;
  }
}
