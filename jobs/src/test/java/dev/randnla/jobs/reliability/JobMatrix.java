package dev.randnla.jobs.reliability;

import static dev.randnla.jobs.JobTestSupport.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.randnla.jobs.JobTestSupport;
import dev.randnla.jobs.JobTestSupport.Cli;
import dev.randnla.spark.InjectedFaults;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The job matrix of docs/reliability.md: every job and each of its distinct code paths (methods,
 * per-row outputs, sampling, windows, verification, shuffle writers) as one command line on a small
 * generated input, with what it promises across partitionings.
 *
 * <p>Inputs (generated once per JVM): each kind as three files ({@code NAME-3}, the fault runs) and
 * as one file ({@code NAME-1}) with an unsplittable gzip copy ({@code NAME-gz}). Spark gives a text
 * input at least its default parallelism in partitions (2 under local[2]), so 1 partition is the gzip
 * copy: the same rows with the same row keys (file index, uncompressed line offset), hence the same
 * per-row randomness as the plain file at 3 and 16 partitions.
 */
final class JobMatrix {
  /** Unit roundoff. */
  static final double U = 0x1p-53;

  /** What a job promises when only the partitioning of the same input changes. */
  enum Across {
    /** Bitwise the same output: nothing depends on the partitioning. */
    BITWISE,
    /** Sums in another order: every number within {@link JobCase#tol()} (a norm-wise relative bound). */
    TOLERANCE,
    /**
     * Not partition-invariant by design (the stream order is a sequence of partitions): each run's
     * eigenvector is checked against the truth with the a-posteriori bound of its own verification.
     */
    ACCURACY
  }

  /**
   * @param data the generated input (spiked, lowrank, regression, blocks)
   * @param d its columns
   * @param args the command line without input, output, seed and partitions
   * @param across the promise across partitionings
   * @param tol for TOLERANCE: the relative bound
   * @param why how the bound follows from the method (for messages and the docs table)
   */
  record JobCase(String data, int d, List<String> args, Across across, double tol, String why) {
    String name() {
      return String.join(" ", args);
    }

    /**
     * Per-row randomness seeded by the row key (file index, offset): the same rows written as three
     * files instead of one are another input for it (another sketch or order, the same guarantees).
     * The other cases see only values, row ids and the seed, so they must not depend on the layout.
     */
    boolean rowKeyed() {
      return ROW_KEYED.stream().anyMatch(k -> name().startsWith(k));
    }

    @Override
    public String toString() {
      return name();
    }
  }

  private JobMatrix() {}

  /** Cases whose randomness is keyed by row key (see {@link JobCase#rowKeyed}). */
  private static final List<String> ROW_KEYED = List.of("eigen --method stream", "shuffle", "leverage --method approx",
      "qr --method randcholqr", "regress --label-col 0 --solver sketch",
      "regress --label-col 0 --solver sample", "regress --label-col 0 --solver ihs", "regress --label-col 0 --lasso");

  /** The cases: ≈ 100·d·u for sums (Gram, TSQR R, means), times κ for Q = AR⁻¹ and x, κ² for vectors of σ² and LS. */
  static List<JobCase> cases() {
    double sums8 = 100 * 8 * U;
    String sums = "sums of n rows in another tree: 100·d·u relative";
    List<JobCase> c = new ArrayList<>();
    c.add(new JobCase("spiked", 8, List.of("scan"), Across.TOLERANCE, sums8, sums));
    c.add(new JobCase("spiked", 8, List.of("gram"), Across.TOLERANCE, sums8, sums));
    c.add(new JobCase("spiked", 8, List.of("gram", "--center"), Across.TOLERANCE, sums8, sums));
    // κ(spiked) = 2, κ(lowrank) = 10, κ(regression) = 100 (truth.json conditionNumber)
    String q = "R from TSQR/Cholesky sums (100·d·u), Q = A·R⁻¹ and κ-conditioned quantities: 100·d·u·κ";
    c.add(new JobCase("spiked", 8, List.of("qr", "--q"), Across.TOLERANCE, sums8 * 2, q));
    c.add(new JobCase("spiked", 8, List.of("qr", "--method", "cholqr2", "--q"), Across.TOLERANCE, sums8 * 2, q));
    c.add(new JobCase("spiked", 8, List.of("qr", "--method", "randcholqr", "--q"), Across.TOLERANCE, sums8 * 2, q));
    String vectors = "singular/eigenvectors move by (perturbation)/(relative gap) ≤ 100·d·u·κ² (σ ratios 10^(1/7))";
    c.add(new JobCase("lowrank", 8, List.of("svd", "--u"), Across.TOLERANCE, sums8 * 100, vectors));
    c.add(new JobCase("lowrank", 8, List.of("svd", "--method", "gram", "--u"), Across.TOLERANCE, sums8 * 100, vectors));
    c.add(new JobCase("lowrank", 8, List.of("pca"), Across.TOLERANCE, sums8 * 100, vectors));
    c.add(new JobCase("spiked", 8, List.of("eigen", "--method", "exact"), Across.TOLERANCE, sums8 * 2,
        "Gram sums; eigenvector moves by perturbation/gap, gap λ₁/(λ₁−λ₂) = 4/3: 100·d·u·2"));
    c.add(new JobCase("lowrank", 8, List.of("eigen", "--method", "lanczos", "--k", "2"), Across.TOLERANCE, sums8 * 100,
        vectors + "; Lanczos converges to rounding on d = 8"));
    c.add(new JobCase("spiked", 8, List.of("eigen", "--method", "stream", "--verify"), Across.ACCURACY, 0,
        "segments are groups of partitions: P ≥ segments·parallelism is forced, so --min-partitions 1..28 give the same "
            + "28 partitions (bitwise); 40 partitions give other segments"));
    c.add(new JobCase("spiked", 8, List.of("eigen", "--method", "oja", "--verify"), Across.ACCURACY, 0,
        "the learning rate comes from a pilot of whole partitions and the stream visits partitions in order"));
    c.add(new JobCase("spiked", 8, List.of("shuffle", "--files", "4"), Across.BITWISE, 0,
        "order by hash(seed, row key), range-partitioned into --files files"));
    c.add(new JobCase("spiked", 8, List.of("shuffle", "--files", "4", "--output-format", "parquet"), Across.BITWISE, 0,
        "order by hash(seed, row key), range-partitioned into --files files"));
    c.add(new JobCase("lowrank", 8, List.of("spectrum"), Across.TOLERANCE, sums8 * 100, "Gram sums; eigenvalues "
        + "within 100·d·u·‖G‖, descriptors (ratios, logs, histogram counts) within κ² of that"));
    c.add(new JobCase("lowrank", 8, List.of("spectrum", "--method", "slq"), Across.TOLERANCE, sums8 * 100,
        "one Gram product per Lanczos step: 100·d·u per step, κ² for the small Ritz values"));
    c.add(new JobCase("spiked", 8, List.of("spectrum", "--method", "slq", "--probes", "12"), Across.TOLERANCE, sums8 * 4,
        "a degenerate spectrum (λ = 1 seven times): every probe has a node at 1, equal to rounding; 100·d·u·κ²"));
    c.add(new JobCase("lowrank", 8, List.of("spectrum", "--window", "500"), Across.TOLERANCE, sums8 * 100,
        "windows by row id (not by partition): per-window Gram sums"));
    String lev = "τᵢ = ‖aᵢᵀR⁻¹‖² with R from sums: 100·d·u·κ²";
    c.add(new JobCase("spiked", 8, List.of("leverage"), Across.TOLERANCE, sums8 * 4, lev));
    c.add(new JobCase("spiked", 8, List.of("leverage", "--method", "approx"), Across.TOLERANCE, sums8 * 4,
        lev + "; the sketch is keyed by row key, not partition"));
    c.add(new JobCase("spiked", 8, List.of("leverage", "--method", "ridge", "--lambda", "0.1"), Across.TOLERANCE,
        sums8 * 4, lev));
    c.add(new JobCase("spiked", 8, List.of("leverage", "--method", "lewis", "--p", "1", "--tol", "1e-6"),
        Across.TOLERANCE, sums8 * 4, lev + " per iteration; the fixed point is a contraction (p < 4)"));
    c.add(new JobCase("spiked", 8, List.of("leverage", "--sample", "200"), Across.TOLERANCE, sums8 * 4,
        lev + "; rows kept by uniform(seed, row id) < qᵢ: a flip needs u within 1e-14 of qᵢ"));
    String ls = "least squares: δx/x ≤ κ·ε + κ²·ε·‖r‖/(‖A‖‖x‖) with ε = 100·d·u";
    double ls6 = 100 * 6 * U * 100 * 100;
    for (String solver : new String[] {"exact", "precondition", "sketch", "sample", "ihs"}) {
      List<String> a = new ArrayList<>(List.of("regress", "--label-col", "0", "--solver", solver));
      if (solver.equals("exact")) {
        a.add("--residuals");
      }
      c.add(new JobCase("regression", 6, a, Across.TOLERANCE, ls6, ls + (solver.equals("sketch") || solver.equals("sample")
          ? "; the sketch/sample is keyed by row key and id, not partition" : "")));
    }
    c.add(new JobCase("regression", 6, List.of("regress", "--label-col", "0", "--lasso", "--lambdas", "10"),
        Across.TOLERANCE, ls6, ls + "; the cross-validation folds are keyed by row key; coordinate descent stops on "
            + "a full sweep that moves no coordinate by more than 1e-10 relative, below the bound"));
    c.add(new JobCase("blocks", 12, List.of("cluster", "--key-col", "0", "--rank", "3", "--eps", "0.01",
        "--write-compressed"), Across.TOLERANCE, 1000 * 12 * U, "block Grams from per-partition factors; bounds are "
            + "1 − (captured energy share), absolute error ~ d·u per merge: 1000·d·u"));
    return c;
  }

  static Stream<Arguments> arguments() {
    return cases().stream().map(Arguments::of);
  }

  private static Path root;

  /** The generated inputs (once per JVM, deleted at exit). */
  static synchronized Path data() {
    if (root != null) {
      return root;
    }
    try {
      Path dir = Files.createTempDirectory("job-matrix");
      gen(dir, "spiked", "--kind", "spiked", "--rows", "2400", "--cols", "8");
      gen(dir, "lowrank", "--kind", "lowrank", "--rows", "2400", "--cols", "8", "--rank", "8");
      gen(dir, "regression", "--kind", "regression", "--rows", "2400", "--cols", "6");
      gen(dir, "blocks", "--kind", "blocks", "--rows", "600", "--cols", "12", "--rank", "3", "--block-rows", "20",
          "--groups", "3");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
      root = dir;
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void gen(Path dir, String name, String... args) throws IOException {
    for (String files : new String[] {"1", "3"}) {
      List<String> a = new ArrayList<>(List.of("generate"));
      a.addAll(List.of(args));
      a.addAll(List.of("--seed", "3", "--partitions", files, "--output", dir.resolve(name + "-" + files).toString(),
          "--quiet"));
      Cli r = cli(a.toArray(String[]::new));
      assertEquals(0, r.code(), r.err());
    }
    Path gz = Files.createDirectories(dir.resolve(name + "-gz"));
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz.resolve("part-00000.csv.gz")))) {
      Files.copy(dir.resolve(name + "-1").resolve("part-00000.csv"), out);
    }
  }

  static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort at exit
    }
  }

  /**
   * Runs one case on an input layout (3, 1 or gz) into a fresh output; returns the output and the
   * Spark jobs it ran with their injected faults.
   */
  static Run run(JobCase c, String layout, String tag, boolean faults, String... extra) {
    Path out = data().resolve("out").resolve(c.name().replaceAll("[^A-Za-z0-9.]+", "_") + "." + tag);
    List<String> a = new ArrayList<>(c.args());
    a.addAll(List.of("--input", data().resolve(c.data() + "-" + layout).toString(), "--output", out.toString(),
        "--seed", "5", "--quiet"));
    a.addAll(List.of(extra));
    List<InjectedFaults.SparkJob> jobs = InjectedFaults.run(JobTestSupport.spark().sparkContext(), faults, () -> {
      Cli r = cli(a.toArray(String[]::new));
      assertEquals(0, r.code(), String.join(" ", a) + "\n" + r.err());
      return r;
    });
    return new Run(out, jobs);
  }

  record Run(Path out, List<InjectedFaults.SparkJob> jobs) {}
}
