package dev.randnla.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.GarbageCollectionNotificationInfo;
import dev.randnla.jobs.Main;
import java.io.File;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.apache.spark.sql.SparkSession;

/**
 * How the one-pass jobs scale with n: a regression matrix of n rows and d columns (plus its label),
 * generated once to local disk as CSV (6 significant digits) and copied to Parquet with
 * {@code shuffle --output-format parquet}, then {@code scan}, {@code gram}, {@code eigen --method
 * stream}, {@code regress} (--solver exact) and {@code leverage} on each copy, run as the command line runs
 * them (in this JVM, on the bench's session). Prints, per job, the seconds of the run and of its
 * stages from summary.json, the seconds per row (flat when the job scales linearly), the peak
 * heap while it ran (garbage included) and the live heap: the most the heap held right after any
 * garbage collection during the run, what the job keeps (in local mode the driver's heap also holds
 * the tasks').
 *
 * <p>Options: --rows=1000000,10000000 (add 100000000 on a machine with the disk and time: about
 * 10 bytes per value of CSV), --cols=20,100, --formats=csv,parquet, --jobs=scan,gram,eigen,regress,leverage,
 * --files (Parquet files; default the input's partitions).
 */
public final class ScaleBench extends BenchCase {
  private static final ObjectMapper JSON = new ObjectMapper();

  public ScaleBench() {
    super("scale", "scan, gram, eigen stream, regress and leverage at n = 1e6, 1e7 (1e8 with --rows), d = 20 and 100, CSV and Parquet");
  }

  @Override
  public List<String> run(SparkSession spark, Args args, String workdir) throws Exception {
    long[] rows = Arrays.stream(args.list("rows", "1000000,10000000")).mapToLong(s -> (long) Double.parseDouble(s))
        .toArray();
    int[] cols = Arrays.stream(args.list("cols", "20,100")).mapToInt(Integer::parseInt).toArray();
    List<String> formats = List.of(args.list("formats", "csv,parquet"));
    List<String> jobs = List.of(args.list("jobs", "scan,gram,eigen,regress,leverage"));
    List<String> lines = new ArrayList<>();
    lines.add("| n | d | format | MB | job | seconds | open s | read/pass s | µs per row | peak heap MB | live heap MB |");
    lines.add("|---:|---:|---|---:|---|---:|---:|---:|---:|---:|---:|");
    for (long n : rows) {
      for (int d : cols) {
        String csv = input(workdir, n, d);
        for (String format : formats) {
          String in = format.equals("parquet") ? parquet(workdir, csv, n, d, args) : csv;
          String label = format.equals("parquet") ? "label" : "0";
          for (String job : jobs) {
            String line = measure(workdir, job, in, label, n, d, format);
            System.out.println(line); // as it comes: a long run interrupted keeps its rows
            lines.add(line);
          }
        }
      }
    }
    lines.add("");
    lines.add("Each job runs once on " + spark.sparkContext().master() + " through the command line (dev.randnla.jobs.Main) in this JVM"
        + " (Spark already warm after the first job); seconds from summary.json: total, open (listing, footers or the"
        + " first line) and the first pass (read). Peak heap: the JVM's heap pools' peak while the job ran.");
    return lines;
  }

  /** The CSV: a regression matrix (label in field 0), generated once. */
  private static String input(String workdir, long n, int d) {
    String dir = workdir + String.format(Locale.ROOT, "/scale-regression-%dx%d-csv", n, d);
    if (!new File(dir, "_SUCCESS").exists()) {
      cli("generate", "--kind", "regression", "--rows", Long.toString(n), "--cols", Integer.toString(d), "--digits", "6",
          "--seed", "7", "--format", "csv", "--output", dir, "--overwrite", "--quiet");
    }
    return dir;
  }

  /** Its Parquet copy (array<double> values and a label column), written once by shuffle. */
  private static String parquet(String workdir, String csv, long n, int d, Args args) {
    String dir = workdir + String.format(Locale.ROOT, "/scale-regression-%dx%d-parquet", n, d);
    if (!new File(dir, "_SUCCESS").exists()) {
      List<String> a = new ArrayList<>(List.of("shuffle", "--input", csv, "--label-col", "0", "--output-format", "parquet",
          "--seed", "7", "--output", dir, "--overwrite", "--quiet"));
      if (args.has("files")) {
        a.addAll(List.of("--files", args.get("files", "")));
      }
      cli(a.toArray(new String[0]));
    }
    return dir;
  }

  private static String measure(String workdir, String job, String in, String label, long n, int d, String format)
      throws Exception {
    String out = workdir + "/scale-out/" + job;
    List<String> a = new ArrayList<>(List.of(job, "--input", in, "--output", out, "--overwrite", "--quiet"));
    switch (job) {
      case "eigen" -> a.addAll(List.of("--method", "stream", "--seed", "1", "--label-col", label));
      case "regress" -> a.addAll(List.of("--solver", "exact", "--label-col", label));
      case "leverage" -> a.addAll(List.of("--seed", "1", "--label-col", label));
      default -> a.addAll(List.of("--label-col", label));
    }
    System.gc();
    List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).toList();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    long live;
    try (LiveHeap after = new LiveHeap()) {
      cli(a.toArray(new String[0]));
      live = after.max();
    }
    long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    JsonNode seconds = JSON.readTree(new File(out, "summary.json")).path("seconds");
    double total = seconds.path("total").asDouble();
    double open = seconds.path("open").asDouble(Double.NaN);
    double read = firstPass(seconds);
    return String.format(Locale.ROOT, "| %d | %d | %s | %.0f | %s | %.2f | %.2f | %.2f | %.3f | %.0f | %.0f |", n, d,
        format, Inputs.bytes(in) / 1e6, job, total, open, read, total / n * 1e6, peak / 1e6, live / 1e6);
  }

  /** The seconds of the first stage after open (the first pass over the input). */
  private static double firstPass(JsonNode seconds) {
    var names = seconds.fieldNames();
    while (names.hasNext()) {
      String s = names.next();
      if (!s.equals("total") && !s.equals("open")) {
        return seconds.path(s).asDouble();
      }
    }
    return Double.NaN;
  }

  /** The most heap in use right after a garbage collection, over the collections while it is open. */
  private static final class LiveHeap implements AutoCloseable, NotificationListener {
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final AtomicLong max = new AtomicLong();

    LiveHeap() {
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (gc instanceof NotificationEmitter e) {
          e.addNotificationListener(this, null, null);
          emitters.add(e);
        }
      }
    }

    @Override
    public void handleNotification(Notification n, Object handback) {
      if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
        return;
      }
      GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
      long used = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        MemoryUsage after = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
        if (pool.getType() == MemoryType.HEAP && after != null) {
          used += after.getUsed();
        }
      }
      max.accumulateAndGet(used, Math::max);
    }

    long max() {
      return max.get();
    }

    @Override
    public void close() {
      for (NotificationEmitter e : emitters) {
        try {
          e.removeNotificationListener(this);
        } catch (ListenerNotFoundException ignored) {
          // never added
        }
      }
    }
  }

  private static void cli(String... args) {
    int code = Main.run(args);
    if (code != 0) {
      throw new IllegalStateException("randnla " + String.join(" ", args) + " exited with " + code);
    }
  }
}
