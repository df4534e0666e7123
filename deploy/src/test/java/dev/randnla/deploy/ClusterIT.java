package dev.randnla.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.randnla.io.Summary;
import dev.randnla.jobs.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * randnla where users run it: the shaded jar through the real {@code SparkSubmit} on a Spark
 * standalone cluster (a Master and two Workers, each its own JVM, started from the Maven-built
 * SPARK_HOME), reading and writing real HDFS (MiniDFSCluster), in client mode and in cluster mode
 * (REST gateway); and {@code bin/randnla --master spark://…}. Every output equals, byte for byte,
 * the output of the same command line in local mode ({@code bin/randnla --master local[2]}):
 * seeds and partition counts are fixed and merges are deterministic (docs/design.md §10), so where the
 * tasks run must not change a bit. Exit codes come back through spark-submit; a failed
 * cluster-mode driver is reported FAILED; jobs survive the loss of an executor JVM.
 *
 * <p>The tables below are the tests: add a job by adding one line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterIT {
  /**
   * The pipeline, in order: client mode runs every step, cluster mode those in {@link #IN_CLUSTER_MODE}. {@code {out}} is the step's output directory,
   * {@code {NAME}} the output of an earlier step. Every file a step writes except summary.json
   * must be the same bytes in every mode, so per-row outputs should use
   * {@code --row-output-format csv} here (Parquet file names carry a random id), and every job that
   * draws random numbers needs {@code --seed} (without it the seed is random).
   */
  static final List<Step> PIPELINE = List.of(
      new Step("generate", "generate --kind regression --rows 20000 --cols 12 --seed 7 --partitions 4 --output {out}"),
      new Step("scan", "scan --input {generate} --label-col 0 --min-partitions 6 --output {out}"),
      // stream: --segments and --min-partitions pinned (its default partitioning follows the cores)
      new Step("eigen", "eigen --input {generate} --label-col 0 --method stream --segments 8 --min-partitions 16 "
          + "--verify --seed 7 --output {out}"),
      new Step("regress", "regress --input {generate} --label-col 0 --min-partitions 6 --seed 7 --output {out}"),
      new Step("leverage", "leverage --input {generate} --label-col 0 --sample 600 --min-partitions 6 --seed 7 "
          + "--row-output-format csv --output {out}"),
      // the coreset is CSV id,weight,label,x…: weighted least squares on it
      new Step("coreset-regress", "regress --input {leverage}/coreset --id-col 0 --weight-col 1 --label-col 2 "
          + "--solver exact --min-partitions 3 --seed 7 --output {out}"),
      new Step("svd", "svd --input {generate} --label-col 0 --k 4 --u --min-partitions 6 --seed 7 "
          + "--row-output-format csv --output {out}"),
      new Step("spectrum", "spectrum --input {generate} --label-col 0 --min-partitions 6 --seed 7 --output {out}"),
      new Step("blocks", "generate --kind blocks --rows 3000 --cols 30 --rank 4 --block-rows 25 --groups 3 --seed 7 "
          + "--partitions 3 --output {out}"),
      new Step("cluster", "cluster --input {blocks} --key-col 0 --rank 4 --eps 0.01 --min-partitions 5 --write-compressed "
          + "--row-output-format csv --output {out}"));

  /**
   * The steps of PIPELINE that cluster mode runs as well (the generate → scan → eigen →
   * regress; client mode runs them all). Where the driver runs changes nothing a job computes,
   * and every spark-submit costs tens of seconds of JVM starts.
   */
  static final Set<String> IN_CLUSTER_MODE = Set.of("generate", "scan", "eigen", "regress");

  /**
   * Command lines that must fail with a given exit code through {@code bin/randnla --master
   * spark://…} (spark-submit, client mode), and a piece of the message. Fixtures: {@code {bad}} is
   * a CSV with a malformed line 3, {@code {good}} a valid 3×3 CSV. The first is also run in cluster mode.
   * A usage error that needs no data is refused by the pre-flight before Spark starts (docs/design.md),
   * so it never becomes an application on the master; an error in the data is found by the first pass.
   */
  static final List<Failure> FAILURES = List.of(
      new Failure(new Step("bad row", "scan --input {bad} --output {out}"), 3, "part-00000.csv, line 3", false),
      new Failure(new Step("no label", "regress --input {good} --output {out}"), 2, "regress needs the response b",
          true));

  /**
   * Jobs run in client mode while an executor JVM is killed (SIGKILL) in the middle of their main
   * stage; each must finish with exactly the output of an undisturbed local run. Long enough
   * (many tasks) that the kill lands while tasks are still queued.
   */
  static final List<Step> UNDER_EXECUTOR_LOSS = List.of(
      new Step("generate", "generate --kind spiked --rows 120000 --cols 20 --seed 11 --partitions 16 --output {out}"),
      new Step("scan", "scan --input {generate} --min-partitions 160 --output {out}"),
      new Step("eigen", "eigen --input {generate} --method stream --segments 8 --min-partitions 160 --seed 11 "
          + "--output {out}"));

  record Failure(Step step, int exitCode, String message, boolean beforeSpark) {}

  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);
  private static final List<String> EXECUTORS = List.of("--conf", "spark.executor.memory=512m", "--conf",
      "spark.executor.cores=1", "--conf", "spark.cores.max=2", "--conf", "spark.driver.memory=512m");

  private Path work;
  private SparkHome spark;
  private MiniHdfs hdfs;
  private StandaloneCluster cluster;
  private String jarOnHdfs;
  private CompletableFuture<Map<List<Step>, Map<String, String>>> localRuns;

  @BeforeAll
  void startClusterAndHdfs() throws IOException {
    work = Path.of(System.getProperty("java.io.tmpdir"), "cluster-it");
    deleteRecursively(work);
    Files.createDirectories(work);
    long t0 = System.nanoTime();
    CompletableFuture<MiniHdfs> starting = CompletableFuture.supplyAsync(() -> {
      try {
        return MiniHdfs.start(work.resolve("hdfs"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    localRuns = startLocalRuns(List.of(PIPELINE, UNDER_EXECUTOR_LOSS));
    try {
      spark = SparkHome.prepared(work.resolve("spark"));
      cluster = StandaloneCluster.start(spark, work.resolve("cluster"), 2, 2, "2g");
    } finally {
      try {
        hdfs = starting.join();
      } catch (CompletionException e) {
        throw new IllegalStateException("MiniDFSCluster did not start", e.getCause());
      }
    }
    jarOnHdfs = hdfs.uri() + "/apps/" + Settings.jar().getFileName();
    hdfs.put(Settings.jar(), jarOnHdfs);
    log("cluster and HDFS up in %.1f s: master %s, REST %s, HDFS %s", secondsSince(t0), cluster.masterUrl(),
        cluster.restUrl(), hdfs.uri());
  }

  @AfterAll
  void stopEverything() {
    if (localRuns != null) {
      localRuns.exceptionally(e -> null).join();
    }
    try {
      if (cluster != null) {
        cluster.close();
      }
    } finally {
      try {
        if (hdfs != null) {
          hdfs.close();
        }
      } finally {
        ManagedProcess.stopAll();
      }
    }
  }

  @Test
  void clientModeOnHdfsMatchesLocalMode() throws IOException {
    pipelineMatchesLocalMode("client", step -> true, (step, args) -> {
      ManagedProcess submit = submit("client-" + step.name(), "client", Settings.jar().toString(), List.of(), args);
      int code = submit.waitFor(JOB_TIMEOUT);
      assertEquals(0, code, step + " in client mode:\n" + ManagedProcess.tail(submit.output()));
      return "";
    });
  }

  @Test
  void clusterModeThroughRestMatchesLocalMode() throws IOException {
    pipelineMatchesLocalMode("cluster", step -> IN_CLUSTER_MODE.contains(step.name()), (step, args) -> {
      String id = submitToCluster("cluster-" + step.name(), args);
      String state = cluster.awaitDriver(id, JOB_TIMEOUT);
      assertEquals("FINISHED", state, step + " in cluster mode" + cluster.driverLog(id));
      return " (driver " + id + ")";
    });
  }

  /** Runs one step with its arguments in some deploy mode; returns a detail for the log. */
  interface StepRunner {
    String run(Step step, List<String> args) throws IOException;
  }

  /** Runs the steps of PIPELINE it selects on HDFS in one deploy mode and compares every step's output with local mode. */
  private void pipelineMatchesLocalMode(String mode, Predicate<Step> runs, StepRunner runner) throws IOException {
    Map<String, String> local = local(PIPELINE);
    Map<String, String> outputs = new LinkedHashMap<>();
    for (Step step : PIPELINE.stream().filter(runs).toList()) {
      String out = hdfs.uri() + "/" + mode + "/" + step.name();
      long t0 = System.nanoTime();
      String detail = runner.run(step, step.args(out, outputs));
      log("%s mode %s: %.1f s%s", mode, step, secondsSince(t0), detail);
      outputs.put(step.name(), out);
      assertSameOutputs(step, local.get(step.name()), out);
    }
  }

  /** Exit codes come back through bin/randnla → $SPARK_HOME/bin/spark-submit → SparkSubmit (client mode). */
  @Test
  void exitCodesComeBackThroughBinRandnla() throws IOException {
    Map<String, String> fixtures = failureFixtures("bin");
    for (Failure f : FAILURES) {
      String out = hdfs.uri() + "/bin/" + f.step().name().replace(' ', '-');
      List<String> cmd = new ArrayList<>(List.of(Settings.root().resolve("bin/randnla").toString(), "--master",
          cluster.masterUrl(), "--conf", "spark.ui.enabled=false"));
      for (int i = 0; i < EXECUTORS.size(); i += 2) {
        cmd.add(EXECUTORS.get(i));
        cmd.add(EXECUTORS.get(i + 1));
      }
      cmd.addAll(f.step().args(out, fixtures));
      Map<String, String> env = new LinkedHashMap<>(spark.environment());
      int appsBefore = applications();
      ManagedProcess p = ManagedProcess.start("bin-randnla-" + f.step().name().replace(' ', '-'), cmd, env,
          work.resolve("logs").resolve("bin-randnla-" + f.step().name().replace(' ', '-') + ".log"));
      int code = p.waitFor(JOB_TIMEOUT);
      String output = p.output();
      assertEquals(f.exitCode(), code, f.step() + ":\n" + ManagedProcess.tail(output));
      assertTrue(output.contains("randnla " + f.step().job() + ": "), f.step() + ": one clear line\n" + ManagedProcess.tail(output));
      assertTrue(output.contains(f.message()), f.step() + ": message\n" + ManagedProcess.tail(output));
      assertFalse(output.contains(" INFO "), f.step() + ": the driver logs through conf/log4j2.properties (no INFO lines)\n"
          + ManagedProcess.tail(output));
      if (f.beforeSpark()) {
        assertEquals(appsBefore, applications(), f.step() + ": refused before Spark started, no application");
      } else {
        awaitApplications(appsBefore + 1, f.step() + ": bin/randnla ran the job on the cluster (through spark-submit)");
      }
      assertFalse(hdfs.exists(out), f.step() + ": a failed job leaves no output");
    }
  }

  /** Applications the master has seen (running or completed). */
  private int applications() throws IOException {
    JsonNode state = cluster.state();
    return state.path("activeapps").size() + state.path("completedapps").size();
  }

  private void awaitApplications(int count, String message) throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (applications() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(message + ": the master has seen " + applications() + " application(s), expected " + count);
      }
      StandaloneCluster.sleep(250);
    }
  }

  /** In cluster mode the driver's exit code decides its state: FAILED, and no output. */
  @Test
  void clusterModeReportsAFailedDriver() throws IOException {
    Map<String, String> fixtures = failureFixtures("cluster-failures");
    Failure f = FAILURES.get(0);
    String out = hdfs.uri() + "/cluster-failures/out";
    String id = submitToCluster("cluster-bad-input", f.step().args(out, fixtures));
    String state = cluster.awaitDriver(id, JOB_TIMEOUT);
    assertEquals("FAILED", state, cluster.driverLog(id));
    String log = cluster.driverLog(id);
    assertTrue(log.contains("randnla " + f.step().job() + ": ") && log.contains(f.message()), log);
    assertFalse(hdfs.exists(out), "a failed job leaves no output");
  }

  /**
   * An executor JVM is killed (SIGKILL, by pid) while it runs tasks of the job's main stage: the
   * scheduler reruns its tasks elsewhere, and the output is exactly that of an undisturbed run.
   */
  @Test
  void jobsSurviveTheLossOfAnExecutor() throws IOException {
    Map<String, String> local = local(UNDER_EXECUTOR_LOSS);
    Map<String, String> outputs = new LinkedHashMap<>();
    for (Step step : UNDER_EXECUTOR_LOSS) {
      String out = hdfs.uri() + "/executor-loss/" + step.name();
      Path eventLogs = Files.createDirectories(work.resolve("event-logs").resolve(step.name()));
      int uiPort = Settings.freePort();
      long t0 = System.nanoTime();
      ManagedProcess submit = submit("executor-loss-" + step.name(), "client", Settings.jar().toString(),
          List.of("--conf", "spark.ui.enabled=true", "--conf", "spark.ui.port=" + uiPort, "--conf",
              "spark.eventLog.enabled=true", "--conf", "spark.eventLog.compress=false", "--conf",
              "spark.eventLog.dir=" + eventLogs.toUri()),
          step.args(out, outputs));
      String killed = killAnExecutorMidStage(submit, uiPort);
      int code = submit.waitFor(JOB_TIMEOUT);
      assertEquals(0, code, step + " after losing executor " + killed + ":\n" + ManagedProcess.tail(submit.output()));
      log("%s with executor %s killed: %.1f s", step, killed, secondsSince(t0));
      String events = eventLog(eventLogs);
      assertTrue(events.contains("\"Event\":\"SparkListenerExecutorRemoved\"") && events.contains("\"Executor ID\":\"" + killed + "\""),
          step + ": the event log records the removal of executor " + killed);
      assertTrue(events.contains("\"Reason\":\"ExecutorLostFailure\""), step + ": a task was lost with the executor and rerun");
      outputs.put(step.name(), out);
      assertSameOutputs(step, local.get(step.name()), out);
    }
  }

  /**
   * Polls the driver's REST API until an executor has finished a task and is running another,
   * then kills that executor's JVM; returns its id.
   */
  private String killAnExecutorMidStage(ManagedProcess driver, int uiPort) {
    String api = "http://127.0.0.1:" + uiPort + "/api/v1/applications";
    long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
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
              Optional<ProcessHandle> jvm = cluster.executorProcess(id);
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
    throw new AssertionError("no executor was running tasks within " + JOB_TIMEOUT);
  }

  /** The application's event log: Spark 4 writes it rolling, as events_N_* files in a directory. */
  private static String eventLog(Path dir) throws IOException {
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

  /** A bad CSV (line 3 has a non-numeric token) and a good one under {@code dir} on HDFS. */
  private Map<String, String> failureFixtures(String dir) throws IOException {
    String base = hdfs.uri() + "/" + dir;
    hdfs.write(base + "/bad/part-00000.csv", "1,2,3\n4,5,6\n7,x,9\n".getBytes(StandardCharsets.US_ASCII));
    hdfs.write(base + "/good/part-00000.csv", "1,2,3\n4,5,6\n7,8,10\n".getBytes(StandardCharsets.US_ASCII));
    return Map.of("bad", base + "/bad", "good", base + "/good");
  }

  /** spark-submit in {@code mode} (client or cluster) against the cluster; returns the running submission. */
  private ManagedProcess submit(String name, String mode, String jar, List<String> conf, List<String> jobArgs) {
    List<String> args = new ArrayList<>(List.of("--master", mode.equals("cluster") ? cluster.restUrl() : cluster.masterUrl(),
        "--deploy-mode", mode, "--class", "dev.randnla.jobs.Main", "--name", "randnla-" + name,
        "--properties-file", Settings.root().resolve("conf/spark-defaults.conf").toString(),
        "--conf", "spark.ui.enabled=false"));
    args.addAll(EXECUTORS);
    if (mode.equals("cluster")) {
      args.addAll(List.of("--conf", "spark.master.rest.enabled=true"));
    }
    args.addAll(conf);
    args.add(jar);
    args.addAll(jobArgs);
    return spark.start("submit-" + name, Map.of(), "org.apache.spark.deploy.SparkSubmit", args);
  }

  private static final Pattern SUBMISSION_ID = Pattern.compile("\"submissionId\" : \"(driver-[^\"]+)\"");

  /** Submits in cluster mode through the REST gateway (the jar from HDFS); returns the driver's submission id. */
  private String submitToCluster(String name, List<String> jobArgs) {
    ManagedProcess submit = submit(name, "cluster", jarOnHdfs, List.of(), jobArgs);
    int code = submit.waitFor(Duration.ofMinutes(2));
    String output = submit.output();
    assertEquals(0, code, "spark-submit --deploy-mode cluster:\n" + ManagedProcess.tail(output));
    Matcher m = SUBMISSION_ID.matcher(output);
    assertTrue(m.find(), "no submission id in:\n" + ManagedProcess.tail(output));
    return m.group(1);
  }

  /**
   * The tables' steps in local mode, in this JVM on a local[2] SparkSession with the settings of
   * conf/spark-defaults.conf (what bin/randnla does in-process), through the command line
   * ({@code Main.run}); started in the background while the cluster starts.
   */
  private CompletableFuture<Map<List<Step>, Map<String, String>>> startLocalRuns(List<List<Step>> tables) {
    return CompletableFuture.supplyAsync(() -> {
      SparkSession.Builder b = SparkSession.builder().appName("randnla-local-reference").master("local[2]")
          .config("spark.ui.enabled", "false");
      Settings.sparkDefaults().forEach(b::config);
      SparkSession session = b.getOrCreate();
      try {
        Map<List<Step>, Map<String, String>> all = new LinkedHashMap<>();
        for (List<Step> table : tables) {
          Path base = work.resolve("local-" + all.size());
          Map<String, String> outputs = new LinkedHashMap<>();
          for (Step step : table) {
            String out = base.resolve(step.name()).toUri().toString();
            long t0 = System.nanoTime();
            int code = Main.run(step.args(out, outputs).toArray(new String[0]));
            assertEquals(0, code, step + " in local mode (see the output above)");
            log("local mode %s: %.1f s", step, secondsSince(t0));
            outputs.put(step.name(), out);
          }
          all.put(table, outputs);
        }
        return all;
      } finally {
        session.stop();
      }
    });
  }

  /** The local-mode outputs of a table's steps (waits for the background runs). */
  private Map<String, String> local(List<Step> table) {
    try {
      return localRuns.join().get(table);
    } catch (CompletionException e) {
      throw new AssertionError("the local-mode reference runs failed", e.getCause());
    }
  }

  /**
   * Every file but summary.json is the same bytes; summary.json agrees on status, results,
   * passes, and on the input and parameters except paths.
   */
  private void assertSameOutputs(Step step, String expectedDir, String actualDir) throws IOException {
    List<String> expected = hdfs.files(expectedDir);
    List<String> actual = hdfs.files(actualDir);
    assertEquals(expected, actual, step + ": the files of " + actualDir);
    assertTrue(actual.contains("_SUCCESS") && actual.contains("summary.json"), step + ": " + actual);
    for (String f : expected) {
      if (f.endsWith(".parquet")) {
        throw new AssertionError(step + " writes Parquet (" + f + "), whose file names differ between runs: "
            + "use --row-output-format csv in this table");
      }
      if (!f.equals("summary.json")) {
        assertArrayEquals(hdfs.read(expectedDir + "/" + f), hdfs.read(actualDir + "/" + f), step + ": " + f);
      }
    }
    Map<String, Object> want = Summary.parse(hdfs.readString(expectedDir + "/summary.json"));
    Map<String, Object> got = Summary.parse(hdfs.readString(actualDir + "/summary.json"));
    assertEquals("succeeded", got.get("status"), step + ": status");
    for (String section : List.of("result", "passes", "warnings")) {
      assertEquals(want.get(section), got.get(section), step + ": summary.json " + section);
    }
    for (String section : List.of("input", "params")) {
      assertEquals(withoutPaths(want.get(section)), withoutPaths(got.get(section)), step + ": summary.json " + section);
    }
  }

  private static Object withoutPaths(Object section) {
    if (!(section instanceof Map<?, ?> m)) {
      return section;
    }
    Map<Object, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> {
      if (!(v instanceof String s && s.contains("/"))) {
        out.put(k, v);
      }
    });
    return out;
  }

  private static double secondsSince(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static void log(String format, Object... args) {
    System.out.println("[ClusterIT] " + String.format(java.util.Locale.ROOT, format, args));
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
