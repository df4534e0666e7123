package dev.randnla.io;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random byte mutations of valid CSV and LIBSVM files: the reader either returns rows or reports
 * a bad row (InvalidInputException in fail mode, a count in skip mode) — never another exception
 * type, never a hang. Seeded; 600 mutated files per format, well under the time limit.
 */
public class ParserFuzzTest {
  @TempDir Path tmp;

  static final String CSV = "1.5,-2,3e-4\n0,0,0\n\"4\",5.25,6\n7,8,9\n-1E+2,0.001,42\n";
  static final String LIBSVM = "1 1:0.5 3:2\n-1 2:1e-3\n0\n2 1:1 2:2 3:3 # c\n1 qid:3 3:7\n";

  public static byte[] mutate(byte[] in, SplittableRandom rnd) {
    byte[] b = in.clone();
    int edits = 1 + rnd.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int kind = rnd.nextInt(4);
      int at = rnd.nextInt(b.length);
      switch (kind) {
        case 0 -> b[at] = (byte) rnd.nextInt(256);
        case 1 -> b[at] = "0123456789.,-+eE:# \t\r\n\"xNaI".getBytes()[rnd.nextInt(27)];
        case 2 -> {
          byte[] c = new byte[b.length + 1];
          System.arraycopy(b, 0, c, 0, at);
          c[at] = (byte) rnd.nextInt(256);
          System.arraycopy(b, at, c, at + 1, b.length - at);
          b = c;
        }
        default -> {
          if (b.length > 1) {
            byte[] c = new byte[b.length - 1];
            System.arraycopy(b, 0, c, 0, at);
            System.arraycopy(b, at + 1, c, at, b.length - at - 1);
            b = c;
          }
        }
      }
    }
    return b;
  }

  void fuzz(String valid, TextLayout layout, long seed) throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    Configuration conf = new Configuration();
    for (int i = 0; i < 600; i++) {
      byte[] bytes = mutate(valid.getBytes(), rnd);
      Path f = tmp.resolve("f" + i);
      Files.write(f, bytes);
      InputFile file = new InputFile(f.toUri().toString(), 0, bytes.length, 1 << 20, false);
      for (BadRowPolicy policy : BadRowPolicy.values()) {
        int split = 1 + rnd.nextInt(Math.max(1, bytes.length));
        for (TextSplit s : new TextSplit[] {new TextSplit(file, 0, split), new TextSplit(file, split, bytes.length)}) {
          try (TextPartitionReader r = new TextPartitionReader(s, layout, policy, conf, 0, MatrixRow.NO_ID)) {
            while (r.hasNext()) {
              MatrixRow row = r.next();
              for (double v : row.values()) {
                assertTrue(Double.isFinite(v), "a returned row holds only finite values");
              }
              if (!row.isSparse()) {
                assertTrue(row.values().length == layout.cols(), "dense rows have d values");
              }
            }
          } catch (InvalidInputException e) {
            assertTrue(policy == BadRowPolicy.FAIL && e.getMessage().contains(f.getFileName().toString()),
                "only fail mode throws, naming the file: " + e.getMessage());
          } catch (RuntimeException e) {
            fail("mutation " + i + " (seed " + seed + ") threw " + e + " on " + new String(bytes));
          }
        }
      }
    }
  }

  @Test
  void csvReaderSurvivesMutations() {
    TextLayout layout = new TextLayout(MatrixFormat.CSV, false, null, 3, 3, -1, -1, -1);
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> fuzz(CSV, layout, 1));
  }

  @Test
  void libsvmReaderSurvivesMutations() {
    TextLayout layout = new TextLayout(MatrixFormat.LIBSVM, false, null, -1, 3, -1, 0, -1);
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> fuzz(LIBSVM, layout, 2));
  }
}
