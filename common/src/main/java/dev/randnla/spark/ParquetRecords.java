package dev.randnla.spark;

import com.esotericsoftware.kryo.DefaultSerializer;
import dev.randnla.io.RecordSerializer;

import dev.randnla.io.InputFile;
import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.internal.filter2.columnindex.RowRanges;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads the records of Parquet file splits with parquet-mr's column readers straight into a
 * reused {@link Record} (no Spark SQL, no record assembly, no per-value objects): the columns a
 * matrix row needs, by role, each leaf column read value by value with its repetition and
 * definition levels. A split is a byte range of a file; its row groups are those whose midpoint lies in the
 * range (parquet-mr's rule, the one Spark's reader applies), so the splits Spark plans read the
 * rows Spark would, in the same order, each with its row index in the file.
 */
final class ParquetRecords extends ParquetRecordStream {
  /** What a top-level column of the projection holds. */
  enum Role { VALUE, ARRAY, VECTOR, ID, LABEL, KEY, WEIGHT }

  /**
   * The projection to read and each of its top-level fields' role (in projection order), with the
   * value column's index for {@link Role#VALUE}. Serializable: it travels to tasks.
   */
  record Projection(String schema, Role[] roles, int[] valueIndex, boolean[] unsigned, int valueCount)
      implements Serializable {
    MessageType messageType() {
      return MessageTypeParser.parseMessageType(schema);
    }
  }

  /**
   * One byte range of one input file. A class, not a record: it is a
   * partition's data, which Kryo may serialize.
   */
  @DefaultSerializer(RecordSerializer.class)
  record Split(InputFile file, long start, long length) implements Serializable {}

  /** The fields of one record; reused from record to record (copy what you keep). */
  static final class Record {
    /** The file's index in path order and the record's 0-based index in that file. */
    int file;
    long rowIndex;
    final double[] values;
    final boolean[] valueSet;
    boolean vectorPresent;
    int vectorType = -1;
    int vectorSize = -1;
    boolean indicesPresent;
    boolean valuesPresent;
    double[] entries = new double[16];
    int entryCount;
    /** The first null entry of an array, or −1. */
    int firstNullEntry = -1;
    int[] indices = new int[16];
    int indexCount;
    boolean idSet;
    long id;
    boolean labelSet;
    double label;
    String key;
    boolean weightSet;
    double weight;

    Record(int valueCount) {
      values = new double[valueCount];
      valueSet = new boolean[valueCount];
    }

    void reset() {
      Arrays.fill(valueSet, false);
      vectorPresent = false;
      vectorType = -1;
      vectorSize = -1;
      indicesPresent = false;
      valuesPresent = false;
      entryCount = 0;
      firstNullEntry = -1;
      indexCount = 0;
      idSet = false;
      labelSet = false;
      key = null;
      weightSet = false;
    }

    void addEntry(double v) {
      if (entryCount == entries.length) {
        entries = Arrays.copyOf(entries, 2 * entryCount);
      }
      entries[entryCount++] = v;
    }

    void addIndex(int i) {
      if (indexCount == indices.length) {
        indices = Arrays.copyOf(indices, 2 * indexCount);
      }
      indices[indexCount++] = i;
    }

    /** The array's entries (a copy). */
    double[] entries() {
      return Arrays.copyOf(entries, entryCount);
    }

    /** The sparse vector's indices (a copy). */
    int[] indices() {
      return Arrays.copyOf(indices, indexCount);
    }
  }

  private final Iterator<Split> splits;
  private final Configuration conf;
  private final MessageType projection;
  private final Projection roles;
  private final Record record;
  private final GroupConverter ignored;
  private ParquetFileReader reader;
  private Split split;
  private List<BlockMetaData> blocks;
  private int block;
  private Leaf[] leaves;
  private long left;
  private long next;
  /** Read only the rows of the first page of the first row group (what the driver needs to learn d). */
  private boolean firstPageOnly;

  /**
   * The records of the first page of the first row group of {@code split} only: on the driver, the
   * first rows without reading (and decompressing) a whole row group, which can be 128 MB. The whole
   * row group when the file has no offset index to find the page by.
   */
  static ParquetRecords firstPage(Split split, Projection p, Configuration conf) {
    ParquetRecords r = new ParquetRecords(List.of(split), p, conf);
    r.firstPageOnly = true;
    return r;
  }

  ParquetRecords(List<Split> splits, Projection p, Configuration conf) {
    this.splits = splits.iterator();
    this.conf = conf;
    this.projection = p.messageType();
    this.roles = p;
    this.record = new Record(p.valueCount());
    this.ignored = ignoring(projection);
  }

  @Override
  protected Record advance() {
    try {
      while (left == 0) {
        if (!nextRowGroup()) {
          return null;
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + split.file().path() + ": " + e.getMessage(), e);
    }
    record.reset();
    for (Leaf leaf : leaves) {
      leaf.readRow(record);
    }
    record.file = split.file().index();
    record.rowIndex = next++;
    left--;
    return record;
  }

  /** Moves to the next row group (opening the next split when this one is done); false at the end. */
  private boolean nextRowGroup() throws IOException {
    while (reader == null || block == blocks.size()) {
      if (firstPageOnly && reader != null) {
        return false;
      }
      close();
      if (!splits.hasNext()) {
        return false;
      }
      split = splits.next();
      Path path = new Path(split.file().path());
      ParquetReadOptions options = HadoopReadOptions.builder(conf, path)
          .withRange(split.start(), split.start() + split.length()).build();
      reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf), options);
      reader.setRequestedSchema(projection);
      blocks = reader.getRowGroups();
      block = 0;
    }
    BlockMetaData b = blocks.get(block++);
    PageReadStore pages = null;
    if (firstPageOnly) {
      ColumnChunkMetaData chunk = b.getColumns().stream()
          .filter(c -> Arrays.equals(c.getPath().toArray(), projection.getColumns().get(0).getPath())).findFirst().orElse(null);
      OffsetIndex pageIndex = chunk == null ? null : reader.readOffsetIndex(chunk);
      if (pageIndex != null) {
        RowRanges firstPage = RowRanges.create(b.getRowCount(), java.util.stream.IntStream.of(0).iterator(), pageIndex);
        pages = reader.readFilteredRowGroup(block - 1, firstPage);
        left = firstPage.rowCount();
        block = blocks.size();
      }
    }
    if (pages == null) {
      pages = reader.readNextRowGroup();
      left = pages.getRowCount();
    }
    ColumnReadStoreImpl columns = new ColumnReadStoreImpl(pages, ignored, projection,
        reader.getFileMetaData().getCreatedBy());
    leaves = leaves(columns);
    next = b.getRowIndexOffset();
    if (next < 0) {
      throw new IOException("parquet-mr did not give the row index of row group " + b.getOrdinal());
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    if (reader != null) {
      ParquetFileReader r = reader;
      reader = null;
      r.close();
    }
  }

  /** One column reader per leaf column of the projection, with what its values mean. */
  private Leaf[] leaves(ColumnReadStoreImpl columns) {
    List<Leaf> out = new java.util.ArrayList<>();
    for (ColumnDescriptor c : projection.getColumns()) {
      String[] path = c.getPath();
      int field = projection.getFieldIndex(path[0]);
      Role role = roles.roles()[field];
      Leaf.Part part = Leaf.Part.VALUE;
      if (role == Role.VECTOR) {
        part = switch (path[1]) {
          case "type" -> Leaf.Part.TYPE;
          case "size" -> Leaf.Part.SIZE;
          case "indices" -> Leaf.Part.INDICES;
          default -> Leaf.Part.VALUES;
        };
      }
      Type top = projection.getType(field);
      int presentDef = top.isRepetition(Type.Repetition.OPTIONAL) ? 1 : 0;
      int entryDef = c.getMaxDefinitionLevel();
      for (int depth = 1; depth <= path.length; depth++) {
        String[] prefix = Arrays.copyOf(path, depth);
        if (projection.getType(prefix).isRepetition(Type.Repetition.REPEATED)) {
          entryDef = projection.getMaxDefinitionLevel(prefix);
          break;
        }
      }
      if (role == Role.VECTOR && path.length > 2) {
        presentDef = projection.getMaxDefinitionLevel(Arrays.copyOf(path, 2));
      }
      out.add(new Leaf(columns.getColumnReader(c), role, part, roles.valueIndex()[field], roles.unsigned()[field],
          presentDef, entryDef));
    }
    return out.toArray(new Leaf[0]);
  }

  /**
   * One leaf column: for each row, its values up to the next repetition level 0, each read by its
   * definition level (the list is there, the entry is there, the entry is not null).
   */
  private static final class Leaf {
    enum Part { VALUE, TYPE, SIZE, INDICES, VALUES }

    private final ColumnReader reader;
    private final Role role;
    private final Part part;
    private final int index;
    private final boolean unsigned;
    private final int maxDef;
    private final int presentDef;
    private final int entryDef;
    private final PrimitiveType.PrimitiveTypeName type;
    private long left;

    Leaf(ColumnReader reader, Role role, Part part, int index, boolean unsigned, int presentDef, int entryDef) {
      this.reader = reader;
      this.role = role;
      this.part = part;
      this.index = index;
      this.unsigned = unsigned;
      this.maxDef = reader.getDescriptor().getMaxDefinitionLevel();
      this.presentDef = presentDef;
      this.entryDef = entryDef;
      this.type = reader.getDescriptor().getPrimitiveType().getPrimitiveTypeName();
      this.left = reader.getTotalValueCount();
    }

    void readRow(Record r) {
      do {
        int def = reader.getCurrentDefinitionLevel();
        if (role == Role.ARRAY) {
          if (def >= presentDef) {
            r.vectorPresent = true;
          }
          if (def == maxDef) {
            r.addEntry(number());
          } else if (def >= entryDef) { // an entry that is null
            if (r.firstNullEntry < 0) {
              r.firstNullEntry = r.entryCount;
            }
            r.addEntry(0);
          }
        } else if (role == Role.VECTOR) {
          vectorPart(r, def);
        } else if (def == maxDef) {
          single(r);
        }
        reader.consume();
        left--;
      } while (left > 0 && reader.getCurrentRepetitionLevel() > 0);
    }

    private void vectorPart(Record r, int def) {
      switch (part) {
        case TYPE -> {
          if (def == maxDef) {
            r.vectorPresent = true;
            r.vectorType = reader.getInteger();
          }
        }
        case SIZE -> {
          if (def == maxDef) {
            r.vectorSize = reader.getInteger();
          }
        }
        case INDICES -> {
          if (def >= presentDef) {
            r.indicesPresent = true;
          }
          if (def == maxDef) {
            r.addIndex(reader.getInteger());
          }
        }
        default -> {
          if (def >= presentDef) {
            r.valuesPresent = true;
          }
          if (def == maxDef) {
            r.addEntry(number());
          }
        }
      }
    }

    private void single(Record r) {
      switch (role) {
        case VALUE -> {
          r.values[index] = number();
          r.valueSet[index] = true;
        }
        case LABEL -> {
          r.label = number();
          r.labelSet = true;
        }
        case WEIGHT -> {
          r.weight = number();
          r.weightSet = true;
        }
        case ID -> {
          r.id = type == PrimitiveType.PrimitiveTypeName.INT64 ? reader.getLong() : reader.getInteger();
          r.idSet = true;
        }
        default -> r.key = switch (type) { // KEY: Spark's cast of the value to a string
          case BINARY -> reader.getBinary().toStringUsingUTF8();
          case INT64 -> Long.toString(reader.getLong());
          case BOOLEAN -> Boolean.toString(reader.getBoolean());
          default -> Integer.toString(reader.getInteger());
        };
      }
    }

    /** The value as the double Spark's {@code Number.doubleValue()} gives. */
    private double number() {
      return switch (type) {
        case DOUBLE -> reader.getDouble();
        case FLOAT -> reader.getFloat();
        case INT64 -> reader.getLong();
        default -> unsigned ? (double) Integer.toUnsignedLong(reader.getInteger()) : reader.getInteger();
      };
    }
  }

  /** A converter tree that ignores every value (the column readers need one; values are read directly). */
  private static GroupConverter ignoring(GroupType g) {
    Converter[] children = new Converter[g.getFieldCount()];
    for (int i = 0; i < children.length; i++) {
      Type t = g.getType(i);
      children[i] = t.isPrimitive() ? new PrimitiveConverter() {} : ignoring(t.asGroupType());
    }
    return new GroupConverter() {
      @Override
      public Converter getConverter(int fieldIndex) {
        return children[fieldIndex];
      }

      @Override
      public void start() {}

      @Override
      public void end() {}
    };
  }

  /** Whether a Parquet primitive is an unsigned integer (UINT_8/16/32 read as a non-negative number). */
  static boolean unsigned(Type t) {
    return t.isPrimitive() && t.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i
        && !i.isSigned();
  }
}
