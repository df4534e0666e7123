package dev.randnla.jobs.generate;

import java.util.Map;

/**
 * Known ℓp Lewis weights and sensitivities (docs/algorithms.md, generate): d orthonormal directions vⱼ (the
 * columns of a Haar-random V), direction j written mⱼ times. The multiplicities are geometric from
 * 1 to κ² (rounded to integers, each at least 1, summing to n), so AᵀA = V·diag(m)·Vᵀ and the
 * condition number is √(m_max/m_min). Every copy of vⱼ has leverage, ℓp Lewis weight (for every p)
 * and ℓp sensitivity exactly 1/mⱼ: with M = AᵀW^{1−2/p}A and wⱼ = 1/mⱼ, vⱼᵀM⁻¹vⱼ = 1/(mⱼ·wⱼ^{1−2/p}),
 * whose p/2-th power is 1/mⱼ; and sup_x |vⱼᵀx|^p / Σᵢ |aᵢᵀx|^p = 1/mⱼ at x = vⱼ. The total
 * sensitivity is d.
 *
 * <p>Rows are generated direction by direction: generated row g belongs to the direction whose range
 * [start_j, start_j + m_j) holds g (with {@code --order sorted} that is the row's position).
 */
final class DuplicatedGenerator extends DenseGenerator {
  private static final long serialVersionUID = 1L;

  private final long[] multiplicity;
  private final long[] start;

  DuplicatedGenerator(long n, int d, long seed, double kappa) {
    super(n, d, seed, true);
    if (n < d) {
      throw new IllegalArgumentException("--rows must be at least cols = " + d + " for the duplicated kind (every direction at least once): " + n);
    }
    this.multiplicity = multiplicities(n, d, kappa * kappa);
    this.start = new long[d + 1];
    for (int j = 0; j < d; j++) {
      start[j + 1] = start[j] + multiplicity[j];
    }
  }

  /**
   * Integers mⱼ ≥ 1 summing to n, as close as possible to n·cⱼ/Σc with cⱼ = ratio^{j/(d−1)}
   * (largest-remainder apportionment).
   */
  static long[] multiplicities(long n, int d, double ratio) {
    double[] c = new double[d];
    double total = 0;
    for (int j = 0; j < d; j++) {
      c[j] = d == 1 ? 1.0 : Math.pow(ratio, (double) j / (d - 1));
      total += c[j];
    }
    long[] m = new long[d];
    double[] remainder = new double[d];
    long assigned = 0;
    for (int j = 0; j < d; j++) {
      double share = n * c[j] / total;
      m[j] = Math.max(1, (long) Math.floor(share));
      remainder[j] = share - m[j];
      assigned += m[j];
    }
    Integer[] order = new Integer[d];
    for (int j = 0; j < d; j++) {
      order[j] = j;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(remainder[y], remainder[x]));
    for (int t = 0; assigned < n; t = (t + 1) % d) {
      m[order[t]]++;
      assigned++;
    }
    for (int t = d - 1; assigned > n; t = (t + d - 1) % d) {
      int j = order[t];
      if (m[j] > 1) {
        m[j]--;
        assigned--;
      }
    }
    return m;
  }

  /** The direction of generated row g. */
  int direction(long g) {
    int lo = 0;
    int hi = d - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (start[mid] <= g) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  @Override
  void coefficients(long g, double[] out) {
    java.util.Arrays.fill(out, 0.0);
    out[direction(g)] = 1.0;
  }

  @Override
  public void describe(Map<String, Object> truth, java.util.function.LongUnaryOperator positionOf) {
    double[] lambda = new double[d];
    double[] weights = new double[d];
    for (int j = 0; j < d; j++) {
      lambda[j] = multiplicity[j];
      weights[j] = 1.0 / multiplicity[j];
    }
    describeSpectrum(truth, lambda);
    truth.put("multiplicities", multiplicity.clone());
    truth.put("directions", v.transpose().toRowArrays());
    truth.put("lewisWeights", weights);
    truth.put("leverageSum", (double) d);
    truth.put("totalSensitivity", (double) d);
    truth.put("construction", "duplicated: direction j (row j of 'directions', a column of a Haar-random V) written "
        + "multiplicities[j] times; every copy has leverage, lp Lewis weight (every p) and lp sensitivity "
        + "lewisWeights[j] = 1/multiplicities[j]; with --order sorted direction j occupies the positions "
        + "[sum of earlier multiplicities, + multiplicities[j])");
  }
}
