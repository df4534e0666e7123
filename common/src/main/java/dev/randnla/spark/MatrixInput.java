package dev.randnla.spark;

import dev.randnla.io.InputFile;
import dev.randnla.io.InputOptions;
import dev.randnla.io.MatrixFormat;
import dev.randnla.io.MatrixRow;
import dev.randnla.io.ReadStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.PartitionPruningRDD;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * An input matrix as Spark sees it: a fixed list of partitions, each read on demand, so every pass
 * re-reads the files — unless a job asks to {@link #keepRows keep the parsed rows} in executor memory. Work is expressed per partition
 * ({@link #mapPartitions}), which lets a pass return one summary per partition and lets the input
 * count its own passes: a partition read to the end adds one to an accumulator, and
 * {@link #passes()} is that count over the number of partitions.
 *
 * <p>Row ids: the id column when there is one; for Parquet, the file's position in path order
 * plus the row index (footers give exact counts); for text, the per-partition counts of the first
 * full pass ({@link #recordFullPass}) give each later pass the global number of every row.
 *
 * <p>Open one with {@link MatrixSource#open}.
 */
public final class MatrixInput {
  private final transient SparkSession spark;
  private final InputOptions options;
  private final MatrixFormat format;
  private final List<InputFile> files;
  private final int cols;
  private final JavaRDD<Object> base;
  private final RowSourceFactory factory;
  private final boolean idsFromSource;
  private final LongAccumulator partitionsRead;
  private CollectionAccumulator<ReadStats> rowStats;
  private final LongAccumulator rowsRead;
  /** Passes over kept rows that did not parse the files (a pass that parsed counts −1 + 1). */
  private final LongAccumulator replays;
  private final List<String> notes = new ArrayList<>();
  private long[] rowOffsets;
  private ReadStats firstPass;
  private JavaRDD<KeptPartition> kept;
  private long knownRows = -1;

  MatrixInput(SparkSession spark, InputOptions options, MatrixFormat format, List<InputFile> files, int cols,
      JavaRDD<Object> base, RowSourceFactory factory, boolean idsFromSource) {
    this.spark = spark;
    this.options = options;
    this.format = format;
    this.files = List.copyOf(files);
    this.cols = cols;
    this.base = base;
    this.factory = factory;
    this.idsFromSource = idsFromSource;
    this.partitionsRead = spark.sparkContext().longAccumulator("randnla partitions read");
    this.rowsRead = spark.sparkContext().longAccumulator(ProgressListener.ROWS_ACCUMULATOR);
    this.replays = spark.sparkContext().longAccumulator("randnla partitions replayed from kept rows");
  }

  public SparkSession spark() {
    return spark;
  }

  public InputOptions options() {
    return options;
  }

  public String uri() {
    return options.uri();
  }

  public MatrixFormat format() {
    return format;
  }

  /** The format's name for summary.json: its CLI spelling, or {@code dataframe} for data opened by {@link DatasetSource}. */
  public String formatName() {
    return inMemory() ? "dataframe" : format.cliName();
  }

  /** True for data a program holds in memory ({@link DatasetSource}): no files, no re-planning of splits. */
  public boolean inMemory() {
    return files.isEmpty() && DatasetSource.isInMemory(this);
  }

  public List<InputFile> files() {
    return files;
  }

  /** Matrix columns d. */
  public int cols() {
    return cols;
  }

  public int numPartitions() {
    return base.getNumPartitions();
  }

  public long bytes() {
    long t = 0;
    for (InputFile f : files) {
      t += f.length();
    }
    return t;
  }

  /**
   * Maps a row's key to the index in {@link #files()} of the file it came from, in tasks (a
   * serializable function; text keys encode the file, Parquet keys are global row numbers).
   */
  public FileIndexer fileIndexer() {
    RowSourceFactory f = factory;
    return f::fileIndex;
  }

  /** Full reads of the input so far (partitions read to the end / partitions). */
  public double passes() {
    return (double) partitionsRead.value() / Math.max(1, numPartitions());
  }

  /** Things about the input a user should know (extra passes, detections), for summary warnings. */
  public List<String> notes() {
    return List.copyOf(notes);
  }

  void note(String sentence) {
    notes.add(sentence);
  }

  /** True when every row read carries its final id. */
  public boolean rowIdsKnown() {
    return idsFromSource || rowOffsets != null;
  }

  /**
   * Records the per-partition row counts of a full pass, so later passes number rows globally.
   * The first full pass's statistics are also kept as the input's report (rows, bad rows).
   */
  public void recordFullPass(ReadStats stats) {
    if (firstPass == null) {
      firstPass = stats;
    }
    if (rowOffsets == null && !idsFromSource) {
      long[] counts = stats.rowsPerPartition(numPartitions());
      long[] offsets = new long[counts.length];
      long acc = 0;
      for (int p = 0; p < counts.length; p++) {
        offsets[p] = acc;
        acc += counts[p];
      }
      rowOffsets = offsets;
    }
  }

  /** The statistics of the first full pass, or null before one. */
  public ReadStats firstPassStats() {
    return firstPass;
  }

  /** Applies {@code fn} to the rows of every partition. */
  public <T> JavaRDD<PartitionResult<T>> mapPartitions(PartitionFunction<T> fn) {
    if (kept != null) {
      return mapKept(fn);
    }
    return mapPartitions(base, null, fn);
  }

  /**
   * From the next full pass on, keeps every partition's parsed rows in executor memory (spilling to
   * local disk when memory runs short: Spark's MEMORY_AND_DISK), so later passes replay them instead
   * of reading and parsing the files. The first pass that runs fills the store; the rows, their order,
   * keys and ids are those a re-read would give, so results are bitwise the same. Passes over kept
   * rows still count in {@link #passes()} (they are passes over the data; {@link #fileReads()} counts
   * reads of the files). Call {@link #releaseRows()} when done.
   */
  public void keepRows() {
    if (kept != null) {
      return;
    }
    RowSourceFactory f = factory;
    long[] offsets = rowOffsets;
    LongAccumulator reads = replays;
    kept = base.mapPartitionsWithIndex((p, it) -> {
      FaultInjection.maybeFail(p);
      PartitionRows rows = f.open(p, it, offsets == null ? MatrixRow.NO_ID : offsets[p]);
      KeptPartition k = KeptPartition.read(p, rows);
      reads.add(-1); // parsed from the files: the replay that follows is a file read
      return Collections.singletonList(k).iterator();
    }, true).persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    kept.setName("randnla kept rows of " + uri());
  }

  /** The number of rows when the source knows it before reading (Parquet footers), else −1. */
  public long knownRows() {
    return knownRows;
  }

  void knownRows(long rows) {
    knownRows = rows;
  }

  /** Bytes the kept rows occupy in executor memory and on disk (Spark's storage report), 0 if none. */
  public long keptBytes() {
    if (kept == null) {
      return 0;
    }
    long total = 0;
    for (org.apache.spark.storage.RDDInfo info : spark.sparkContext().getRDDStorageInfo()) {
      if (info.id() == kept.id()) {
        total += info.memSize() + info.diskSize();
      }
    }
    return total;
  }

  /** Drops the kept rows (no-op when none are kept); later passes read the files again. */
  public void releaseRows() {
    if (kept != null) {
      kept.unpersist(true); // blocking: a removal still queued when the session stops logs a stack trace
      kept = null;
    }
  }

  /** Full reads of the files so far: {@link #passes()} less the passes that replayed kept rows. */
  public double fileReads() {
    return (double) (partitionsRead.value() - replays.value()) / Math.max(1, numPartitions());
  }

  private <T> JavaRDD<PartitionResult<T>> mapKept(PartitionFunction<T> fn) {
    long[] offsets = rowOffsets;
    LongAccumulator parts = partitionsRead;
    LongAccumulator rowsAcc = rowsRead;
    LongAccumulator replayed = replays;
    return kept.map(k -> {
      int p = k.partition();
      FaultInjection.maybeFail(p);
      PartitionRows rows = k.replay(offsets == null ? MatrixRow.NO_ID : offsets[p]);
      T value = fn.apply(p, rows);
      if (!rows.hasNext()) {
        parts.add(1);
        replayed.add(1);
      }
      rowsAcc.add(rows.stats().rows());
      return new PartitionResult<>(p, value, rows.stats());
    });
  }

  /**
   * Applies {@code fn} to the rows of the given partitions only (one Spark job reads just them);
   * results carry the original partition indices.
   */
  public <T> JavaRDD<PartitionResult<T>> mapPartitions(int[] subset, PartitionFunction<T> fn) {
    int[] sorted = subset.clone();
    Arrays.sort(sorted);
    for (int p : sorted) {
      if (p < 0 || p >= numPartitions()) {
        throw new IllegalArgumentException("partition " + p + " outside [0, " + numPartitions() + ")");
      }
    }
    java.util.BitSet keep = new java.util.BitSet();
    for (int p : sorted) {
      keep.set(p);
    }
    JavaRDD<Object> pruned = JavaRDD.fromRDD(PartitionPruningRDD.create(base.rdd(),
        new PartitionFilter(keep)), base.classTag());
    return mapPartitions(pruned, sorted, fn);
  }

  private <T> JavaRDD<PartitionResult<T>> mapPartitions(JavaRDD<Object> rdd, int[] indexMap, PartitionFunction<T> fn) {
    RowSourceFactory f = factory;
    long[] offsets = rowOffsets;
    LongAccumulator parts = partitionsRead;
    LongAccumulator rowsAcc = rowsRead;
    return rdd.mapPartitionsWithIndex((local, it) -> {
      int p = indexMap == null ? local : indexMap[local];
      FaultInjection.maybeFail(p);
      long firstId = offsets == null ? MatrixRow.NO_ID : offsets[p];
      PartitionRows rows = f.open(p, it, firstId);
      T value = fn.apply(p, rows);
      if (!rows.hasNext()) {
        parts.add(1);
      }
      rowsAcc.add(rows.stats().rows());
      return Collections.singletonList(new PartitionResult<>(p, value, rows.stats())).iterator();
    }, true);
  }

  /** Every row, as an RDD (ids assigned when known). */
  public JavaRDD<MatrixRow> rows() {
    RowSourceFactory f = factory;
    long[] offsets = rowOffsets;
    LongAccumulator parts = partitionsRead;
    LongAccumulator rowsAcc = rowsRead;
    if (kept != null) {
      LongAccumulator replayed = replays;
      return kept.mapPartitions(it -> {
        KeptPartition k = it.next();
        FaultInjection.maybeFail(k.partition());
        return new CountingRows(k.replay(offsets == null ? MatrixRow.NO_ID : offsets[k.partition()]), parts, rowsAcc, null,
            replayed);
      }, true);
    }
    return base.mapPartitionsWithIndex((p, it) -> {
      FaultInjection.maybeFail(p);
      return new CountingRows(f.open(p, it, offsets == null ? MatrixRow.NO_ID : offsets[p]), parts, rowsAcc);
    }, true);
  }

  /**
   * Every row, like {@link #rows()}, for a job whose only read is not a {@link SketchPass} (shuffle):
   * each partition read to the end also reports its read statistics, which {@link #recordRowsPass()}
   * turns into the first pass's statistics (bad rows, blank lines, CRLF, BOM) for summary.json.
   */
  public JavaRDD<MatrixRow> rowsWithStats() {
    RowSourceFactory f = factory;
    long[] offsets = rowOffsets;
    LongAccumulator parts = partitionsRead;
    LongAccumulator rowsAcc = rowsRead;
    CollectionAccumulator<ReadStats> statsAcc = spark.sparkContext().collectionAccumulator("randnla read statistics");
    rowStats = statsAcc;
    return base.mapPartitionsWithIndex((p, it) -> {
      FaultInjection.maybeFail(p);
      return new CountingRows(f.open(p, it, offsets == null ? MatrixRow.NO_ID : offsets[p]), parts, rowsAcc, statsAcc);
    }, true);
  }

  /**
   * After an action over {@link #rowsWithStats()}: records the read statistics of every partition
   * (one report per partition, however many attempts ran) as a full pass; false when some
   * partition did not report.
   */
  public boolean recordRowsPass() {
    if (rowStats == null) {
      return false;
    }
    java.util.TreeMap<Integer, ReadStats> byPartition = new java.util.TreeMap<>();
    for (ReadStats r : rowStats.value()) {
      byPartition.putIfAbsent(r.partitions().isEmpty() ? -1 : r.partitions().get(0), r);
    }
    if (byPartition.size() != numPartitions() || byPartition.containsKey(-1)) {
      return false;
    }
    ReadStats merged = new ReadStats();
    byPartition.values().forEach(merged::merge);
    recordFullPass(merged);
    return true;
  }

  /** Rows of a partition that count the partition as read once they are exhausted. */
  private static final class CountingRows implements Iterator<MatrixRow> {
    private final PartitionRows rows;
    private final LongAccumulator parts;
    private final LongAccumulator rowsAcc;
    private final CollectionAccumulator<ReadStats> statsAcc;
    private final LongAccumulator replayed;
    private boolean counted;

    CountingRows(PartitionRows rows, LongAccumulator parts, LongAccumulator rowsAcc) {
      this(rows, parts, rowsAcc, null, null);
    }

    CountingRows(PartitionRows rows, LongAccumulator parts, LongAccumulator rowsAcc, CollectionAccumulator<ReadStats> statsAcc) {
      this(rows, parts, rowsAcc, statsAcc, null);
    }

    CountingRows(PartitionRows rows, LongAccumulator parts, LongAccumulator rowsAcc, CollectionAccumulator<ReadStats> statsAcc,
        LongAccumulator replayed) {
      this.rows = rows;
      this.parts = parts;
      this.rowsAcc = rowsAcc;
      this.statsAcc = statsAcc;
      this.replayed = replayed;
    }

    @Override
    public boolean hasNext() {
      boolean more = rows.hasNext();
      if (!more && !counted) {
        counted = true;
        parts.add(1);
        if (replayed != null) {
          replayed.add(1);
        }
        rowsAcc.add(rows.stats().rows());
        if (statsAcc != null) {
          statsAcc.add(rows.stats());
        }
      }
      return more;
    }

    @Override
    public MatrixRow next() {
      return rows.next();
    }
  }

  /** Keeps the partitions whose index is in a set. */
  private static final class PartitionFilter extends scala.runtime.AbstractFunction1<Object, Object>
      implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final java.util.BitSet keep;

    PartitionFilter(java.util.BitSet keep) {
      this.keep = keep;
    }

    @Override
    public Object apply(Object index) {
      return keep.get((Integer) index);
    }
  }
}
