package dev.randnla.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code summary.json} every job writes (DESIGN.md §5), built section by section in a fixed
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
    input.put(key, value);
    return this;
  }

  public Summary param(String key, Object value) {
    params.put(key, value);
    return this;
  }

  public Summary result(String key, Object value) {
    result.put(key, clean(value));
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
    spark.put(key, value);
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

  /** NaN and infinities are not JSON numbers: they become strings. */
  private static Object clean(Object v) {
    if (v instanceof Double d && !Double.isFinite(d)) {
      return d.toString();
    }
    if (v instanceof double[] a) {
      List<Object> l = new ArrayList<>(a.length);
      for (double x : a) {
        l.add(clean(x));
      }
      return l;
    }
    return v;
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
