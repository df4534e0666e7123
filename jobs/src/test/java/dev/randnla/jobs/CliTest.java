package dev.randnla.jobs;

import static dev.randnla.jobs.JobTestSupport.cli;
import static dev.randnla.jobs.JobTestSupport.number;
import static dev.randnla.jobs.JobTestSupport.section;
import static dev.randnla.jobs.JobTestSupport.summary;
import static dev.randnla.jobs.JobTestSupport.truth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.jobs.JobTestSupport.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class CliTest {
  @TempDir Path tmp;

  /** Every option of every job explains itself in --help. */
  @Test
  void everyOptionHasADescription() {
    CommandLine root = new CommandLine(new Main());
    assertTrue(root.getSubcommands().size() >= 3);
    root.getSubcommands().forEach((name, sub) -> {
      for (OptionSpec o : sub.getCommandSpec().options()) {
        String text = String.join(" ", o.description()).trim();
        assertFalse(text.isEmpty(), name + " " + o.longestName() + " has no description");
      }
      assertTrue(sub.getCommandSpec().usageMessage().description().length > 0, name + " has no description");
    });
    Cli help = cli("scan", "--help");
    assertEquals(0, help.code());
    assertTrue(help.out().contains("--bad-rows"), help.out());
    Cli version = cli("--version");
    assertEquals(0, version.code());
    assertTrue(version.out().startsWith("randnla "), version.out());
  }

  /**
   * randnla --help lists every job on one line, its whole header; no description line is wider than
   * the 80-column help, so picocli never breaks one mid-sentence.
   */
  @Test
  void topLevelHelpListsEveryJobOnOneCompleteLine() {
    Cli help = cli("--help");
    assertEquals(0, help.code());
    List<String> lines = help.out().lines().toList();
    CommandLine root = new CommandLine(new Main());
    List<CommandLine> commands = new ArrayList<>(root.getSubcommands().values());
    commands.add(root);
    for (CommandLine c : commands) {
      String name = c.getCommandName();
      String[] header = c.getCommandSpec().usageMessage().header();
      if (c != root && !name.equals("help")) {
        assertEquals(1, header.length, name + " has a one-line header");
        Pattern listed = Pattern.compile("  " + name + " +" + Pattern.quote(header[0]));
        assertTrue(lines.stream().anyMatch(l -> listed.matcher(l).matches()),
            name + " is listed with its whole header, '" + header[0] + "', in\n" + help.out());
      }
      for (String line : c.getCommandSpec().usageMessage().description()) {
        assertTrue(line.length() <= 80, name + ": description line wider than the help: " + line);
      }
    }
  }

  @Test
  void usageErrorsExitWithTwo() {
    Cli noJob = cli();
    assertEquals(2, noJob.code());
    Cli unknown = cli("scan", "--input", "x.csv", "--output", tmp.resolve("o").toString(), "--bogus");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("--bogus"), unknown.err());
    Cli missing = cli("scan", "--output", tmp.resolve("o").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("--input"), missing.err());
    Cli badValue = cli("generate", "--kind", "spiked", "--rows", "0", "--cols", "3", "--output", tmp.resolve("g").toString());
    assertEquals(2, badValue.code());
    assertTrue(badValue.err().contains("--rows must be positive: 0"), badValue.err());
    Cli badKind = cli("generate", "--kind", "nope", "--rows", "10", "--cols", "3", "--output", tmp.resolve("g").toString());
    assertEquals(2, badKind.code());
    Cli tooFewRows = cli("generate", "--kind", "spiked", "--rows", "5", "--cols", "4", "--output", tmp.resolve("g").toString(), "--quiet");
    assertEquals(2, tooFewRows.code(), tooFewRows.err());
    assertTrue(tooFewRows.err().contains("--rows must be at least"), tooFewRows.err());
    assertFalse(Files.exists(tmp.resolve("g")));
  }

  /** Defaults < --config file < command line; a misspelt key is refused. */
  @Test
  void configFileSetsDefaultsAndTheCommandLineWins() throws IOException {
    Path conf = tmp.resolve("job.properties");
    Files.writeString(conf, "kind=spiked\nrows=512\ncols=4\ngenerate.seed=77\nscan.quiet=true\nquiet=true\n");
    Path out = tmp.resolve("g");
    Cli r = cli("generate", "--config", conf.toString(), "--cols", "5", "--output", out.toString());
    assertEquals(0, r.code(), r.err());
    Map<String, Object> t = truth(out);
    assertEquals(512, number(t, "rows"));
    assertEquals(5, number(t, "cols"), "the command line wins over the file");
    assertEquals(77, number(t, "seed"));
    Path s = tmp.resolve("s");
    Files.writeString(conf, "input=" + out + "\nbad-rows=skip\n");
    Cli scan = cli("scan", "--config", conf.toString(), "--output", s.toString(), "--quiet");
    assertEquals(0, scan.code(), scan.err());
    assertEquals("skip", section(summary(s), "params").get("badRows"));

    Files.writeString(conf, "inptu=" + out + "\n");
    Cli typo = cli("scan", "--config", conf.toString(), "--input", out.toString(), "--output", tmp.resolve("s2").toString());
    assertEquals(2, typo.code());
    assertTrue(typo.err().contains("unknown setting 'inptu'"), typo.err());
  }

  @Test
  void seedIsDrawnAndRecordedWhenAbsent() throws IOException {
    Path out = tmp.resolve("g");
    Cli r = cli("generate", "--kind", "spiked", "--rows", "64", "--cols", "3", "--output", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("using --seed "), r.err());
    long seed = Long.parseLong(r.err().replaceAll("(?s).*using --seed (\\d+).*", "$1"));
    assertEquals(seed, ((Number) section(summary(out), "params").get("seed")).longValue());
  }
}
