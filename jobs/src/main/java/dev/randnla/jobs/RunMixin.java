package dev.randnla.jobs;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options about the run itself: seed, progress output, configuration file, dry run. */
public final class RunMixin {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(names = "--seed", paramLabel = "N",
      description = "Seed of every random choice (sketches, samples, generated data). Default: drawn once, printed and "
          + "recorded in summary.json, so any run can be repeated exactly.")
  Long seed;

  @Option(names = "--quiet", description = "No progress lines on stderr.")
  boolean quiet;

  @Option(names = "--config", paramLabel = "FILE",
      description = "A .properties file of option defaults: keys are option names without dashes (input=…, seed=…), "
          + "optionally prefixed with the job name (scan.input=…). Command-line options win.")
  String config;

  @Option(names = "--dry-run",
      description = "Check the command line without starting Spark: the options and their ranges, that every input "
          + "exists, holds data files, is readable and has a known format, and that every output is absent (or "
          + "--overwrite) and writable. Exit code 0 when it would start, else 2 or 3 as the job would. Writes nothing.")
  void dryRun(boolean on) {
    DryRun.request(on);
  }

  /** The seed to use: the given one, or one drawn from system entropy (reported by the caller). */
  public long seedOrDraw() {
    if (seed == null) {
      seed = new java.security.SecureRandom().nextLong() & Long.MAX_VALUE;
      if (!quiet) {
        err().println("[randnla] no --seed given; using --seed " + seed);
        err().flush();
      }
    }
    return seed;
  }

  public boolean quiet() {
    return quiet;
  }

  /** Prints the job's result line on {@link #out()}, unless --quiet (then the line is not even built). */
  public void report(Supplier<String> line) {
    report(line, List.of());
  }

  /** As {@link #report(Supplier)}, followed by one {@code warning: …} line per warning. */
  public void report(Supplier<String> line, List<String> warnings) {
    if (quiet) {
      return;
    }
    out().println(line.get());
    for (String w : warnings) {
      out().println("warning: " + w);
    }
    out().flush();
  }

  /** The command line's standard output (what tests capture). */
  public PrintWriter out() {
    return mixee.commandLine().getOut();
  }

  /** The command line's standard error. */
  public PrintWriter err() {
    return mixee.commandLine().getErr();
  }
}
