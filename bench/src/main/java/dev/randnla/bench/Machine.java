package dev.randnla.bench;

import dev.randnla.linalg.Blas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

/** The machine and software a result was measured on, for the header of every result. */
public final class Machine {
  private Machine() {}

  public static String describe() {
    String cpu = "unknown CPU";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
    } catch (IOException e) {
      cpu = "unknown CPU (" + e.getMessage() + ")";
    }
    return String.format(Locale.ROOT, "%s; %d cores; %.0f GB RAM visible to the JVM host; Java %s; Spark %s; BLAS %s; %s",
        cpu, Runtime.getRuntime().availableProcessors(),
        totalMemoryGb(), System.getProperty("java.version"), org.apache.spark.package$.MODULE$.SPARK_VERSION(),
        Blas.implementation(), LocalDate.now());
  }

  private static double totalMemoryGb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal")) {
          return Long.parseLong(line.replaceAll("\\D+", "")) / 1024.0 / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}
