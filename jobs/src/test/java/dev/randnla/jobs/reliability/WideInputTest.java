package dev.randnla.jobs.reliability;

import static dev.randnla.jobs.JobTestSupport.cli;
import static dev.randnla.jobs.JobTestSupport.number;
import static dev.randnla.jobs.JobTestSupport.section;
import static dev.randnla.jobs.JobTestSupport.summary;
import static dev.randnla.jobs.JobTestSupport.truth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.jobs.JobTestSupport.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, limits: a wide input that fits is handled without driver OOM — d = 5000
 * {@code eigen --method lanczos} in its own JVM with a 1 GB heap (driver and executors: local
 * mode), where a dense d×d Gram (200 MB, three copies) would not be affordable, gives the exact
 * top eigenvalue of the generated matrix, and its eigenvector within the Davis–Kahan bound of the
 * converged residual.
 */
class WideInputTest {
  @TempDir Path tmp;

  @Test
  void lanczosAtD5000FitsA1GbDriver() throws Exception {
    Path data = tmp.resolve("wide");
    Cli g = cli("generate", "--kind", "sparse", "--rows", "6000", "--cols", "5000", "--nnz-per-row", "4", "--seed", "5",
        "--format", "libsvm", "--output", data.toString(), "--quiet");
    assertEquals(0, g.code(), g.err());
    Path out = tmp.resolve("out");
    Path log = tmp.resolve("eigen.log");
    Process p = ChildJvm.start(log, "eigen", "--input", data.toString(), "--cols", "5000", "--method", "lanczos",
        "--output", out.toString(), "--quiet");
    try {
      assertTrue(p.waitFor(240, TimeUnit.SECONDS), "eigen finished");
    } finally {
      p.destroyForcibly();
    }
    assertEquals(0, p.exitValue(), Files.readString(log));
    Map<String, Object> truth = truth(data);
    Map<String, Object> result = section(summary(out), "result");
    double lambda = number(truth, "topEigenvalue");
    double theta = number(result, "eigenvalue");
    assertEquals(lambda, theta, 1e-9 * lambda);
    assertEquals(5000, number(section(summary(out), "input"), "cols"));
    assertEquals(Boolean.TRUE, result.get("converged"), result.toString());
    // Davis–Kahan: sin∠(x, v₁) ≤ ‖r‖/(θ − λ₂), ‖r‖ = relative residual·θ, λ₂ ≤ the light rows' bound (truth.json)
    double residual = doubles(result.get("relativeResiduals"))[0] * theta;
    double[] v = doubles(truth.get("topEigenvector"));
    double[] x = Arrays.stream(Files.readString(out.resolve("eigenvector.csv")).split("[,\\s]+"))
        .filter(t -> !t.isEmpty()).mapToDouble(Double::parseDouble).toArray();
    assertEquals(5000, x.length, "one eigenvector of d = 5000");
    // sin∠ as the norm of x̂'s component orthogonal to v̂ (√(1 − cos²) cannot resolve angles below √u ≈ 1.5e-8)
    double xn = Math.sqrt(Arrays.stream(x).map(t -> t * t).sum());
    double vn = Math.sqrt(Arrays.stream(v).map(t -> t * t).sum());
    double cos = 0;
    for (int i = 0; i < x.length; i++) {
      cos += (x[i] / xn) * (v[i] / vn);
    }
    double sinSquared = 0;
    for (int i = 0; i < x.length; i++) {
      double e = x[i] / xn - cos * v[i] / vn;
      sinSquared += e * e;
    }
    double sin = Math.sqrt(sinSquared);
    double bound = residual / (theta - number(truth, "lightSpectralNormSquaredBound"));
    assertTrue(sin <= bound + 1e-12, "eigenvector: sin angle " + sin + " > Davis–Kahan bound " + bound);
  }

  private static double[] doubles(Object list) {
    return ((List<?>) list).stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray();
  }
}
