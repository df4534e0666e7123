package dev.randnla.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Spark 4.2 installation assembled from Maven: {@code jars/} is filled by the build
 * ({@code dependency:copy-dependencies -DincludeScope=provided}), and {@code bin/spark-submit} /
 * {@code bin/spark-class} are small stand-ins for the distribution's scripts (test fixtures beside
 * this class). The java command of any Spark class comes from Spark's own launcher
 * ({@code org.apache.spark.launcher.Main}), exactly what {@code bin/spark-class} would run.
 */
final class SparkHome {
  private final Path home;
  private final Path work;

  private SparkHome(Path home, Path work) {
    this.home = home;
    this.work = work;
  }

  /**
   * The installation the build prepared (system property {@code spark.home}), with the scripts
   * installed; {@code work} holds local directories and logs.
   */
  static SparkHome prepared(Path work) {
    Path home = Path.of(Settings.required("spark.home")).toAbsolutePath();
    Path jars = home.resolve("jars");
    try (var list = Files.list(jars)) {
      if (list.noneMatch(p -> p.getFileName().toString().startsWith("spark-core_"))) {
        throw new IllegalStateException(jars + " has no spark-core jar: run the build (mvn verify), which fills it");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + jars + " (run mvn verify, which fills it)", e);
    }
    try {
      Path bin = Files.createDirectories(home.resolve("bin"));
      Path fixtures = Settings.root().resolve("deploy/src/test/spark-home/bin");
      for (String script : List.of("spark-class", "spark-submit")) {
        Path to = bin.resolve(script);
        Files.copy(fixtures.resolve(script), to, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      Files.createDirectories(work);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install the spark-submit scripts into " + home, e);
    }
    return new SparkHome(home, work);
  }

  Path path() {
    return home;
  }

  /** The environment every Spark process of the tests gets: this home, Scala 2.13, loopback only. */
  Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SPARK_HOME", home.toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_LOCAL_DIRS", work.resolve("local").toString());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("OPENBLAS_NUM_THREADS", "1");
    return env;
  }

  /** The java command {@code bin/spark-class className args…} would run, from Spark's launcher. */
  List<String> command(Map<String, String> env, String className, List<String> args) {
    List<String> launcher = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m", "-cp", home.resolve("jars") + "/*", "org.apache.spark.launcher.Main", className));
    launcher.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(launcher).redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().putAll(environment());
    pb.environment().putAll(env);
    try {
      Process p = pb.start();
      byte[] out;
      try (InputStream in = p.getInputStream()) {
        out = in.readAllBytes();
      }
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("Spark's launcher failed for " + className + " " + args);
      }
      return parse(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run Spark's launcher", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The launcher's output: a 2-byte header ("\0\n"), then each argument followed by NUL. */
  static List<String> parse(byte[] out) {
    if (out.length < 2 || out[0] != 0 || out[1] != '\n') {
      throw new IllegalStateException("unexpected output of Spark's launcher: "
          + new String(out, StandardCharsets.UTF_8));
    }
    List<String> cmd = new ArrayList<>();
    int start = 2;
    for (int i = 2; i < out.length; i++) {
      if (out[i] == 0) {
        cmd.add(new String(out, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    if (start < out.length) {
      cmd.add(new String(out, start, out.length - start, StandardCharsets.UTF_8));
    }
    return cmd;
  }

  /** Starts {@code className} as its own process (a daemon, or spark-submit), logging to {@code logName}. */
  ManagedProcess start(String name, Map<String, String> env, String className, List<String> args) {
    List<String> cmd = command(env, className, args);
    Map<String, String> all = new LinkedHashMap<>(environment());
    all.putAll(env);
    return ManagedProcess.start(name, cmd, all, work.resolve("logs").resolve(name + ".log"));
  }
}
