package dev.randnla.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Non-finite numbers are JSON nulls with a sibling field that says what they were. */
class SummaryTest {
  @Test
  @SuppressWarnings("unchecked")
  void nonFiniteNumbersAreNullsExplainedBySiblings() {
    Summary s = new Summary("test");
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("kappa", Double.POSITIVE_INFINITY);
    nested.put("finite", 2.5);
    s.result("entropy", Double.NaN);
    s.result("errors", new double[] {1.0, Double.NEGATIVE_INFINITY, Double.NaN});
    s.result("model", nested);
    s.result("ok", 3.0);
    s.result("later", Double.NaN);
    s.result("later", 1.0); // a finite value replacing a non-finite one drops the explanation
    String json = s.toJson();
    assertFalse(json.contains("\"entropy\" : \"NaN\""), json);
    Map<String, Object> result = (Map<String, Object>) Summary.parse(json).get("result");
    assertTrue(result.containsKey("entropy"));
    assertNull(result.get("entropy"));
    assertEquals("NaN", result.get("entropyNonFinite"));
    assertEquals(Arrays.asList(1.0, null, null), result.get("errors"));
    assertEquals(Map.of("1", "-Infinity", "2", "NaN"), result.get("errorsNonFinite"));
    Map<String, Object> model = (Map<String, Object>) result.get("model");
    assertNull(model.get("kappa"));
    assertEquals("Infinity", model.get("kappaNonFinite"));
    assertEquals(2.5, model.get("finite"));
    assertFalse(result.containsKey("modelNonFinite"));
    assertEquals(3.0, result.get("ok"));
    assertFalse(result.containsKey("okNonFinite"));
    assertEquals(1.0, result.get("later"));
    assertFalse(result.containsKey("laterNonFinite"), String.valueOf(result));
    assertEquals(List.of("entropy", "entropyNonFinite", "errors", "errorsNonFinite", "model", "ok", "later"),
        List.copyOf(result.keySet()));
  }
}
