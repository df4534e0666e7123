package dev.randnla.jobs.eigen;

import dev.randnla.sketch.PowerStepSketch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Does the input look like a random-order stream? The stream method's guarantee assumes it
 * (docs/algorithms.md, eigen --verify); this test checks it from what the steps see anyway, at no extra cost.
 *
 * <p>Rayleigh-quotient test. In every segment the light rows arrive in chunks of consecutive rows
 * (within a partition), each split into its even- and odd-numbered rows. For a probe vector p fixed
 * during the step, x = (aᵀp)² per row; r_c is chunk c's mean of x. In a random-order stream
 * consecutive rows are exchangeable, so the spread of the chunk means around their segment's mean
 * (between-chunk mean square, Σ n_c (r_c − r̄)² / (C − G)) matches the spread between the halves of
 * each chunk (within mean square, Σ (r_even − r_odd)² / (1/n_even + 1/n_odd) / C): their ratio F is
 * ≈ 1 (F-distributed with C − G and C degrees of freedom when chunk means are near normal; both
 * mean squares are built from chunk means, so heavy-tailed rows inflate both alike). Sorted or
 * clustered input makes neighbouring rows alike and distant ones different: F ≫ 1. Two probes:
 * the current iterate (its Rayleigh quotient, one group per segment) and a fixed random vector
 * (one group over all segments, so it also compares segments with each other). The first segment
 * is left out: its tasks rank rows by norm, so its light rows are not in stream order.
 *
 * <p>Heavy-row placement test. In random order each heavy row lands in partition π with
 * probability n_π/n. The probability that some partition holds m or more of h heavy rows is at
 * most Σ_π exp(−h·KL(m/h ‖ n_π/n)) (Chernoff, union bound); a tiny bound means the heavy rows are
 * bunched, e.g. all at the end of a sorted file, where a one-pass method meets them too late.
 *
 * <p>Warnings are raised at z &gt; 5 (Paulson's normal approximation to F; p ≈ 3e-7) and at a
 * placement bound below 1e-6.
 */
final class RandomOrderCheck {
  static final double Z_WARN = 5.0;
  static final double PLACEMENT_WARN = 1e-6;

  private final Probe top = new Probe();
  private final Probe fixed = new Probe();

  /** Between- and within-chunk sums of one probe, accumulated over groups (Chan et al. for the grand mean). */
  private static final class Probe {
    double between;
    double within;
    long chunks;
    int groups;
    double rows;
    double mean;

    /** Adds one segment's chunks as a group; returns the group's (rows, mean, between-SS). */
    double[] group(List<double[]> records, int evenSum, int oddSum) {
      double n = 0;
      double s = 0;
      int c = 0;
      for (double[] r : records) {
        if (r[PowerStepSketch.EVEN_ROWS] < 1 || r[PowerStepSketch.ODD_ROWS] < 1) {
          continue;
        }
        n += r[PowerStepSketch.EVEN_ROWS] + r[PowerStepSketch.ODD_ROWS];
        s += r[evenSum] + r[oddSum];
        c++;
      }
      if (c == 0) {
        return null;
      }
      double mean = s / n;
      double ssb = 0;
      double ssw = 0;
      for (double[] r : records) {
        double ne = r[PowerStepSketch.EVEN_ROWS];
        double no = r[PowerStepSketch.ODD_ROWS];
        if (ne < 1 || no < 1) {
          continue;
        }
        double rc = (r[evenSum] + r[oddSum]) / (ne + no);
        ssb += (ne + no) * (rc - mean) * (rc - mean);
        double diff = r[evenSum] / ne - r[oddSum] / no;
        ssw += diff * diff / (1 / ne + 1 / no);
      }
      within += ssw;
      chunks += c;
      groups++;
      return new double[] {n, mean, ssb};
    }

    void separate(double[] g) {
      if (g != null) {
        between += g[2];
      }
    }

    void pooled(double[] g) {
      if (g == null) {
        return;
      }
      double n = g[0];
      double delta = g[1] - mean;
      double total = rows + n;
      between += g[2] + (rows * n / total) * delta * delta;
      mean += delta * n / total;
      rows = total;
    }

    Stat stat(boolean oneGroup) {
      long df1 = chunks - (oneGroup ? 1 : groups);
      long df2 = chunks;
      if (df1 < 2 || df2 < 2 || (between == 0 && within == 0)) {
        return new Stat(chunks, Double.NaN, df1, df2, Double.NaN);
      }
      double f = within == 0 ? Double.POSITIVE_INFINITY : (between / df1) / (within / df2);
      return new Stat(chunks, f, df1, df2, Double.isInfinite(f) ? Double.POSITIVE_INFINITY : paulson(f, df1, df2));
    }
  }

  /** One probe's F statistic and its z-score (NaN when there are too few chunks). */
  record Stat(long chunks, double f, long dfBetween, long dfWithin, double z) {
    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("chunks", chunks);
      m.put("F", json(f));
      m.put("dfBetween", dfBetween);
      m.put("dfWithin", dfWithin);
      m.put("z", json(z));
      return m;
    }

    boolean significant() {
      return z > Z_WARN;
    }

    /** summary.json writes a non-finite value as null with a sibling field saying which. */
    private static Object json(double v) {
      return v;
    }
  }

  /** Adds the chunk records of one step (call for every step but the first). */
  void addStep(List<double[]> chunks) {
    top.separate(top.group(chunks, PowerStepSketch.EVEN_TOP, PowerStepSketch.ODD_TOP));
    fixed.pooled(fixed.group(chunks, PowerStepSketch.EVEN_FIXED, PowerStepSketch.ODD_FIXED));
  }

  /**
   * Paulson's normal approximation to the F distribution: z such that P(F(df1, df2) ≥ f) ≈ P(N ≥ z).
   */
  static double paulson(double f, double df1, double df2) {
    double a = 2 / (9 * df1);
    double b = 2 / (9 * df2);
    double c = Math.cbrt(f);
    return ((1 - b) * c - (1 - a)) / Math.sqrt(b * c * c + a);
  }

  /**
   * Bound on the probability, under random order, that some partition holds as many heavy rows as
   * the fullest one does.
   *
   * @param heavyPartitions the partition of every heavy row
   * @param rowsPerPartition n_π
   */
  static double placementBound(int[] heavyPartitions, long[] rowsPerPartition) {
    int h = heavyPartitions.length;
    if (h < 3) {
      return 1.0;
    }
    int[] counts = new int[rowsPerPartition.length];
    int m = 0;
    for (int p : heavyPartitions) {
      counts[p]++;
      m = Math.max(m, counts[p]);
    }
    long n = 0;
    for (long r : rowsPerPartition) {
      n += r;
    }
    double frac = (double) m / h;
    double bound = 0;
    for (long r : rowsPerPartition) {
      double q = n == 0 ? 0 : (double) r / n;
      if (q >= frac) {
        return 1.0;
      }
      if (q == 0) {
        continue;
      }
      double kl = frac * Math.log(frac / q) + (frac < 1 ? (1 - frac) * Math.log((1 - frac) / (1 - q)) : 0);
      bound += Math.exp(-h * kl);
    }
    return Math.min(1.0, bound);
  }

  /**
   * The report for summary.json, and warnings.
   *
   * @param heavyPartitions the partition of every heavy row
   * @param rowsPerPartition n_π
   * @param warnings where to add sentences
   */
  Map<String, Object> report(int[] heavyPartitions, long[] rowsPerPartition, List<String> warnings) {
    Map<String, Object> out = new LinkedHashMap<>();
    Stat t = top.stat(false);
    Stat fx = fixed.stat(true);
    out.put("rayleighQuotientByStep", t.toMap());
    out.put("fixedProbe", fx.toMap());
    double bound = placementBound(heavyPartitions, rowsPerPartition);
    out.put("heavyPlacementBound", bound);
    boolean placement = bound < PLACEMENT_WARN;
    out.put("randomOrder", !(t.significant() || fx.significant() || placement));
    if (t.significant() || fx.significant()) {
      Stat worst = !fx.significant() || (t.significant() && t.z() >= fx.z()) ? t : fx;
      warnings.add(String.format(Locale.ROOT, "The input does not look like a random-order stream: Rayleigh quotients of "
          + "chunks of consecutive rows disagree more than sampling explains (F = %.2f, z = %.1f > %.0f). The stream method "
          + "assumes random order; run 'randnla shuffle' once on this input, or use --method exact or lanczos.",
          worst.f(), worst.z(), Z_WARN));
    }
    if (placement) {
      warnings.add(String.format(Locale.ROOT, "The input does not look like a random-order stream: the %d heavy rows are "
          + "bunched in few partitions (probability under random order below %.1e). A one-pass method that meets them "
          + "late cannot use them well; run 'randnla shuffle' once on this input, or use --method exact or lanczos.",
          heavyPartitions.length, bound));
    }
    return out;
  }
}
