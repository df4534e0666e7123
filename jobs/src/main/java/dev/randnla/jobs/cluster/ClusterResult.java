package dev.randnla.jobs.cluster;

import dev.randnla.linalg.Matrix;
import java.util.List;
import java.util.Map;

/**
 * What {@code cluster} found.
 *
 * @param algorithm the algorithm that ran (auto resolved)
 * @param blocks blocks in the input
 * @param rows rows in the input
 * @param clusters every cluster, singletons included, in id order
 * @param assignments block key → cluster id
 * @param bases cluster id → the basis of a compressed cluster: d × r′ orthonormal columns (r′ = min(r, its
 *     rank)), its top right singular vectors first (bases/ID.csv holds the transpose); a cluster stored as it is
 *     has none
 * @param singletons clusters of one block (stored as they are)
 * @param compressionRatio raw size d·Σc_k over the total storage of the clusters (docs/algorithms.md, cluster)
 * @param maxVerifiedError the largest verified rank-r error over the compressed clusters (0 if none)
 * @param violations clusters whose verified error exceeded ε and that were split into singletons
 * @param passes full reads of the input
 * @param seconds wall time from opening the input to committing the output
 * @param summaryJson the whole summary (what summary.json holds, written or not)
 */
public record ClusterResult(ClusterAlgorithm algorithm, int blocks, long rows, List<Info> clusters,
    Map<String, Integer> assignments, Map<Integer, Matrix> bases, int singletons, double compressionRatio,
    double maxVerifiedError, int violations, double passes, double seconds, String summaryJson) {

  /**
   * One cluster.
   *
   * @param id its id (0, 1, … in the order clusters were formed)
   * @param blockKeys its blocks, seed first
   * @param rows Σ c_k
   * @param bound the algorithm's bound on its rank-r error (0 for a block stored as is)
   * @param verifiedError the error of what is stored: the true rank-r error of a compressed cluster,
   *     0 for one stored as is
   * @param storage numbers stored: r·(d + Σc_k) compressed, d·Σc_k as is
   * @param compressed whether it is stored as a rank-r basis and coefficients
   */
  public record Info(int id, List<String> blockKeys, long rows, double bound, double verifiedError, long storage,
      boolean compressed) {}
}
