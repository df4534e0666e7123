package dev.randnla.spark;

import static dev.randnla.spark.ParquetSource.ParquetRowSource.checkFinite;
import static dev.randnla.spark.ParquetSource.ParquetRowSource.checkLength;
import static dev.randnla.spark.ParquetSource.ParquetRowSource.finite;

import dev.randnla.io.BadRowException;
import dev.randnla.io.BadRowPolicy;
import dev.randnla.io.MatrixRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;

/**
 * Rows of a Parquet partition read by Spark's vectorized reader ({@link ParquetBatches}) or, for
 * layouts it does not give as plain values, parquet-mr's column readers ({@link ParquetRecords}): the
 * partition's splits as Spark's file scan plans them ({@link ParquetSplits}), each row keyed by its
 * global row number (the rows of the files before it in path order plus its row index), with the
 * same checks and messages as rows read through a DataFrame ({@link ParquetSource.ParquetRowSource}).
 */
final class ParquetColumnSource implements RowSourceFactory {
  private static final long serialVersionUID = 1L;
  private final ParquetRecords.Projection projection;
  private final String[] valueNames;
  private final int cols;
  private final BadRowPolicy policy;
  private final long[] fileOffsets;
  private final String[] fileNames;
  private final HadoopConf conf;
  private final boolean hasId;
  private final boolean hasLabel;
  private final boolean hasKey;
  private final boolean hasWeight;
  /** Spark's vectorized reader decodes the columns ({@link ParquetBatches}), else parquet-mr's column readers. */
  private final boolean batches;

  ParquetColumnSource(ParquetRecords.Projection projection, String[] valueNames, int cols, BadRowPolicy policy,
      long[] fileOffsets, String[] fileNames, HadoopConf conf) {
    this.projection = projection;
    this.valueNames = valueNames;
    this.cols = cols;
    this.policy = policy;
    this.fileOffsets = fileOffsets;
    this.fileNames = fileNames;
    this.conf = conf;
    List<ParquetRecords.Role> roles = List.of(projection.roles());
    hasId = roles.contains(ParquetRecords.Role.ID);
    hasLabel = roles.contains(ParquetRecords.Role.LABEL);
    hasKey = roles.contains(ParquetRecords.Role.KEY);
    hasWeight = roles.contains(ParquetRecords.Role.WEIGHT);
    this.batches = ParquetBatches.handles(projection, conf.get());
  }

  @Override
  public int fileIndex(long rowKey) {
    return ParquetSource.fileOfRow(fileOffsets, rowKey);
  }

  @Override
  @SuppressWarnings("unchecked")
  public PartitionRows open(int partition, Iterator<Object> base, long firstId) {
    List<ParquetRecords.Split> splits = base.hasNext() ? (List<ParquetRecords.Split>) base.next() : List.of();
    ParquetRecordStream records = batches ? new ParquetBatches(splits, projection, cols, conf.get())
        : new ParquetRecords(splits, projection, conf.get());
    TaskContext task = TaskContext.get();
    if (task != null) {
      task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> closeQuietly(records));
    }
    Iterator<Object> elements = new Iterator<>() {
      @Override
      public boolean hasNext() {
        boolean more = records.hasNext();
        if (!more) {
          closeQuietly(records);
        }
        return more;
      }

      @Override
      public Object next() {
        return records.next();
      }
    };
    return new ConvertedRows(partition, elements, policy, "use --bad-rows skip to drop such rows") {
      @Override
      protected MatrixRow convert(Object element, long converted) throws BadRowException {
        ParquetRecords.Record r = (ParquetRecords.Record) element;
        source = fileNames[r.file];
        position = r.rowIndex;
        return row(r, fileOffsets[r.file] + r.rowIndex);
      }
    };
  }

  private static void closeQuietly(ParquetRecordStream records) {
    try {
      records.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The checks of {@code ParquetRowSource.convert}, in its order: id, label, key, values, weight. */
  private MatrixRow row(ParquetRecords.Record r, long rowNumber) throws BadRowException {
    long id = rowNumber;
    if (hasId) {
      if (!r.idSet) {
        throw new BadRowException("null id");
      }
      id = r.id;
    }
    double label = hasLabel ? finite(r.labelSet, r.label, "label") : Double.NaN;
    String block = null;
    if (hasKey) {
      if (r.key == null) {
        throw new BadRowException("null block key");
      }
      block = r.key;
    }
    MatrixRow row;
    if (projection.valueCount() > 0) {
      double[] values = new double[valueNames.length];
      for (int j = 0; j < values.length; j++) {
        values[j] = finite(r.valueSet[j], r.values[j], "value in column '" + valueNames[j] + "'");
      }
      row = MatrixRow.dense(rowNumber, id, label, block, values);
    } else {
      row = vectorRow(r, rowNumber, id, label, block);
    }
    return hasWeight ? ParquetSource.ParquetRowSource.weighted(row, finite(r.weightSet, r.weight, "weight"), "") : row;
  }

  private MatrixRow vectorRow(ParquetRecords.Record r, long key, long id, double label, String block) throws BadRowException {
    if (!r.vectorPresent) {
      throw new BadRowException("null vector");
    }
    if (r.vectorType < 0) { // an array column
      checkLength(r.entryCount, cols);
      if (r.firstNullEntry >= 0) {
        throw new BadRowException("null entry " + r.firstNullEntry + " in the vector");
      }
      return MatrixRow.dense(key, id, label, block, checkFinite(r.entries()));
    }
    if (!r.valuesPresent || (r.vectorType == 0 && (!r.indicesPresent || r.vectorSize < 0))) {
      throw new BadRowException("malformed Vector value (type " + r.vectorType + " without its size, indices or values)");
    }
    if (r.vectorType == 0) {
      checkLength(r.vectorSize, cols);
      return MatrixRow.sparse(key, id, label, block, r.indices(), checkFinite(r.entries()));
    }
    checkLength(r.entryCount, cols);
    return MatrixRow.dense(key, id, label, block, checkFinite(r.entries()));
  }
}
