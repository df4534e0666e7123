package dev.randnla.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The loss of an executor JVM in the middle of a stage, as the cluster tests cause it (SIGKILL, by
 * pid, of a JVM the test's cluster started) and check it afterwards (the application's event log).
 */
final class ExecutorLoss {
  private ExecutorLoss() {}

  /** The spark-submit options that let {@link #killMidStage} watch the driver and {@link #assertRecorded} read its events. */
  static List<String> submitOptions(int uiPort, Path eventLogs) {
    return List.of("--conf", "spark.ui.enabled=true", "--conf", "spark.ui.port=" + uiPort, "--conf",
        "spark.eventLog.enabled=true", "--conf", "spark.eventLog.compress=false", "--conf",
        "spark.eventLog.dir=" + eventLogs.toUri());
  }

  /**
   * Polls the driver's REST API (its UI on {@code uiPort}) until an executor has finished a task
   * and is running another, then kills that executor's JVM, found by {@code jvmOf(applicationId,
   * executorId)}; returns the executor's id.
   */
  static String killMidStage(ManagedProcess driver, int uiPort,
      BiFunction<String, String, Optional<ProcessHandle>> jvmOf, Duration timeout) {
    String api = "http://127.0.0.1:" + uiPort + "/api/v1/applications";
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!driver.isAlive()) {
        throw new AssertionError("the job ended before an executor could be killed: make it longer\n"
            + ManagedProcess.tail(driver.output()));
      }
      try {
        JsonNode apps = StandaloneCluster.getJson(api);
        if (apps.size() > 0) {
          String app = apps.get(0).path("id").asText();
          for (JsonNode e : StandaloneCluster.getJson(api + "/" + app + "/executors")) {
            String id = e.path("id").asText();
            if (!id.equals("driver") && e.path("completedTasks").asInt() >= 1 && e.path("activeTasks").asInt() >= 1) {
              Optional<ProcessHandle> jvm = jvmOf.apply(app, id);
              if (jvm.isPresent()) {
                jvm.get().destroyForcibly();
                jvm.get().onExit().join();
                return id;
              }
            }
          }
        }
      } catch (IOException e) {
        // the driver's UI is not up yet
      }
      StandaloneCluster.sleep(100);
    }
    throw new AssertionError("no executor was running tasks within " + timeout);
  }

  /** The application's event log under {@code eventLogs} records the removal of {@code executorId} and a task lost with it. */
  static void assertRecorded(Path eventLogs, String executorId, Step step) throws IOException {
    String events = eventLog(eventLogs);
    assertTrue(events.contains("\"Event\":\"SparkListenerExecutorRemoved\"")
        && events.contains("\"Executor ID\":\"" + executorId + "\""),
        step + ": the event log records the removal of executor " + executorId);
    assertTrue(events.contains("\"Reason\":\"ExecutorLostFailure\""), step + ": a task was lost with the executor and rerun");
  }

  /** The application's event log: Spark 4 writes it rolling, as events_N_* files in a directory. */
  static String eventLog(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      List<Path> logs = files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().startsWith("events_"))
          .sorted().toList();
      assertFalse(logs.isEmpty(), "no event log in " + dir);
      StringBuilder all = new StringBuilder();
      for (Path f : logs) {
        all.append(Files.readString(f, StandardCharsets.UTF_8));
      }
      return all.toString();
    }
  }

  /**
   * Whether a JVM's command line is the executor backend ({@code backendClass}) of executor
   * {@code executorId} of application {@code applicationId} (executor ids repeat across applications).
   */
  static boolean isExecutor(ProcessHandle h, String backendClass, String applicationId, String executorId) {
    List<String> args = List.of(h.info().arguments().orElse(new String[0]));
    return args.contains(backendClass) && follows(args, "--app-id", applicationId)
        && follows(args, "--executor-id", executorId);
  }

  private static boolean follows(List<String> args, String option, String value) {
    int i = args.indexOf(option);
    return i >= 0 && i + 1 < args.size() && args.get(i + 1).equals(value);
  }
}
