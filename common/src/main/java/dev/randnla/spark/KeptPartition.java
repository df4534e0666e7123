package dev.randnla.spark;

import dev.randnla.io.MatrixRow;
import dev.randnla.io.ReadStats;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The parsed rows of one partition, kept in executor memory between passes ({@link MatrixInput#keepRows}):
 * keys, ids, labels, block keys, weights (only when some row weighs other than 1) and values in flat arrays (12 bytes per sparse nonzero, 8 per dense
 * value, 24 per row), with the read statistics of the pass that parsed them. Replaying it yields the
 * same rows in the same order as re-reading the files, so every result is bitwise the same with or
 * without it. A plain class: it may be stored through Kryo.
 */
final class KeptPartition implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int partition;
  private final ReadStats stats;
  private final int rows;
  private final long[] keys;
  private final long[] ids;
  private final double[] labels;
  private final String[] blocks;
  /** Row weights, or null when every row weighs 1. */
  private final double[] weights;
  /** Row r's values are values[valueStart[r] .. valueStart[r+1]); sparse rows' indices alongside, dense rows have none. */
  private final int[] valueStart;
  private final boolean[] sparse;
  private final int[] indices;
  private final double[] values;

  private KeptPartition(int partition, ReadStats stats, int rows, long[] keys, long[] ids, double[] labels, String[] blocks,
      double[] weights, int[] valueStart, boolean[] sparse, int[] indices, double[] values) {
    this.partition = partition;
    this.stats = stats;
    this.rows = rows;
    this.keys = keys;
    this.ids = ids;
    this.labels = labels;
    this.blocks = blocks;
    this.weights = weights;
    this.valueStart = valueStart;
    this.sparse = sparse;
    this.indices = indices;
    this.values = values;
  }

  /** Reads the partition to the end. */
  static KeptPartition read(int partition, PartitionRows source) {
    int n = 0;
    long[] keys = new long[1024];
    long[] ids = new long[1024];
    double[] labels = new double[1024];
    String[] blocks = null;
    double[] weights = null;
    int[] start = new int[1025];
    boolean[] sparse = new boolean[1024];
    int[] idx = new int[4096];
    double[] val = new double[4096];
    int nz = 0;
    while (source.hasNext()) {
      MatrixRow r = source.next();
      if (n == keys.length) {
        int size = 2 * n;
        keys = Arrays.copyOf(keys, size);
        ids = Arrays.copyOf(ids, size);
        labels = Arrays.copyOf(labels, size);
        sparse = Arrays.copyOf(sparse, size);
        start = Arrays.copyOf(start, size + 1);
        if (blocks != null) {
          blocks = Arrays.copyOf(blocks, size);
        }
        if (weights != null) {
          weights = Arrays.copyOf(weights, size);
        }
      }
      double[] v = r.values();
      if (nz + v.length > val.length) {
        int size = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(2L * val.length, (long) nz + v.length));
        if (size < nz + v.length) {
          throw new IllegalStateException("partition " + partition + " has more values than one Java array holds; "
              + "use more partitions (--partitions) or run without --cache");
        }
        val = Arrays.copyOf(val, size);
        idx = Arrays.copyOf(idx, size);
      }
      keys[n] = r.key();
      ids[n] = r.id();
      labels[n] = r.label();
      if (r.block() != null) {
        if (blocks == null) {
          blocks = new String[keys.length];
        }
        blocks[n] = r.block();
      }
      if (r.weight() != 1 && weights == null) {
        weights = new double[keys.length];
        Arrays.fill(weights, 0, n, 1.0);
      }
      if (weights != null) {
        weights[n] = r.weight();
      }
      sparse[n] = r.isSparse();
      System.arraycopy(v, 0, val, nz, v.length);
      if (r.isSparse()) {
        System.arraycopy(r.indices(), 0, idx, nz, v.length);
      }
      nz += v.length;
      n++;
      start[n] = nz;
    }
    return new KeptPartition(partition, source.stats(), n, Arrays.copyOf(keys, n), Arrays.copyOf(ids, n),
        Arrays.copyOf(labels, n), blocks == null ? null : Arrays.copyOf(blocks, n),
        weights == null ? null : Arrays.copyOf(weights, n), Arrays.copyOf(start, n + 1),
        Arrays.copyOf(sparse, n), Arrays.copyOf(idx, nz), Arrays.copyOf(val, nz));
  }

  int partition() {
    return partition;
  }

  /**
   * The rows again, numbered from {@code firstId} when they were read before the ids were known (as
   * the reader would number them now), with the statistics of the read that parsed them.
   */
  PartitionRows replay(long firstId) {
    ReadStats copy = new ReadStats().merge(stats); // results merge their statistics in place
    return new PartitionRows() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < rows;
      }

      @Override
      public MatrixRow next() {
        if (next >= rows) {
          throw new java.util.NoSuchElementException();
        }
        int r = next++;
        long id = ids[r] == MatrixRow.NO_ID && firstId != MatrixRow.NO_ID ? firstId + r : ids[r];
        int from = valueStart[r];
        int to = valueStart[r + 1];
        double[] v = Arrays.copyOfRange(values, from, to);
        String block = blocks == null ? null : blocks[r];
        MatrixRow row = sparse[r] ? MatrixRow.sparse(keys[r], id, labels[r], block, Arrays.copyOfRange(indices, from, to), v)
            : MatrixRow.dense(keys[r], id, labels[r], block, v);
        return weights == null ? row : row.withWeight(weights[r]);
      }

      @Override
      public ReadStats stats() {
        return copy;
      }
    };
  }
}
