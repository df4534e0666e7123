package dev.randnla.jobs.spectrum;

import com.esotericsoftware.kryo.DefaultSerializer;
import dev.randnla.io.InvalidInputException;
import dev.randnla.io.MatrixRow;
import dev.randnla.io.RecordSerializer;
import dev.randnla.sketch.GramSketch;
import dev.randnla.spark.MatrixInput;
import dev.randnla.spark.PartitionResult;
import dev.randnla.spark.Resources;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Spectral descriptors per window of W consecutive rows, in one pass. Window w holds the rows whose
 * id lies in [w·W, (w + 1)·W): without {@code --id-col} the id is the 0-based row number in input
 * order (files in path order, then line or row order), known for Parquet from the footers and for
 * text after the job's first pass; with {@code --id-col} the ids themselves order the stream (for
 * example event sequence numbers), and must be unique.
 *
 * <p>Each task folds its rows into one Gram per open window. A window whose W rows all fall in one
 * partition is finished in the task (its eigenvalues and descriptors computed there, only the
 * descriptors travel); the pieces of windows cut by a partition boundary (at most two per partition
 * for rows in id order) travel to the driver as Grams and are merged there in partition order, so
 * the result is bitwise the same on every run with the same partitioning; under another
 * partitioning only the windows cut by boundaries change, by rounding.
 *
 * <p>Cost: one pass, 2·d² flops per dense row; per task one d×d Gram per open window; on the driver
 * at most two d×d Grams per partition.
 */
final class WindowSpectra {
  private WindowSpectra() {}

  // the three values below travel from the tasks to the driver, so Kryo reads them through RecordSerializer

  /** A finished window: its index, row count and descriptors. */
  @DefaultSerializer(RecordSerializer.class)
  record Window(long index, SpectralDescriptors descriptors) implements Serializable {}

  /** A part of a window seen by one partition. */
  @DefaultSerializer(RecordSerializer.class)
  record Piece(long index, GramSketch sketch) implements Serializable {}

  /** What one partition returns. */
  @DefaultSerializer(RecordSerializer.class)
  record PartitionWindows(List<Window> finished, List<Piece> pieces) implements Serializable {}

  /**
   * Descriptors of every non-empty window, in window order.
   *
   * @param width W
   */
  static List<Window> compute(MatrixInput input, long width, boolean center, boolean standardize) {
    int d = input.cols();
    if (!input.rowIdsKnown()) {
      throw new IllegalStateException("row ids are not known yet: run a full pass before the windows");
    }
    Resources.requireTask(input.spark().sparkContext(), "a window's Gram", 3 * Resources.denseBytes(d, d) + (8L << 20),
        "drop --window or use fewer columns");
    Resources.requireDriver(input.spark().sparkContext(), "the windows cut by partition boundaries",
        2L * input.numPartitions() * Resources.denseBytes(d, d), "use fewer, larger partitions or a smaller d");
    String uri = input.uri();
    input.spark().sparkContext().setJobDescription("spectrum: windows of " + width + " rows");
    List<PartitionResult<PartitionWindows>> parts = input.mapPartitions((p, rows) -> {
      TreeMap<Long, GramSketch> open = new TreeMap<>();
      Set<Long> closed = new HashSet<>();
      List<Window> finished = new ArrayList<>();
      while (rows.hasNext()) {
        MatrixRow r = rows.next();
        if (!r.hasId()) {
          throw new IllegalStateException("a row without an id in the window pass");
        }
        long w = Math.floorDiv(r.id(), width);
        if (closed.contains(w)) {
          throw duplicate(uri, w, width);
        }
        GramSketch g = open.computeIfAbsent(w, k -> new GramSketch(d));
        g.update(r);
        if (g.rows() == width) {
          open.remove(w);
          closed.add(w);
          finished.add(new Window(w, CovarianceSpectrum.of(g.result(), center, standardize).descriptors()));
        }
      }
      List<Piece> pieces = new ArrayList<>();
      for (Map.Entry<Long, GramSketch> e : open.entrySet()) {
        pieces.add(new Piece(e.getKey(), e.getValue().compact()));
      }
      return new PartitionWindows(finished, pieces);
    }).collect();
    List<PartitionResult<PartitionWindows>> sorted = new ArrayList<>(parts);
    sorted.sort(Comparator.comparingInt(PartitionResult::index));
    TreeMap<Long, Window> out = new TreeMap<>();
    TreeMap<Long, GramSketch> partial = new TreeMap<>();
    for (PartitionResult<PartitionWindows> r : sorted) {
      for (Window w : r.value().finished()) {
        if (out.put(w.index(), w) != null) {
          throw duplicate(uri, w.index(), width);
        }
      }
      for (Piece piece : r.value().pieces()) {
        GramSketch acc = partial.get(piece.index());
        if (acc == null) {
          partial.put(piece.index(), piece.sketch());
        } else {
          acc.merge(piece.sketch());
        }
      }
    }
    for (Map.Entry<Long, GramSketch> e : partial.entrySet()) {
      GramSketch g = e.getValue();
      if (out.containsKey(e.getKey()) || g.rows() > width) {
        throw duplicate(uri, e.getKey(), width);
      }
      out.put(e.getKey(), new Window(e.getKey(), CovarianceSpectrum.of(g.result(), center, standardize).descriptors()));
    }
    return new ArrayList<>(out.values());
  }

  private static InvalidInputException duplicate(String uri, long window, long width) {
    return new InvalidInputException(uri + ": window " + window + " (row ids " + window * width + " to "
        + ((window + 1) * width - 1) + ") has more than " + width + " rows: row ids are not unique");
  }
}
