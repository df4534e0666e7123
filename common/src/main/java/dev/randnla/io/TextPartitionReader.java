package dev.randnla.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * The rows of one text split: lines read by {@link LineReader}, parsed by {@link TextRowParser},
 * with the header checked, blank lines passed over and bad rows handled by the policy. Under
 * {@link BadRowPolicy#FAIL} the first bad row throws {@link InvalidInputException} naming the
 * file, the 1-based line and the reason; under {@link BadRowPolicy#SKIP} it is counted in
 * {@link #stats()} and dropped.
 *
 * <p>Row ids: when {@code firstId} is known (from the per-partition counts of an earlier pass) the
 * k-th row returned gets {@code firstId + k}; otherwise {@link MatrixRow#NO_ID}, unless the input
 * has an id column.
 */
public final class TextPartitionReader extends LookAheadIterator<MatrixRow> implements AutoCloseable {
  private final TextSplit split;
  private final TextLayout layout;
  private final BadRowPolicy policy;
  private final Configuration conf;
  private final int partition;
  private final long firstId;
  private final TextRowParser parser;
  private final LineReader lines;
  private final ReadStats stats = new ReadStats();
  private long linesRead;
  /** Lines that are neither blank nor the header, read so far. */
  private long dataLines;
  private long firstLinePos = -1;
  private long rowsReturned;

  public TextPartitionReader(TextSplit split, TextLayout layout, BadRowPolicy policy, Configuration conf,
      int partition, long firstId) {
    this.split = split;
    this.layout = layout;
    this.policy = policy;
    this.conf = conf;
    this.partition = partition;
    this.firstId = firstId;
    this.parser = new TextRowParser(layout);
    this.lines = open(split, conf);
    stats.setRows(partition, 0);
  }

  private static LineReader open(TextSplit split, Configuration conf) {
    String file = split.file().path();
    try {
      Path p = new Path(file);
      FileSystem fs = p.getFileSystem(conf);
      if (split.file().compressed()) {
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(p);
        InputStream in = codec.createInputStream(fs.open(p));
        return new LineReader(in, 0, 0, Long.MAX_VALUE);
      }
      FSDataInputStream in = fs.open(p);
      long openedAt = split.start() > 0 ? split.start() - 1 : 0;
      in.seek(openedAt);
      return new LineReader(in, openedAt, split.start(), split.end());
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  protected MatrixRow advance() {
    try {
      return readRow();
    } catch (IOException e) {
      throw new InvalidInputException("error reading " + split.file().path() + ": " + e.getMessage(), e);
    }
  }

  @Override
  protected void finished() {
    close();
  }

  private MatrixRow readRow() throws IOException {
    while (lines.next()) {
      linesRead++;
      if (lines.crlf()) {
        stats.addCrlfLine();
      }
      if (linesRead == 1 && split.start() == 0 && lines.byteOrderMark()) {
        stats.addByteOrderMark();
      }
      byte[] b = lines.buffer();
      int s = lines.lineStart();
      int e = lines.lineEnd();
      long pos = lines.position();
      if (firstLinePos < 0) {
        firstLinePos = pos;
      }
      if (linesRead == 1 && split.start() == 0 && layout.header()) {
        String h = new String(b, s, e - s, StandardCharsets.UTF_8);
        if (layout.headerLine() != null && !h.strip().equals(layout.headerLine().strip())) {
          throw new InvalidInputException("columns differ between files: the header of " + split.file().path()
              + " is '" + abbreviate(h) + "', the first file's is '" + abbreviate(layout.headerLine()) + "'");
        }
        continue;
      }
      if (TextRowParser.isBlank(b, s, e)) {
        stats.addBlankLine();
        continue;
      }
      dataLines++;
      long id = firstId == MatrixRow.NO_ID ? MatrixRow.NO_ID : firstId + rowsReturned;
      try {
        MatrixRow row = parser.parse(b, s, e, MatrixRow.key(split.file().index(), pos), id);
        rowsReturned++;
        return row;
      } catch (BadRowException ex) {
        String reason = ex.getMessage();
        String fix = "use --bad-rows skip to drop such rows";
        boolean firstOfFile = split.start() == 0 && dataLines == 1;
        if (firstOfFile && split.file().index() > 0 && reason.startsWith("ragged row")) {
          reason = otherColumns(b, s, e);
          if (policy != BadRowPolicy.SKIP_FILES) {
            throw new InvalidInputException(reason + "; fix or remove that file, or pass --bad-rows skip-files"
                + " to drop every such file whole (listed in summary.json)");
          }
          stats.addDroppedFile(split.file().path(), reason);
        } else if (firstOfFile && linesRead == 1 && !layout.header() && layout.format() != MatrixFormat.LIBSVM
            && reason.startsWith("non-numeric")) {
          fix = "if line 1 is a header row, pass --header";
        }
        if (policy == BadRowPolicy.FAIL) {
          long line = lineNumber();
          throw new InvalidInputException("bad row in " + split.file().path()
              + (line > 0 ? ", line " + line : ", byte " + pos) + ": " + reason + " (" + fix + ")");
        }
        stats.addBadRow(new ReadStats.BadRow(split.file().path(), pos,
            split.start() == 0 ? linesRead : -1, firstLinePos, linesRead, reason));
      }
    }
    return null;
  }

  /** Why the first data line of a later file does not fit: both files and their field counts. */
  private String otherColumns(byte[] b, int s, int e) {
    int fields = TextLayout.splitHeader(new String(b, s, e - s, StandardCharsets.UTF_8), layout.delimiter()).size();
    return "columns differ between files: " + split.file().path() + " has " + fields + " field(s) on line "
        + linesRead + ", the first file" + (layout.firstFile() == null ? "" : " " + layout.firstFile())
        + " has " + layout.fields();
  }

  private long lineNumber() {
    if (split.start() == 0) {
      return linesRead;
    }
    try {
      return LineNumbers.newlinesBefore(split.file().path(), firstLinePos, conf) + linesRead;
    } catch (IOException e) {
      return -1;
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }

  /** What this split met so far. */
  public ReadStats stats() {
    stats.setRows(partition, rowsReturned);
    return stats;
  }

  /** True once every owned line has been read. */
  public boolean exhausted() {
    return isDone();
  }

  @Override
  public void close() {
    try {
      lines.close();
    } catch (IOException e) {
      // closing a read stream: nothing left to lose
    }
  }
}
