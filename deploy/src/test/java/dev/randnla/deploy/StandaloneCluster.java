package dev.randnla.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Spark standalone cluster on this machine: a Master and Workers, each its own JVM started from
 * the Maven-built {@link SparkHome} with the command Spark's launcher gives, on free loopback
 * ports, with the REST submission gateway on. Closing it stops every process by pid.
 */
final class StandaloneCluster implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final int masterPort = Settings.freePort();
  private final int webPort = Settings.freePort();
  private final int restPort = Settings.freePort();
  private final List<ManagedProcess> processes = new ArrayList<>();
  private final List<ManagedProcess> workers = new ArrayList<>();
  private final List<Path> workerDirs = new ArrayList<>();

  private StandaloneCluster() {}

  /** Starts a Master and {@code workers} Workers of {@code cores} cores and {@code memory} each; returns when all registered. */
  static StandaloneCluster start(SparkHome spark, Path work, int workers, int cores, String memory) {
    StandaloneCluster c = new StandaloneCluster();
    try {
      Map<String, String> daemon = Map.of("SPARK_DAEMON_MEMORY", "256m",
          "SPARK_MASTER_OPTS", "-Dspark.master.rest.enabled=true -Dspark.master.rest.host=127.0.0.1"
              + " -Dspark.master.rest.port=" + c.restPort);
      c.processes.add(spark.start("master", daemon, "org.apache.spark.deploy.master.Master",
          List.of("--host", "127.0.0.1", "--port", Integer.toString(c.masterPort), "--webui-port", Integer.toString(c.webPort))));
      c.awaitState(s -> s.path("status").asText().equals("ALIVE"), "the master to start", Duration.ofSeconds(90));
      for (int i = 0; i < workers; i++) {
        Path dir = Files.createDirectories(work.resolve("worker-" + i));
        c.workerDirs.add(dir);
        ManagedProcess w = spark.start("worker-" + i, Map.of("SPARK_DAEMON_MEMORY", "256m"),
            "org.apache.spark.deploy.worker.Worker", List.of("--host", "127.0.0.1", "--port", "0", "--webui-port", "0",
                "--cores", Integer.toString(cores), "--memory", memory, "--work-dir", dir.toString(), c.masterUrl()));
        c.processes.add(w);
        c.workers.add(w);
      }
      c.awaitState(s -> s.path("aliveworkers").asInt() == workers, workers + " workers to register", Duration.ofSeconds(120));
      return c;
    } catch (IOException | RuntimeException | Error e) {
      c.close();
      throw new IllegalStateException("cannot start the standalone cluster: " + e.getMessage() + c.logs(), e);
    }
  }

  /** The URL drivers and workers use. */
  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** The URL spark-submit uses for cluster deploy mode (the REST submission gateway). */
  String restUrl() {
    return "spark://127.0.0.1:" + restPort;
  }

  /** The master's state as its web UI reports it ({@code /json/}). */
  JsonNode state() throws IOException {
    return getJson("http://127.0.0.1:" + webPort + "/json/");
  }

  private void awaitState(java.util.function.Predicate<JsonNode> ready, String what, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (ManagedProcess p : processes) {
        if (!p.isAlive()) {
          throw new IllegalStateException(p.name() + " exited while waiting for " + what);
        }
      }
      try {
        if (ready.test(state())) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      sleep(500);
    }
    throw new IllegalStateException("timed out waiting for " + what);
  }

  /**
   * The state of a driver submitted in cluster mode, from the REST gateway
   * ({@code GET /v1/submissions/status/<id>}): SUBMITTED, RUNNING, FINISHED, FAILED, KILLED, ERROR…
   */
  String driverState(String submissionId) throws IOException {
    JsonNode status = getJson("http://127.0.0.1:" + restPort + "/v1/submissions/status/" + submissionId);
    if (!status.path("success").asBoolean()) {
      throw new IOException("the master does not know submission " + submissionId + ": " + status);
    }
    return status.path("driverState").asText();
  }

  /** Polls the driver's state until it leaves SUBMITTED/RUNNING; returns the final state. */
  String awaitDriver(String submissionId, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String state = driverState(submissionId);
      if (!state.equals("SUBMITTED") && !state.equals("RUNNING") && !state.equals("RELAUNCHING")) {
        return state;
      }
      sleep(1000);
    }
    throw new AssertionError("driver " + submissionId + " still running after " + timeout + driverLog(submissionId));
  }

  /** What a cluster-mode driver printed on stderr (in its worker's directory), for failure messages. */
  String driverLog(String submissionId) {
    for (Path dir : workerDirs) {
      Path stderr = dir.resolve(submissionId).resolve("stderr");
      if (Files.exists(stderr)) {
        try {
          return "\n--- driver " + submissionId + " stderr:\n" + ManagedProcess.tail(Files.readString(stderr));
        } catch (IOException e) {
          return "\n(cannot read " + stderr + ")";
        }
      }
    }
    return "\n(no stderr of driver " + submissionId + " found)";
  }

  /** The live executor JVM of an application's executor, found among the workers' child processes by its ids. */
  Optional<ProcessHandle> executorProcess(String applicationId, String executorId) {
    for (ManagedProcess w : workers) {
      Optional<ProcessHandle> found = w.handle().children()
          .filter(ProcessHandle::isAlive)
          .filter(h -> ExecutorLoss.isExecutor(h, "org.apache.spark.executor.CoarseGrainedExecutorBackend", applicationId,
              executorId))
          .findFirst();
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** The daemons' logs, for failure messages. */
  String logs() {
    StringBuilder sb = new StringBuilder();
    for (ManagedProcess p : processes) {
      sb.append("\n--- ").append(p.name()).append(" (").append(p.log()).append("):\n").append(ManagedProcess.tail(p.output()));
    }
    return sb.toString();
  }

  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
  }

  static JsonNode getJson(String url) throws IOException {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IOException("GET " + url + ": HTTP " + r.statusCode() + " " + r.body());
      }
      return JSON.readTree(r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
