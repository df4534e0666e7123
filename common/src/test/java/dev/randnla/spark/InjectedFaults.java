package dev.randnla.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Runs code with {@link FaultInjection} on for every partition ({@code *}) and counts, per Spark
 * job, the task attempts that failed with an injected fault: a job with none is a pass the hook
 * does not reach (its retries would be untested).
 */
public final class InjectedFaults {
  /** One Spark job of a run: its description and how many of its task attempts were made to fail. */
  public record SparkJob(int id, String description, int injected) {}

  private InjectedFaults() {}

  /** The fault itself, or a writer's wrapper around it (Hadoop and SQL writers rethrow as SparkException). */
  public static boolean isInjected(ExceptionFailure f) {
    String name = FaultInjection.InjectedFault.class.getName();
    return f.className().equals(name) || (f.fullStackTrace() != null && f.fullStackTrace().contains(name));
  }

  /** Runs {@code body} with faults on (or off) and returns the Spark jobs it started, in order. */
  public static <T> List<SparkJob> run(SparkContext sc, boolean faults, Supplier<T> body) {
    Map<Integer, Integer> jobOfStage = new ConcurrentHashMap<>();
    Map<Integer, String> description = new ConcurrentHashMap<>();
    Map<Integer, Integer> injected = new ConcurrentHashMap<>();
    SparkListener counter = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart start) {
        String d = start.properties() == null ? null : start.properties().getProperty("spark.job.description");
        description.put(start.jobId(), d == null ? "?" : d);
        injected.putIfAbsent(start.jobId(), 0);
        scala.collection.Iterator<Object> it = start.stageIds().iterator();
        while (it.hasNext()) {
          jobOfStage.put((Integer) it.next(), start.jobId());
        }
      }

      @Override
      public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.reason() instanceof ExceptionFailure f && isInjected(f)) {
          Integer job = jobOfStage.get(end.stageId());
          injected.merge(job == null ? -1 : job, 1, Integer::sum);
        }
      }
    };
    sc.addSparkListener(counter);
    sc.setLocalProperty(FaultInjection.PROPERTY, faults ? "*" : null);
    try {
      body.get();
    } finally {
      sc.setLocalProperty(FaultInjection.PROPERTY, null);
      try {
        sc.listenerBus().waitUntilEmpty();
      } catch (TimeoutException e) {
        throw new AssertionError("Spark's listener bus did not drain", e);
      }
      sc.removeSparkListener(counter);
    }
    List<SparkJob> jobs = new ArrayList<>();
    injected.keySet().stream().sorted().forEach(id -> jobs.add(new SparkJob(id, description.getOrDefault(id, "?"),
        injected.get(id))));
    return jobs;
  }
}
