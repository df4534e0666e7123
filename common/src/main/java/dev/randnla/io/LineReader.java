package dev.randnla.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the lines of one split from a stream, straight into a reusable byte buffer (no String
 * per line). Line terminators are {@code \n} with an optional preceding {@code \r}; a UTF-8 byte
 * order mark at the start of a file is skipped. Positions are byte offsets of line starts in the
 * (decompressed) file, which is what makes row keys independent of splitting.
 *
 * <p>Ownership rule: a split [start, end) reads the lines that start in it. A split with
 * start > 0 is opened at start − 1 and skips through the first {@code \n}, so a line that begins
 * exactly at {@code start} is its own and a line straddling {@code start} belongs to the previous
 * split. Lines are read until the next line would start at or after {@code end}.
 */
public final class LineReader implements AutoCloseable {
  private final InputStream in;
  private final long end;
  private byte[] buf = new byte[1 << 16];
  private int lo;
  private int hi;
  private long bufPos;
  private boolean eof;
  private int lineStart;
  private int lineEnd;
  private long linePos;
  private boolean crlf;
  private boolean byteOrderMark;

  /**
   * @param in positioned at {@code openedAt}
   * @param openedAt the absolute position of the stream (start − 1 for a split with start > 0)
   * @param start the split start
   * @param end the split end
   */
  public LineReader(InputStream in, long openedAt, long start, long end) throws IOException {
    this.in = in;
    this.end = end;
    this.bufPos = openedAt;
    if (start > 0) {
      skipThroughNewline();
    } else {
      skipByteOrderMark();
    }
  }

  private void skipByteOrderMark() throws IOException {
    while (hi - lo < 3 && fill()) {
      // read at least three bytes if there are
    }
    if (hi - lo >= 3 && (buf[lo] & 0xff) == 0xef && (buf[lo + 1] & 0xff) == 0xbb && (buf[lo + 2] & 0xff) == 0xbf) {
      lo += 3;
      byteOrderMark = true;
    }
  }

  private void skipThroughNewline() throws IOException {
    while (true) {
      for (int i = lo; i < hi; i++) {
        if (buf[i] == '\n') {
          lo = i + 1;
          return;
        }
      }
      lo = hi;
      if (!fill()) {
        return;
      }
    }
  }

  /** Advances to the next owned line; false at the end of the split. */
  public boolean next() throws IOException {
    if (bufPos + lo >= end) {
      return false;
    }
    int scan = lo;
    while (true) {
      for (int i = scan; i < hi; i++) {
        if (buf[i] == '\n') {
          setLine(lo, i);
          lo = i + 1;
          return true;
        }
      }
      scan = hi;
      int kept = scan - lo;
      if (!fill()) {
        if (lo < hi) {
          setLine(lo, hi);
          lo = hi;
          return true;
        }
        return false;
      }
      scan = lo + kept;
    }
  }

  private void setLine(int s, int e) {
    lineStart = s;
    crlf = e > s && buf[e - 1] == '\r';
    lineEnd = crlf ? e - 1 : e;
    linePos = bufPos + s;
  }

  /** Reads more bytes, keeping buf[lo, hi); false at end of stream. */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    if (lo > 0) {
      System.arraycopy(buf, lo, buf, 0, hi - lo);
      bufPos += lo;
      hi -= lo;
      lo = 0;
    }
    if (hi == buf.length) {
      buf = java.util.Arrays.copyOf(buf, buf.length * 2);
    }
    int n = in.read(buf, hi, buf.length - hi);
    if (n < 0) {
      eof = true;
      return false;
    }
    hi += n;
    return true;
  }

  /** The buffer holding the current line (valid until the next call to {@link #next}). */
  public byte[] buffer() {
    return buf;
  }

  public int lineStart() {
    return lineStart;
  }

  public int lineEnd() {
    return lineEnd;
  }

  /** Whether the current line ended with {@code \r\n} (the {@code \r} is not part of the line). */
  public boolean crlf() {
    return crlf;
  }

  /** Whether a UTF-8 byte order mark was skipped at the start of the file. */
  public boolean byteOrderMark() {
    return byteOrderMark;
  }

  /** Byte offset of the current line's start in the (decompressed) file. */
  public long position() {
    return linePos;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
