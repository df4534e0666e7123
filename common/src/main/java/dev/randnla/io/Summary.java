package dev.randnla.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code summary.json} every job writes (docs/design.md §6), built section by section in a fixed
 * key order: job, version, status, input, params, result, passes, seconds, spark, blas, warnings.
 */
public final class Summary {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Map<String, Object> root = new LinkedHashMap<>();
  private final Map<String, Object> input = new LinkedHashMap<>();
  private final Map<String, Object> params = new LinkedHashMap<>();
  private final Map<String, Object> result = new LinkedHashMap<>();
  private final Map<String, Object> seconds = new LinkedHashMap<>();
  private final Map<String, Object> spark = new LinkedHashMap<>();
  private final List<String> warnings = new ArrayList<>();

  public Summary(String job) {
    root.put("job", job);
    root.put("version", Version.get());
    root.put("status", "running");
    root.put("input", input);
    root.put("params", params);
    root.put("result", result);
    root.put("passes", 0);
    root.put("seconds", seconds);
    root.put("spark", spark);
    root.put("blas", dev.randnla.linalg.Blas.implementation());
    root.put("warnings", warnings);
  }

  public Summary status(String s) {
    root.put("status", s);
    return this;
  }

  public Summary input(String key, Object value) {
    put(input, key, value);
    return this;
  }

  public Summary param(String key, Object value) {
    put(params, key, value);
    return this;
  }

  public Summary result(String key, Object value) {
    put(result, key, value);
    return this;
  }

  /** Passes over the input, as counted; an integer when whole. */
  public Summary passes(double passes) {
    root.put("passes", passes == Math.rint(passes) ? (Object) (long) passes : (Object) passes);
    return this;
  }

  public Summary seconds(String stage, double s) {
    seconds.put(stage, Math.round(s * 1000) / 1000.0);
    return this;
  }

  public Summary spark(String key, Object value) {
    put(spark, key, value);
    return this;
  }

  public Summary warn(String sentence) {
    if (!warnings.contains(sentence)) {
      warnings.add(sentence);
    }
    return this;
  }

  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  public Map<String, Object> resultMap() {
    return result;
  }

  public Object get(String key) {
    return root.get(key);
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("summary is not serialisable", e);
    }
  }

  /** Suffix of the sibling field that says what a {@code null} stands for. */
  public static final String NON_FINITE = "NonFinite";

  /**
   * NaN and infinities are not JSON numbers, and strings in their place make jq and pandas read the
   * field as text: such a value is written as {@code null}, and a sibling field {@code key}NonFinite
   * says which it was ("NaN", "Infinity", "-Infinity"; for an array, a map from index to that text).
   * Nested maps get the same treatment.
   */
  private static void put(Map<String, Object> section, String key, Object value) {
    section.put(key, clean(value));
    Object why = nonFinite(value);
    if (why != null) {
      section.put(key + NON_FINITE, why);
    } else {
      section.remove(key + NON_FINITE);
    }
  }

  private static Object clean(Object v) {
    if (v instanceof Double d && !Double.isFinite(d)) {
      return null;
    }
    if (v instanceof Float f && !Float.isFinite(f)) {
      return null;
    }
    if (v instanceof double[] a) {
      List<Object> l = new ArrayList<>(a.length);
      for (double x : a) {
        l.add(Double.isFinite(x) ? x : null);
      }
      return l;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        put(out, String.valueOf(e.getKey()), e.getValue());
      }
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object x : l) {
        out.add(clean(x));
      }
      return out;
    }
    return v;
  }

  /** What the non-finite parts of a value were, or null when it has none (nested maps explain themselves). */
  private static Object nonFinite(Object v) {
    if (v instanceof Double d && !Double.isFinite(d)) {
      return d.toString();
    }
    if (v instanceof Float f && !Float.isFinite(f)) {
      return f.toString();
    }
    Map<String, String> byIndex = new LinkedHashMap<>();
    if (v instanceof double[] a) {
      for (int i = 0; i < a.length; i++) {
        if (!Double.isFinite(a[i])) {
          byIndex.put(Integer.toString(i), Double.toString(a[i]));
        }
      }
    } else if (v instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        Object why = nonFinite(l.get(i));
        if (why instanceof String text) {
          byIndex.put(Integer.toString(i), text);
        }
      }
    }
    return byIndex.isEmpty() ? null : byIndex;
  }

  /** Parses a summary back (tests, demo). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parse(String json) {
    try {
      return JSON.readValue(json, Map.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a summary: " + e.getOriginalMessage(), e);
    }
  }
}
