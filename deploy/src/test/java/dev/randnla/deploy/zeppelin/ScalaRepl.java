package dev.randnla.deploy.zeppelin;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import scala.jdk.javaapi.CollectionConverters;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.Results;
import scala.tools.nsc.interpreter.shell.ReplReporterImpl;

/**
 * The Scala 2.13 REPL the way Zeppelin's Spark interpreter drives it: class-based wrappers written
 * to {@code outputDir} (which the SparkSession serves to executors through
 * {@code spark.repl.class.outputDir}), {@code spark}, {@code sc}, {@code sqlContext} and {@code z}
 * bound with {@code @transient}, and the imports Zeppelin runs at start-up.
 */
final class ScalaRepl implements AutoCloseable {
  /** What running one paragraph gave: Success, Error or Incomplete, and everything it printed. */
  record Outcome(String result, String output) {
    boolean success() {
      return result.equals("Success");
    }
  }

  private final StringWriter replOutput = new StringWriter();
  private final IMain intp;

  ScalaRepl(Path outputDir, SparkSession spark, ZeppelinContextStub z) {
    Settings settings = new Settings();
    settings.processArguments(CollectionConverters.asScala(List.of("-usejavacp", "-Yrepl-class-based",
        "-Yrepl-outdir", outputDir.toString())).toList(), true);
    intp = new IMain(settings, new ReplReporterImpl(settings, new PrintWriter(replOutput, true)));
    scala.collection.immutable.List<String> transientModifier = CollectionConverters.asScala(List.of("@transient")).toList();
    require("bind spark", intp.bind("spark", SparkSession.class.getName(), spark, transientModifier));
    require("bind sc", intp.bind("sc", "org.apache.spark.SparkContext", spark.sparkContext(), transientModifier));
    require("bind sqlContext", intp.bind("sqlContext", "org.apache.spark.sql.SQLContext", spark.sqlContext(), transientModifier));
    require("bind z", intp.bind("z", ZeppelinContextStub.class.getName(), z, transientModifier));
    for (String startup : List.of("import org.apache.spark.SparkContext._", "import spark.implicits._",
        "import spark.sql", "import org.apache.spark.sql.functions._")) {
      require(startup, run(startup));
    }
  }

  private static void require(String what, Results.Result r) {
    if (!(r instanceof Results.Success$)) {
      throw new IllegalStateException("the REPL could not " + what + ": " + r);
    }
  }

  private static void require(String what, Outcome o) {
    if (!o.success()) {
      throw new IllegalStateException("the REPL could not run `" + what + "`: " + o.result() + "\n" + o.output());
    }
  }

  /** Interprets {@code code} as one paragraph; what it prints (Console.out and the REPL's echo) is captured. */
  Outcome run(String code) {
    replOutput.getBuffer().setLength(0);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    Results.Result r;
    try (PrintStream ps = new PrintStream(console, true, StandardCharsets.UTF_8)) {
      r = scala.Console$.MODULE$.withOut(ps, () -> intp.interpret(code));
    }
    String name = r instanceof Results.Success$ ? "Success" : r instanceof Results.Incomplete$ ? "Incomplete" : "Error";
    return new Outcome(name, replOutput + console.toString(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    intp.close();
  }
}
