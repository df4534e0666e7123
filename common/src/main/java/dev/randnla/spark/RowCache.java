package dev.randnla.spark;

import dev.randnla.io.CliEnums;
import dev.randnla.io.MatrixFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkContext;
import scala.Tuple2;

/**
 * Whether an iterative job keeps the parsed rows in executor memory between passes
 * ({@link MatrixInput#keepRows}), from {@code --cache auto|on|off}, and the report of what it did.
 *
 * <p>{@code auto} keeps them when the job makes more than one pass and the estimated parsed size is at
 * most half the storage memory the executors have free. The estimate, made before anything is read,
 * is 1.5 × the file bytes for text (a value of ≥ 5 characters with its separator parses to 8 bytes,
 * a LIBSVM entry of ≥ 7 to 12) and, for Parquet, the footers' row count × (8 bytes per column + 48 per
 * row), the rows stored dense; the store spills to local disk if the estimate is wrong, so a bad
 * estimate costs speed, never the result.
 */
public final class RowCache {
  /** The user's choice. */
  public enum Mode implements CliEnums.Named {
    AUTO, ON, OFF
  }

  /** Fraction of the free storage memory the estimate may take under {@code auto}. */
  static final double STORAGE_SHARE = 0.5;

  private final Mode mode;
  private final boolean keep;
  private final String reason;
  private final long estimatedBytes;
  private final long storageBytes;

  private RowCache(Mode mode, boolean keep, String reason, long estimatedBytes, long storageBytes) {
    this.mode = mode;
    this.keep = keep;
    this.reason = reason;
    this.estimatedBytes = estimatedBytes;
    this.storageBytes = storageBytes;
  }

  /**
   * Decides, and when the rows are to be kept asks the input to keep them from its next pass on.
   *
   * @param multiPass whether the job will make more than one full pass over the rows
   */
  public static RowCache apply(Mode mode, MatrixInput input, boolean multiPass) {
    Mode m = mode == null ? Mode.AUTO : mode;
    long estimate = estimatedBytes(input);
    long storage = freeStorageMemory(input.spark().sparkContext());
    boolean keep;
    String reason;
    switch (m) {
      case ON -> {
        keep = true;
        reason = "--cache on";
      }
      case OFF -> {
        keep = false;
        reason = "--cache off: every pass reads the files";
      }
      default -> {
        if (!multiPass) {
          keep = false;
          reason = "auto: one pass, nothing to keep rows for";
        } else if (estimate <= STORAGE_SHARE * storage) {
          keep = true;
          reason = String.format(Locale.ROOT, "auto: the rows (≈ %s parsed) fit in half the executors' free storage memory "
              + "(%s)", Resources.mb(estimate), Resources.mb(storage));
        } else {
          keep = false;
          reason = String.format(Locale.ROOT, "auto: the rows (≈ %s parsed) exceed half the executors' free storage memory "
              + "(%s); every pass reads the files (--cache on keeps them anyway, spilling to local disk)",
              Resources.mb(estimate), Resources.mb(storage));
        }
      }
    }
    if (keep) {
      input.keepRows();
    }
    return new RowCache(m, keep, reason, estimate, storage);
  }

  public boolean kept() {
    return keep;
  }

  /** For summary.json (input section): the choice, why, the sizes compared, and what the store held. */
  public Map<String, Object> report(MatrixInput input) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("mode", mode.cliName());
    r.put("kept", keep);
    r.put("reason", reason);
    r.put("estimatedBytes", estimatedBytes);
    r.put("freeStorageBytes", storageBytes);
    if (keep) {
      r.put("keptBytes", input.keptBytes());
    }
    r.put("fileReads", input.fileReads());
    return r;
  }

  /** The parsed size estimate (see the class comment). */
  static long estimatedBytes(MatrixInput input) {
    if (input.format() == MatrixFormat.PARQUET && input.knownRows() >= 0) {
      return input.knownRows() * (8L * input.cols() + 48);
    }
    return (long) ((input.format() == MatrixFormat.PARQUET ? 4.0 : 1.5) * input.bytes());
  }

  /**
   * Storage memory the executors have free: Spark's per-block-manager report, without the driver's
   * unless the driver is the executor (local mode). Before any executor has registered (a cluster-mode
   * driver starts first) it is what the configuration promises: (spark.executor.memory − 300 MB) ×
   * spark.memory.fraction per executor, for spark.executor.instances executors (1 when unset).
   */
  static long freeStorageMemory(SparkContext sc) {
    scala.collection.Map<String, Tuple2<Object, Object>> status = sc.getExecutorMemoryStatus();
    boolean local = sc.isLocal();
    String driver = org.apache.spark.SparkEnv.get() == null ? ""
        : org.apache.spark.SparkEnv.get().blockManager().blockManagerId().hostPort();
    long free = 0;
    int executors = 0;
    scala.collection.Iterator<Tuple2<String, Tuple2<Object, Object>>> it = status.iterator();
    while (it.hasNext()) {
      Tuple2<String, Tuple2<Object, Object>> e = it.next();
      if (local || !e._1().equals(driver)) {
        free += (Long) e._2()._2();
        executors++;
      }
    }
    if (executors > 0) {
      return free;
    }
    org.apache.spark.SparkConf conf = sc.getConf();
    long heap = conf.getSizeAsBytes("spark.executor.memory", "1g");
    double fraction = conf.getDouble("spark.memory.fraction", 0.6);
    int instances = conf.getInt("spark.executor.instances", 1);
    return (long) (Math.max(0, heap - (300L << 20)) * fraction) * Math.max(1, instances);
  }
}
