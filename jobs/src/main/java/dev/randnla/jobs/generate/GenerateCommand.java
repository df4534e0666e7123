package dev.randnla.jobs.generate;

import dev.randnla.io.CliEnums;
import dev.randnla.io.MatrixFormat;
import dev.randnla.jobs.Configs;
import dev.randnla.jobs.OutputMixin;
import dev.randnla.jobs.RunMixin;
import dev.randnla.jobs.Sessions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code randnla generate}. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Writes a synthetic matrix with exactly known answers (truth.json).",
    description = {"Writes a synthetic matrix with exactly known answers, any size, any format, plus",
        "truth.json. Its answers are those of the construction in exact arithmetic; the",
        "files hold it rounded (to double, or to --digits), whose answers move by the",
        "rounding's effect (growing with kappa). regression also gets 'stored': the",
        "least-squares answer of the rows as written (read back; n (d+1) <= 2^27).",
        "",
        "Kinds (U = columns 1..d of an exact orthonormal basis: Walsh-Hadamard when rows",
        "is a power of two, DCT-II otherwise; V = Haar-random orthogonal):",
        "  spiked      U diag(sqrt(gap),1,...,1) V^T: top eigenvector V e1, eigen-gap",
        "              --gap",
        "  lowrank     U diag(s) V^T, rank --rank, nonzero s geometric from 1 to",
        "              1/--kappa",
        "  heavy-rows  light rows with no energy along v1 plus --heavy rows +-c v1 (the",
        "              streaming adversary)",
        "  regression  label b = A x* + rho U[:,d+1]: x* and residual --residual of",
        "              the construction, stored.xStar of the rows; label is field 0",
        "  leverage    alpha I_d stacked on U diag(s): identity rows have leverage",
        "              alpha^2/(alpha^2+s_j^2)",
        "  blocks      blocks of --block-rows rows from --groups planted rank---rank",
        "              subspaces; key is field 0",
        "  sparse      sparse rows with a planted sparse top eigenvector and a certified",
        "              gap (LIBSVM-friendly)",
        "  noise       Gaussian rows N(0, s^2 (I + sum (l_k - 1) u_k u_k^T)),",
        "              s = --noise, spikes l_k = --spikes: the Marchenko-Pastur null",
        "              model; truth.json holds the bulk edges, BBP threshold and spike",
        "              predictions",
        "  duplicated  direction v_j (column of V) repeated m_j times, m geometric from",
        "              1 to kappa^2: every copy has leverage, lp Lewis weight and lp",
        "              sensitivity 1/m_j",
        "  sparse-regression  Gaussian rows, label y = X w* + --noise N(0,1), w* with",
        "              --sparsity nonzeros on a random support; --kappa > 1 makes the",
        "              columns strongly correlated (condition number kappa); truth.json",
        "              holds wStar, support, noise; label is field 0",
        "",
        "Outputs: part-NNNNN.<format> data files, truth.json, summary.json, _SUCCESS. The",
        "output directory can be passed as --input to any job (truth.json and",
        "summary.json are skipped)."})
public final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--kind", required = true, paramLabel = "KIND",
      description = "spiked, lowrank, heavy-rows, regression, leverage, blocks, sparse, noise or duplicated.")
  String kind;

  @Option(names = "--rows", required = true, paramLabel = "N", description = "Rows n.")
  long rows;

  @Option(names = "--cols", required = true, paramLabel = "D", description = "Columns d.")
  int cols;

  @Option(names = "--format", paramLabel = "FMT", defaultValue = "csv",
      description = "csv (default), tsv, libsvm or parquet (array<double> column 'values'; ml Vector 'features' for sparse).")
  String format;

  @Option(names = "--order", paramLabel = "ORDER", defaultValue = "random",
      description = "random (default): rows in a seeded uniformly random order, the layout streaming methods assume; "
          + "sorted: generation order (heavy rows last, blocks contiguous).")
  String order;

  @Option(names = "--partitions", paramLabel = "P", defaultValue = "0",
      description = "Number of data files (one task each). Default: enough for ~4M values each, at least Spark's parallelism.")
  int partitions;

  @Option(names = "--digits", paramLabel = "K", defaultValue = "0",
      description = "Round values to K significant digits (smaller files; answers become approximate). Default 0: full precision.")
  int digits;

  @Option(names = "--header", description = "csv/tsv: write a header line (key, label, x0, x1, …).")
  boolean header;

  @Option(names = "--gap", paramLabel = "R", description = "Eigen-gap σ1²/σ2² for spiked, heavy-rows and sparse (lower bound). Default 4.")
  Double gap;

  @Option(names = "--kappa", paramLabel = "K",
      description = "Condition number: lowrank (default 10), regression (default 100), leverage (spread of s, default 100), "
          + "duplicated (sqrt of the multiplicity ratio, default 2), sparse-regression (of the design's covariance "
          + "factor; default 1: isotropic).")
  Double kappa;

  @Option(names = "--rank", paramLabel = "R", description = "Rank: lowrank (default min(d,10)), blocks (default min(d,5)).")
  Integer rank;

  @Option(names = "--residual", paramLabel = "RHO", description = "regression: ‖Ax* − b‖. Default 1.")
  Double residual;

  @Option(names = "--heavy", paramLabel = "H", description = "heavy-rows: number of heavy rows. Default 5.")
  Integer heavy;

  @Option(names = "--alpha", paramLabel = "A", description = "leverage: scale of the identity rows. Default 1.")
  Double alpha;

  @Option(names = "--groups", paramLabel = "G", description = "blocks: planted groups. Default 4.")
  Integer groups;

  @Option(names = "--block-rows", paramLabel = "C", description = "blocks: rows per block. Default 50.")
  Integer blockRows;

  @Option(names = "--noise", paramLabel = "NU",
      description = "blocks: noise relative to the signal per entry (default 1e-3); noise: the entry standard deviation (default 1); "
          + "sparse-regression: the label noise's standard deviation (default 0.1).")
  Double noise;

  @Option(names = "--nnz-per-row", paramLabel = "K", description = "sparse: nonzeros of a light row. Default 20.")
  Integer nnzPerRow;

  @Option(names = "--spike-support", paramLabel = "M", description = "sparse: nonzeros of the top eigenvector. Default 10.")
  Integer spikeSupport;

  @Option(names = "--spikes", paramLabel = "L1,L2,...", split = ",",
      description = "noise: planted population spikes, each a variance in units of noise^2 (e.g. 3,1.2); a spike separates "
          + "from the Marchenko-Pastur bulk only above 1 + sqrt(cols/rows). Default: none.")
  double[] spikes;

  @Option(names = "--sparsity", paramLabel = "K", description = "sparse-regression: nonzeros of w*. Default min(5, d).")
  Integer sparsity;

  @Mixin OutputMixin output;
  @Mixin RunMixin run;

  @Override
  public Integer call() {
    GenerateJob.Plan plan = Configs.build(() -> new GenerateConfig(CliEnums.parse(MatrixKind.class, "--kind", kind),
        rows, cols, output.toOptions(), CliEnums.parse(MatrixFormat.class, "--format", format),
        CliEnums.parseWord("--order", order, "random", "sorted").equals("random"), run.seedOrDraw(), partitions,
        digits, header, gap, kappa, rank, residual, heavy, alpha, groups, blockRows, noise, nnzPerRow, spikeSupport,
        spikes, sparsity, run.quiet()), GenerateJob::plan);
    GenerateResult r = GenerateJob.run(Sessions.get("randnla generate"), plan);
    run.report(() -> String.format(java.util.Locale.ROOT, "wrote %d x %d (%d nonzeros, ‖A‖_F = %s) in %d file(s)",
        r.rows(), r.cols(), r.nnz(), r.frobeniusNorm(), r.files()));
    return 0;
  }
}
