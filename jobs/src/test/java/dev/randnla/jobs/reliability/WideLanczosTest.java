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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, Limits: a wide input that fits is handled without a driver OOM. {@code eigen --method
 * lanczos} on d = 5000 with a 1 GB driver heap (its own JVM, local mode): the driver holds only
 * d×b blocks (the Krylov basis), never a d×d matrix (200 MB), so the job succeeds and finds the
 * planted eigenvalue of the sparse generator.
 */
class WideLanczosTest {
  @TempDir Path tmp;

  @Test
  void lanczosOnFiveThousandColumnsFitsAGigabyteDriver() throws Exception {
    Path data = tmp.resolve("sparse");
    Cli g = cli("generate", "--kind", "sparse", "--rows", "20000", "--cols", "5000", "--nnz-per-row", "10",
        "--format", "libsvm", "--partitions", "2", "--seed", "9", "--output", data.toString(), "--quiet");
    assertEquals(0, g.code(), g.err());
    Map<String, Object> truth = truth(data);
    double lambda = number(truth, "topEigenvalue");
    Path out = tmp.resolve("eigen");
    Path log = tmp.resolve("eigen.log");
    Process p = ChildJvm.start(log, "eigen", "--method", "lanczos", "--input", data.toString(), "--cols", "5000",
        "--output", out.toString(), "--seed", "1", "--quiet");
    try {
      assertTrue(p.waitFor(3, TimeUnit.MINUTES), "the job finishes");
    } finally {
      p.destroyForcibly();
    }
    assertEquals(0, p.exitValue(), Files.readString(log));
    Map<String, Object> result = section(summary(out), "result");
    // converged to --tol (default): |θ − λ| ≤ ‖r‖²/gap ≤ ‖r‖ for a Ritz value with residual ‖r‖ ≤ tol·θ
    double theta = number(result, "eigenvalue");
    double residual = ((List<?>) result.get("relativeResiduals")).stream().mapToDouble(o -> ((Number) o).doubleValue())
        .max().orElseThrow();
    assertEquals(Boolean.TRUE, result.get("converged"), result.toString());
    assertEquals(lambda, theta, Math.max(residual, 1e-12) * lambda, "top eigenvalue against truth.json");
    // Davis–Kahan: sin∠(x, v₁) ≤ ‖r‖/(θ − λ₂), λ₂ ≤ the light rows' bound (truth.json)
    double[] v = ((List<?>) truth.get("topEigenvector")).stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray();
    double[] x = java.util.Arrays.stream(Files.readString(out.resolve("eigenvector.csv")).split("[,\\s]+"))
        .filter(t -> !t.isEmpty()).mapToDouble(Double::parseDouble).toArray();
    assertEquals(5000, x.length, "one eigenvector of d = 5000");
    double dot = 0;
    double xx = 0;
    for (int i = 0; i < x.length; i++) {
      dot += x[i] * v[i];
      xx += x[i] * x[i];
    }
    double sin = Math.sqrt(Math.max(0, 1 - dot * dot / xx));
    double bound = residual * theta / (theta - number(truth, "lightSpectralNormSquaredBound"));
    assertTrue(sin <= bound + 1e-12, "eigenvector: sin angle " + sin + " > Davis–Kahan bound " + bound);
  }
}
