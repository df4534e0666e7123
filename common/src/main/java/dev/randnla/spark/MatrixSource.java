package dev.randnla.spark;

import dev.randnla.io.InputFile;
import dev.randnla.io.InputFiles;
import dev.randnla.io.InputOptions;
import dev.randnla.io.InvalidInputException;
import dev.randnla.io.LineReader;
import dev.randnla.io.MatrixFormat;
import dev.randnla.io.TextLayout;
import dev.randnla.io.TextRowParser;
import dev.randnla.io.TextSplit;
import dev.randnla.io.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Opens an input matrix (docs/design.md §5) on the driver: lists the files in path order, settles the
 * format, reads the first data line to learn the layout (field count, header names, which fields
 * are id/label/key), plans the splits and builds the partitions with their preferred hosts. No
 * pass over the data is made here, except to detect the column count of LIBSVM input given
 * without {@code --cols} (reported as a note, counted as a pass).
 */
public final class MatrixSource {
  /** The usage error for id, label and key columns that resolve to the same column. */
  public static final String SAME_COLUMN = "--id-col, --label-col and --key-col must name different columns";
  /** The usage error for a weight column that is also the id, label or key column. */
  public static final String WEIGHT_SAME_COLUMN =
      "--weight-col must name a column other than --id-col, --label-col and --key-col";

  private MatrixSource() {}

  /**
   * In a JVM where Spark has not started yet (a command-line run), starts reading the beginning of
   * a Parquet input as opening it and the first tasks will — its footers, the first page of its
   * first file, and that file's first row group when it is small — on a daemon thread, so the
   * classes, the native codec and the code of that path are loaded and compiled while Spark starts
   * rather than after. Nothing is kept: {@link #open} and the passes read everything again, with
   * Spark's Hadoop configuration, and report any problem; this read ignores them. Text inputs are
   * left alone: parsing their first megabytes early made no measurable difference to the first pass.
   *
   * @param files the input's files, as listed with {@code conf}
   */
  public static void warmUp(InputOptions options, List<InputFile> files, Configuration conf) {
    if (format(options, files) != MatrixFormat.PARQUET || SparkSession.getActiveSession().isDefined()
        || SparkSession.getDefaultSession().isDefined()) {
      return;
    }
    Thread t = new Thread(() -> ParquetSource.warmUp(options, files, conf), "randnla-parquet-warm-up");
    t.setDaemon(true);
    t.start();
  }

  public static MatrixInput open(SparkSession spark, InputOptions options) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<InputFile> files = InputFiles.list(options.uri(), conf);
    MatrixFormat format = format(options, files);
    if (format == MatrixFormat.PARQUET) {
      return ParquetSource.open(spark, options, files);
    }
    requireNotParquet(files.get(0), format, conf);
    if (options.vectorCol() != null) {
      throw new UsageException("--vector-col applies to Parquet input only");
    }
    int target = Math.max(options.minPartitions(), spark.sparkContext().defaultParallelism());
    List<TextSplit> splits = TextSplit.plan(files, target);
    HadoopConf hc = new HadoopConf(conf);
    if (format == MatrixFormat.LIBSVM) {
      return openLibsvm(spark, options, files, splits, hc);
    }
    TextLayout layout = delimitedLayout(options, format, files, conf);
    JavaRDD<Object> base = splitRdd(spark, splits, conf);
    return new MatrixInput(spark, options, format, files, layout.cols(), base,
        new TextRowSource(layout, options.badRows(), hc), layout.idField() >= 0);
  }

  /**
   * The input's format: {@code --format}, or what the file names imply. A usage error (exit code 2)
   * when the names contradict {@code --format} across the text/Parquet line ({@code --format parquet}
   * on {@code .csv} files, {@code --format csv} on {@code .parquet} files): the read would only fail
   * later with the reader's own words.
   */
  public static MatrixFormat format(InputOptions options, List<InputFile> files) {
    MatrixFormat given = options.format();
    if (given == null) {
      return detectFormat(files, options.uri());
    }
    for (InputFile f : files) {
      MatrixFormat named = MatrixFormat.fromFileName(new Path(f.path()).getName());
      if (named != null && named.isText() != given.isText()) {
        throw new UsageException("--format " + given.cliName() + " but the extension of " + f.path() + " says "
            + named.cliName() + "; drop --format to take the format from the file names, or pass --format "
            + named.cliName());
      }
    }
    return given;
  }

  /** Parquet files begin (and end) with these bytes. */
  private static final byte[] PARQUET_MAGIC = {'P', 'A', 'R', '1'};

  /** A Parquet file read as text would be reported as garbage on line 1: say what it is instead (exit code 3). */
  private static void requireNotParquet(InputFile f, MatrixFormat format, Configuration conf) {
    if (!f.compressed() && startsLikeParquet(f, conf)) {
      throw new InvalidInputException(f.path() + " is a Parquet file (it starts with PAR1), not "
          + format.cliName() + "; pass --format parquet");
    }
  }

  /** Whether the file begins with Parquet's magic bytes {@code PAR1}. */
  static boolean startsLikeParquet(InputFile f, Configuration conf) {
    byte[] head = new byte[PARQUET_MAGIC.length];
    Path p = new Path(f.path());
    try (var in = p.getFileSystem(conf).open(p)) {
      return in.read(0, head, 0, head.length) == head.length && java.util.Arrays.equals(head, PARQUET_MAGIC);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + f.path() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The format the input's file names imply (through compression suffixes); a usage error (exit
   * code 2) when they imply none or several. Used when {@code --format} is not given.
   */
  public static MatrixFormat detectFormat(List<InputFile> files, String uri) {
    MatrixFormat found = null;
    for (InputFile f : files) {
      MatrixFormat m = MatrixFormat.fromFileName(new Path(f.path()).getName());
      if (m == null) {
        continue;
      }
      if (found != null && m != found) {
        throw new UsageException("input " + uri + " mixes " + found.cliName() + " and " + m.cliName()
            + " files; pass --format or point --input at one kind");
      }
      found = m;
    }
    if (found == null) {
      throw new UsageException("cannot tell the format of " + uri + " from its file names; pass --format csv|tsv|libsvm|parquet");
    }
    return found;
  }

  private static TextLayout delimitedLayout(InputOptions options, MatrixFormat format, List<InputFile> files,
      Configuration conf) {
    String header = null;
    String first = null;
    String firstFile = null;
    for (InputFile f : files) {
      String[] found = firstLines(f, conf, options.header());
      if (options.header() && header == null && found[0] != null) {
        header = found[0];
      }
      if (found[1] != null) {
        first = found[1];
        firstFile = f.path();
        break;
      }
    }
    if (first == null) {
      throw new InvalidInputException("input " + options.uri() + " has no data rows"
          + (options.header() ? " (only header and blank lines)" : " (only blank lines)"));
    }
    TextLayout probe = new TextLayout(format, false, null, 1, 0, -1, -1, -1);
    List<String> firstFields = TextLayout.splitHeader(first, probe.delimiter());
    int fields = firstFields.size();
    List<String> names = null;
    if (options.header()) {
      names = TextLayout.splitHeader(header, probe.delimiter());
      if (names.size() != fields) {
        throw new InvalidInputException("the header of " + files.get(0).path() + " has " + names.size()
            + " fields but the first data row has " + fields);
      }
    }
    int id = resolve("--id-col", options.idCol(), names, fields);
    int label = resolve("--label-col", options.labelCol(), names, fields);
    int key = resolve("--key-col", options.keyCol(), names, fields);
    int weight = resolve("--weight-col", options.weightCol(), names, fields);
    if ((id >= 0 && (id == label || id == key)) || (label >= 0 && label == key)) {
      throw new UsageException(SAME_COLUMN);
    }
    if (weight >= 0 && (weight == id || weight == label || weight == key)) {
      throw new UsageException(WEIGHT_SAME_COLUMN);
    }
    int special = (id >= 0 ? 1 : 0) + (label >= 0 ? 1 : 0) + (key >= 0 ? 1 : 0) + (weight >= 0 ? 1 : 0);
    int cols = fields - special;
    if (cols < 1) {
      throw new InvalidInputException("input " + options.uri() + " has no value columns ("
          + fields + " field(s), " + special + " of them id/label/key)");
    }
    return new TextLayout(format, options.header(), header, fields, cols, id, label, key, weight, firstFile);
  }

  private static int resolve(String option, String spec, List<String> names, int fields) {
    try {
      return TextLayout.resolveColumn(option, spec, names, fields);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  /** [header line or null, first data line or null] of one file. */
  private static String[] firstLines(InputFile f, Configuration conf, boolean header) {
    String[] out = new String[2];
    try (LineReader r = new LineReader(openWhole(f, conf), 0, 0, Long.MAX_VALUE)) {
      boolean first = true;
      while (r.next()) {
        String line = new String(r.buffer(), r.lineStart(), r.lineEnd() - r.lineStart(), StandardCharsets.UTF_8);
        if (first && header) {
          out[0] = line;
          first = false;
          continue;
        }
        first = false;
        if (!TextRowParser.isBlank(r.buffer(), r.lineStart(), r.lineEnd())) {
          out[1] = line;
          break;
        }
      }
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + f.path() + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static InputStream openWhole(InputFile f, Configuration conf) throws IOException {
    Path p = new Path(f.path());
    FileSystem fs = p.getFileSystem(conf);
    InputStream raw = fs.open(p);
    if (!f.compressed()) {
      return raw;
    }
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(p);
    return codec.createInputStream(raw);
  }

  private static MatrixInput openLibsvm(SparkSession spark, InputOptions options, List<InputFile> files,
      List<TextSplit> splits, HadoopConf hc) {
    JavaRDD<Object> base = splitRdd(spark, splits, hc.get());
    int cols = options.cols();
    boolean detected = false;
    if (cols < 0) {
      long[] found = detectLibsvmCols(base, hc);
      long max = found[0];
      if (max <= 0 && found[1] == 0) {
        throw new InvalidInputException("input " + options.uri() + " has no LIBSVM entries to tell the column count from; pass --cols");
      }
      // malformed lines are reported with their line number by the real pass
      max = Math.max(1, max);
      if (max > Integer.MAX_VALUE - 8) {
        throw new InvalidInputException("LIBSVM index " + max + " is beyond the supported column count");
      }
      cols = (int) max;
      detected = true;
    }
    if (options.weightCol() != null && !options.weightCol().equals(InputOptions.LIBSVM_WEIGHT)) {
      throw new UsageException("LIBSVM rows carry their weight as '# " + InputOptions.LIBSVM_WEIGHT
          + "=W' after the entries: use --weight-col " + InputOptions.LIBSVM_WEIGHT + " (not " + options.weightCol() + ")");
    }
    TextLayout layout = new TextLayout(MatrixFormat.LIBSVM, false, null, -1, cols, -1, 0, -1,
        options.weightCol() != null ? 0 : -1, null);
    MatrixInput input = new MatrixInput(spark, options, MatrixFormat.LIBSVM, files, cols, base,
        new TextRowSource(layout, options.badRows(), hc), false);
    if (detected) {
      input.note("The LIBSVM column count (" + cols + ") was detected with an extra read of the input;"
          + " pass --cols " + cols + " to skip it.");
    }
    return input;
  }

  /** [largest index, malformed lines] over all lines (one read; malformed lines are left to the real pass). */
  private static long[] detectLibsvmCols(JavaRDD<Object> base, HadoopConf hc) {
    base.context().setJobDescription("randnla: detect LIBSVM column count");
    return base.map(o -> {
      TextSplit split = (TextSplit) o;
      long max = 0;
      long malformed = 0;
      Configuration conf = hc.get();
      Path p = new Path(split.file().path());
      FileSystem fs = p.getFileSystem(conf);
      InputStream in;
      long openedAt = 0;
      if (split.file().compressed()) {
        in = new CompressionCodecFactory(conf).getCodec(p).createInputStream(fs.open(p));
      } else {
        var s = fs.open(p);
        openedAt = split.start() > 0 ? split.start() - 1 : 0;
        s.seek(openedAt);
        in = s;
      }
      try (LineReader r = new LineReader(in, openedAt, split.start(), split.end())) {
        while (r.next()) {
          long m = TextRowParser.maxLibsvmIndex(r.buffer(), r.lineStart(), r.lineEnd());
          if (m < 0) {
            malformed++;
          } else {
            max = Math.max(max, m);
          }
        }
      }
      return new long[] {max, malformed};
    }).fold(new long[] {0, 0}, (a, b) -> new long[] {Math.max(a[0], b[0]), a[1] + b[1]});
  }

  /** One partition per split, each preferring the hosts that hold the split's first block. */
  static JavaRDD<Object> splitRdd(SparkSession spark, List<TextSplit> splits, Configuration conf) {
    List<Tuple2<Object, scala.collection.immutable.Seq<String>>> withHosts = new ArrayList<>(splits.size());
    for (TextSplit s : splits) {
      long len = s.wholeFile() ? s.file().length() : s.end() - s.start();
      withHosts.add(new Tuple2<>(s, hosts(s.file().path(), s.start(), len, conf)));
    }
    return rdd(spark, withHosts);
  }

  /** One partition per element, each with its preferred hosts. */
  static JavaRDD<Object> rdd(SparkSession spark, List<Tuple2<Object, scala.collection.immutable.Seq<String>>> withHosts) {
    ClassTag<Object> tag = ClassTag$.MODULE$.apply(Object.class);
    var seq = scala.jdk.javaapi.CollectionConverters.asScala(withHosts).toSeq();
    return JavaRDD.fromRDD(spark.sparkContext().makeRDD(seq, tag), tag);
  }

  /** The hosts holding the first block of {@code length} bytes of a file from {@code start} (none when unknown). */
  static scala.collection.immutable.Seq<String> hosts(String path, long start, long length, Configuration conf) {
    List<String> hosts = new ArrayList<>();
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(conf);
      BlockLocation[] locs = fs.getFileBlockLocations(fs.getFileStatus(p), start, Math.max(1, length));
      if (locs != null && locs.length > 0) {
        for (String h : locs[0].getHosts()) {
          if (!"localhost".equals(h)) {
            hosts.add(h);
          }
        }
      }
    } catch (IOException e) {
      // locality is an optimisation: without block locations the split runs anywhere
      hosts.clear();
    }
    return scala.jdk.javaapi.CollectionConverters.asScala(hosts).toList();
  }
}
