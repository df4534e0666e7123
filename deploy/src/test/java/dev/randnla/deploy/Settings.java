package dev.randnla.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the build passes to the tests (system properties) and small shared helpers. */
public final class Settings {
  private Settings() {}

  static String required(String property) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException("system property " + property + " is not set: run the tests through Maven (mvn verify)");
    }
    return v;
  }

  /** The repository root. */
  public static Path root() {
    return Path.of(required("randnla.root")).toAbsolutePath().normalize();
  }

  /** The shaded jar users submit (built by the jobs module's package phase). */
  public static Path jar() {
    Path jar = Path.of(required("randnla.jar")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " does not exist: the shaded jar is built by `mvn verify` (package phase)");
    }
    return jar;
  }

  /** A port nobody listens on right now, on the loopback address. */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  /** Seconds since {@code t0} (a {@link System#nanoTime}). */
  static double secondsSince(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Deletes {@code dir} and everything under it, then creates it empty. */
  static Path emptyDirectory(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var walk = Files.walk(dir)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    return Files.createDirectories(dir);
  }

  /**
   * Closes each of {@code resources} in order (null ones are skipped, e.g. what a failed setup never
   * started), all of them even when one fails; then rethrows the first failure.
   */
  static void closeInOrder(AutoCloseable... resources) {
    RuntimeException first = null;
    for (AutoCloseable r : resources) {
      try {
        if (r != null) {
          r.close();
        }
      } catch (Exception e) {
        if (first == null) {
          first = e instanceof RuntimeException re ? re : new IllegalStateException("cannot close " + r, e);
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** conf/spark-defaults.conf: the settings the jobs are tuned for. */
  public static Map<String, String> sparkDefaults() {
    try {
      return keyValueLines(Files.readString(root().resolve("conf/spark-defaults.conf")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code key value} lines (spark-defaults.conf, a {@code %spark.conf} paragraph); blank lines and # comments skipped. */
  public static Map<String, String> keyValueLines(String text) {
    Map<String, String> conf = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String t = line.trim();
      if (!t.isEmpty() && !t.startsWith("#")) {
        String[] kv = t.split("\\s+", 2);
        conf.put(kv[0], kv.length > 1 ? kv[1].trim() : "");
      }
    }
    return conf;
  }
}
