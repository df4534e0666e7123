package dev.randnla.ml;

import dev.randnla.linalg.RowTransform;
import dev.randnla.sketch.RowBlock;
import dev.randnla.spark.TallSkinny;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The rows of one DataFrame partition, a block at a time, with x·M appended as a last (vector) column, x the
 * vector in column {@code column} and M a {@link RowTransform}. Non-null vectors are mapped in column-major
 * blocks of {@link TallSkinny#blockRows} rows in partition order — the blocks of the jobs' own passes over
 * A·M — so the same rows in the same partitioning map to bitwise the rows a job writes (a row's result may
 * depend on its place in its block: {@link RowTransform}). A null vector maps to null and takes no place in
 * a block, as a skipped row takes none in the job's pass. Memory: one block (≤ 8 MB) and its rows.
 */
final class BlockMappedRows implements Iterator<List<Row>> {
  private final Iterator<Row> rows;
  private final int column;
  private final RowTransform map;
  private final RowBlock block;

  BlockMappedRows(Iterator<Row> rows, int column, RowTransform map) {
    this.rows = rows;
    this.column = column;
    this.map = map;
    this.block = new RowBlock(map.inputCols(), TallSkinny.blockRows(map), true);
  }

  @Override
  public boolean hasNext() {
    return rows.hasNext();
  }

  /** The next block's rows (nulls included), in order, each with its mapped row appended. */
  @Override
  public List<Row> next() {
    List<Object[]> batch = new ArrayList<>();
    block.clear();
    while (!block.isFull() && rows.hasNext()) {
      Row r = rows.next();
      Object[] values = new Object[r.length() + 1];
      for (int j = 0; j < r.length(); j++) {
        values[j] = r.get(j);
      }
      if (values[column] != null) {
        add(values[column]);
      }
      batch.add(values);
    }
    int ld = block.capacity();
    int k = map.outputCols();
    double[] y = map.apply(block.data(), block.size(), ld);
    List<Row> out = new ArrayList<>(batch.size());
    int i = 0;
    for (Object[] values : batch) {
      if (values[column] != null) {
        double[] q = new double[k];
        for (int j = 0; j < k; j++) {
          q[j] = y[i + j * ld];
        }
        values[values.length - 1] = Vectors.dense(q);
        i++;
      }
      out.add(RowFactory.create(values));
    }
    return out;
  }

  private void add(Object x) {
    int d = map.inputCols();
    if (x instanceof SparseVector sv) {
      MlSupport.requireLength(sv.size(), d);
      block.add(sv.indices(), sv.values());
    } else {
      block.add(MlSupport.denseValues(x, d));
    }
  }
}
