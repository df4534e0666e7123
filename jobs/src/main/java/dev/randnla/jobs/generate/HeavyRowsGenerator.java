package dev.randnla.jobs.generate;

import dev.randnla.linalg.OrthonormalBasis;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import java.util.Map;

/**
 * The heavy-row adversary for streaming eigenvector methods (docs/algorithms.md, generate and eigen --method stream): n − h light
 * rows U·[0, I_{d−1}]·Vᵀ with no energy along v₁ = V e₁ (their Gram is V diag(0, 1, …, 1) Vᵀ), and
 * h heavy rows ±√(R/h)·v₁. AᵀA = V·diag(R, 1, …, 1)·Vᵀ exactly, so the top eigenvector lives only
 * in the h heavy rows: a method that treats a stretch of the stream without them as a sample of
 * the whole sees no v₁ at all.
 */
final class HeavyRowsGenerator extends DenseGenerator {
  private static final long serialVersionUID = 1L;

  private final OrthonormalBasis basis;
  private final long light;
  private final int heavy;
  private final double gap;

  HeavyRowsGenerator(long n, int d, long seed, int heavy, double gap) {
    super(n, d, seed, true);
    if (d < 2) {
      throw new IllegalArgumentException("the heavy-rows kind needs --cols >= 2: " + d);
    }
    if (heavy < 1 || heavy >= n) {
      throw new IllegalArgumentException("--heavy must be in [1, rows): " + heavy);
    }
    this.light = n - heavy;
    if (light < d + 1) {
      throw new IllegalArgumentException("--rows must be at least cols + 1 + heavy = " + (d + 1 + heavy) + ": " + n);
    }
    this.basis = new OrthonormalBasis(light);
    this.heavy = heavy;
    this.gap = gap;
  }

  @Override
  void coefficients(long g, double[] out) {
    java.util.Arrays.fill(out, 0.0);
    if (g >= light) {
      double sign = RandomStream.of(seed, Purpose.GENERATE_ROW, g).nextSign();
      out[0] = sign * Math.sqrt(gap / heavy);
      return;
    }
    for (int j = 1; j < d; j++) {
      out[j] = basis.entry(g, j);
    }
  }

  @Override
  public void describe(Map<String, Object> truth, java.util.function.LongUnaryOperator positionOf) {
    truth.put("basis", basis.kind());
    double[] lambda = new double[d];
    java.util.Arrays.fill(lambda, 1.0);
    lambda[0] = gap;
    describeSpectrum(truth, lambda);
    long[] positions = new long[heavy];
    for (int k = 0; k < heavy; k++) {
      positions[k] = positionOf.applyAsLong(light + k);
    }
    java.util.Arrays.sort(positions);
    truth.put("heavyRows", heavy);
    truth.put("heavyRowPositions", positions);
    truth.put("heavyRowNormSquared", gap / heavy);
    truth.put("lightRowNormSquaredMax", (double) (d - 1) / light * (basis.kind().equals("hadamard") ? 1 : 2));
    truth.put("construction", "heavy-rows: light rows U[:,1..d-1] V[:,2..d]^T (no energy along v1), heavy rows "
        + "+-sqrt(gap/h) v1 at heavyRowPositions (0-based positions in the files)");
  }
}
