package dev.randnla.jobs.scan;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GenerateScanTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"csv", "tsv", "libsvm", "parquet"})
  void scanReadsBackWhatGenerateWrote(String format) throws Exception {
    Path data = tmp.resolve("data");
    Path out = tmp.resolve("scan");
    Cli g = cli("generate", "--kind", "spiked", "--rows", "4096", "--cols", "12", "--format", format,
        "--output", data.toString(), "--seed", "11", "--quiet", "--partitions", "3");
    assertEquals(0, g.code(), g.err());
    Cli s = cli("scan", "--input", data.toString(), "--output", out.toString(), "--quiet");
    assertEquals(0, s.code(), s.err());
    Map<String, Object> truth = truth(data);
    Map<String, Object> result = section(summary(out), "result");
    assertEquals(4096, number(result, "rows"));
    assertEquals(12, number(result, "cols"));
    double fro = number(truth, "frobeniusNorm");
    assertEquals(fro, number(result, "frobeniusNorm"), 1e-9 * fro);
    assertEquals(1, number(summary(out), "passes"));
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
    assertTrue(Files.exists(out.resolve("column-norms.csv")));
    List<String> norms = Files.readAllLines(out.resolve("column-norms.csv"));
    assertEquals(12, norms.size());
  }

  @Test
  void existingOutputIsRefusedWithoutOverwrite() throws Exception {
    Path data = tmp.resolve("data");
    assertEquals(0, cli("generate", "--kind", "spiked", "--rows", "256", "--cols", "4", "--output", data.toString(),
        "--seed", "1", "--quiet").code());
    Cli again = cli("generate", "--kind", "spiked", "--rows", "256", "--cols", "4", "--output", data.toString(),
        "--seed", "1", "--quiet");
    assertEquals(2, again.code(), again.err());
    assertTrue(again.err().contains("--overwrite"), again.err());
    assertEquals(0, cli("generate", "--kind", "spiked", "--rows", "256", "--cols", "4", "--output", data.toString(),
        "--seed", "2", "--quiet", "--overwrite").code());
    assertEquals(2.0, number(truth(data), "seed"));
  }
}
