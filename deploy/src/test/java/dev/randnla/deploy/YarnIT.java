package dev.randnla.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * randnla where most HDFS users run Spark: {@code spark-submit --master yarn} with the shaded jar
 * on a YARN cluster in this JVM (MiniYARNCluster: a ResourceManager and a NodeManager whose
 * containers — ApplicationMasters, executors — are JVMs started from the Maven-built
 * {@link SparkHome}), reading and writing real HDFS (MiniDFSCluster). The pipeline runs once in
 * client mode and once in cluster mode, and every output equals, byte for byte, the output of the
 * same command line in local mode ({@link LocalReference}); in client mode an executor's container
 * is killed in the middle of a stage. Failures come back as a YARN user sees them: the final status
 * of the application, the driver's log, the exit code of spark-submit.
 *
 * <p>The tests run at the same time (each is a sequence of spark-submits that mostly wait: JVM
 * starts, container allocation), sharing one YARN and one HDFS: each is annotated
 * {@code @Execution(CONCURRENT)}, and the failsafe configuration in deploy/pom.xml enables JUnit's
 * parallel execution for what asks for it. The class itself runs alone, like every other IT
 * (ClusterIT's processes and its local SparkSession must not meet this class's).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class YarnIT {
  /**
   * The pipeline, in order ({@code {out}}: the step's output; {@code {NAME}}: an earlier step's):
   * steps of {@link ClusterIT#PIPELINE} (small enough that JVM starts dominate) and a scan of many
   * tasks. (cluster --block-by file would write the input's file paths, which differ between HDFS
   * and local disk.)
   */
  static final List<Step> PIPELINE = List.of(
      ClusterIT.step("generate"),
      // many small tasks (800: with 160 a loaded machine finished the stage before the test could kill an
      // executor): the stage is still running when client mode kills an executor's container
      new Step("scan", "scan --input {generate} --label-col 0 --min-partitions 800 --output {out}"),
      ClusterIT.step("eigen"),
      ClusterIT.step("regress"),
      ClusterIT.step("leverage"),
      ClusterIT.step("blocks"),
      ClusterIT.step("cluster"));

  /** The step during which client mode kills the container of an executor that is running tasks. */
  static final String KILLED_IN = "scan";

  /** A malformed row: field 2 of line 3 of the input (ClusterIT's fixture). */
  static final Step BAD_ROW = new Step("bad-row", "scan --input {bad} --output {out}");

  /**
   * A request over what {@code spark.executor.memory} (512m) gives a task: a sketch of 10⁶ × 101
   * doubles. The input is a LIBSVM file whose second line is malformed and whose width comes from
   * {@code --cols}: a job that read it would exit 3, so exit 4 proves the refusal came first.
   */
  static final Step OVER_EXECUTOR_MEMORY = new Step("over-memory",
      "regress --input {wide} --cols 100 --solver sketch --sketch-size 1000000 --output {out}");

  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);
  /** How long the ApplicationMaster may take to unregister after a client-mode driver exited. */
  private static final Duration APP_END = Duration.ofMinutes(1);

  /**
   * Containers sized for a 2-core machine: one executor of 2 cores (fewer JVMs to start), 512 MB
   * heaps; Spark's jars from the assembled SPARK_HOME on the node's disk ({@code local:}, nothing
   * uploaded); one application attempt (a failed job is not run twice); loopback only.
   */
  private static List<String> containers(SparkHome spark) {
    String javaHome = System.getProperty("java.home");
    return List.of("--conf", "spark.executor.instances=1", "--conf", "spark.executor.cores=2",
        "--conf", "spark.executor.memory=512m", "--conf", "spark.driver.memory=512m",
        "--conf", "spark.yarn.am.memory=384m", "--conf", "spark.yarn.maxAppAttempts=1",
        "--conf", "spark.yarn.jars=local:" + spark.path().resolve("jars") + "/*",
        "--conf", "spark.yarn.appMasterEnv.JAVA_HOME=" + javaHome, "--conf", "spark.executorEnv.JAVA_HOME=" + javaHome,
        "--conf", "spark.yarn.appMasterEnv.SPARK_LOCAL_IP=127.0.0.1", "--conf", "spark.executorEnv.SPARK_LOCAL_IP=127.0.0.1");
  }

  private MiniYarn yarn;
  private MiniHdfs hdfs;
  private SparkHome spark;
  private LocalReference localRuns;
  private Path work;

  @BeforeAll
  void startYarnAndHdfs() throws IOException {
    long t0 = System.nanoTime();
    work = Settings.emptyDirectory(Path.of(System.getProperty("java.io.tmpdir"), "yarn-it"));
    // HDFS and the local-mode reference runs start together: both take tens of seconds
    CompletableFuture<MiniHdfs> starting = MiniHdfs.startInBackground(work.resolve("hdfs"));
    spark = SparkHome.prepared(work.resolve("spark"));
    localRuns = LocalReference.start(work, List.of(PIPELINE), YarnIT::log);
    hdfs = MiniHdfs.await(starting);
    yarn = MiniYarn.start(hdfs.uri(), work.resolve("hadoop-conf"));
    log("YARN and HDFS up in %.1f s: ResourceManager %s, HDFS %s", Settings.secondsSince(t0), yarn.resourceManager(),
        hdfs.uri());
  }

  @AfterAll
  void stopEverything() {
    // spark-submits first: a client-mode driver outliving YARN would retry it for minutes
    Settings.closeInOrder(localRuns, ManagedProcess::stopAll, yarn, hdfs);
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void clientModeMatchesLocalModeAfterAContainerIsKilled() throws IOException {
    pipelineMatchesLocalMode("client", (step, args) -> {
      String name = "client-" + step.name();
      if (!step.name().equals(KILLED_IN)) {
        ManagedProcess submit = submit(name, "client", List.of(), args);
        assertEquals(0, submit.waitFor(JOB_TIMEOUT), step + " in client mode:\n" + ManagedProcess.tail(submit.output()));
        assertSucceeded(submit);
        return "";
      }
      Path eventLogs = Files.createDirectories(work.resolve("event-logs").resolve(name));
      int uiPort = Settings.freePort();
      ManagedProcess submit = submit(name, "client", ExecutorLoss.submitOptions(uiPort, eventLogs), args);
      String killed = ExecutorLoss.killMidStage(submit, uiPort, yarn::executorProcess, JOB_TIMEOUT);
      assertEquals(0, submit.waitFor(JOB_TIMEOUT),
          step + " after the container of executor " + killed + " was killed:\n" + ManagedProcess.tail(submit.output()));
      ExecutorLoss.assertRecorded(eventLogs, killed, step);
      assertSucceeded(submit);
      return " (the container of executor " + killed + " killed mid-stage)";
    });
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void clusterModeMatchesLocalMode() throws IOException {
    pipelineMatchesLocalMode("cluster", (step, args) -> {
      String name = "cluster-" + step.name();
      ManagedProcess submit = submit(name, "cluster", List.of(), args);
      int code = submit.waitFor(JOB_TIMEOUT);
      ApplicationReport app = yarn.ended(submit, APP_END);
      assertEquals(0, code, step + " in cluster mode:\n" + ManagedProcess.tail(submit.output()) + yarn.containerLogs(app));
      assertSucceeded(submit);
      return " (" + app.getApplicationId() + ")";
    });
  }

  /** Runs PIPELINE on HDFS in one deploy mode and compares every step's output with local mode. */
  private void pipelineMatchesLocalMode(String mode, LocalReference.StepRunner runner) throws IOException {
    LocalReference.runAndCompare(hdfs, PIPELINE, localRuns.outputs(PIPELINE), hdfs.uri() + "/" + mode, mode + " mode",
        runner, YarnIT::log);
  }

  /**
   * A malformed row: in client mode spark-submit exits 3 with the job's message (the driver's log
   * is its output); in cluster mode the message is in the ApplicationMaster's log (the driver) and
   * spark-submit fails. Either way the application is FAILED and no output is left.
   */
  @ParameterizedTest(name = "{0} mode")
  @ValueSource(strings = {"client", "cluster"})
  @Execution(ExecutionMode.CONCURRENT)
  void aMalformedRowFailsTheApplication(String mode) throws IOException {
    Map<String, String> fixtures = ClusterIT.failureFixtures(hdfs, "failures-" + mode);
    String name = mode + "-" + BAD_ROW.name();
    String out = hdfs.uri() + "/failures-" + mode + "/out";
    long t0 = System.nanoTime();
    ManagedProcess submit = submit(name, mode, List.of(), BAD_ROW.args(out, fixtures));
    int code = submit.waitFor(JOB_TIMEOUT);
    ApplicationReport app = yarn.ended(submit, APP_END);
    String driverLog = mode.equals("client") ? submit.output() : yarn.containerLogs(app);
    log("%s mode %s: exit %d, %s %s in %.1f s", mode, BAD_ROW, code, app.getYarnApplicationState(),
        app.getFinalApplicationStatus(), Settings.secondsSince(t0));
    if (mode.equals("client")) {
      assertEquals(3, code, "client mode: the job's exit code through spark-submit\n" + ManagedProcess.tail(driverLog));
    } else {
      assertNotEquals(0, code, "cluster mode: spark-submit reports the failed application\n"
          + ManagedProcess.tail(submit.output()));
    }
    assertEquals(FinalApplicationStatus.FAILED, app.getFinalApplicationStatus(), mode + " mode: " + app.getDiagnostics());
    assertTrue(driverLog.contains("randnla scan: ") && driverLog.contains("part-00000.csv, line 3"),
        mode + " mode: the job's message in the driver's log\n" + ManagedProcess.tail(driverLog));
    assertFalse(hdfs.exists(out), mode + " mode: a failed job leaves no output");
  }

  /**
   * A job whose tasks would need more than spark.executor.memory gives them is refused on the driver,
   * before any task runs in a container: exit 4, the setting to raise named, no Spark job in the
   * application's event log.
   */
  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void aRequestOverExecutorMemoryIsRefusedBeforeAnyTask() throws IOException {
    String wide = hdfs.uri() + "/limits/wide";
    hdfs.write(wide + "/m.libsvm", "1 1:1 7:2\n2 3:x\n1 2:1\n".getBytes(StandardCharsets.US_ASCII));
    String out = hdfs.uri() + "/limits/out";
    Path eventLogs = Files.createDirectories(work.resolve("event-logs").resolve("over-memory"));
    long t0 = System.nanoTime();
    ManagedProcess submit = submit("client-" + OVER_EXECUTOR_MEMORY.name(), "client",
        List.of("--conf", "spark.eventLog.enabled=true", "--conf", "spark.eventLog.compress=false",
            "--conf", "spark.eventLog.dir=" + eventLogs.toUri(),
            // the driver does not wait for the executor to register: the refusal needs none
            "--conf", "spark.scheduler.minRegisteredResourcesRatio=0"),
        OVER_EXECUTOR_MEMORY.args(out, Map.of("wide", wide)));
    int code = submit.waitFor(JOB_TIMEOUT);
    String output = submit.output();
    log("client mode %s: exit %d in %.1f s", OVER_EXECUTOR_MEMORY, code, Settings.secondsSince(t0));
    assertEquals(4, code, "refused for a resource limit (exit 3 would mean it read the malformed line)\n"
        + ManagedProcess.tail(output));
    assertTrue(output.contains("randnla regress: ") && output.contains("a sketch of 1000000 x 101")
        && output.contains("raise spark.executor.memory"), "the limit and the setting to change\n" + ManagedProcess.tail(output));
    assertFalse(ExecutorLoss.eventLog(eventLogs).contains("\"Event\":\"SparkListenerJobStart\""),
        "no Spark job (no task) ran before the refusal");
    assertEquals(FinalApplicationStatus.FAILED, yarn.ended(submit, APP_END).getFinalApplicationStatus());
    assertFalse(hdfs.exists(out), "no output after a refusal");
  }

  /** The application a spark-submit ran finished and SUCCEEDED in YARN's view. */
  private void assertSucceeded(ManagedProcess submit) {
    ApplicationReport app = yarn.ended(submit, APP_END);
    assertEquals(YarnApplicationState.FINISHED, app.getYarnApplicationState(), submit.name() + ": " + app.getDiagnostics());
    assertEquals(FinalApplicationStatus.SUCCEEDED, app.getFinalApplicationStatus(), submit.name() + ": "
        + app.getDiagnostics() + "\n" + yarn.containerLogs(app));
  }

  /** spark-submit --master yarn in {@code mode} (client or cluster) with the shaded jar; returns the running submission. */
  private ManagedProcess submit(String name, String mode, List<String> conf, List<String> jobArgs) {
    List<String> args = new ArrayList<>(List.of("--master", "yarn", "--deploy-mode", mode, "--class", "dev.randnla.jobs.Main",
        "--name", "randnla-" + name, "--properties-file", Settings.root().resolve("conf/spark-defaults.conf").toString(),
        "--conf", "spark.ui.enabled=false"));
    args.addAll(containers(spark));
    args.addAll(conf);
    args.add(Settings.jar().toString());
    args.addAll(jobArgs);
    return spark.start("submit-" + name, yarn.environment(), "org.apache.spark.deploy.SparkSubmit", args);
  }

  private static void log(String format, Object... args) {
    System.out.println("[YarnIT] " + String.format(java.util.Locale.ROOT, format, args));
  }
}
