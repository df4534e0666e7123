package dev.randnla.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.linalg.Matrix;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the job reports after verification: a cluster above eps is never reported as meeting it. */
class ReconcileTest {
  private static final int D = 10;
  private static final int R = 2;

  private static List<Block> blocks() {
    return List.of(
        new Block(0, "a", 20, 4.0, null, Double.NaN),
        new Block(1, "b", 20, 3.0, null, Double.NaN),
        new Block(2, "c", 20, 2.0, null, Double.NaN),
        new Block(3, "d", 20, 1.0, null, Double.NaN),
        new Block(4, "e", 20, 0.5, null, Double.NaN));
  }

  private static ClusterCheck check(long rows, double error) {
    return new ClusterCheck(rows, 1.0, error, D, R, Matrix.zeros(D, R).data());
  }

  @Test
  void aClusterAboveEpsIsSplitIntoBlocksStoredAsTheyAre() {
    List<GreedyClustering.Cluster> formed = List.of(
        new GreedyClustering.Cluster(new int[] {0, 1}, 40, 0.04),
        new GreedyClustering.Cluster(new int[] {2, 3}, 40, 0.049),
        new GreedyClustering.Cluster(new int[] {4}, 20, 0.0));
    Map<Integer, ClusterCheck> checks = Map.of(0, check(40, 0.03), 1, check(40, 0.0500001));
    ClusterJob.Reconciled out = ClusterJob.reconcile(formed, checks, blocks(), 0.05, D, R);
    assertEquals(1, out.violations());
    assertEquals(1, out.warnings().size());
    assertTrue(out.warnings().get(0).contains("0.0500001"), out.warnings().get(0));
    assertEquals(4, out.infos().size(), "the violating pair became two clusters");
    ClusterResult.Info kept = out.infos().get(0);
    assertTrue(kept.compressed());
    assertEquals(0.03, kept.verifiedError());
    assertEquals((long) R * (D + 40), kept.storage());
    for (ClusterResult.Info info : out.infos()) {
      assertTrue(info.verifiedError() <= 0.05, "no reported cluster exceeds eps: " + info);
    }
    ClusterResult.Info split = out.infos().get(1);
    assertFalse(split.compressed());
    assertEquals(List.of("c"), split.blockKeys());
    assertEquals((long) D * 20, split.storage());
    assertEquals(Map.of(0, out.bases().get(0)).keySet(), out.bases().keySet(), "only the kept cluster has a basis");
  }

  @Test
  void aVerificationThatSawOtherRowsFailsLoudly() {
    List<GreedyClustering.Cluster> formed = List.of(new GreedyClustering.Cluster(new int[] {0, 1}, 40, 0.04));
    assertThrows(IllegalStateException.class,
        () -> ClusterJob.reconcile(formed, Map.of(0, check(39, 0.01)), blocks(), 0.05, D, R));
    assertThrows(IllegalStateException.class, () -> ClusterJob.reconcile(formed, Map.of(), blocks(), 0.05, D, R));
  }

  @Test
  void adjustedRandIndexOfKnownLabelings() {
    assertEquals(1.0, AdjustedRand.of(new int[] {0, 0, 1, 1, 2}, new int[] {5, 5, 3, 3, 9}), 1e-15, "renaming only");
    // the textbook example: ARI of {0,0,0,1,1,1} vs {0,0,1,1,2,2} is 0.2424…
    assertEquals(0.24242424242424243, AdjustedRand.of(new int[] {0, 0, 0, 1, 1, 1}, new int[] {0, 0, 1, 1, 2, 2}), 1e-12);
    assertTrue(AdjustedRand.of(new int[] {0, 1, 0, 1}, new int[] {0, 0, 1, 1}) < 0, "worse than chance");
  }
}
