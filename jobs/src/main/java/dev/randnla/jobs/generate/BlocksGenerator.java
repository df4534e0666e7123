package dev.randnla.jobs.generate;

import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.QrDecomposition;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import java.util.Map;

/**
 * Planted clusters of blocks (docs/algorithms.md, generate and cluster): block k holds rows g with g / c = k; it
 * belongs to group k mod G and its rows are σ_k·(z_g·B_Gᵀ + ν·ε_g) with B_G a d×r orthonormal
 * basis of the group, z_g and ε_g standard Gaussian and σ_k = 2^u, u uniform on [−1, 1] (so
 * blocks differ in norm). Each row carries its block key {@code blk-000k}. Without noise a
 * cluster of one group has rank-r error 0; with noise ν its expected error is about
 * √(dν² / (r + dν²)).
 */
final class BlocksGenerator extends DenseGenerator {
  private static final long serialVersionUID = 1L;

  private final int groups;
  private final int rank;
  private final int blockRows;
  private final double noise;
  private final Matrix[] bases;

  /** @param rank in [1, d], as {@link Generators#of} checks for every kind with a rank */
  BlocksGenerator(long n, int d, long seed, int groups, int rank, int blockRows, double noise) {
    super(n, d, seed, false);
    if (groups < 1) {
      throw new IllegalArgumentException("--groups must be positive: " + groups);
    }
    if (blockRows < 1) {
      throw new IllegalArgumentException("--block-rows must be positive: " + blockRows);
    }
    this.groups = groups;
    this.rank = rank;
    this.blockRows = blockRows;
    this.noise = noise;
    this.bases = new Matrix[groups];
    for (int gr = 0; gr < groups; gr++) {
      RandomStream rs = RandomStream.of(seed, Purpose.GENERATE_CLUSTER, gr);
      double[] a = new double[d * rank];
      rs.fillGaussian(a);
      bases[gr] = QrDecomposition.of(new Matrix(d, rank, a)).q();
    }
  }

  long blocks() {
    return (n + blockRows - 1) / blockRows;
  }

  private double blockScale(long k) {
    double u = RandomStream.of(seed, Purpose.GENERATE_CLUSTER, groups + k).nextDouble();
    return Math.pow(2, 2 * u - 1);
  }

  @Override
  public boolean hasKey() {
    return true;
  }

  @Override
  void coefficients(long g, double[] out) {
    long k = g / blockRows;
    Matrix b = bases[(int) (k % groups)];
    double scale = blockScale(k);
    RandomStream rs = RandomStream.of(seed, Purpose.GENERATE_ROW, g);
    double[] z = new double[rank];
    rs.fillGaussian(z);
    for (int i = 0; i < d; i++) {
      double t = 0;
      for (int j = 0; j < rank; j++) {
        t += b.get(i, j) * z[j];
      }
      out[i] = scale * (t + noise * rs.nextGaussian());
    }
  }

  @Override
  String key(long g) {
    return keyOf(g / blockRows);
  }

  static String keyOf(long k) {
    return String.format("blk-%06d", k);
  }

  @Override
  public void describe(Map<String, Object> truth, java.util.function.LongUnaryOperator positionOf) {
    long blocks = blocks();
    int[] group = new int[(int) Math.min(blocks, Integer.MAX_VALUE - 8)];
    for (int k = 0; k < group.length; k++) {
      group[k] = k % groups;
    }
    truth.put("blocks", blocks);
    truth.put("blockRows", blockRows);
    truth.put("groups", groups);
    truth.put("rank", rank);
    truth.put("noise", noise);
    truth.put("blockGroup", group);
    truth.put("keyCol", 0);
    truth.put("expectedClusterError", Math.sqrt(d * noise * noise / (rank + d * noise * noise)));
    truth.put("construction", "blocks: block k (key blk-%06d of k) has rows sigma_k (z B_g^T + noise eps) with g = k mod groups; "
        + "the key is the first field of every row");
  }
}
