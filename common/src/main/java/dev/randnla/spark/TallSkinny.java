package dev.randnla.spark;

import dev.randnla.io.MatrixRow;
import dev.randnla.linalg.RowTransform;
import dev.randnla.sketch.RowSketch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * The passes of tall-skinny linear algebra (docs/algorithms.md, gram, qr, svd, pca) that are not plain sketch passes:
 * a sketch of the mapped rows A·M ({@link #aggregate}) and the mapped rows themselves written out
 * with their ids ({@link #writeRows}), where M is a {@link RowTransform} (R⁻¹ factors, a dense
 * V·Σ⁻¹, a centring). The factorizations built from them are in {@link TallSkinnyQr}; the
 * d×d memory check every one of them makes first is {@link #requireSquare}.
 *
 * <p>The transform travels once per pass in a broadcast (destroyed after the pass). Rows are
 * mapped in column-major blocks with level-3 BLAS; every pass blocks a partition the same way
 * ({@link RowBlocks#capacity}), so a row maps to bitwise the same result in every pass.
 *
 * <p>Cost per pass: one read; {@link RowTransform#flopsPerRow()} plus the sketch's flops per row;
 * per task the sketch, one block (≤ 8 MB) and the transform.
 */
public final class TallSkinny {
  /** Copies of a d×d matrix the driver holds at once while factoring (R, SVD workspace, products). */
  static final int DRIVER_SQUARE_COPIES = 8;

  private TallSkinny() {}

  /**
   * Refuses (exit code 4) when a d×d factor, as {@code what} needs it, does not fit the driver
   * (its heap or {@code spark.driver.maxResultSize}) or a task.
   *
   * @param what e.g. "qr: the 784x784 R factor"
   * @param advice a method or setting that would fit
   */
  public static void requireSquare(SparkContext sc, int d, String what, String advice) {
    long one = Resources.denseBytes(d, d);
    Resources.requireDriver(sc, what, DRIVER_SQUARE_COPIES * one, advice);
    Resources.requireDriver(sc, what + " as a partial result", one, advice);
    long block = 8L * d * RowBlocks.capacity(d, d);
    Resources.requireTask(sc, what, 3 * one + 2 * block, advice);
  }

  /**
   * The rows per block of every pass over A·M: code that maps a partition's rows itself, in blocks of
   * this many rows in partition order, computes bitwise the rows these passes see and write.
   */
  public static int blockRows(RowTransform map) {
    return RowBlocks.capacity(map.inputCols(), map.outputCols());
  }

  /**
   * One pass: the rows of A·M folded into a sketch made by {@code factory} (each mapped row keeps
   * its input row's key). Merged in partition order ({@link DeterministicTree}), so bitwise
   * reproducible for the same partitioning.
   *
   * @param sketchBytes the serialised size of one sketch, for the merge tree's fan-in
   */
  public static <S extends RowSketch<S, ?>> PartitionResult<S> aggregate(MatrixInput input, RowTransform map,
      SketchFactory<S> factory, long sketchBytes, String description) {
    checkInput(input, map);
    Broadcast<RowTransform> bm = new JavaSparkContext(input.spark().sparkContext()).broadcast(map);
    int d = map.inputCols();
    int k = map.outputCols();
    try {
      return SketchPass.fold(input, (p, rows) -> {
        S sketch = factory.create();
        RowTransform m = bm.value();
        RowBlocks blocks = new RowBlocks(d, RowBlocks.capacity(d, k));
        while (blocks.fill(rows)) {
          double[] out = m.apply(blocks.data(), blocks.size(), blocks.capacity());
          for (int i = 0; i < blocks.size(); i++) {
            sketch.update(blocks.key(i), blocks.row(out, i, k));
          }
        }
        return sketch.compact();
      }, (a, b) -> a.merge(b), sketchBytes, description);
    } finally {
      bm.destroy();
    }
  }

  /**
   * One pass: writes the rows of A·M with their ids as the per-row output {@code name} of a run
   * (Parquet with an {@code id} and a {@code values} array column, or CSV). Needs the row ids,
   * i.e. a full pass before it (or ids from the source).
   */
  public static void writeRows(JobRun run, String name, MatrixInput input, RowTransform map) {
    checkInput(input, map);
    if (!input.rowIdsKnown()) {
      throw new IllegalStateException("row ids are known only after a first full pass over the input");
    }
    if (run.output() == null) {
      return;
    }
    SparkContext sc = input.spark().sparkContext();
    Broadcast<RowTransform> bm = new JavaSparkContext(sc).broadcast(map);
    int d = map.inputCols();
    int k = map.outputCols();
    try {
      JavaRDD<Tuple2<Long, double[]>> mapped = input.rows().mapPartitions(rows -> new MappedRows(rows, bm.value(), d, k));
      RowOutputs.write(run, name, mapped, null);
    } finally {
      bm.destroy();
    }
  }

  private static void checkInput(MatrixInput input, RowTransform map) {
    if (map.inputCols() != input.cols()) {
      throw new IllegalArgumentException("the transform takes rows of " + map.inputCols() + " entries, the input has "
          + input.cols() + " columns");
    }
  }

  /** The mapped rows of one partition, a block at a time. */
  private static final class MappedRows implements Iterator<Tuple2<Long, double[]>> {
    private final Iterator<MatrixRow> rows;
    private final RowTransform map;
    private final RowBlocks blocks;
    private final int k;
    private final List<Tuple2<Long, double[]>> pending = new ArrayList<>();
    private int next;

    MappedRows(Iterator<MatrixRow> rows, RowTransform map, int d, int k) {
      this.rows = rows;
      this.map = map;
      this.k = k;
      this.blocks = new RowBlocks(d, RowBlocks.capacity(d, k));
    }

    @Override
    public boolean hasNext() {
      if (next < pending.size()) {
        return true;
      }
      pending.clear();
      next = 0;
      if (!blocks.fill(rows)) {
        return false;
      }
      double[] out = map.apply(blocks.data(), blocks.size(), blocks.capacity());
      for (int i = 0; i < blocks.size(); i++) {
        pending.add(new Tuple2<>(blocks.id(i), blocks.row(out, i, k)));
      }
      return true;
    }

    @Override
    public Tuple2<Long, double[]> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return pending.get(next++);
    }
  }
}
