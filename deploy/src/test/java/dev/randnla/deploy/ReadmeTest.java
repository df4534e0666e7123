package dev.randnla.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's shell examples run as written. Every fenced block that mentions {@code bin/randnla}
 * is marked: {@code ```sh} blocks are run here, in order, one command at a time, in a fresh
 * directory (so relative paths such as {@code data.libsvm} land there) with {@code /tmp/} replaced by
 * that directory; {@code ```sh skip-test} blocks (a cluster, the build itself, a long demo) are not
 * run. Each command must exit with 0, and every {@code --output} it names must hold
 * {@code _SUCCESS}, which a job writes last. {@code bin/randnla} is the repository's launcher, on the
 * jar the jobs module packaged earlier in the build. (Its {@code ```scala} blocks run in the Scala REPL:
 * {@code zeppelin.NotebookTest}.)
 */
public class ReadmeTest {
  /** The fence info string of blocks this test runs, and of blocks it must not run. */
  static final String RUN = "sh";
  static final String SKIP = "sh skip-test";
  private static final Pattern OUTPUT = Pattern.compile("--output[ =](\\S+)");
  private static final long COMMAND_TIMEOUT_MINUTES = 10;

  @TempDir Path work;

  /** A fenced block: its info string, the line it starts on (1-based) and its lines. */
  public record Block(String info, int line, List<String> lines) {
    boolean mentionsLauncher() {
      return lines.stream().anyMatch(l -> l.contains("bin/randnla"));
    }
  }

  public static List<Block> blocks(List<String> markdown) {
    List<Block> blocks = new ArrayList<>();
    Block open = null;
    for (int i = 0; i < markdown.size(); i++) {
      String line = markdown.get(i);
      if (line.startsWith("```")) {
        if (open == null) {
          open = new Block(line.substring(3).trim(), i + 1, new ArrayList<>());
        } else {
          blocks.add(open);
          open = null;
        }
      } else if (open != null) {
        open.lines().add(line);
      }
    }
    assertTrue(open == null, "README.md ends inside the block opened on line " + (open == null ? 0 : open.line()));
    return blocks;
  }

  /** The commands of a block: one per line, backslash continuations joined, comments and blank lines dropped. */
  static List<String> commands(Block b) {
    List<String> commands = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String line : b.lines()) {
      String t = line.strip();
      if (pending.isEmpty() && (t.isEmpty() || t.startsWith("#"))) {
        continue;
      }
      if (t.endsWith("\\")) {
        pending.append(t, 0, t.length() - 1).append(' ');
        continue;
      }
      commands.add(pending.append(t).toString());
      pending.setLength(0);
    }
    return commands;
  }

  @Test
  void everyExampleRunsAsWritten() throws IOException, InterruptedException {
    List<Block> blocks = blocks(Files.readAllLines(Settings.root().resolve("README.md")));
    List<Block> runnable = new ArrayList<>();
    for (Block b : blocks) {
      if (b.info().equals(RUN)) {
        runnable.add(b);
      } else if (b.mentionsLauncher()) {
        assertEquals(SKIP, b.info(), "README.md line " + b.line() + ": a block with bin/randnla is either ```" + RUN
            + " (run by this test) or ```" + SKIP + " (not run)");
      }
    }
    assertFalse(runnable.isEmpty(), "README.md has ```" + RUN + " blocks");
    Path launcher = work.resolve("bin/randnla");
    Files.createDirectories(launcher.getParent());
    Files.writeString(launcher, "#!/usr/bin/env bash\nexec '" + Settings.root().resolve("bin/randnla") + "' \"$@\"\n");
    assertTrue(launcher.toFile().setExecutable(true));
    String tmp = work.toString() + "/";
    int n = 0;
    for (Block b : runnable) {
      for (String command : commands(b)) {
        String local = command.replace("/tmp/", tmp);
        Path log = work.resolve("command-" + (++n) + ".log");
        int code = run(local, log);
        String where = "README.md block at line " + b.line() + ": " + command;
        if (code != 0) {
          fail(where + "\nexited with " + code + ":\n" + Files.readString(log));
        }
        Matcher m = OUTPUT.matcher(local);
        while (m.find()) {
          Path out = work.resolve(m.group(1));
          assertTrue(Files.isRegularFile(out.resolve("_SUCCESS")), where + ": " + out + " has no _SUCCESS");
          assertTrue(Files.isRegularFile(out.resolve("summary.json")), where + ": " + out + " has no summary.json");
        }
      }
    }
  }

  private int run(String command, Path log) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process p = pb.start();
    if (!p.waitFor(COMMAND_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      fail(command + " ran longer than " + COMMAND_TIMEOUT_MINUTES + " minutes");
    }
    return p.exitValue();
  }
}
