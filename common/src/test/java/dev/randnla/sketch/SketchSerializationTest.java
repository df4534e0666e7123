package dev.randnla.sketch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.randnla.linalg.Matrix;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Every row sketch survives serialization with rows still in its buffers, under Kryo (what Spark
 * uses in production) and under Java serialization: a copy made without {@code compact()} first has
 * the same row count and bitwise the same result as a twin that was compacted. Kryo copies fields
 * and skips transient ones, so a sketch whose buffers were folded only in {@code writeObject} would
 * lose its buffered rows here while still counting them.
 */
class SketchSerializationTest {
  private static final int D = 7;
  /** Fewer rows than any sketch's buffer holds, so all of them are still buffered when serialized. */
  private static final int ROWS = 37;
  private static final SerializerInstance KRYO = new KryoSerializer(new SparkConf()).newInstance();

  /** A sketch under test: how to make it, and what to re-attach after it travelled (broadcast operands). */
  record Case(String name, Supplier<RowSketch<?, ?>> make, UnaryOperator<RowSketch<?, ?>> reattach) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> sketches() {
    Matrix x = randomMatrix(D, 3, 5);
    LeverageScores scores = LeverageScores.fromFactor(Matrix.identity(D), 1e-12);
    return Stream.of(
        new Case("gram", () -> new GramSketch(D), s -> s),
        new Case("tsqr", () -> new TsqrSketch(D), s -> s),
        new Case("centred tsqr", () -> new CenteredTsqrSketch(D), s -> s),
        new Case("row factor", () -> new RowFactorSketch(D, 64), s -> s),
        new Case("gaussian", () -> new GaussianSketch(20, D, 11), s -> s),
        new Case("block srht", () -> new BlockSrhtSketch(32, D, 11), s -> s),
        new Case("countsketch", () -> new CountSketch(40, D, 11), s -> s),
        new Case("osnap", () -> new OsnapSketch(40, D, 3, 11), s -> s),
        new Case("column stats", () -> new ColumnStatsSketch(D), s -> s),
        new Case("gram product", () -> new GramProductSketch(x), s -> ((GramProductSketch) s).withX(x)),
        new Case("power step", () -> new PowerStepSketch(x, null, 6.0, 4, 8, 0, 2), s -> s),
        new Case("lewis pass", () -> new LewisPassSketch(scores, 1.0), s -> s),
        new Case("linear (gaussian)", () -> SketchKind.GAUSSIAN.create(20, D, 1, 11), s -> s),
        new Case("linear (block srht)", () -> SketchKind.SRHT.create(32, D, 1, 11), s -> s))
        .map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("sketches")
  void kryoCopyOfAnUncompactedSketchKeepsItsBufferedRows(Case c) {
    RowSketch<?, ?> travelled = filled(c);
    byte[] bytes = KRYO.serialize(travelled, tag()).array();
    RowSketch<?, ?> copy = c.reattach().apply(KRYO.deserialize(java.nio.ByteBuffer.wrap(bytes), tag()));
    assertSameAsCompacted(c, copy);
  }

  @ParameterizedTest
  @MethodSource("sketches")
  void javaCopyOfAnUncompactedSketchKeepsItsBufferedRows(Case c) throws Exception {
    RowSketch<?, ?> travelled = filled(c);
    RowSketch<?, ?> copy = c.reattach().apply(JavaSerialization.copy(travelled));
    assertSameAsCompacted(c, copy);
  }

  private static void assertSameAsCompacted(Case c, RowSketch<?, ?> copy) {
    RowSketch<?, ?> twin = filled(c).compact();
    assertEquals(twin.rows(), copy.rows(), c.name() + ": rows");
    assertTrue(twin.rows() > 0, c.name() + ": rows");
    assertEquals(D, copy.cols(), c.name() + ": cols");
    String where = sameBits(twin.result(), copy.result(), c.name());
    if (where != null) {
      fail(c.name() + ": the copy's result differs from the compacted twin's at " + where);
    }
  }

  /** A sketch with ROWS rows folded in (dense and sparse, one heavy), none compacted. */
  private static RowSketch<?, ?> filled(Case c) {
      RowSketch<?, ?> s = c.make().get();
    Random rnd = new Random(3);
    for (int i = 0; i < ROWS; i++) {
      double[] row = new double[D];
      for (int j = 0; j < D; j++) {
        row[j] = rnd.nextDouble() < 0.6 ? rnd.nextGaussian() : 0;
      }
      if (i == 5) {
        row[1] = 40; // a row far above the power step's threshold τ: a heavy-row candidate
      }
      if (i % 3 == 0) {
        int[] idx = java.util.stream.IntStream.range(0, D).filter(j -> row[j] != 0).toArray();
        s.update(i, idx, Arrays.stream(idx).mapToDouble(j -> row[j]).toArray());
      } else {
        s.update(i, row);
      }
    }
    return s;
  }

  /**
   * Null when a and b hold bitwise the same numbers (records by component, our classes by field,
   * arrays element by element), else the path of the first difference.
   */
  static String sameBits(Object a, Object b, String path) {
    if (a == null || b == null) {
      return a == b ? null : path + " (null on one side)";
    }
    if (a.getClass() != b.getClass()) {
      return path + " (" + a.getClass() + " vs " + b.getClass() + ")";
    }
    if (a instanceof double[] x) {
      return Arrays.equals(x, (double[]) b) ? null : path;
    }
    if (a instanceof long[] x) {
      return Arrays.equals(x, (long[]) b) ? null : path;
    }
    if (a instanceof int[] x) {
      return Arrays.equals(x, (int[]) b) ? null : path;
    }
    if (a instanceof Object[] x) {
      return sameBits(Arrays.asList(x), Arrays.asList((Object[]) b), path);
    }
    if (a instanceof List<?> x) {
      List<?> y = (List<?>) b;
      if (x.size() != y.size()) {
        return path + " (sizes " + x.size() + " and " + y.size() + ")";
      }
      for (int i = 0; i < x.size(); i++) {
        String w = sameBits(x.get(i), y.get(i), path + "[" + i + "]");
        if (w != null) {
          return w;
        }
      }
      return null;
    }
    if (a instanceof Double x) {
      return Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits((Double) b) ? null : path;
    }
    if (a instanceof Number || a instanceof Boolean || a instanceof String || a instanceof Enum<?>) {
      return a.equals(b) ? null : path;
    }
    try {
      if (a.getClass().isRecord()) {
        for (RecordComponent rc : a.getClass().getRecordComponents()) {
          String w = sameBits(rc.getAccessor().invoke(a), rc.getAccessor().invoke(b), path + "." + rc.getName());
          if (w != null) {
            return w;
          }
        }
        return null;
      }
      if (!a.getClass().getName().startsWith("dev.randnla.")) {
        return a.equals(b) ? null : path;
      }
      for (Class<?> k = a.getClass(); k != Object.class; k = k.getSuperclass()) {
        for (Field f : k.getDeclaredFields()) {
          int mod = f.getModifiers();
          if (Modifier.isStatic(mod) || Modifier.isTransient(mod)) {
            continue;
          }
          f.setAccessible(true);
          String w = sameBits(f.get(a), f.get(b), path + "." + f.getName());
          if (w != null) {
            return w;
          }
        }
      }
      return null;
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Matrix randomMatrix(int rows, int cols, long seed) {
    Random rnd = new Random(seed);
    Matrix m = new Matrix(rows, cols, new double[rows * cols]);
    for (int j = 0; j < cols; j++) {
      for (int i = 0; i < rows; i++) {
        m.set(i, j, rnd.nextGaussian());
      }
    }
    return m;
  }

  private static ClassTag<RowSketch<?, ?>> tag() {
    @SuppressWarnings("unchecked")
    ClassTag<RowSketch<?, ?>> t = (ClassTag<RowSketch<?, ?>>) (ClassTag<?>) ClassTag$.MODULE$.apply(RowSketch.class);
    return t;
  }
}
