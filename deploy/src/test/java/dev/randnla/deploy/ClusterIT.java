package dev.randnla.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
      // sparse regression: the Lasso path with 5-fold cross-validation from one pass (path.png included)
      new Step("lasso", "regress --input {generate} --label-col 0 --lasso --lambdas 10 --min-partitions 6 --seed 7 "
          + "--output {out}"),
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

  /** The step of PIPELINE called {@code name}. */
  static Step step(String name) {
    return PIPELINE.stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no step " + name + " in ClusterIT.PIPELINE"));
  }

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
  private LocalReference localRuns;

  @BeforeAll
  void startClusterAndHdfs() throws IOException {
    work = Settings.emptyDirectory(Path.of(System.getProperty("java.io.tmpdir"), "cluster-it"));
    long t0 = System.nanoTime();
    CompletableFuture<MiniHdfs> starting = MiniHdfs.startInBackground(work.resolve("hdfs"));
    localRuns = LocalReference.start(work, List.of(PIPELINE, UNDER_EXECUTOR_LOSS), ClusterIT::log);
    try {
      spark = SparkHome.prepared(work.resolve("spark"));
      cluster = StandaloneCluster.start(spark, work.resolve("cluster"), 2, 2, "2g");
    } finally {
      hdfs = MiniHdfs.await(starting);
    }
    jarOnHdfs = hdfs.uri() + "/apps/" + Settings.jar().getFileName();
    hdfs.put(Settings.jar(), jarOnHdfs);
    log("cluster and HDFS up in %.1f s: master %s, REST %s, HDFS %s", Settings.secondsSince(t0), cluster.masterUrl(),
        cluster.restUrl(), hdfs.uri());
  }

  @AfterAll
  void stopEverything() {
    Settings.closeInOrder(localRuns, cluster, hdfs, ManagedProcess::stopAll);
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

  /** Runs the steps of PIPELINE it selects on HDFS in one deploy mode and compares every step's output with local mode. */
  private void pipelineMatchesLocalMode(String mode, Predicate<Step> runs, LocalReference.StepRunner runner)
      throws IOException {
    LocalReference.runAndCompare(hdfs, PIPELINE.stream().filter(runs).toList(), localRuns.outputs(PIPELINE),
        hdfs.uri() + "/" + mode, mode + " mode", runner, ClusterIT::log);
  }

  /** Exit codes come back through bin/randnla → $SPARK_HOME/bin/spark-submit → SparkSubmit (client mode). */
  @Test
  void exitCodesComeBackThroughBinRandnla() throws IOException {
    Map<String, String> fixtures = failureFixtures(hdfs, "bin");
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
    Map<String, String> fixtures = failureFixtures(hdfs, "cluster-failures");
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
    Map<String, String> local = localRuns.outputs(UNDER_EXECUTOR_LOSS);
    Map<String, String> outputs = new LinkedHashMap<>();
    for (Step step : UNDER_EXECUTOR_LOSS) {
      String out = hdfs.uri() + "/executor-loss/" + step.name();
      Path eventLogs = Files.createDirectories(work.resolve("event-logs").resolve(step.name()));
      int uiPort = Settings.freePort();
      long t0 = System.nanoTime();
      ManagedProcess submit = submit("executor-loss-" + step.name(), "client", Settings.jar().toString(),
          ExecutorLoss.submitOptions(uiPort, eventLogs), step.args(out, outputs));
      String killed = ExecutorLoss.killMidStage(submit, uiPort, cluster::executorProcess, JOB_TIMEOUT);
      int code = submit.waitFor(JOB_TIMEOUT);
      assertEquals(0, code, step + " after losing executor " + killed + ":\n" + ManagedProcess.tail(submit.output()));
      log("%s with executor %s killed: %.1f s", step, killed, Settings.secondsSince(t0));
      ExecutorLoss.assertRecorded(eventLogs, killed, step);
      outputs.put(step.name(), out);
      LocalReference.assertSameOutputs(hdfs, step, local.get(step.name()), out);
    }
  }

  /** A bad CSV (line 3 has a non-numeric token) and a good one under {@code dir} on HDFS. */
  static Map<String, String> failureFixtures(MiniHdfs hdfs, String dir) throws IOException {
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

  private static void log(String format, Object... args) {
    System.out.println("[ClusterIT] " + String.format(java.util.Locale.ROOT, format, args));
  }
}
