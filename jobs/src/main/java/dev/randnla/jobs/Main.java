package dev.randnla.jobs;

import dev.randnla.io.UsageException;
import dev.randnla.io.Version;
import dev.randnla.jobs.cluster.ClusterCommand;
import dev.randnla.jobs.demo.DemoCommand;
import dev.randnla.jobs.eigen.EigenCommand;
import dev.randnla.jobs.generate.GenerateCommand;
import dev.randnla.jobs.leverage.LeverageCommand;
import dev.randnla.jobs.regress.RegressCommand;
import dev.randnla.jobs.scan.ScanCommand;
import dev.randnla.jobs.shuffle.ShuffleCommand;
import dev.randnla.jobs.spectrum.SpectrumCommand;
import dev.randnla.jobs.tall.GramCommand;
import dev.randnla.jobs.tall.PcaCommand;
import dev.randnla.jobs.tall.QrCommand;
import dev.randnla.jobs.tall.SvdCommand;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/**
 * The command line: {@code randnla JOB [options]}. Parses, runs the job through its Java API and
 * maps the outcome to the exit-code contract: 0 success, 1 job failure, 2 usage or configuration
 * error, 3 invalid input data, 4 refused for a resource limit. The only class that exits.
 */
@Command(name = "randnla", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
    description = {
        "Randomized numerical linear algebra on Apache Spark for tall matrices stored as",
        "row streams.",
        "",
        "Run a job locally:",
        "  bin/randnla JOB [options]",
        "On a cluster:",
        "  spark-submit --class dev.randnla.jobs.Main randnla-jobs.jar JOB [options]",
        "",
        "Exit codes: 0 success, 1 job failure, 2 usage or configuration error, 3 invalid",
        "input data, 4 refused because the problem exceeds a resource limit (the message",
        "names a setting that fits)."},
    subcommands = {GenerateCommand.class, ScanCommand.class, GramCommand.class, QrCommand.class, SvdCommand.class,
        PcaCommand.class, EigenCommand.class, ShuffleCommand.class, SpectrumCommand.class, LeverageCommand.class,
        RegressCommand.class, ClusterCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a job (see --help)");
  }

  public static void main(String[] args) {
    int code = run(args);
    if (code == ExitCodes.OK && inYarnApplicationMaster()) {
      // YARN cluster mode: the ApplicationMaster runs main in a thread and reports SUCCEEDED only
      // when main returns; any System.exit, even 0, ends the application FAILED.
      return;
    }
    System.exit(code);
  }

  /** Whether this is the driver of YARN cluster mode (the ApplicationMaster sets these properties). */
  static boolean inYarnApplicationMaster() {
    return "yarn".equals(System.getProperty("spark.master"))
        && "cluster".equals(System.getProperty("spark.submit.deployMode"));
  }

  /** Runs the command line and returns the exit code (never exits; tests call this). */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    int code = ExitCodes.JOB_FAILED;
    try {
      List<String> rest = new ArrayList<>();
      String config = extractConfig(args, rest);
      ConfigFileDefaults defaults = config == null ? null : new ConfigFileDefaults(config);
      if (defaults != null) {
        cl.setDefaultValueProvider(defaults);
      }
      cl.setExecutionStrategy(parseResult -> execute(parseResult, defaults));
      cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
        if (ex instanceof DryRun.Passed passed) {
          out.println("randnla " + commandLine.getCommandName() + " --dry-run: the options are valid; Spark was not started.");
          if (!passed.getMessage().isEmpty()) {
            out.println(passed.getMessage());
          }
          out.flush();
          return ExitCodes.OK;
        }
        ExitCodes.Outcome o = ExitCodes.classify(ex);
        if (o.code() == ExitCodes.JOB_FAILED && !(ex instanceof dev.randnla.io.MethodFailedException)) {
          ex.printStackTrace(err);
        }
        err.println("randnla " + commandLine.getCommandName() + ": " + o.message());
        err.flush();
        return o.code();
      });
      code = cl.execute(rest.toArray(new String[0]));
      return code;
    } catch (UsageException e) {
      err.println("randnla: " + e.getMessage());
      err.flush();
      code = ExitCodes.USAGE;
      return code;
    } finally {
      DryRun.clear();
      Sessions.stopIfCreated(code);
    }
  }

  private static int execute(ParseResult parseResult, ConfigFileDefaults defaults) {
    if (defaults != null) {
      ParseResult leaf = parseResult;
      while (leaf.hasSubcommand()) {
        leaf = leaf.subcommand();
      }
      Set<String> jobs = new HashSet<>(parseResult.commandSpec().subcommands().keySet());
      try {
        defaults.validate(leaf.commandSpec(), jobs);
      } catch (UsageException e) {
        PrintWriter err = parseResult.commandSpec().commandLine().getErr();
        err.println("randnla " + leaf.commandSpec().name() + ": " + e.getMessage());
        err.flush();
        return ExitCodes.USAGE;
      }
    }
    return new CommandLine.RunLast().execute(parseResult);
  }

  /** Removes {@code --config FILE} / {@code --config=FILE} from args, returning FILE (or null). */
  static String extractConfig(String[] args, List<String> rest) {
    String config = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--config")) {
        if (i + 1 >= args.length) {
          throw new UsageException("--config needs a file");
        }
        config = args[++i];
      } else if (a.startsWith("--config=")) {
        config = a.substring("--config=".length());
      } else {
        rest.add(a);
      }
    }
    return config;
  }

  /** Prints the project version. */
  public static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"randnla " + Version.get()};
    }
  }
}
