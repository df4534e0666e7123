package dev.randnla.deploy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * A YARN cluster in this JVM (a ResourceManager and one NodeManager, on free ports), sized for a
 * 2-core test machine, with its client configuration written where {@code spark-submit} reads it
 * ({@code HADOOP_CONF_DIR}): the ResourceManager address it actually bound, and HDFS as the default
 * file system (Spark's staging directory). Containers (ApplicationMasters, executors) are child
 * processes of this JVM; closing it stops them. {@code confDir} is the directory spark-submit needs as
 * {@code HADOOP_CONF_DIR}.
 */
record MiniYarn(MiniYARNCluster cluster, Path confDir, YarnClient client) implements AutoCloseable {
  /**
   * The NodeManager's memory: four applications at once, each an ApplicationMaster and one executor
   * (896 MB containers for 512 MB heaps); the JVMs use far less than that.
   */
  private static final int NODE_MEMORY_MB = 8192;

  /** Starts it with {@code defaultFs} (the MiniDFSCluster) as the default file system; the client configuration goes to {@code confDir}. */
  static MiniYarn start(String defaultFs, Path confDir) throws IOException {
    YarnConfiguration conf = new YarnConfiguration();
    conf.set("fs.defaultFS", defaultFs);
    // MiniYARNCluster sets the NodeManager's memory from its own key (4096 by default)
    conf.setInt(YarnConfiguration.YARN_MINICLUSTER_NM_PMEM_MB, NODE_MEMORY_MB);
    conf.setInt(YarnConfiguration.NM_VCORES, 8);
    conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
    conf.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, 2048);
    // JVMs reserve far more virtual memory than they use; the memory limit is the container size
    conf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
    conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
    // a nearly full build disk must not mark the only node unhealthy
    conf.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 100f);
    // the CapacityScheduler's queues (no capacity-scheduler.xml on the test classpath): one queue, all the node;
    // ApplicationMasters may use half of it (the default, 10 %, leaves room for one)
    conf.set("yarn.scheduler.capacity.root.queues", "default");
    conf.set("yarn.scheduler.capacity.root.default.capacity", "100");
    conf.setFloat("yarn.scheduler.capacity.maximum-am-resource-percent", 0.5f);
    conf.set(YarnConfiguration.RM_BIND_HOST, "127.0.0.1");
    conf.set(YarnConfiguration.NM_BIND_HOST, "127.0.0.1");
    MiniYARNCluster cluster = new MiniYARNCluster("randnla-yarn-it", 1, 1, 1);
    YarnClient client = null;
    try {
      cluster.init(conf);
      cluster.start();
      if (!cluster.waitForNodeManagersToConnect(60_000)) {
        throw new IllegalStateException("the NodeManager did not register with the ResourceManager within 60 s");
      }
      Configuration bound = cluster.getConfig();
      Files.createDirectories(confDir);
      for (String file : List.of("yarn-site.xml", "core-site.xml")) {
        try (OutputStream out = Files.newOutputStream(confDir.resolve(file))) {
          bound.writeXml(out);
        }
      }
      Path workDir = cluster.getTestWorkDir().toPath();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stopContainers(workDir), "randnla-it-stop-containers"));
      client = YarnClient.createYarnClient();
      client.init(bound);
      client.start();
      return new MiniYarn(cluster, confDir, client);
    } catch (IOException | RuntimeException | InterruptedException | YarnException e) {
      if (client != null) {
        client.stop();
      }
      cluster.stop();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("cannot start the MiniYARNCluster: " + e.getMessage(), e);
    }
  }

  /** The ResourceManager's client address (host:port). */
  String resourceManager() {
    return cluster.getConfig().get(YarnConfiguration.RM_ADDRESS);
  }

  /** Every application the ResourceManager knows, oldest first. */
  List<ApplicationReport> applications() {
    try {
      List<ApplicationReport> apps = new ArrayList<>(client.getApplications());
      apps.sort((a, b) -> a.getApplicationId().compareTo(b.getApplicationId()));
      return apps;
    } catch (YarnException | IOException e) {
      throw new IllegalStateException("cannot list the applications of the ResourceManager", e);
    }
  }

  /** The application with id {@code id}. */
  ApplicationReport application(String id) {
    try {
      return client.getApplicationReport(ApplicationId.fromString(id));
    } catch (YarnException | IOException e) {
      throw new IllegalStateException("cannot get the report of " + id, e);
    }
  }

  private static final Pattern SUBMITTED = Pattern.compile("Submitted application (application_[0-9]+_[0-9]+)");

  /**
   * The id of the application a spark-submit ran, from its output (Spark's YARN client logs it):
   * unique, where names repeat across the runs of one test.
   */
  static String applicationId(ManagedProcess submit) {
    Matcher m = SUBMITTED.matcher(submit.output());
    if (!m.find()) {
      throw new AssertionError("no application id in the output of " + submit.name() + ":\n"
          + ManagedProcess.tail(submit.output()));
    }
    return m.group(1);
  }

  /**
   * The application a spark-submit ran, once it has ended (FINISHED, FAILED or KILLED). In client
   * mode spark-submit may exit before the ApplicationMaster has unregistered.
   */
  ApplicationReport ended(ManagedProcess submit, Duration timeout) {
    String id = applicationId(submit);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      ApplicationReport app = application(id);
      if (ENDED.contains(app.getYarnApplicationState())) {
        return app;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(id + " still " + app.getYarnApplicationState() + " after " + timeout + "\n"
            + containerLogs(app));
      }
      StandaloneCluster.sleep(250);
    }
  }

  private static final Set<YarnApplicationState> ENDED = EnumSet.of(YarnApplicationState.FINISHED,
      YarnApplicationState.FAILED, YarnApplicationState.KILLED);

  /**
   * What the containers of an application wrote on stderr ({@code <log dir>/<app>/<container>/stderr}), the
   * ApplicationMaster's (the first container) first; in cluster mode that is the driver's log.
   */
  String containerLogs(ApplicationReport app) {
    String id = app.getApplicationId().toString();
    StringBuilder sb = new StringBuilder();
    try {
      for (Path f : stderrFiles(cluster.getTestWorkDir().toPath(), id)) {
        sb.append("--- ").append(f.getParent().getFileName()).append(" stderr:\n").append(Files.readString(f)).append('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the container logs of " + id, e);
    }
    return sb.toString();
  }

  /**
   * The files {@code <app>/<container>/stderr} below {@code root}, sorted. The walk goes through the
   * NodeManager's local directories too, where it deletes the caches of applications that ended
   * (other tests' applications, concurrently): a file or directory gone before it is read is passed
   * over, and any other failure to read the tree is an error.
   */
  static List<Path> stderrFiles(Path root, String applicationId) throws IOException {
    List<Path> found = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes attributes) {
        Path container = f.getParent();
        if (f.getFileName().toString().equals("stderr") && container != null && container.getParent() != null
            && container.getParent().getFileName().toString().equals(applicationId)) {
          found.add(f);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
        return passOverVanished(e);
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        return e == null ? FileVisitResult.CONTINUE : passOverVanished(e);
      }
    });
    found.sort(null);
    return found;
  }

  private static FileVisitResult passOverVanished(IOException e) throws IOException {
    if (e instanceof NoSuchFileException) {
      return FileVisitResult.CONTINUE;
    }
    throw e;
  }

  /** The live JVM of an application's executor in a container of this NodeManager. */
  Optional<ProcessHandle> executorProcess(String applicationId, String executorId) {
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .filter(h -> ExecutorLoss.isExecutor(h, "org.apache.spark.executor.YarnCoarseGrainedExecutorBackend",
            applicationId, executorId))
        .findFirst();
  }

  /** The environment spark-submit needs to reach it. */
  Map<String, String> environment() {
    return Map.of("HADOOP_CONF_DIR", confDir.toString(), "YARN_CONF_DIR", confDir.toString());
  }

  @Override
  public void close() {
    try {
      client.stop();
    } finally {
      try {
        cluster.stop();
      } finally {
        stopContainers(cluster.getTestWorkDir().toPath());
      }
    }
  }

  /**
   * Stops, by pid, every container process still running: those among this JVM's descendants whose
   * command line runs from the cluster's directory (the NodeManager's launch scripts and the JVMs
   * they started). The NodeManager stops its containers when it stops; this also covers a test JVM
   * that is being shut down without {@link #close}.
   */
  private static void stopContainers(Path workDir) {
    String dir = workDir.toAbsolutePath().toString();
    List<ProcessHandle> left = ProcessHandle.current().descendants()
        .filter(h -> h.info().commandLine().map(c -> c.contains(dir)).orElse(false)).toList();
    left.forEach(ProcessHandle::destroy);
    for (ProcessHandle h : left) {
      try {
        h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
      }
    }
  }
}
