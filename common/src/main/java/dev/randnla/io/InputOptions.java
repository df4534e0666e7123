package dev.randnla.io;

import java.io.Serializable;

/**
 * How to read an input matrix (docs/design.md §5).
 *
 * @param uri a file, directory or glob on any Hadoop file system
 * @param format the format, or null to take it from the file extension
 * @param header whether CSV/TSV files start with a header line
 * @param idCol the id column (name or 0-based index), or null
 * @param labelCol the label column (name or 0-based index), or null
 * @param keyCol the block-key column (name or 0-based index), or null
 * @param vectorCol the Parquet column holding the row vector, or null to detect
 * @param cols the LIBSVM column count, or −1 to detect (costs a pass)
 * @param badRows what to do with malformed rows
 * @param minPartitions split the input into at least this many partitions (0: Spark's default parallelism)
 * @param weightCol the row-weight column (name or 0-based index; LIBSVM: {@code weight}, read from the
 *     trailing comment's {@code weight=W}), or null: every row weighs 1
 */
public record InputOptions(
    String uri,
    MatrixFormat format,
    boolean header,
    String idCol,
    String labelCol,
    String keyCol,
    String vectorCol,
    int cols,
    BadRowPolicy badRows,
    int minPartitions,
    String weightCol)
    implements Serializable {

  /** The key of the row weight in a LIBSVM line's trailing comment ({@code … # weight=W}). */
  public static final String LIBSVM_WEIGHT = "weight";

  public InputOptions {
    Violations v = new Violations();
    v.require(uri != null && !uri.isBlank(), "--input is required");
    v.require(cols == -1 || cols >= 1, "--cols must be positive: " + cols);
    v.require(minPartitions >= 0, "--min-partitions must be non-negative: " + minPartitions);
    v.require(badRows != null, "--bad-rows must be fail, skip or skip-files");
    v.require(format != MatrixFormat.LIBSVM || (idCol == null && keyCol == null),
        "LIBSVM input has no id or key columns (--id-col/--key-col)");
    v.require(format != MatrixFormat.LIBSVM || weightCol == null || weightCol.equals(LIBSVM_WEIGHT),
        "LIBSVM rows carry their weight as '# " + LIBSVM_WEIGHT + "=W' after the entries: use --weight-col "
            + LIBSVM_WEIGHT + ": " + weightCol);
    v.require(format == null || !format.isText() || vectorCol == null, "--vector-col applies to Parquet input only");
    v.throwIfAny();
  }

  /** Options without a weight column (every row weighs 1). */
  public InputOptions(String uri, MatrixFormat format, boolean header, String idCol, String labelCol, String keyCol,
      String vectorCol, int cols, BadRowPolicy badRows, int minPartitions) {
    this(uri, format, header, idCol, labelCol, keyCol, vectorCol, cols, badRows, minPartitions, null);
  }

  /** Options for a plain dense or sparse input with defaults for everything else. */
  public static InputOptions of(String uri) {
    return new InputOptions(uri, null, false, null, null, null, null, -1, BadRowPolicy.FAIL, 0, null);
  }

  // copies with one setting changed (the common ones; builder().from(options) for the rest)
  public InputOptions withFormat(MatrixFormat f) { return builder().from(this).format(f).build(); }
  public InputOptions withMinPartitions(int p) { return builder().from(this).minPartitions(p).build(); }
  public InputOptions withLabelCol(String c) { return builder().from(this).labelCol(c).build(); }
  public InputOptions withKeyCol(String c) { return builder().from(this).keyCol(c).build(); }
  public InputOptions withCols(int c) { return builder().from(this).cols(c).build(); }
  public InputOptions withWeightCol(String c) { return builder().from(this).weightCol(c).build(); }

  /** A builder with the command line's defaults (format from the file names, --bad-rows fail, no id/label/key columns). */
  public static Builder builder() {
    return new Builder().cols(-1).badRows(BadRowPolicy.FAIL);
  }

  /** Builds {@link InputOptions}: one setter per component, validation when {@link #build()} runs. */
  public static final class Builder extends RecordBuilder<InputOptions, Builder> {
    public Builder uri(String uri) { return set("uri", uri); }
    public Builder format(MatrixFormat format) { return set("format", format); }
    public Builder header(boolean header) { return set("header", header); }
    public Builder idCol(String idCol) { return set("idCol", idCol); }
    public Builder labelCol(String labelCol) { return set("labelCol", labelCol); }
    public Builder keyCol(String keyCol) { return set("keyCol", keyCol); }
    public Builder vectorCol(String vectorCol) { return set("vectorCol", vectorCol); }
    public Builder cols(int cols) { return set("cols", cols); }
    public Builder badRows(BadRowPolicy badRows) { return set("badRows", badRows); }
    public Builder minPartitions(int minPartitions) { return set("minPartitions", minPartitions); }
    public Builder weightCol(String weightCol) { return set("weightCol", weightCol); }

    private Builder() {
      super(InputOptions.class);
    }
  }
}
