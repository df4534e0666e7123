package dev.randnla.jobs.generate;

/** Builds the generator for a configuration, applying each kind's defaults. */
public final class Generators {
  /** Defaults, also shown in --help. */
  static final double DEFAULT_GAP = 4;
  static final double DEFAULT_KAPPA_LOWRANK = 10;
  static final double DEFAULT_KAPPA_REGRESSION = 100;
  static final double DEFAULT_KAPPA_LEVERAGE = 100;
  static final int DEFAULT_BLOCKS_RANK = 5;
  static final int DEFAULT_HEAVY = 5;
  static final int DEFAULT_GROUPS = 4;
  static final int DEFAULT_BLOCK_ROWS = 50;
  static final double DEFAULT_NOISE = 1e-3;
  static final int DEFAULT_NNZ = 20;
  static final int DEFAULT_SUPPORT = 10;
  static final double DEFAULT_KAPPA_DUPLICATED = 2;
  static final int DEFAULT_SPARSITY = 5;
  static final double DEFAULT_SPARSE_NOISE = 0.1;

  private Generators() {}

  public static RowGenerator of(GenerateConfig c) {
    long n = c.rows();
    int d = c.cols();
    long seed = c.seed();
    return switch (c.kind()) {
      case SPIKED -> SpectrumGenerator.spiked(n, d, seed, c.gapOr(DEFAULT_GAP));
      case LOWRANK -> SpectrumGenerator.lowRank(n, d, seed, checkRank(c.rankOr(Math.min(d, 10)), d), c.kappaOr(DEFAULT_KAPPA_LOWRANK));
      case HEAVY_ROWS -> new HeavyRowsGenerator(n, d, seed, c.heavy() == null ? DEFAULT_HEAVY : c.heavy(), c.gapOr(DEFAULT_GAP));
      case REGRESSION -> new RegressionGenerator(n, d, seed, c.kappaOr(DEFAULT_KAPPA_REGRESSION),
          c.residual() == null ? 1.0 : c.residual());
      case LEVERAGE -> new LeverageGenerator(n, d, seed, c.alpha() == null ? 1.0 : c.alpha(), c.kappaOr(DEFAULT_KAPPA_LEVERAGE));
      case BLOCKS -> new BlocksGenerator(n, d, seed, c.groups() == null ? DEFAULT_GROUPS : c.groups(),
          checkRank(c.rankOr(Math.min(d, DEFAULT_BLOCKS_RANK)), d), c.blockRows() == null ? DEFAULT_BLOCK_ROWS : c.blockRows(),
          c.noise() == null ? DEFAULT_NOISE : c.noise());
      case SPARSE -> new SparseGenerator(n, d, seed, c.spikeSupport() == null ? Math.min(DEFAULT_SUPPORT, d - 1) : c.spikeSupport(),
          c.nnzPerRow() == null ? Math.max(1, Math.min(DEFAULT_NNZ, d - Math.min(DEFAULT_SUPPORT, d - 1))) : c.nnzPerRow(),
          c.gapOr(DEFAULT_GAP));
      case NOISE -> new NoiseGenerator(n, d, seed, c.noise() == null ? 1.0 : c.noise(),
          c.spikes() == null ? new double[0] : c.spikes());
      case DUPLICATED -> new DuplicatedGenerator(n, d, seed, c.kappaOr(DEFAULT_KAPPA_DUPLICATED));
      case SPARSE_REGRESSION -> new SparseRegressionGenerator(n, d, seed,
          c.sparsity() == null ? Math.min(DEFAULT_SPARSITY, d) : c.sparsity(),
          c.noise() == null ? DEFAULT_SPARSE_NOISE : c.noise(), c.kappaOr(1));
    };
  }

  /** The rank of the kinds that take one (lowrank, blocks), checked against d. */
  private static int checkRank(int rank, int d) {
    if (rank < 1 || rank > d) {
      throw new IllegalArgumentException("--rank must be in [1, cols=" + d + "]: " + rank);
    }
    return rank;
  }
}
