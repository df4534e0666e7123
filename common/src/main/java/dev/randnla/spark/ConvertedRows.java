package dev.randnla.spark;

import dev.randnla.io.BadRowException;
import dev.randnla.io.BadRowPolicy;
import dev.randnla.io.InvalidInputException;
import dev.randnla.io.LookAheadIterator;
import dev.randnla.io.MatrixRow;
import dev.randnla.io.ReadStats;
import java.util.Iterator;

/**
 * The rows of one partition whose base elements (Spark rows, vectors) convert one by one: a bad one
 * fails the read with an {@link InvalidInputException} naming where it is, or, with
 * {@link BadRowPolicy#SKIP}, is counted in the statistics and passed over.
 */
abstract class ConvertedRows extends LookAheadIterator<MatrixRow> implements PartitionRows {
  private final int partition;
  private final Iterator<Object> base;
  private final BadRowPolicy policy;
  private final String skipHint;
  private final ReadStats stats = new ReadStats();
  private long count;
  /** Where the element being converted comes from (a file, a DataFrame partition): set by {@link #convert}. */
  protected String source;
  /** Its 0-based position there: set by {@link #convert} before it can fail. */
  protected long position;

  ConvertedRows(int partition, Iterator<Object> base, BadRowPolicy policy, String skipHint) {
    this.partition = partition;
    this.base = base;
    this.policy = policy;
    this.skipHint = skipHint;
    stats.addRows(partition, 0);
  }

  /**
   * The row of one base element.
   *
   * @param converted rows returned so far in this partition
   * @throws BadRowException with the reason when the element is not a valid row
   */
  protected abstract MatrixRow convert(Object element, long converted) throws BadRowException;

  @Override
  public ReadStats stats() {
    stats.setRows(partition, count);
    return stats;
  }

  @Override
  protected MatrixRow advance() {
    while (base.hasNext()) {
      try {
        MatrixRow row = convert(base.next(), count);
        count++;
        return row;
      } catch (BadRowException e) {
        if (policy == BadRowPolicy.FAIL) {
          throw new InvalidInputException("bad row in " + source + ", row " + (position + 1) + ": " + e.getMessage()
              + " (" + skipHint + ")");
        }
        stats.addBadRow(new ReadStats.BadRow(source, position, -1, 0, position + 1, e.getMessage()));
      }
    }
    return null;
  }
}
