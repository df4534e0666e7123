package dev.randnla.jobs.demo;

import dev.randnla.io.InputOptions;
import dev.randnla.jobs.cluster.AdjustedRand;
import dev.randnla.jobs.cluster.BlockBy;
import dev.randnla.jobs.cluster.ClusterAlgorithm;
import dev.randnla.jobs.cluster.ClusterConfig;
import dev.randnla.jobs.cluster.ClusterJob;
import dev.randnla.jobs.cluster.ClusterResult;
import dev.randnla.jobs.generate.GenerateJob;
import dev.randnla.jobs.generate.GenerateResult;
import dev.randnla.jobs.generate.MatrixKind;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/** Demo of {@code cluster}: 160 blocks of 25 rows from 4 planted rank-5 subspaces, clustered exactly at ε = 0.01. */
final class ClusterDemo implements DemoStep {
  static final int BLOCKS = 160;
  static final int BLOCK_ROWS = 25;
  static final int COLS = 60;
  static final int GROUPS = 4;
  static final int RANK = 5;
  static final double EPS = 0.01;

  @Override
  public String title() {
    return "generate " + BLOCKS + " blocks of " + BLOCK_ROWS + " x " + COLS + " from " + GROUPS + " planted rank-" + RANK
        + " subspaces, then cluster them at rank " + RANK + ", eps " + EPS;
  }

  @Override
  public List<DemoRow> run(SparkSession spark, String workdir, long seed) {
    String dir = workdir + "/blocks";
    GenerateResult g = GenerateJob.run(spark, DemoStep.generated(MatrixKind.BLOCKS, (long) BLOCKS * BLOCK_ROWS, COLS,
        dir, seed).rank(RANK).groups(GROUPS).blockRows(BLOCK_ROWS).noise(1e-3).build());
    ClusterResult c = ClusterJob.FRAME.run(spark, ClusterConfig.of(InputOptions.of(dir).withKeyCol("0"),
        DemoStep.output(workdir, "cluster"), BlockBy.KEY).withRank(RANK).withEps(EPS)
        .withAlgorithm(ClusterAlgorithm.EXACT));
    int[] planted = (int[]) g.truth().get("blockGroup");
    int[] found = new int[planted.length];
    for (int k = 0; k < planted.length; k++) {
      found[k] = c.assignments().get(String.format(Locale.ROOT, "blk-%06d", k));
    }
    double expected = ((Number) g.truth().get("expectedClusterError")).doubleValue();
    return List.of(
        DemoRow.compare("cluster", "clusters", c.clusters().size(), GROUPS),
        DemoRow.compare("cluster", "adjusted Rand index vs planted groups", AdjustedRand.of(planted, found), 1.0),
        DemoRow.compare("cluster", "max verified rank-" + RANK + " error (truth: planted noise level)", c.maxVerifiedError(), expected),
        DemoRow.info("cluster", "compression ratio", String.format(Locale.ROOT, "%.2f", c.compressionRatio())),
        DemoRow.info("cluster", "violations (verified error > eps)", Integer.toString(c.violations())));
  }
}
