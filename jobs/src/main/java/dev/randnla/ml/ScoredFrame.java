package dev.randnla.ml;

import dev.randnla.io.MatrixRow;
import dev.randnla.jobs.LibraryCalls;
import dev.randnla.jobs.leverage.RowScoring;
import dev.randnla.sketch.LeverageScores;
import dev.randnla.sketch.RowSampler;
import dev.randnla.spark.MatrixInput;
import dev.randnla.spark.PartitionResult;
import dev.randnla.spark.RowSampling;
import dev.randnla.spark.RowSampling.ScoredPartition;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The last pass of {@code leverage} over a DataFrame, joined back to the DataFrame's own rows. The frame's
 * vector column, opened as the job's input ({@link dev.randnla.spark.DatasetSource}), is first counted, so
 * rows carry the CLI's global ids (a sample's keep decisions are drawn from them) and bad rows fail here,
 * eagerly, with the CLI's exit-3 exception; then each partition is scored by {@link RowSampling#score} — the
 * job's own scoring, in the job's blocks, hence the CLI's bits — while the position of each scored row in
 * its partition is read from its key. The values are zipped with the same partition of the frame by that
 * position, so a row the {@code skip} policy dropped is dropped from the result too.
 *
 * <p>Cost: the count (one pass, eager) and the scoring pass (lazy, in the result's lineage, which also reads
 * the frame's rows once more for the zip: cache an expensive frame). Executor memory: 8·(2 + columns) bytes
 * per row of one partition. The frame must give the same rows in the same partitions on every read.
 */
final class ScoredFrame {
  private ScoredFrame() {}

  /** {@code schema} with the double columns {@code outputs} appended (null entries skipped), checked. */
  static StructType schema(StructType schema, String featuresCol, String... outputs) {
    StructType out = schema;
    for (String c : outputs) {
      if (c != null) {
        out = MlSupport.withOutput(out, featuresCol, c, DataTypes.DoubleType);
      }
    }
    return out;
  }

  /** Every row of {@code frame} with its values appended: the scoring's columns, then qᵢ with a sampler. */
  static Dataset<Row> scores(Dataset<?> frame, MatrixInput input, RowScoring scoring, RowSampler sampler,
      StructType schema) {
    JavaRDD<Scored> scored = score(input, scoring, sampler, true);
    return join(frame, scored, schema, (s, j) -> s.values().values(j));
  }

  /** The rows of {@code frame} the sampler keeps, each with its weight 1/qᵢ appended. */
  static Dataset<Row> coreset(Dataset<?> frame, MatrixInput input, RowScoring scoring, RowSampler sampler,
      StructType schema) {
    JavaRDD<Scored> scored = score(input, scoring, sampler, false);
    return join(frame, scored, schema, (s, j) -> new double[] {s.values().kept().get(j).weight()});
  }

  /** One partition's scoring and the positions of the rows its output lists (every row, or the kept rows). */
  private record Scored(long[] positions, ScoredPartition values) implements Serializable {}

  private static JavaRDD<Scored> score(MatrixInput input, RowScoring scoring, RowSampler sampler, boolean everyRow) {
    if (input.cols() != scoring.cols()) {
      throw new IllegalArgumentException("the vectors of " + input.uri() + " have " + input.cols()
          + " entries, the model was fitted on " + scoring.cols());
    }
    LibraryCalls.call(() -> {
      input.rowsWithStats().count();
      if (!input.recordRowsPass()) {
        throw new IllegalStateException("the count of " + input.uri() + " missed a partition");
      }
      return null;
    });
    int d = input.cols();
    RowSampling.Rule rule = scoring.rule();
    int width = scoring.columns().size();
    // not destroyed: the result is lazy, and Spark's cleaner drops the broadcast with the last reference
    Broadcast<LeverageScores[]> scorers = new JavaSparkContext(input.spark().sparkContext()).broadcast(scoring.scorers());
    return input.mapPartitions((p, rows) -> {
      long base = MatrixRow.key(p, 0);
      if (everyRow) {
        Positions tracked = new Positions(rows, base);
        ScoredPartition s = RowSampling.score(tracked, d, scorers.value(), rule, width, sampler, true);
        return new Scored(tracked.positions(), s);
      }
      ScoredPartition s = RowSampling.score(rows, d, scorers.value(), rule, width, sampler, false);
      List<RowSampling.SampledRow> kept = s.kept();
      long[] positions = new long[kept.size()];
      for (int j = 0; j < positions.length; j++) {
        positions[j] = kept.get(j).original().key() ^ base;
      }
      return new Scored(positions, s);
    }).map(PartitionResult::value);
  }

  /** The values to append to the j-th listed row of a partition. */
  private interface Extra extends Serializable {
    double[] of(Scored s, int j);
  }

  private static Dataset<Row> join(Dataset<?> frame, JavaRDD<Scored> scored, StructType schema, Extra extra) {
    JavaRDD<Row> rows = frame.toDF().javaRDD().zipPartitions(scored, (all, one) -> new Listed(all, one.next(), extra));
    return frame.sparkSession().createDataFrame(rows, schema);
  }

  /** The rows of a partition at the listed positions (increasing), each with its extra values appended. */
  private static final class Listed implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final Scored scored;
    private final Extra extra;
    private long position = -1;
    private int j;

    Listed(Iterator<Row> rows, Scored scored, Extra extra) {
      this.rows = rows;
      this.scored = scored;
      this.extra = extra;
    }

    @Override
    public boolean hasNext() {
      return j < scored.positions().length;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      long wanted = scored.positions()[j];
      while (position < wanted) {
        if (!rows.hasNext()) {
          throw new IllegalStateException("the DataFrame gave fewer rows on a second read than on the first: cache it "
              + "before scoring (row " + wanted + " of a partition is missing)");
        }
        Row r = rows.next();
        if (++position == wanted) {
          return appended(r, extra.of(scored, j++));
        }
      }
      throw new IllegalStateException("positions must increase: " + wanted + " after " + position);
    }

    private static Row appended(Row r, double[] values) {
      Object[] out = new Object[r.length() + values.length];
      for (int i = 0; i < r.length(); i++) {
        out[i] = r.get(i);
      }
      for (int k = 0; k < values.length; k++) {
        out[r.length() + k] = values[k];
      }
      return RowFactory.create(out);
    }
  }

  /** The rows of a partition, recording the position (in the partition) of each row handed out. */
  private static final class Positions implements Iterator<MatrixRow> {
    private final Iterator<MatrixRow> rows;
    private final long base;
    private long[] positions = new long[64];
    private int count;

    Positions(Iterator<MatrixRow> rows, long base) {
      this.rows = rows;
      this.base = base;
    }

    @Override
    public boolean hasNext() {
      return rows.hasNext();
    }

    @Override
    public MatrixRow next() {
      MatrixRow r = rows.next();
      if (count == positions.length) {
        positions = Arrays.copyOf(positions, 2 * count);
      }
      positions[count++] = r.key() ^ base;
      return r;
    }

    long[] positions() {
      return Arrays.copyOf(positions, count);
    }
  }
}
