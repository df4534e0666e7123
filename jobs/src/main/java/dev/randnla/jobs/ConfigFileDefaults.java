package dev.randnla.jobs;

import dev.randnla.io.UsageException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from a {@code --config FILE.properties} (defaults &lt; file &lt; command line).
 * Keys are option names without dashes ({@code input=…}), or prefixed with a job name
 * ({@code scan.input=…}) to apply to that job only. A key that names no option of the job being
 * run (and is not meant for another job) is an error, so a typo never passes silently.
 */
final class ConfigFileDefaults implements CommandLine.IDefaultValueProvider {
  private final Properties props = new Properties();
  private final String file;

  ConfigFileDefaults(String file) {
    this.file = file;
    try (Reader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
      props.load(r);
    } catch (IOException e) {
      throw new UsageException("cannot read --config " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec option) || argSpec.command() == null) {
      return null;
    }
    String key = option.longestName().replaceFirst("^-+", "");
    String job = argSpec.command().name();
    String v = props.getProperty(job + "." + key);
    return v != null ? v : props.getProperty(key);
  }

  /** Every key must name an option of {@code command}, or carry another job's prefix. */
  void validate(CommandSpec command, Set<String> jobNames) {
    Set<String> names = new HashSet<>();
    for (OptionSpec o : command.options()) {
      names.add(o.longestName().replaceFirst("^-+", ""));
    }
    for (String key : props.stringPropertyNames()) {
      int dot = key.indexOf('.');
      String prefix = dot < 0 ? null : key.substring(0, dot);
      if (prefix != null && jobNames.contains(prefix)) {
        if (!prefix.equals(command.name())) {
          continue;
        }
        key = key.substring(dot + 1);
      }
      if (!names.contains(key)) {
        throw new UsageException("unknown setting '" + key + "' in --config " + file + " for job " + command.name());
      }
    }
  }
}
