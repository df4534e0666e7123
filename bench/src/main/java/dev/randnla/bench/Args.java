package dev.randnla.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --key=value} options of a bench case, with defaults. */
public final class Args {
  private final Map<String, String> values = new HashMap<>();

  Args(String[] args) {
    for (String a : args) {
      if (!a.startsWith("--") || !a.contains("=")) {
        throw new IllegalArgumentException("bench options are --key=value: " + a);
      }
      int eq = a.indexOf('=');
      values.put(a.substring(2, eq), a.substring(eq + 1));
    }
  }

  public long getLong(String key, long def) {
    return values.containsKey(key) ? Long.parseLong(values.get(key)) : def;
  }

  public int getInt(String key, int def) {
    return values.containsKey(key) ? Integer.parseInt(values.get(key)) : def;
  }

  public double getDouble(String key, double def) {
    return values.containsKey(key) ? Double.parseDouble(values.get(key)) : def;
  }

  public String get(String key, String def) {
    return values.getOrDefault(key, def);
  }

  /** A comma-separated list ({@code --eps=0.05,0.1}), or {@code def}'s items. */
  public String[] list(String key, String def) {
    return get(key, def).split(",");
  }

  /** A switch: {@code --key=true} or {@code --key=false}, or {@code def}; any other value is refused. */
  public boolean flag(String key, boolean def) {
    String v = get(key, Boolean.toString(def));
    if (!v.equals("true") && !v.equals("false")) {
      throw new IllegalArgumentException("--" + key + " must be true or false: " + v);
    }
    return v.equals("true");
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }
}
