package dev.randnla.deploy.zeppelin;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The part of Zeppelin's {@code z} (ZeppelinContext) that randnla's notes use: {@code show}
 * renders a DataFrame as Zeppelin does ({@code %table}, a tab-separated header and rows, at most
 * {@code zeppelin.spark.maxResult} rows), {@code put}/{@code get} share objects between
 * paragraphs, {@code textbox} returns the form's value (given by the harness, else the default).
 * A note that calls anything else fails to compile in the harness — on purpose: the harness only
 * vouches for what it models. Public, so the REPL can see it.
 */
public final class ZeppelinContextStub {
  /** Zeppelin's default {@code zeppelin.spark.maxResult}. */
  public static final int MAX_RESULT = 1000;

  /** One table shown with {@code z.show}: its header and rows as rendered. */
  public record Table(List<String> header, List<List<String>> rows) {}

  private final Map<String, Object> shared = new HashMap<>();
  private final Map<String, String> forms;
  private final List<Table> tables = new ArrayList<>();

  public ZeppelinContextStub(Map<String, String> forms) {
    this.forms = forms;
  }

  public void show(Object o) {
    show(o, MAX_RESULT);
  }

  public void show(Object o, int maxResult) {
    PrintStream out = scala.Console$.MODULE$.out();
    if (!(o instanceof Dataset<?> ds)) {
      out.println(o);
      return;
    }
    List<String> header = List.of(ds.columns());
    List<List<String>> rows = new ArrayList<>();
    StringBuilder sb = new StringBuilder("%table ").append(String.join("\t", header)).append('\n');
    for (Row r : ds.toDF().takeAsList(maxResult)) {
      List<String> cells = new ArrayList<>(r.size());
      for (int i = 0; i < r.size(); i++) {
        cells.add(r.isNullAt(i) ? "null" : String.valueOf(r.get(i)));
      }
      rows.add(cells);
      sb.append(String.join("\t", cells)).append('\n');
    }
    tables.add(new Table(header, rows));
    out.print(sb);
  }

  public void put(String name, Object value) {
    shared.put(name, value);
  }

  public Object get(String name) {
    return shared.get(name);
  }

  public Object textbox(String name, String defaultValue) {
    return forms.getOrDefault(name, defaultValue);
  }

  public Object textbox(String name) {
    return textbox(name, "");
  }

  /** The tables shown so far. */
  public List<Table> tables() {
    return List.copyOf(tables);
  }
}
