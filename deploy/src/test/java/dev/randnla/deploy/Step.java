package dev.randnla.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One randnla command line in a table-driven test: a name and the arguments, with path references
 * {@code {out}} (this step's output directory) and {@code {NAME}} (the output of the step or
 * fixture called NAME). Arguments are separated by spaces (no quoting).
 */
record Step(String name, String commandLine) {
  private static final Pattern PATH_REFERENCE = Pattern.compile("\\{([A-Za-z0-9_-]+)}");

  /** The job (first word). */
  String job() {
    return commandLine.trim().split("\\s+")[0];
  }

  /** The arguments with path references resolved: {@code {out}} by {@code out}, others from {@code paths}. */
  List<String> args(String out, Map<String, String> paths) {
    List<String> args = new ArrayList<>();
    for (String word : commandLine.trim().split("\\s+")) {
      Matcher m = PATH_REFERENCE.matcher(word);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String key = m.group(1);
        String value = key.equals("out") ? out : paths.get(key);
        if (value == null) {
          throw new IllegalArgumentException(name + ": no path for {" + key + "} (known: " + paths.keySet() + ")");
        }
        m.appendReplacement(sb, Matcher.quoteReplacement(value));
      }
      m.appendTail(sb);
      args.add(sb.toString());
    }
    return args;
  }

  @Override
  public String toString() {
    return name;
  }
}
