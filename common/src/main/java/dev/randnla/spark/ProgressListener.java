package dev.randnla.spark;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;

/**
 * Progress on stderr for long jobs: a line when a stage starts, at most one line every few
 * seconds while it runs (tasks done/total, rows read, elapsed), and one when it ends. Rows come
 * from the input's row accumulator. Registered by the jobs (or with {@code spark.extraListeners},
 * for which it has a public no-argument constructor); {@code --quiet} leaves it out.
 */
public class ProgressListener extends SparkListener {
  /** The name of the accumulator inputs add their rows to. */
  public static final String ROWS_ACCUMULATOR = "randnla rows read";

  private final PrintStream out;
  private final long intervalMillis;
  private final long startMillis = System.currentTimeMillis();
  private final Map<Integer, StageProgress> stages = new ConcurrentHashMap<>();
  private volatile String jobDescription = "";

  public ProgressListener() {
    this(System.err, 5000);
  }

  public ProgressListener(PrintStream out, long intervalMillis) {
    this.out = out;
    this.intervalMillis = intervalMillis;
  }

  private static final class StageProgress {
    final int tasks;
    final String name;
    int done;
    long rows;
    long lastPrinted;

    StageProgress(int tasks, String name) {
      this.tasks = tasks;
      this.name = name;
    }
  }

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    Object d = jobStart.properties() == null ? null : jobStart.properties().getProperty("spark.job.description");
    jobDescription = d == null ? "" : d.toString();
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
    StageInfo info = submitted.stageInfo();
    StageProgress p = new StageProgress(info.numTasks(), jobDescription.isEmpty() ? info.name() : jobDescription);
    p.lastPrinted = System.currentTimeMillis();
    stages.put(info.stageId(), p);
    print(String.format(Locale.ROOT, "stage %d started: %s (%d tasks)", info.stageId(), p.name, p.tasks));
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    StageProgress p = stages.get(taskEnd.stageId());
    if (p == null) {
      return;
    }
    long rows = 0;
    scala.collection.Iterator<AccumulableInfo> it = taskEnd.taskInfo().accumulables().iterator();
    while (it.hasNext()) {
      AccumulableInfo a = it.next();
      if (a.name().isDefined() && ROWS_ACCUMULATOR.equals(a.name().get()) && a.update().isDefined()) {
        Object u = a.update().get();
        if (u instanceof Number n) {
          rows += n.longValue();
        }
      }
    }
    String line = null;
    synchronized (p) {
      if (taskEnd.taskInfo().successful()) {
        p.done++;
      }
      p.rows += rows;
      long now = System.currentTimeMillis();
      if (now - p.lastPrinted >= intervalMillis && p.done < p.tasks) {
        p.lastPrinted = now;
        line = String.format(Locale.ROOT, "stage %d: %d/%d tasks, %s rows", taskEnd.stageId(), p.done, p.tasks, human(p.rows));
      }
    }
    if (line != null) {
      print(line);
    }
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted completed) {
    StageInfo info = completed.stageInfo();
    StageProgress p = stages.remove(info.stageId());
    long rows = p == null ? 0 : p.rows;
    String status = info.failureReason().isDefined() ? "failed" : "done";
    print(String.format(Locale.ROOT, "stage %d %s: %d tasks%s", info.stageId(), status, info.numTasks(),
        rows > 0 ? ", " + human(rows) + " rows" : ""));
  }

  private void print(String message) {
    double s = (System.currentTimeMillis() - startMillis) / 1000.0;
    out.println(String.format(Locale.ROOT, "[randnla %7.1fs] %s", s, message));
    out.flush();
  }

  static String human(long n) {
    if (n >= 1_000_000_000L) {
      return String.format(Locale.ROOT, "%.2fG", n / 1e9);
    }
    if (n >= 1_000_000L) {
      return String.format(Locale.ROOT, "%.2fM", n / 1e6);
    }
    if (n >= 10_000L) {
      return String.format(Locale.ROOT, "%.1fk", n / 1e3);
    }
    return Long.toString(n);
  }
}
