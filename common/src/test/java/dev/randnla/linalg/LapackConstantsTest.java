package dev.randnla.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * F2J's LAPACK computes its machine constants lazily in unsynchronised static fields, so the first
 * LAPACK calls of two tasks racing could leave wrong constants for the JVM's life (found by the
 * bitwise re-run check: {@code cluster --block-rank} gave other last bits, or {@code dgesdd} failed,
 * in about one JVM in five). {@link Blas} computes them while it is initialised. This test looks at a
 * fresh JVM, where nothing else can have called LAPACK first: once {@code Blas} is loaded, and before
 * any kernel runs, the constants are there and right (ε = 2⁻⁵³ for IEEE doubles with rounding).
 */
class LapackConstantsTest {
  /** Run in the child JVM: loads Blas and prints F2J's dlamch state without calling LAPACK. */
  public static void main(String[] args) throws Exception {
    String impl = Blas.implementation();
    if (!impl.contains("F2j")) {
      System.out.println("not-f2j " + impl);
      return;
    }
    Class<?> dlamch = Class.forName("org.netlib.lapack.Dlamch");
    boolean first = dlamch.getField("first").getBoolean(null);
    Object eps = dlamch.getField("eps").get(null);
    double e = eps.getClass().getField("val").getDouble(eps);
    System.out.println("first=" + first + " eps=" + Double.toHexString(e));
  }

  @Test
  void machineConstantsAreComputedWhenBlasIsLoaded() throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
        "--add-modules=jdk.incubator.vector", LapackConstantsTest.class.getName()))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    p.waitFor(60, TimeUnit.SECONDS);
    assumeTrue(!out.startsWith("not-f2j"), "a native LAPACK initialises itself: " + out);
    assertEquals("first=false eps=0x1.0p-53", out);
  }
}
