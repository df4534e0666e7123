package dev.randnla.sketch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.randnla.io.CliEnums;
import dev.randnla.linalg.Matrix;
import org.junit.jupiter.api.Test;

/** Every {@link SketchKind} through the {@link LinearSketch} delegate equals the sketch it wraps. */
class LinearSketchTest {
  @Test
  void delegateEqualsTheWrappedSketch() {
    Matrix u = SketchEmbeddingTest.orthonormal(4);
    int d = u.cols();
    for (SketchKind kind : SketchKind.values()) {
      LinearSketch a = kind.create(60, d, 4, 11);
      LinearSketch b = kind.create(60, d, 4, 11);
      for (int i = 0; i < u.rows(); i++) {
        (i < 1000 ? a : b).update(i, u.row(i));
      }
      RowSketch<?, Matrix> direct = switch (kind) {
        case COUNTSKETCH -> new CountSketch(60, d, 11);
        case OSNAP -> new OsnapSketch(60, d, 4, 11);
        case GAUSSIAN -> new GaussianSketch(60, d, 11);
        case SRHT -> new BlockSrhtSketch(60, d, 11);
      };
      for (int i = 0; i < u.rows(); i++) {
        direct.update(i, u.row(i));
      }
      assertArrayEquals(direct.result().data(), a.merge(b).compact().result().data(), 1e-12, kind.cliName());
      assertEquals(u.rows(), a.rows());
      assertEquals(kind, CliEnums.parse(SketchKind.class, "--sketch", kind.cliName().toUpperCase()));
    }
  }

  @Test
  void kindsDoNotMix() {
    LinearSketch a = SketchKind.OSNAP.create(8, 2, 2, 1);
    assertThrows(IllegalArgumentException.class, () -> a.merge(SketchKind.COUNTSKETCH.create(8, 2, 2, 1)));
    assertThrows(IllegalArgumentException.class, () -> a.merge(a));
    assertThrows(IllegalArgumentException.class, () -> CliEnums.parse(SketchKind.class, "--sketch", "fft"));
  }
}
