package dev.randnla.jobs.demo;

import dev.randnla.io.InputOptions;
import dev.randnla.jobs.generate.GenerateJob;
import dev.randnla.jobs.generate.MatrixKind;
import dev.randnla.jobs.spectrum.SpectrumConfig;
import dev.randnla.jobs.spectrum.SpectrumJob;
import dev.randnla.jobs.spectrum.SpectrumResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Demo of {@code spectrum}: Gaussian noise 8 000 × 400 with planted spikes 6, 3 (above the BBP
 * threshold 1 + √0.05 ≈ 1.22) and 1.1 (below it); the job should find exactly two spikes near their
 * predicted sample eigenvalues and a noise level σ² ≈ 1.
 */
final class SpectrumDemo implements DemoStep {
  static final long ROWS = 8_000;
  static final int COLS = 400;

  @Override
  public String title() {
    return "generate Gaussian noise " + ROWS + " x " + COLS + " with spikes 6, 3, 1.1, then spectrum (Marchenko-Pastur, BBP)";
  }

  @Override
  public List<DemoRow> run(SparkSession spark, String workdir, long seed) {
    String dir = workdir + "/noise";
    GenerateJob.run(spark, DemoStep.generated(MatrixKind.NOISE, ROWS, COLS, dir, seed).noise(1.0)
        .spikes(new double[] {6, 3, 1.1}).build());
    Map<String, Object> truth = DemoStep.truth(spark, dir);
    SpectrumResult r = SpectrumJob.FRAME.run(spark,
        SpectrumConfig.of(InputOptions.of(dir), DemoStep.output(workdir, "spectrum")));
    List<?> predicted = (List<?>) truth.get("predictedSampleEigenvalues");
    List<DemoRow> rows = new ArrayList<>();
    rows.add(DemoRow.compare("spectrum", "spikes detected (BBP: 2 of 3)", r.spikeEigenvalues().length, 2));
    for (int k = 0; k < Math.min(2, r.spikeEigenvalues().length); k++) {
      rows.add(DemoRow.compare("spectrum", "spike " + (k + 1) + " sample eigenvalue vs BBP", r.spikeEigenvalues()[k],
          ((Number) predicted.get(k)).doubleValue()));
      rows.add(DemoRow.compare("spectrum", "spike " + (k + 1) + " population value l", r.populationSpikes()[k],
          new double[] {6, 3}[k]));
    }
    rows.add(DemoRow.compare("spectrum", "noise sigma^2 (median-based)", r.sigma2(), 1.0));
    rows.add(DemoRow.compare("spectrum", "MP upper edge", r.upperEdge(),
        ((Number) ((List<?>) truth.get("bulkEdges")).get(1)).doubleValue()));
    rows.add(DemoRow.info("spectrum", "KS distance from MP", String.format(java.util.Locale.ROOT, "%.4f", r.mpKsDistance())));
    rows.add(DemoRow.info("spectrum", "nuclear norm <= column-norm bound", String.format(java.util.Locale.ROOT,
        "%.6g <= %.6g", r.nuclearNorm(), r.columnNormBound())));
    return rows;
  }
}
