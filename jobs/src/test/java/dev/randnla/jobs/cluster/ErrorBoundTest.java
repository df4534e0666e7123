package dev.randnla.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.linalg.Matrix;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The driver-side bounds and the greedy loop against dense references (no Spark). */
class ErrorBoundTest {
  /** Rounding slack when comparing a bound with the dense reference error. */
  private static final double SLACK = 1e-10;

  static ErrorBound bound(ClusterAlgorithm a, int rank, int cols, double eps) {
    return switch (a) {
      case EXACT -> new ExactBound(rank, 5, cols, eps);
      case APPROXIMATE -> new IncrementalSvdBound(rank, 5, cols);
      case RESIDUAL -> new ResidualBound(rank, cols);
      case MAXNORM -> new MaxNormBound(rank, cols);
      case AUTO -> throw new IllegalArgumentException("auto");
    };
  }

  /**
   * A random instance: a few random subspaces of random dimension (some shared by several blocks,
   * some overlapping), blocks of 1 to 2r+3 rows (below and above r) at random scales and noise.
   */
  static List<Block> randomInstance(long seed, int d, int rank) {
    RandomStream rs = RandomStream.of(seed, Purpose.DRIVER_GAUSSIAN, 9);
    int spaces = 1 + rs.nextInt(3);
    Matrix[] bases = new Matrix[spaces];
    for (int s = 0; s < spaces; s++) {
      bases[s] = TestBlocks.orthonormal(rs, d, 1 + rs.nextInt(Math.min(d, 2 * rank)));
    }
    int n = 5 + rs.nextInt(10);
    List<Block> blocks = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      int c = 1 + rs.nextInt(2 * rank + 3);
      double scale = Math.pow(10, 2 * rs.nextDouble() - 1);
      double noise = new double[] {0, 1e-3, 0.05, 0.3}[rs.nextInt(4)];
      blocks.add(TestBlocks.block(k, TestBlocks.rows(rs, bases[rs.nextInt(spaces)], c, scale, noise)));
    }
    return blocks;
  }

  @ParameterizedTest
  @EnumSource(value = ClusterAlgorithm.class, names = {"EXACT", "APPROXIMATE", "RESIDUAL", "MAXNORM"})
  void everyBoundIsAtLeastTheTrueErrorAlongAnyGrowingSequence(ClusterAlgorithm algorithm) {
    for (long seed = 1; seed <= 80; seed++) {
      RandomStream rs = RandomStream.of(seed, Purpose.DRIVER_GAUSSIAN, 10);
      int d = 4 + rs.nextInt(14);
      int rank = 1 + rs.nextInt(Math.min(6, d - 1));
      List<Block> blocks = randomInstance(seed, d, rank);
      // eps 0 forces exact's dense path at every step, eps 1 its cheap Ky Fan path
      for (double eps : new double[] {0.0, 1.0}) {
        ErrorBound b = bound(algorithm, rank, d, eps);
        List<Block> prefix = new ArrayList<>(List.of(blocks.get(0)));
        double start = b.start(List.copyOf(prefix));
        if (algorithm != ClusterAlgorithm.MAXNORM || blocks.get(0).rows() <= rank) {
          assertTrue(start >= TestBlocks.trueError(prefix, rank) - SLACK, "seed bound, seed " + seed);
        }
        for (int k = 1; k < blocks.size(); k++) {
          double proposed = b.propose(blocks.get(k));
          prefix.add(blocks.get(k));
          double truth = TestBlocks.trueError(prefix, rank);
          assertTrue(proposed >= truth - SLACK, algorithm + " proposed " + proposed + " < true " + truth
              + " (seed " + seed + ", eps " + eps + ", d " + d + ", r " + rank + ", step " + k + ")");
          b.accept();
          double reported = b.bound();
          assertTrue(reported >= truth - SLACK, algorithm + " bound " + reported + " < true " + truth + " (seed " + seed + ")");
          if (algorithm == ClusterAlgorithm.EXACT && eps == 0.0) {
            // every decision through the Gram's eigendecomposition: the bound is the exact error
            assertEquals(truth, reported, 1e-6, "exact is exact (seed " + seed + ", step " + k + ")");
          }
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = ClusterAlgorithm.class, names = {"EXACT", "APPROXIMATE", "RESIDUAL", "MAXNORM"})
  void noClusterExceedsEpsOnRandomInstances(ClusterAlgorithm algorithm) {
    for (long seed = 100; seed < 200; seed++) {
      RandomStream rs = RandomStream.of(seed, Purpose.DRIVER_GAUSSIAN, 11);
      int d = 4 + rs.nextInt(14);
      int rank = 1 + rs.nextInt(Math.min(6, d - 1));
      double eps = new double[] {0.01, 0.05, 0.2, 0.5}[rs.nextInt(4)];
      BlockOrder order = rs.nextInt(2) == 0 ? BlockOrder.NORM : BlockOrder.RESIDUAL;
      List<Block> blocks = randomInstance(seed, d, rank);
      List<GreedyClustering.Cluster> clusters =
          new GreedyClustering(rank, d, eps, 3, order, bound(algorithm, rank, d, eps)).run(blocks, placed -> { });
      int covered = 0;
      for (GreedyClustering.Cluster c : clusters) {
        covered += c.blocks().length;
        if (c.singleton()) {
          continue;
        }
        List<Block> members = new ArrayList<>();
        for (int i : c.blocks()) {
          members.add(blocks.get(i));
        }
        double truth = TestBlocks.trueError(members, rank);
        String where = algorithm + " seed " + seed + " eps " + eps + " order " + order;
        assertTrue(c.bound() <= eps, where + ": reported bound " + c.bound() + " above eps");
        assertTrue(c.bound() >= truth - SLACK, where + ": bound " + c.bound() + " below true error " + truth);
        assertTrue(truth <= eps + SLACK, where + ": true error " + truth + " exceeds eps");
      }
      assertEquals(blocks.size(), covered, "every block is placed once");
    }
  }

  /** Exact's cheap acceptances change nothing: the same clusters as the true error at every step. */
  @ParameterizedTest
  @ValueSource(doubles = {0.02, 0.1, 0.3})
  void exactDecidesLikeTheTrueError(double eps) {
    for (long seed = 200; seed < 220; seed++) {
      int d = 12;
      int rank = 3;
      List<Block> blocks = randomInstance(seed, d, rank);
      List<GreedyClustering.Cluster> exact =
          new GreedyClustering(rank, d, eps, 10, BlockOrder.RESIDUAL, new ExactBound(rank, 5, d, eps)).run(blocks, p -> { });
      List<GreedyClustering.Cluster> dense =
          new GreedyClustering(rank, d, eps, 10, BlockOrder.RESIDUAL, new DenseBound(rank, d)).run(blocks, p -> { });
      assertEquals(dense.size(), exact.size(), "seed " + seed);
      for (int i = 0; i < dense.size(); i++) {
        assertArrayEquals(dense.get(i).blocks(), exact.get(i).blocks(), "seed " + seed + " cluster " + i);
      }
    }
  }

  /** The reference: the true error of the stacked blocks by a dense SVD at every step, plus the same allowance. */
  private static final class DenseBound implements ErrorBound {
    private final int rank;
    private final int cols;
    private final List<Block> members = new ArrayList<>();
    private Block pending;

    DenseBound(int rank, int cols) {
      this.rank = rank;
      this.cols = cols;
    }

    @Override
    public double start(List<Block> seed) {
      members.clear();
      members.addAll(seed);
      return bound();
    }

    @Override
    public double propose(Block block) {
      pending = block;
      List<Block> with = new ArrayList<>(members);
      with.add(block);
      return withAllowance(with);
    }

    @Override
    public void accept() {
      members.add(pending);
    }

    @Override
    public double bound() {
      return withAllowance(members);
    }

    private double withAllowance(List<Block> blocks) {
      double total = 0;
      long rows = 0;
      for (Block b : blocks) {
        total += b.energy();
        rows += b.rows();
      }
      double e = TestBlocks.trueError(blocks, rank);
      double captured = total * (1 - e * e);
      return ErrorBound.error(total, captured, ErrorBound.allowance(rank, cols, rows, total));
    }
  }

  /**
   * The over-claim of crediting a wide seed's full energy: r = 1, a seed of two orthogonal unit rows
   * (more rows than r) and a candidate of one unit row along a third direction. The true error of
   * the pair is √(2/3) ≈ 0.816; the reference formula √(1 − ‖seed‖²/‖M‖²) claims √(1/3) ≈ 0.577.
   */
  @Test
  void maxNormCreditsOnlyTheSeedsTopREnergy() {
    Block seed = TestBlocks.block(0, Matrix.fromRows(new double[][] {{1, 0, 0}, {0, 1, 0}}));
    Block other = TestBlocks.block(1, Matrix.fromRows(new double[][] {{0, 0, 1}}));
    double truth = TestBlocks.trueError(List.of(seed, other), 1);
    assertEquals(Math.sqrt(2.0 / 3), truth, 1e-12);
    double overClaim = Math.sqrt(1 - seed.energy() / (seed.energy() + other.energy()));
    assertTrue(overClaim < truth, "the reference formula claims less than the true error");
    MaxNormBound b = new MaxNormBound(1, 3);
    assertEquals(Math.sqrt(0.5), b.start(List.of(seed)), 1e-6, "the seed alone: rank-1 error √(1/2)");
    double proposed = b.propose(other);
    assertTrue(proposed >= truth - SLACK, "bound " + proposed + " < true " + truth);
    assertEquals(truth, proposed, 1e-6);
    // at eps between the two, the reference would merge them; the fixed bound does not
    double eps = 0.7;
    List<GreedyClustering.Cluster> clusters =
        new GreedyClustering(1, 3, eps, 10, BlockOrder.NORM, new MaxNormBound(1, 3)).run(List.of(seed, other), p -> { });
    assertEquals(2, clusters.size(), "no cluster: the pair's true error " + truth + " exceeds eps " + eps);
  }

  @ParameterizedTest
  @EnumSource(value = ClusterAlgorithm.class, names = {"EXACT", "APPROXIMATE", "RESIDUAL"})
  void plantedGroupsAreRecoveredExactly(ClusterAlgorithm algorithm) {
    for (int rowsPerBlock : new int[] {2, 3, 12}) {
      int groups = 3;
      int rank = 3;
      List<Block> blocks = TestBlocks.planted(5 + rowsPerBlock, 30, groups, 16, rank, rowsPerBlock, 1e-4);
      List<GreedyClustering.Cluster> clusters = new GreedyClustering(rank, 16, 0.01, 10, BlockOrder.RESIDUAL,
          bound(algorithm, rank, 16, 0.01)).run(blocks, p -> { });
      int[] found = new int[blocks.size()];
      for (int c = 0; c < clusters.size(); c++) {
        for (int b : clusters.get(c).blocks()) {
          found[b] = c;
        }
      }
      int[] truth = new int[blocks.size()];
      for (int k = 0; k < truth.length; k++) {
        truth[k] = k % groups;
      }
      assertEquals(1.0, AdjustedRand.of(truth, found), 1e-12,
          algorithm + " with " + rowsPerBlock + "-row blocks: " + clusters.size() + " clusters");
    }
  }

  @Test
  void zeroBlocksAndTinyInstances() {
    Block zero1 = TestBlocks.block(0, Matrix.zeros(2, 4));
    Block zero2 = TestBlocks.block(1, Matrix.zeros(3, 4));
    for (ClusterAlgorithm a : new ClusterAlgorithm[] {ClusterAlgorithm.EXACT, ClusterAlgorithm.APPROXIMATE,
        ClusterAlgorithm.RESIDUAL, ClusterAlgorithm.MAXNORM}) {
      Supplier<ErrorBound> s = () -> bound(a, 1, 4, 0.1);
      List<GreedyClustering.Cluster> both = new GreedyClustering(1, 4, 0.1, 10, BlockOrder.RESIDUAL, s.get())
          .run(List.of(zero1, zero2), p -> { });
      assertEquals(1, both.size(), a + ": zero blocks have zero error together");
      assertEquals(0.0, both.get(0).bound(), 1e-12);
      List<GreedyClustering.Cluster> one = new GreedyClustering(1, 4, 0.1, 10, BlockOrder.NORM, s.get())
          .run(List.of(zero1), p -> { });
      assertEquals(1, one.size());
      assertTrue(one.get(0).singleton());
      assertEquals(0, new GreedyClustering(1, 4, 0.1, 10, BlockOrder.NORM, s.get()).run(List.of(), p -> { }).size());
    }
  }

  @Test
  void patienceTurnsTheRestIntoSingletons() {
    // 6 blocks on mutually orthogonal coordinate directions: nothing pairs at eps 0.01, r = 1
    List<Block> blocks = new ArrayList<>();
    for (int k = 0; k < 6; k++) {
      double[] row = new double[6];
      row[k] = 1 + k;
      blocks.add(TestBlocks.block(k, Matrix.fromRows(new double[][] {row})));
    }
    GreedyClustering g = new GreedyClustering(1, 6, 0.01, 2, BlockOrder.RESIDUAL, new ExactBound(1, 5, 6, 0.01));
    List<GreedyClustering.Cluster> clusters = g.run(blocks, p -> { });
    assertEquals(6, clusters.size());
    assertEquals(2, g.candidatesTried(), "two failed clusters, then the rest without trying");
  }
}
