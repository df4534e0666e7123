package dev.randnla.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.linalg.Matrix;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The local search after the greedy pass, and its certified bounds, against dense references (no Spark). */
class LocalSearchTest {
  private static final double SLACK = 1e-10;

  private static LocalSearch search(List<Block> blocks, int rank, int d, double eps) {
    return new LocalSearch(blocks, rank, 5, d, eps, 600, line -> { });
  }

  private static long storage(List<GreedyClustering.Cluster> clusters, int rank, int d) {
    return ClusterJob.storage(clusters, rank, d);
  }

  private static List<Block> members(GreedyClustering.Cluster c, List<Block> blocks) {
    List<Block> out = new ArrayList<>();
    for (int b : c.blocks()) {
      out.add(blocks.get(b));
    }
    return out;
  }

  /** Every block placed once, no storage increase, every compressed cluster within eps and below its bound. */
  private static void checkOutcome(String where, List<Block> blocks, List<GreedyClustering.Cluster> before,
      LocalSearch.Outcome o, int rank, int d, double eps) {
    int[] seen = new int[blocks.size()];
    for (GreedyClustering.Cluster c : o.clusters()) {
      for (int b : c.blocks()) {
        seen[b]++;
      }
      if (ClusterJob.compressed(c, rank, d)) {
        double truth = TestBlocks.trueError(members(c, blocks), rank);
        assertTrue(c.bound() <= eps, where + ": bound " + c.bound() + " above eps " + eps);
        assertTrue(c.bound() >= truth - SLACK, where + ": bound " + c.bound() + " below the true error " + truth);
        assertTrue(truth <= eps + SLACK, where + ": true error " + truth + " above eps " + eps);
      }
    }
    for (int k = 0; k < seen.length; k++) {
      assertEquals(1, seen[k], where + ": block " + k + " placed " + seen[k] + " times");
    }
    assertEquals(storage(before, rank, d), o.storageBefore(), where);
    assertEquals(storage(o.clusters(), rank, d), o.storageAfter(), where);
    assertTrue(o.storageAfter() <= o.storageBefore(), where + ": storage rose from " + o.storageBefore() + " to "
        + o.storageAfter());
  }

  @ParameterizedTest
  @EnumSource(value = ClusterAlgorithm.class, names = {"EXACT", "APPROXIMATE", "RESIDUAL", "MAXNORM"})
  void searchNeverRaisesStorageNorReportsAClusterAboveEps(ClusterAlgorithm algorithm) {
    int improved = 0;
    for (long seed = 300; seed < 360; seed++) {
      RandomStream rs = RandomStream.of(seed, Purpose.DRIVER_GAUSSIAN, 12);
      int d = 6 + rs.nextInt(14);
      int rank = 1 + rs.nextInt(Math.min(4, d - 2));
      double eps = new double[] {0.05, 0.2, 0.4, 0.6}[rs.nextInt(4)];
      List<Block> blocks = ErrorBoundTest.randomInstance(seed, d, rank);
      List<GreedyClustering.Cluster> greedy = new GreedyClustering(rank, d, eps, 2, BlockOrder.RESIDUAL,
          ErrorBoundTest.bound(algorithm, rank, d, eps)).run(blocks, p -> { });
      LocalSearch.Outcome o = search(blocks, rank, d, eps).improve(greedy, Map.of());
      String where = algorithm + " seed " + seed + " d " + d + " r " + rank + " eps " + eps;
      checkOutcome(where, blocks, greedy, o, rank, d, eps);
      assertEquals("no improving move", o.stopped(), where);
      if (o.storageAfter() < o.storageBefore()) {
        improved++;
      }
    }
    assertTrue(improved > 0, algorithm + ": the search improved none of 60 greedy partitions");
  }

  /** Block rows scale·(Z·Bᵀ + noise) of one planted group. */
  private static Block groupBlock(RandomStream rs, int index, Matrix basis, int rows, double scale) {
    return TestBlocks.block(index, TestBlocks.rows(rs, basis, rows, scale, 1e-4));
  }

  @Test
  void aStrandedBlockIsRescuedWithBlocksPulledFromAFullCluster() {
    // group A: six blocks at scale 1; group B: three blocks at scale 0.3. The greedy-like start packs
    // A with two B blocks (error ≈ 0.17 ≤ eps 0.19) and strands the third B block (A + all of B: ≈ 0.21).
    int d = 16;
    int rank = 3;
    double eps = 0.19;
    RandomStream rs = RandomStream.of(7, Purpose.DRIVER_GAUSSIAN, 13);
    Matrix a = TestBlocks.orthonormal(rs, d, rank);
    Matrix b = TestBlocks.orthonormal(rs, d, rank);
    List<Block> blocks = new ArrayList<>();
    for (int k = 0; k < 6; k++) {
      blocks.add(groupBlock(rs, k, a, 12, 1.0));
    }
    for (int k = 6; k < 9; k++) {
      blocks.add(groupBlock(rs, k, b, 12, 0.3));
    }
    List<Block> full = blocks.subList(0, 8);
    double packed = TestBlocks.trueError(full, rank);
    double all = TestBlocks.trueError(blocks, rank);
    assertTrue(packed <= eps && all > eps, "the instance: packed " + packed + ", all " + all);
    List<GreedyClustering.Cluster> start = List.of(
        new GreedyClustering.Cluster(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, 96, packed + 1e-9),
        new GreedyClustering.Cluster(new int[] {8}, 12, 0.0));
    LocalSearch.Outcome o = search(blocks, rank, d, eps).improve(start, Map.of());
    checkOutcome("rescue", blocks, start, o, rank, d, eps);
    assertEquals(1, o.rescues());
    assertEquals(2, o.clusters().size());
    // the stranded block's cluster takes it first and only group-B blocks pulled from the full one
    int[] rescued = o.clusters().get(1).blocks();
    assertEquals(8, rescued[0]);
    assertTrue(rescued.length >= 2 && Arrays.stream(rescued).allMatch(k -> k >= 6), Arrays.toString(rescued));
    // two compressed clusters, r·(2d + 108), instead of r·(d + 96) + d·12
    assertEquals(rank * (d + 96L) + d * 12L, o.storageBefore());
    assertEquals(rank * (2L * d + 108), o.storageAfter());
  }

  @Test
  void rawBlocksOfOneGroupAreMergedIntoOneCluster() {
    int d = 12;
    int rank = 2;
    RandomStream rs = RandomStream.of(8, Purpose.DRIVER_GAUSSIAN, 14);
    Matrix a = TestBlocks.orthonormal(rs, d, rank);
    List<Block> blocks = new ArrayList<>();
    List<GreedyClustering.Cluster> start = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      blocks.add(groupBlock(rs, k, a, 10, 1 + k));
      start.add(new GreedyClustering.Cluster(new int[] {k}, 10, 0.0));
    }
    LocalSearch.Outcome o = search(blocks, rank, d, 0.01).improve(start, Map.of());
    checkOutcome("merge", blocks, start, o, rank, d, 0.01);
    assertEquals(1, o.clusters().size());
    assertEquals(4, o.merges());
    assertEquals(rank * (d + 50L), o.storageAfter());
  }

  @Test
  void aSpentBudgetStopsTheSearchWithTheStartingPartition() {
    int d = 12;
    RandomStream rs = RandomStream.of(9, Purpose.DRIVER_GAUSSIAN, 15);
    Matrix a = TestBlocks.orthonormal(rs, d, 2);
    List<Block> blocks = new ArrayList<>();
    List<GreedyClustering.Cluster> start = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      blocks.add(groupBlock(rs, k, a, 10, 1));
      start.add(new GreedyClustering.Cluster(new int[] {k}, 10, 0.0));
    }
    LocalSearch.Outcome o = new LocalSearch(blocks, 2, 5, d, 0.01, 0.0, line -> { }).improve(start, Map.of());
    assertEquals("time budget", o.stopped());
    assertEquals(o.storageBefore(), o.storageAfter());
    assertEquals(3, o.clusters().size());
  }

  @Test
  void gramBoundIsAtLeastTheTrueErrorConvergedOrNot() {
    for (long seed = 1; seed <= 40; seed++) {
      RandomStream rs = RandomStream.of(seed, Purpose.DRIVER_GAUSSIAN, 16);
      int d = 5 + rs.nextInt(40);
      int rank = 1 + rs.nextInt(Math.min(6, d - 1));
      List<Block> blocks = ErrorBoundTest.randomInstance(seed, d, rank);
      List<Matrix> factors = new ArrayList<>();
      double total = 0;
      long rows = 0;
      for (Block b : blocks) {
        factors.add(b.factor());
        total += b.energy();
        rows += b.rows();
      }
      double truth = TestBlocks.trueError(blocks, rank);
      Matrix g = GramBound.gram(factors, d);
      GramBound gb = new GramBound(rank, 2, d);
      // eps 1 stops at the first Ritz values (far from converged); eps < 0 runs to convergence
      GramBound.Certified early = gb.certify(g, null, total, rows, 1.0);
      GramBound.Certified converged = gb.certify(g, null, total, rows, -1);
      assertTrue(early.bound() >= truth - SLACK, "seed " + seed + ": early " + early.bound() + " < " + truth);
      assertTrue(converged.bound() >= truth - SLACK, "seed " + seed + ": converged " + converged.bound() + " < " + truth);
      assertEquals(truth, converged.bound(), 1e-6, "seed " + seed + ": converged Ritz values give the exact error");
    }
  }
}
