package dev.randnla.jobs.generate;

import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.MarchenkoPastur;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import java.util.Arrays;
import java.util.Map;

/**
 * Gaussian noise with optional planted spikes (Johnstone's spiked covariance model): rows are
 * independent N(0, Σ) with Σ = σ²(I + Σₖ (ℓₖ − 1) uₖuₖᵀ), uₖ orthonormal (the Q of a seeded Gaussian
 * d×r), so row g is σ·(z + U·((√ℓ − 1) ∘ Uᵀz)) with z ~ N(0, I_d) drawn from (seed, g). Without
 * spikes it is the Marchenko–Pastur null model.
 *
 * <p>The truth is asymptotic (n, d → ∞ with d/n = γ), not exact: the sample covariance XᵀX/n has
 * its bulk on σ²[(1 − √γ)², (1 + √γ)²]; a spike ℓ separates from the bulk iff ℓ &gt; 1 + √γ (the
 * BBP threshold) and its sample eigenvalue then sits near σ²ℓ(1 + γ/(ℓ − 1)) with standard deviation
 * σ²ℓ√(2(1 − γ/(ℓ − 1)²)/n); the largest noise eigenvalue fluctuates on the Tracy–Widom scale
 * n^(−2/3). Cost: O(d·r) per row plus d Gaussian draws.
 */
final class NoiseGenerator extends DenseGenerator {
  private static final long serialVersionUID = 1L;

  private final double sigma;
  private final double[] spikes;
  private final double[] factors;
  private final Matrix u;

  /**
   * @param sigma the entry standard deviation σ
   * @param spikes population spike strengths ℓ (in σ² units, each positive), any order
   */
  NoiseGenerator(long n, int d, long seed, double sigma, double[] spikes) {
    super(n, d, seed, false);
    if (!(sigma > 0) || !Double.isFinite(sigma)) {
      throw new IllegalArgumentException("--noise (the entry standard deviation) must be positive for the noise kind: " + sigma);
    }
    if (spikes.length > d) {
      throw new IllegalArgumentException("--spikes lists " + spikes.length + " spikes, more than cols=" + d);
    }
    double[] sorted = spikes.clone();
    for (double l : sorted) {
      if (!(l > 0) || !Double.isFinite(l)) {
        throw new IllegalArgumentException("every --spikes value must be positive and finite (a population variance in "
            + "units of sigma^2): " + Arrays.toString(spikes));
      }
    }
    Arrays.sort(sorted);
    for (int i = 0, j = sorted.length - 1; i < j; i++, j--) {
      double t = sorted[i];
      sorted[i] = sorted[j];
      sorted[j] = t;
    }
    this.sigma = sigma;
    this.spikes = sorted;
    this.factors = new double[sorted.length];
    for (int k = 0; k < sorted.length; k++) {
      factors[k] = Math.sqrt(sorted[k]) - 1;
    }
    this.u = sorted.length == 0 ? Matrix.zeros(d, 0) : DenseGenerator.randomOrthonormal(d, sorted.length, seed);
  }

  @Override
  void coefficients(long g, double[] x) {
    RandomStream.of(seed, Purpose.GENERATE_ROW, g).fillGaussian(x);
    int r = spikes.length;
    double[] t = new double[r];
    for (int k = 0; k < r; k++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += u.get(j, k) * x[j];
      }
      t[k] = factors[k] * s;
    }
    for (int k = 0; k < r; k++) {
      for (int j = 0; j < d; j++) {
        x[j] += u.get(j, k) * t[k];
      }
    }
    for (int j = 0; j < d; j++) {
      x[j] *= sigma;
    }
  }

  @Override
  public void describe(Map<String, Object> truth, java.util.function.LongUnaryOperator positionOf) {
    double gamma = (double) d / n;
    double s2 = sigma * sigma;
    MarchenkoPastur mp = new MarchenkoPastur(gamma, s2);
    double threshold = MarchenkoPastur.bbpThreshold(gamma);
    int r = spikes.length;
    double[] population = new double[r];
    boolean[] separated = new boolean[r];
    double[] predicted = new double[r];
    double[] sd = new double[r];
    for (int k = 0; k < r; k++) {
      population[k] = s2 * spikes[k];
      separated[k] = spikes[k] > threshold;
      predicted[k] = mp.spikeLocation(spikes[k]);
      sd[k] = separated[k] ? mp.spikeStandardDeviation(spikes[k], n) : Double.NaN;
    }
    double[][] vectors = new double[r][];
    for (int k = 0; k < r; k++) {
      vectors[k] = u.column(k);
    }
    truth.put("sigma2", s2);
    truth.put("aspectRatio", gamma);
    truth.put("bulkEdges", new double[] {mp.lowerEdge(), mp.upperEdge()});
    truth.put("bbpThreshold", threshold);
    truth.put("populationSpikes", spikes.clone());
    truth.put("populationEigenvalues", population);
    truth.put("separated", separated);
    truth.put("predictedSampleEigenvalues", predicted);
    truth.put("predictedStandardDeviations", sd);
    truth.put("spikeVectors", vectors);
    truth.put("construction", "noise: rows N(0, sigma^2 (I + sum_k (l_k - 1) u_k u_k^T)) with u_k the rows of spikeVectors; "
        + "the answers are the n, d -> infinity limits for X^T X / n with gamma = d/n: bulk edges sigma^2 (1 -+ sqrt(gamma))^2, "
        + "a spike l separates iff l > 1 + sqrt(gamma) (bbpThreshold) and its sample eigenvalue is then near "
        + "sigma^2 l (1 + gamma/(l - 1)) (predictedSampleEigenvalues, standard deviation predictedStandardDeviations)");
  }
}
