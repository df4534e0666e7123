package dev.randnla.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineReaderTest {
  /** Reads the split [start, end) of {@code bytes} the way a task does. */
  static List<String> read(byte[] bytes, long start, long end, List<Long> positions) throws IOException {
    long openedAt = start > 0 ? start - 1 : 0;
    ByteArrayInputStream in = new ByteArrayInputStream(bytes, (int) openedAt, bytes.length - (int) openedAt);
    List<String> out = new ArrayList<>();
    try (LineReader r = new LineReader(in, openedAt, start, end)) {
      while (r.next()) {
        out.add(new String(r.buffer(), r.lineStart(), r.lineEnd() - r.lineStart(), StandardCharsets.UTF_8));
        if (positions != null) {
          positions.add(r.position());
        }
      }
    }
    return out;
  }

  @ParameterizedTest(name = "ending {0}")
  @ValueSource(strings = {"\n", "\r\n"})
  void everySplittingReadsEveryLineExactlyOnce(String eol) throws IOException {
    List<String> lines = List.of("1,2,3", "", "44,55,66", "7", "", "", "888888,9");
    String text = String.join(eol, lines) + eol;
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<Long> expectedPositions = new ArrayList<>();
    long p = 0;
    for (String l : lines) {
      expectedPositions.add(p);
      p += l.length() + eol.length();
    }
    for (int cut1 = 0; cut1 <= bytes.length; cut1++) {
      for (int cut2 = cut1; cut2 <= bytes.length; cut2++) {
        List<Long> pos = new ArrayList<>();
        List<String> got = new ArrayList<>(read(bytes, 0, cut1, pos));
        got.addAll(read(bytes, cut1, cut2, pos));
        got.addAll(read(bytes, cut2, bytes.length, pos));
        assertEquals(lines, got, "cuts at " + cut1 + ", " + cut2);
        assertEquals(expectedPositions, pos, "positions with cuts at " + cut1 + ", " + cut2);
      }
    }
  }

  @Test
  void lastLineWithoutNewlineAndByteOrderMark() throws IOException {
    byte[] body = "a,b\nc,d".getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[body.length + 3];
    withBom[0] = (byte) 0xef;
    withBom[1] = (byte) 0xbb;
    withBom[2] = (byte) 0xbf;
    System.arraycopy(body, 0, withBom, 3, body.length);
    assertEquals(List.of("a,b", "c,d"), read(withBom, 0, withBom.length, null));
  }

  @Test
  void longLinesGrowTheBuffer() throws IOException {
    String big = "x".repeat(200_000);
    byte[] bytes = (big + "\nshort\n" + big).getBytes(StandardCharsets.UTF_8);
    assertEquals(List.of(big, "short", big), read(bytes, 0, bytes.length, null));
    assertEquals(List.of("short", big), read(bytes, 10, bytes.length, null));
  }
}
