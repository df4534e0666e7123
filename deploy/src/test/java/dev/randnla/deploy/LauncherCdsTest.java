package dev.randnla.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/randnla}'s class-data archive (docs/design.md, section 7), on a copy of the launcher
 * beside copies of the jar and its class path, so the archive it writes is this test's own. The
 * first job run saves the archive; the next maps it (checked in the JVM's class-loading log, with
 * {@code -Xshare:on}, which makes the JVM fail rather than start without it); a truncated archive
 * is replaced, not mapped; a failed run keeps none; {@code RANDNLA_CDS=off} runs without it. Every run
 * gives the same result line and the same output bytes.
 */
class LauncherCdsTest {
  private static final long TIMEOUT_MINUTES = 5;
  private static final String NOTICE = "randnla: saving a class-data archive";

  @TempDir Path root;
  private Path archive;
  private Path input;

  /** A process's exit code and its two streams. */
  private record Run(int code, String stdout, String stderr) {}

  @BeforeEach
  void copyTheLauncher() throws IOException {
    Path repo = Settings.root();
    Files.createDirectories(root.resolve("bin"));
    Path launcher = root.resolve("bin/randnla");
    Files.copy(repo.resolve("bin/randnla"), launcher);
    assertTrue(launcher.toFile().setExecutable(true));
    Files.createDirectories(root.resolve("conf"));
    for (String f : List.of("spark-defaults.conf", "log4j2.properties")) {
      Files.copy(repo.resolve("conf").resolve(f), root.resolve("conf").resolve(f));
    }
    Path target = Files.createDirectories(root.resolve("jobs/target"));
    Path jar = Settings.jar();
    Files.copy(jar, target.resolve(jar.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
    Files.copy(repo.resolve("jobs/target/classpath.txt"), target.resolve("classpath.txt"));
    archive = target.resolve("randnla-cds.jsa");
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      csv.append(String.format(Locale.ROOT, "%d,%.3f,%.3f,%d%n", i % 7, Math.sin(i), Math.cos(3.0 * i), i % 5 - 2));
    }
    input = Files.writeString(root.resolve("rows.csv"), csv.toString());
  }

  /** One archive's life, in order: saved, mapped, left alone, refused when truncated and saved anew, none kept from a failed run. */
  @Test
  void theFirstRunSavesTheArchiveTheNextMapsItAndATruncatedOneIsReplaced() throws Exception {
    Run first = gram("first", Map.of());
    assertEquals(0, first.code(), first.stderr());
    assertTrue(first.stderr().contains(NOTICE), "the saving run says so:\n" + first.stderr());
    assertTrue(Files.isRegularFile(archive), "archive saved");
    assertEquals(Files.size(archive) + "", Files.readString(key()).trim().split(" ")[1],
        "the key file records the archive's size");
    assertNoTemporaryFiles();

    Path classLog = root.resolve("class-load.log");
    Run second = gram("second", Map.of("JAVA_TOOL_OPTIONS", "-Xshare:on -Xlog:class+load=info:file=" + classLog));
    assertEquals(0, second.code(), second.stderr());
    assertFalse(second.stderr().contains(NOTICE), second.stderr());
    String loaded = Files.readString(classLog);
    assertTrue(loaded.contains("dev.randnla.jobs.Main source: shared objects file (top)"),
        "the job's classes come from the archive");
    assertTrue(loaded.contains("org.apache.spark.SparkContext source: shared objects file (top)"),
        "Spark's classes come from the archive");
    assertSameResult(first, "first", second, "second");

    FileTime saved = Files.getLastModifiedTime(archive);
    Run off = gram("off", Map.of("RANDNLA_CDS", "off", "JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classLog));
    assertEquals(0, off.code(), off.stderr());
    assertFalse(Files.readString(classLog).contains("source: shared objects file (top)"), "RANDNLA_CDS=off maps no archive");
    assertEquals(saved, Files.getLastModifiedTime(archive), "RANDNLA_CDS=off leaves the archive alone");
    assertSameResult(first, "first", off, "off");

    Run badSetting = gram("bad-setting", Map.of("RANDNLA_CDS", "yes"));
    assertEquals(2, badSetting.code());
    assertTrue(badSetting.stderr().contains("RANDNLA_CDS must be auto or off, not 'yes'"), badSetting.stderr());

    // a truncated archive would crash the JVM that maps it (SIGBUS): the size in the key file differs, so it is saved anew
    long size = Files.size(archive);
    assertTrue(archive.toFile().setWritable(true));
    try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
      f.setLength(size / 2);
    }
    Run again = gram("again", Map.of());
    assertEquals(0, again.code(), again.stderr());
    assertTrue(again.stderr().contains(NOTICE), "saved anew:\n" + again.stderr());
    assertTrue(Files.size(archive) > size / 2, "a whole archive again");
    assertSameResult(first, "first", again, "again");

    // without an archive, a run that fails (here a usage error, exit 2) keeps none
    Files.delete(archive);
    Run failed = run(List.of("gram", "--input", input.toString(), "--output", root.resolve("out-failed").toString(),
        "--no-such-option"), Map.of());
    assertEquals(2, failed.code(), failed.stderr());
    assertTrue(failed.stderr().contains(NOTICE), "it was saving:\n" + failed.stderr());
    assertFalse(Files.exists(archive), "no archive from a failed run");
    assertFalse(Files.exists(key()));
    assertNoTemporaryFiles();
  }

  private Path key() {
    return archive.resolveSibling("randnla-cds.jsa.key");
  }

  private Run gram(String name, Map<String, String> env) throws IOException, InterruptedException {
    return run(List.of("gram", "--input", input.toString(), "--output", root.resolve("out-" + name).toString()), env);
  }

  private Run run(List<String> args, Map<String, String> env) throws IOException, InterruptedException {
    List<String> cmd = Stream.concat(Stream.of(root.resolve("bin/randnla").toString()), args.stream()).toList();
    Path out = root.resolve("stdout.txt");
    Path err = root.resolve("stderr.txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectOutput(out.toFile())
        .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    pb.environment().remove("RANDNLA_CDS");
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      fail(cmd + " ran longer than " + TIMEOUT_MINUTES + " minutes");
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private void assertSameResult(Run a, String aName, Run b, String bName) throws IOException {
    assertEquals(a.stdout(), b.stdout(), "the result line");
    assertArrayEquals(Files.readAllBytes(root.resolve("out-" + aName + "/gram.csv")),
        Files.readAllBytes(root.resolve("out-" + bName + "/gram.csv")), "gram.csv");
  }

  private void assertNoTemporaryFiles() throws IOException {
    try (Stream<Path> files = Files.list(archive.getParent())) {
      List<String> left = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
      assertEquals(List.of(), left, "temporary archives left behind");
    }
  }
}
