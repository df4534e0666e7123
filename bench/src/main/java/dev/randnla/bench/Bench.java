package dev.randnla.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.apache.spark.sql.SparkSession;

/**
 * Runs one end-to-end benchmark case (bench/run.sh CASE [--key=value …]). Cases are found with
 * {@link ServiceLoader} ({@code META-INF/services/dev.randnla.bench.BenchCase}), so each job adds
 * its own without touching this class.
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    List<BenchCase> cases = new ArrayList<>();
    ServiceLoader.load(BenchCase.class).forEach(cases::add);
    if (args.length == 0 || args[0].equals("--help")) {
      System.out.println("usage: bench/run.sh CASE [--key=value ...]\ncases:");
      for (BenchCase c : cases) {
        System.out.println("  " + c.name() + "  " + c.description());
      }
      return;
    }
    BenchCase chosen = cases.stream().filter(c -> c.name().equals(args[0])).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no bench case " + args[0]));
    String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
    Args a = new Args(rest);
    Path root = Path.of(System.getProperty("bench.root", "bench"));
    String workdir = a.get("workdir", root.resolve("target/work").toAbsolutePath().toString());
    Files.createDirectories(Path.of(workdir));
    SparkSession spark = SparkSession.builder().appName("randnla bench " + chosen.name())
        .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.maxResultSize", "2g").getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    List<String> lines = new ArrayList<>();
    lines.add("### " + chosen.name() + ": " + chosen.description());
    lines.add("");
    lines.add("Machine: " + Machine.describe() + "; master " + spark.sparkContext().master() + ".");
    lines.add("Command: `bench/run.sh " + String.join(" ", args) + "`");
    lines.add("");
    lines.addAll(chosen.run(spark, a, workdir));
    spark.stop();
    String text = String.join("\n", lines) + "\n";
    System.out.println(text);
    Path out = root.resolve("results").resolve(chosen.name() + "-" + LocalDate.now() + ".md");
    try {
      Files.createDirectories(out.getParent());
      Files.writeString(out, text + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.err.println("could not append to " + out + ": " + e.getMessage());
    }
  }
}
