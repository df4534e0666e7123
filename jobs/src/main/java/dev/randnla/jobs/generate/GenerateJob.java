package dev.randnla.jobs.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.randnla.io.InputOptions;
import dev.randnla.io.MatrixFormat;
import dev.randnla.io.MatrixRow;
import dev.randnla.io.RowTextWriter;
import dev.randnla.io.Summary;
import dev.randnla.io.UsageException;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomPermutation;
import dev.randnla.spark.FaultInjection;
import dev.randnla.spark.HadoopConf;
import dev.randnla.jobs.regress.StoredSolution;
import dev.randnla.spark.JobRun;
import dev.randnla.spark.MatrixInput;
import dev.randnla.spark.MatrixSource;
import dev.randnla.spark.TaskFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * {@code generate}: writes a synthetic matrix with exactly known answers (docs/algorithms.md, generate) in any
 * format, distributed — each task generates the rows of its own file from (seed, row number), in a
 * seeded random order by default (a pointwise-evaluable permutation, so no shuffle is needed) —
 * plus {@code truth.json} with the answers (eigenpairs, x* and residual, leverage of special rows,
 * block groups…) and {@code summary.json}.
 *
 * <p>Cost: O(n·d²/P) flops per task for dense kinds with a random V (one dgemm per 1024 rows),
 * O(nnz) for sparse; the driver holds V (d²) and writes truth.json.
 */
public final class GenerateJob {
  private static final int BLOCK = 1024;
  /**
   * regression: truth.json's stored answer is computed when n·(d+1) is at most this (2^27 values, ≈ 1 GB of
   * doubles: 2–6 more reads, each cheaper than generating the rows).
   */
  static final long STORED_SOLVE_MAX_VALUES = 1L << 27;

  private GenerateJob() {}

  /**
   * A config and the generator it asks for. Building the generator applies the kind's own checks
   * (sizes the construction needs, e.g. rows at least cols + 3 for regression) and costs its d×d
   * basis, so the command builds it once, before Spark starts, and the run uses it.
   */
  public record Plan(GenerateConfig config, RowGenerator generator) {}

  /**
   * The plan for {@code config}.
   *
   * @throws UsageException the kind cannot be built with these sizes (exit code 2)
   */
  public static Plan plan(GenerateConfig config) {
    try {
      return new Plan(config, Generators.of(config));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  public static GenerateResult run(SparkSession spark, GenerateConfig config) {
    return run(spark, plan(config));
  }

  public static GenerateResult run(SparkSession spark, Plan plan) {
    GenerateConfig config = plan.config();
    RowGenerator gen = plan.generator();
    try (JobRun run = JobRun.start(spark, "generate", config.output(), config.quiet())) {
      long n = config.rows();
      int d = config.cols();
      int partitions = config.partitions() > 0 ? (int) Math.min(config.partitions(), n)
          : (int) Math.max(1, Math.min(n, Math.max(spark.sparkContext().defaultParallelism(),
              Math.ceil(n * (double) (gen.sparse() ? 64 : d) / 4_000_000.0))));
      RandomPermutation perm = config.randomOrder() ? new RandomPermutation(n, config.seed(), Purpose.GENERATE_ORDER) : null;
      run.log("generating " + config.kind().cliName() + " " + n + " x " + d + " into " + partitions + " file(s)");
      long[] stats = run.stage("write", () -> config.format() == MatrixFormat.PARQUET
          ? writeParquet(spark, run, gen, perm, partitions, config)
          : writeText(spark, run, gen, perm, partitions, config));

      Map<String, Object> truth = new LinkedHashMap<>();
      truth.put("kind", config.kind().cliName());
      truth.put("rows", n);
      truth.put("cols", d);
      truth.put("seed", config.seed());
      truth.put("order", config.randomOrder() ? "random" : "sorted");
      truth.put("format", config.format().cliName());
      // the files hold the construction rounded (to double, then to --digits): say so, and which answers are whose
      truth.put("valuesRoundTrip", config.digits() == 0);
      truth.put("answersOf", "construction");
      truth.put("note", "The answers below are those of the construction in exact arithmetic. The files hold it rounded "
          + "to double" + (config.digits() > 0 ? " and then to " + config.digits() + " significant digits" : "")
          + ", so the matrix as stored has answers of its own, off by the rounding's effect, which grows with the "
          + "condition number" + (config.kind() == MatrixKind.REGRESSION
          ? "; 'stored' holds the least-squares answer of the rows as stored, the one to measure a solver against." : "."));
      run.stage("truth", () -> gen.describe(truth, g -> perm == null ? g : perm.inverse(g)));
      if (config.kind() == MatrixKind.REGRESSION) {
        truth.put("stored", run.stage("stored answer", () -> storedAnswer(spark, run, config)));
      }
      run.writeText("truth.json", json(truth));

      double fro = Math.sqrt(Double.longBitsToDouble(stats[2]));
      Summary s = run.summary();
      s.param("kind", config.kind().cliName());
      s.param("rows", n);
      s.param("cols", d);
      s.param("format", config.format().cliName());
      s.param("order", config.randomOrder() ? "random" : "sorted");
      s.param("seed", config.seed());
      s.param("partitions", partitions);
      s.param("digits", config.digits());
      s.result("rows", stats[0]);
      s.result("cols", d);
      s.result("nnz", stats[1]);
      s.result("frobeniusNorm", fro);
      s.result("files", partitions);
      if (truth.get("frobeniusNorm") instanceof Double exact && exact > 0) {
        s.result("frobeniusRelativeError", Math.abs(fro - exact) / exact);
      }
      run.finish(0);
      return new GenerateResult(stats[0], d, stats[1], fro, partitions, truth);
    }
  }

  /**
   * The least-squares answer of the regression rows as written ({@link StoredSolution}: TSQR, then
   * refinement with double-double residuals; 2–6 reads of the files just written), when that costs
   * little next to writing them: n·(d+1) ≤ {@link #STORED_SOLVE_MAX_VALUES}. Above, it says how to get
   * it ({@code regress} computes the same to its --tol).
   */
  private static Map<String, Object> storedAnswer(SparkSession spark, JobRun run, GenerateConfig config) {
    Map<String, Object> stored = new LinkedHashMap<>();
    int d = config.cols();
    if (config.rows() * (d + 1.0) > STORED_SOLVE_MAX_VALUES) {
      stored.put("computed", false);
      stored.put("reason", "n·(d+1) = " + config.rows() * (d + 1L) + " values > " + STORED_SOLVE_MAX_VALUES
          + ": not read back; regress --solver precondition --tol 1e-15 on the data gives it, certified by its "
          + "relativeNormalResidual");
      return stored;
    }
    InputOptions options = InputOptions.builder().uri(run.output().tempUri()).format(config.format()).header(config.header()).build();
    options = switch (config.format()) {
      case LIBSVM -> options.withCols(d);
      case PARQUET -> options.withLabelCol("label");
      default -> options.withLabelCol("0");
    };
    MatrixInput input = MatrixSource.open(spark, options);
    try {
      StoredSolution sol = StoredSolution.of(input);
      stored.put("computed", true);
      stored.put("xStar", sol.x());
      stored.put("residualNorm", sol.residualNorm());
      stored.put("relativeNormalResidual", sol.relativeNormalResidual());
      stored.put("rank", sol.rank());
      stored.put("passes", sol.passes());
      stored.put("method", "the rows as written, read back: TSQR of [A b], then refinement with double-double "
          + "residuals until relativeNormalResidual (about the relative error of xStar) is at most "
          + StoredSolution.TOL + " or stops improving");
    } finally {
      input.releaseRows();
    }
    return stored;
  }

  /** Positions [start, end) of file q of P. */
  static long start(long n, int partitions, int q) {
    return n * q / partitions;
  }

  private static long[] writeText(SparkSession spark, JobRun run, RowGenerator gen, RandomPermutation perm,
      int partitions, GenerateConfig config) {
    String dir = run.output().tempUri();
    HadoopConf hc = new HadoopConf(spark.sparkContext().hadoopConfiguration());
    long n = config.rows();
    MatrixFormat format = config.format();
    int digits = config.digits();
    boolean header = config.header();
    List<Integer> qs = new ArrayList<>();
    for (int q = 0; q < partitions; q++) {
      qs.add(q);
    }
    String ext = format.cliName();
    spark.sparkContext().setJobDescription("generate: write " + ext);
    List<double[]> parts = new JavaSparkContext(spark.sparkContext()).parallelize(qs, partitions).map(q -> {
      Path path = new Path(dir, String.format("part-%05d.%s", q, ext));
      long from = start(n, partitions, q);
      long to = start(n, partitions, q + 1);
      // the bytes are a pure function of (seed, q), as TaskFiles needs for retries and speculation
      return TaskFiles.write(path, hc.get(), out -> {
        RowTextWriter w = new RowTextWriter(out, format, gen.cols(), header, false, gen.hasKey(), gen.hasLabel());
        double[] totals = new double[3]; // rows, nonzeros, sum of squares
        generateRows(gen, perm, from, to, digits, r -> {
          for (double v : r.values()) {
            if (v != 0) {
              totals[1]++;
              totals[2] += v * v;
            }
          }
          Double label = null;
          if (gen.hasLabel()) {
            label = round(r.label(), digits);
          } else if (format == MatrixFormat.LIBSVM) {
            label = 0.0;
          }
          w.write(r, null, gen.hasKey() ? r.block() : null, label);
          totals[0]++;
        });
        w.finish();
        FaultInjection.maybeFail(q);
        return totals;
      });
    }).collect();
    TaskFiles.removeLeftovers(new Path(dir), hc.get());
    return totals(parts);
  }

  private static long[] totals(List<double[]> parts) {
    long rows = 0;
    long nnz = 0;
    double sumSq = 0;
    for (double[] p : parts) {
      rows += (long) p[0];
      nnz += (long) p[1];
      sumSq += p[2];
    }
    return new long[] {rows, nnz, Double.doubleToLongBits(sumSq)};
  }

  /** What is done with each generated row. */
  private interface RowSink {
    void accept(MatrixRow row) throws IOException;
  }

  /**
   * Generates rows [from, to) of the output (row i is generator row π(i) when a permutation is
   * given) in blocks, rounds their values to {@code digits} significant digits in place and hands
   * each to {@code sink} in order.
   */
  private static void generateRows(RowGenerator gen, RandomPermutation perm, long from, long to, int digits, RowSink sink)
      throws IOException {
    long[] g = new long[BLOCK];
    for (long p = from; p < to; p += BLOCK) {
      int count = (int) Math.min(BLOCK, to - p);
      for (int i = 0; i < count; i++) {
        g[i] = perm == null ? p + i : perm.apply(p + i);
      }
      for (MatrixRow r : gen.generate(g, count)) {
        double[] values = r.values();
        for (int k = 0; k < values.length; k++) {
          values[k] = round(values[k], digits);
        }
        sink.accept(r);
      }
    }
  }

  /** v rounded to {@code digits} significant digits (0: unchanged). */
  static double round(double v, int digits) {
    if (digits == 0 || v == 0 || !Double.isFinite(v)) {
      return v;
    }
    int e = (int) Math.floor(Math.log10(Math.abs(v)));
    int shift = digits - 1 - e;
    if (shift > 300 || shift < -300) {
      return v;
    }
    double scale = Math.pow(10, Math.abs(shift));
    return shift >= 0 ? Math.round(v * scale) / scale : Math.round(v / scale) * scale;
  }

  private static long[] writeParquet(SparkSession spark, JobRun run, RowGenerator gen, RandomPermutation perm,
      int partitions, GenerateConfig config) {
    long n = config.rows();
    int d = gen.cols();
    int digits = config.digits();
    List<StructField> fields = new ArrayList<>();
    if (gen.hasKey()) {
      fields.add(DataTypes.createStructField("key", DataTypes.StringType, false));
    }
    if (gen.hasLabel()) {
      fields.add(DataTypes.createStructField("label", DataTypes.DoubleType, false));
    }
    boolean sparse = gen.sparse();
    fields.add(sparse ? DataTypes.createStructField("features", SQLDataTypes.VectorType(), false)
        : DataTypes.createStructField("values", DataTypes.createArrayType(DataTypes.DoubleType, false), false));
    StructType schema = DataTypes.createStructType(fields);
    List<Integer> qs = new ArrayList<>();
    for (int q = 0; q < partitions; q++) {
      qs.add(q);
    }
    var nnzAcc = spark.sparkContext().longAccumulator("generate nnz");
    var sumSqAcc = spark.sparkContext().doubleAccumulator("generate sum of squares");
    JavaRDD<Row> rows = new JavaSparkContext(spark.sparkContext()).parallelize(qs, partitions).flatMap(q -> {
      long from = start(n, partitions, q);
      long to = start(n, partitions, q + 1);
      List<Row> out = new ArrayList<>((int) (to - from));
      generateRows(gen, perm, from, to, digits, r -> {
        double[] values = r.values();
        long nz = 0;
        double sq = 0;
        for (double v : values) {
          if (v != 0) {
            nz++;
            sq += v * v;
          }
        }
        nnzAcc.add(nz);
        sumSqAcc.add(sq);
        Object[] cells = new Object[fields.size()];
        int c = 0;
        if (gen.hasKey()) {
          cells[c++] = r.block();
        }
        if (gen.hasLabel()) {
          cells[c++] = round(r.label(), digits);
        }
        cells[c] = sparse ? Vectors.sparse(d, r.indices(), values) : values;
        out.add(RowFactory.create(cells));
      });
      return out.iterator();
    });
    spark.sparkContext().setJobDescription("generate: write parquet");
    run.writeParquetParts(spark.createDataFrame(rows, schema));
    return new long[] {n, nnzAcc.value(), Double.doubleToLongBits(sumSqAcc.value())};
  }

  static String json(Map<String, Object> map) {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(sanitize(map)) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Non-finite doubles are not JSON numbers: they become strings. */
  private static Object sanitize(Object o) {
    if (o instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(k, sanitize(v)));
      return out;
    }
    if (o instanceof Double x && !Double.isFinite(x)) {
      return x.toString();
    }
    if (o instanceof double[] a) {
      List<Object> l = new ArrayList<>(a.length);
      for (double x : a) {
        l.add(Double.isFinite(x) ? (Object) x : (Object) Double.toString(x));
      }
      return l;
    }
    return o;
  }
}
