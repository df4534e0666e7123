package dev.randnla.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A process a test started, with its output in a log file, stopped by its pid — with every
 * process it started (a Worker's executors and drivers) — at the end of the test, on failure, or
 * by a JVM shutdown hook if the test JVM itself is stopped. Never stops anything it did not start.
 */
final class ManagedProcess implements AutoCloseable {
  private static final List<ManagedProcess> RUNNING = new CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ManagedProcess::stopAll, "randnla-it-stop-processes"));
  }

  private final String name;
  private final Process process;
  private final Path log;

  private ManagedProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code command} with {@code env} added to this JVM's environment; stdout and stderr go to {@code log}. */
  static ManagedProcess start(String name, List<String> command, Map<String, String> env, Path log) {
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.environment().putAll(env);
      ManagedProcess p = new ManagedProcess(name, pb.start(), log);
      RUNNING.add(p);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    }
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Everything it printed so far. */
  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  Path log() {
    return log;
  }

  /** Waits for it to exit and returns its exit code; stops it (a test failure) after {@code timeout}. */
  int waitFor(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        close();
        throw new AssertionError(name + " did not finish within " + timeout + "; its output:\n" + tail(output()));
      }
      RUNNING.remove(this);
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new AssertionError("interrupted while waiting for " + name, e);
    }
  }

  /**
   * Stops it and every descendant: SIGTERM to each (so a Worker's shutdown hooks stop its
   * executors), then SIGKILL to whatever is still alive after a grace period.
   */
  @Override
  public void close() {
    RUNNING.remove(this);
    List<ProcessHandle> all = new ArrayList<>();
    process.toHandle().descendants().forEach(all::add);
    all.add(process.toHandle());
    for (ProcessHandle h : all) {
      h.destroy();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (ProcessHandle h : all) {
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        h.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
      }
    }
  }

  /** Stops every process still running (the shutdown hook; also safe to call from tests). */
  static void stopAll() {
    for (ManagedProcess p : new ArrayList<>(RUNNING)) {
      p.close();
    }
  }

  /** The last lines of a long output, for failure messages. */
  static String tail(String text) {
    String[] lines = text.split("\n");
    int from = Math.max(0, lines.length - 60);
    return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
  }
}
