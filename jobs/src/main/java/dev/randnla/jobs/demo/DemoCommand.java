package dev.randnla.jobs.demo;

import dev.randnla.io.OutputOptions;
import dev.randnla.jobs.DryRun;
import dev.randnla.jobs.RunMixin;
import dev.randnla.jobs.Sessions;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code randnla demo}: generates modest matrices with known answers into a local work folder,
 * runs the main jobs on the embedded Spark, and prints a table of results beside the truth.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Runs the main jobs on generated data, beside the exact answers.",
    description = {"Generates modest matrices with exactly known answers, runs the main jobs on",
        "local Spark and prints each result beside the truth. Takes about a minute on 2",
        "cores."})
public final class DemoCommand implements Callable<Integer> {
  /** The steps, in order; each job adds its own. */
  static List<DemoStep> steps() {
    return List.of(new ScanDemo(), new TallDemo(), new EigenDemo(), new SpectrumDemo(), new LeverageDemo(),
        new RegressDemo(), new ClusterDemo());
  }

  @Option(names = "--workdir", paramLabel = "DIR",
      description = "Local folder for the generated data and job outputs (replaced on every run). "
          + "Default: randnla-demo in the system temporary directory.")
  String workdir;

  @Mixin RunMixin run;

  @Override
  public Integer call() {
    String dir = workdir != null ? workdir : new File(System.getProperty("java.io.tmpdir"), "randnla-demo").getPath();
    File folder = new File(dir).getAbsoluteFile();
    DryRun.preflight(new OutputOptions(folder.toURI().toString(), true, OutputOptions.RowFormat.PARQUET));
    deleteRecursively(folder);
    if (!folder.mkdirs()) {
      throw new dev.randnla.io.UsageException("cannot create the demo work folder " + folder);
    }
    String uri = folder.toURI().toString();
    long seed = run.seedOrDraw();
    SparkSession spark = Sessions.get("randnla demo");
    run.out().println("randnla demo: work folder " + dir + ", seed " + seed);
    List<DemoRow> rows = new ArrayList<>();
    long t0 = System.nanoTime();
    for (DemoStep step : steps()) {
      run.out().println("- " + step.title());
      run.out().flush();
      rows.addAll(step.run(spark, uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri, seed));
    }
    print(run.out(), rows);
    run.out().printf(Locale.ROOT, "%ndemo finished in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    return 0;
  }

  private static void deleteRecursively(File f) {
    File[] children = f.listFiles();
    if (children != null) {
      for (File c : children) {
        deleteRecursively(c);
      }
    }
    if (f.exists() && !f.delete()) {
      throw new dev.randnla.io.UsageException("cannot clear the demo work folder: " + f);
    }
  }

  static void print(java.io.PrintWriter out, List<DemoRow> rows) {
    String[] head = {"job", "quantity", "computed", "truth", "rel. error"};
    int[] w = new int[head.length];
    for (int i = 0; i < head.length; i++) {
      w[i] = head[i].length();
    }
    for (DemoRow r : rows) {
      String[] c = {r.job(), r.quantity(), r.computed(), r.truth(), r.error()};
      for (int i = 0; i < c.length; i++) {
        w[i] = Math.max(w[i], c[i].length());
      }
    }
    StringBuilder fmt = new StringBuilder();
    for (int i = 0; i < w.length; i++) {
      fmt.append("%-").append(w[i]).append("s  ");
    }
    String f = fmt.toString().stripTrailing() + "%n";
    out.println();
    out.printf(Locale.ROOT, f, (Object[]) head);
    for (DemoRow r : rows) {
      out.printf(Locale.ROOT, f, r.job(), r.quantity(), r.computed(), r.truth(), r.error());
    }
  }
}
