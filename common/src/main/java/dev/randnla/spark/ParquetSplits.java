package dev.randnla.spark;

import dev.randnla.io.InputFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;

/**
 * The partitions of a Parquet input, planned on the driver the way Spark's file scan plans them
 * (so every pass reads the rows Spark's reader gave before, in the same partitions and order, and
 * results stay bitwise the same): each file cut into byte ranges of at most {@code maxSplitBytes},
 * the ranges sorted by length, largest first (a stable sort: ties keep path order), then packed
 * next-fit into partitions, each range costing its length plus {@code spark.sql.files.openCostInBytes}.
 * {@code maxSplitBytes} is min(input bytes ÷ max(--min-partitions, default parallelism), 128 MiB),
 * bounded below by the bytes per core and the open cost as Spark bounds it.
 */
final class ParquetSplits {
  private static final long MAX_PARTITION_BYTES = 128L << 20;

  private ParquetSplits() {}

  /** The splits of every partition, in partition order. */
  static List<List<ParquetRecords.Split>> plan(SparkSession spark, List<InputFile> files, int minPartitions) {
    RuntimeConfig conf = spark.conf();
    int parallelism = spark.sparkContext().defaultParallelism();
    long openCost = bytes(conf, "spark.sql.files.openCostInBytes", 4L << 20);
    int minPartitionNum = integer(conf, "spark.sql.files.minPartitionNum",
        integer(conf, "spark.sql.leafNodeDefaultParallelism", parallelism));
    long total = 0;
    long withOpenCost = 0;
    for (InputFile f : files) {
      total += f.length();
      withOpenCost += f.length() + openCost;
    }
    int target = Math.max(minPartitions, parallelism);
    long maxPartitionBytes = Math.min(Math.max(1, total / Math.max(1, target)), MAX_PARTITION_BYTES);
    long maxSplit = Math.min(maxPartitionBytes, Math.max(openCost, withOpenCost / minPartitionNum));
    List<ParquetRecords.Split> splits = new ArrayList<>();
    for (InputFile f : files) {
      for (long offset = 0; offset < f.length(); offset += maxSplit) {
        splits.add(new ParquetRecords.Split(f, offset, Math.min(maxSplit, f.length() - offset)));
      }
    }
    splits.sort(Comparator.comparingLong((ParquetRecords.Split s) -> s.length()).reversed());
    List<List<ParquetRecords.Split>> partitions = pack(splits, maxSplit, openCost);
    int maxPartitionNum = integer(conf, "spark.sql.files.maxPartitionNum", -1);
    if (maxPartitionNum > 0 && partitions.size() > maxPartitionNum) {
      // Spark then packs again with the bytes (plus open costs) per allowed partition, rounded up
      long desired = (withOpenCost + maxPartitionNum - 1) / maxPartitionNum;
      partitions = pack(splits, desired, openCost);
    }
    return partitions;
  }

  private static List<List<ParquetRecords.Split>> pack(List<ParquetRecords.Split> splits, long maxSplit, long openCost) {
    List<List<ParquetRecords.Split>> partitions = new ArrayList<>();
    List<ParquetRecords.Split> current = new ArrayList<>();
    long size = 0;
    for (ParquetRecords.Split s : splits) {
      if (size + s.length() > maxSplit && !current.isEmpty()) {
        partitions.add(current);
        current = new ArrayList<>();
        size = 0;
      }
      size += s.length() + openCost;
      current.add(s);
    }
    if (!current.isEmpty()) {
      partitions.add(current);
    }
    return partitions;
  }

  private static long bytes(RuntimeConfig conf, String key, long otherwise) {
    return conf.contains(key) ? JavaUtils.byteStringAsBytes(conf.get(key)) : otherwise;
  }

  private static int integer(RuntimeConfig conf, String key, int otherwise) {
    return conf.contains(key) ? Integer.parseInt(conf.get(key).trim()) : otherwise;
  }
}
