package dev.randnla.jobs.demo;

import java.util.Locale;

/**
 * One line of the demo table: a computed quantity beside its known value.
 *
 * @param job the job
 * @param quantity what was computed
 * @param computed the job's answer
 * @param truth the exact answer from the generator
 * @param error the relative error (or another comparison), formatted
 */
public record DemoRow(String job, String quantity, String computed, String truth, String error) {

  /** A numeric comparison with relative error. */
  public static DemoRow compare(String job, String quantity, double computed, double truth) {
    double rel = truth == 0 ? Math.abs(computed) : Math.abs(computed - truth) / Math.abs(truth);
    return new DemoRow(job, quantity, fmt(computed), fmt(truth), String.format(Locale.ROOT, "%.1e", rel));
  }

  /** A quantity with no exact counterpart. */
  public static DemoRow info(String job, String quantity, String value) {
    return new DemoRow(job, quantity, value, "", "");
  }

  static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%d", (long) v);
    }
    return String.format(Locale.ROOT, "%.10g", v);
  }
}
