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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, limits: a wide input that fits is handled without driver OOM — d = 5000
 * {@code eigen --method lanczos} in its own JVM with a 1 GB heap (driver and executors: local
 * mode), where a dense d×d Gram (200 MB, three copies) would not be affordable, gives the exact
 * top eigenvalue of the generated matrix.
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
    Process p = SigtermTest.start(log, "eigen", "--input", data.toString(), "--cols", "5000", "--method", "lanczos",
        "--output", out.toString(), "--quiet");
    assertTrue(p.waitFor(240, TimeUnit.SECONDS), "eigen finished");
    assertEquals(0, p.exitValue(), Files.readString(log));
    double lambda = number(truth(data), "topEigenvalue");
    assertEquals(lambda, number(section(summary(out), "result"), "eigenvalue"), 1e-9 * lambda);
    assertEquals(5000, number(section(summary(out), "input"), "cols"));
  }
}
