package dev.randnla.jobs;

import dev.randnla.io.Summary;
import dev.randnla.spark.LocalSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** Helpers for job tests: the shared local Spark, running the CLI in-process, reading outputs. */
public final class JobTestSupport {
  private JobTestSupport() {}

  public static SparkSession spark() {
    return LocalSpark.session();
  }

  /** The outcome of a CLI run: exit code and what it printed. */
  public record Cli(int code, String out, String err) {}

  /** Runs {@code randnla args…} in this JVM on the shared session. */
  public static Cli cli(String... args) {
    spark();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintWriter o = new PrintWriter(out, true, StandardCharsets.UTF_8);
        PrintWriter e = new PrintWriter(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(o, e, args);
    }
    return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** summary.json of an output directory. */
  public static Map<String, Object> summary(Path outputDir) throws IOException {
    return Summary.parse(Files.readString(outputDir.resolve("summary.json")));
  }

  /** truth.json of a generate output directory. */
  public static Map<String, Object> truth(Path outputDir) throws IOException {
    return Summary.parse(Files.readString(outputDir.resolve("truth.json")));
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> section(Map<String, Object> summary, String name) {
    return (Map<String, Object>) summary.get(name);
  }

  public static double number(Map<String, Object> map, String key) {
    Object v = map.get(key);
    if (!(v instanceof Number n)) {
      throw new AssertionError("expected a number at '" + key + "' in " + map);
    }
    return n.doubleValue();
  }
}
