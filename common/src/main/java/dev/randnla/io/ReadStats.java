package dev.randnla.io;

import com.esotericsoftware.kryo.DefaultSerializer;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What reading some partitions met: rows returned, blank lines passed over, bad rows skipped
 * (with the first few examples), per partition row counts. Mergeable; partitions are kept apart
 * so row numbers can be derived from prefix sums.
 */
public final class ReadStats implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Examples kept per partition and in a merged report. */
  public static final int MAX_EXAMPLES = 5;

  /**
   * One skipped row. It travels inside task results, so Kryo reads it through {@link RecordSerializer}.
   *
   * @param file the file
   * @param position byte offset (text) or row index (Parquet) of the row in the file
   * @param line 1-based line when known, else −1 (resolve with {@link LineNumbers})
   * @param splitStart the byte offset of the first line the reading split read
   * @param linesIntoSplit lines read in that split up to and including this one
   * @param reason why it is bad
   */
  @DefaultSerializer(RecordSerializer.class)
  public record BadRow(String file, long position, long line, long splitStart, long linesIntoSplit, String reason)
      implements Serializable {}

  private final java.util.TreeMap<Integer, Long> rowsByPartition = new java.util.TreeMap<>();
  private long blankLines;
  private long crlfLines;
  private long byteOrderMarks;
  private long badRows;
  private final List<BadRow> examples = new ArrayList<>();
  /** Files dropped whole under {@link BadRowPolicy#SKIP_FILES}: path → why. */
  private final java.util.TreeMap<String, String> droppedFiles = new java.util.TreeMap<>();

  public void addRows(int partition, long n) {
    rowsByPartition.merge(partition, n, Long::sum);
  }

  /** Sets the row count of a partition (readers keep a plain counter and publish it here). */
  public void setRows(int partition, long n) {
    rowsByPartition.put(partition, n);
  }

  public void addBlankLine() {
    blankLines++;
  }

  /** A line that ended with CR LF (read as if it ended with LF). */
  public void addCrlfLine() {
    crlfLines++;
  }

  /** A file that started with a UTF-8 byte order mark (skipped). */
  public void addByteOrderMark() {
    byteOrderMarks++;
  }

  public void addBadRow(BadRow example) {
    badRows++;
    if (examples.size() < MAX_EXAMPLES) {
      examples.add(example);
    }
  }

  /** A file whose rows are all dropped because its columns differ from the first file's. */
  public void addDroppedFile(String file, String reason) {
    droppedFiles.put(file, reason);
  }

  public ReadStats merge(ReadStats other) {
    other.rowsByPartition.forEach((p, n) -> rowsByPartition.merge(p, n, Long::sum));
    blankLines += other.blankLines;
    crlfLines += other.crlfLines;
    byteOrderMarks += other.byteOrderMarks;
    badRows += other.badRows;
    droppedFiles.putAll(other.droppedFiles);
    for (BadRow b : other.examples) {
      if (examples.size() < MAX_EXAMPLES) {
        examples.add(b);
      }
    }
    return this;
  }

  public long rows() {
    long t = 0;
    for (long n : rowsByPartition.values()) {
      t += n;
    }
    return t;
  }

  /** Rows per partition, 0 for partitions never seen, for {@code numPartitions} partitions. */
  /** The partitions these statistics cover, ascending. */
  public List<Integer> partitions() {
    return List.copyOf(rowsByPartition.keySet());
  }

  public long[] rowsPerPartition(int numPartitions) {
    long[] out = new long[numPartitions];
    rowsByPartition.forEach((p, n) -> {
      if (p < numPartitions) {
        out[p] = n;
      }
    });
    return out;
  }

  public long blankLines() {
    return blankLines;
  }

  public long crlfLines() {
    return crlfLines;
  }

  public long byteOrderMarks() {
    return byteOrderMarks;
  }

  public long badRows() {
    return badRows;
  }

  /** Files dropped whole (path → why), in path order. */
  public java.util.SortedMap<String, String> droppedFiles() {
    return java.util.Collections.unmodifiableSortedMap(droppedFiles);
  }

  public List<BadRow> examples() {
    return List.copyOf(examples);
  }

  /** Examples ordered by file and position (merge order depends on task completion). */
  public List<BadRow> sortedExamples() {
    List<BadRow> l = new ArrayList<>(examples);
    l.sort(java.util.Comparator.comparing(BadRow::file).thenComparingLong(BadRow::position));
    return l;
  }
}
