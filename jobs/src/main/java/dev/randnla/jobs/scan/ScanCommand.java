package dev.randnla.jobs.scan;

import dev.randnla.jobs.Configs;
import dev.randnla.jobs.InputMixin;
import dev.randnla.jobs.OutputMixin;
import dev.randnla.jobs.RunMixin;
import dev.randnla.jobs.Sessions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code randnla scan}. */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
    header = "One read of the input: sizes, norms, means and the bad-row report.",
    description = {"One read of the input: rows, columns, nonzeros, column norms and means (CSV),",
        "Frobenius norm, smallest and largest row norms, and the bad-row report. The",
        "read floor other jobs are measured against.",
        "",
        "Outputs: summary.json; column-norms.csv (the Euclidean norm of each column)",
        "and column-means.csv (the mean of each column over the rows read): one value",
        "per line, in column order, no header."})
public final class ScanCommand implements Callable<Integer> {
  @Mixin InputMixin input;
  @Mixin OutputMixin output;
  @Mixin RunMixin run;

  @Override
  public Integer call() {
    ScanConfig config = Configs.build(() -> new ScanConfig(input.toOptions(), output.toOptions(), run.quiet()));
    ScanResult r = ScanJob.FRAME.run(Sessions.get("randnla scan"), config);
    run.report(() -> String.format(java.util.Locale.ROOT, "rows=%d cols=%d nnz=%d frobeniusNorm=%s badRows=%d",
        r.rows(), r.cols(), r.nnz(), r.frobeniusNorm(), r.badRows()));
    return 0;
  }
}
