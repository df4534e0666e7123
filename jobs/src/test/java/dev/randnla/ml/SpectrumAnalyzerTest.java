package dev.randnla.ml;

import static dev.randnla.jobs.JobTestSupport.cli;
import static dev.randnla.jobs.JobTestSupport.section;
import static dev.randnla.ml.EstimatorChecks.rejects;
import static dev.randnla.ml.EstimatorChecks.savedAndLoaded;
import static dev.randnla.ml.FrameData.arrays;
import static dev.randnla.ml.FrameData.frame;
import static dev.randnla.ml.FrameData.sparse;
import static dev.randnla.ml.FrameData.withEntry;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.jobs.JobTestSupport;
import dev.randnla.jobs.JobTestSupport.Cli;
import dev.randnla.jobs.spectrum.SpectrumCommand;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.SymmetricEigen;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SpectrumAnalyzer}: a spiked covariance (identity noise plus one planted spike) through the DataFrame
 * door gives bitwise the CLI's spectrum and descriptors, the dense reference spectrum to rounding, and finds
 * the spike; Spark ML's conventions, save and load.
 */
class SpectrumAnalyzerTest {
  private static final int ROWS = FrameData.ROWS;
  private static final int COLS = 40;
  /** The planted population spike: C = I + SPIKE·uuᵀ, so λ₁ = 1 + SPIKE = ℓ in units of the noise σ² = 1. */
  private static final double SPIKE = 20;
  private static final double UNIT_ROUNDOFF = 0x1p-53;

  @TempDir Path tmp;

  /** Rows [0, a] with a = g + √SPIKE·z·u, g ~ N(0, I), z ~ N(0, 1), u the unit vector along (1, …, 1). */
  static List<Row> spiked(long seed) {
    Random rnd = new Random(seed);
    double along = Math.sqrt(SPIKE / COLS);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      double z = rnd.nextGaussian() * along;
      double[] a = new double[COLS];
      for (int j = 0; j < COLS; j++) {
        a[j] = rnd.nextGaussian() + z;
      }
      rows.add(RowFactory.create(0.0, Vectors.dense(a)));
    }
    return rows;
  }

  /** The eigenvalues of AᵀA/n from a dense Gram summed here, largest first. */
  static double[] reference(List<Row> rows) {
    Matrix g = Matrix.zeros(COLS, COLS);
    for (Row r : rows) {
      double[] a = ((Vector) r.get(1)).toArray();
      for (int i = 0; i < COLS; i++) {
        for (int j = 0; j < COLS; j++) {
          g.set(i, j, g.get(i, j) + a[i] * a[j] / rows.size());
        }
      }
    }
    return SymmetricEigen.of(g).values();
  }

  @Test
  void equalsTheCliBitwiseAndFindsThePlantedSpike() throws Exception {
    Dataset<Row> frame = frame(spiked(41));
    Path data = FrameData.csv(frame, tmp.resolve("csv"));
    for (String method : List.of("exact", "slq")) {
      Path out = tmp.resolve("spectrum-" + method);
      Cli c = cli("spectrum", "--input", data.toString(), "--label-col", "0", "--method", method, "--steps", "12",
          "--seed", "7", "--no-plot", "--output", out.toString(), "--quiet");
      assertEquals(0, c.code(), c.err());
      Map<String, Object> cliResult = section(JobTestSupport.summary(out), "result");
      double[] cliEigenvalues = Files.readAllLines(out.resolve("eigenvalues.csv")).stream()
          .mapToDouble(Double::parseDouble).toArray();
      SpectrumAnalyzer estimator = new SpectrumAnalyzer().setMethod(method).setSteps(12).setSeed(7);
      for (Dataset<Row> input : List.of(frame, arrays(frame))) {
        SpectrumAnalyzerModel model = estimator.fit(input);
        assertEquals(method, model.method());
        assertEquals(cliResult, model.descriptors(), method);
        assertArrayEquals(cliEigenvalues, model.eigenvalues(), 0.0, method);
        assertEquals(((Number) cliResult.get("spectralEntropy")).doubleValue(), model.spectralEntropy(), 0.0);
        assertEquals(ROWS, model.rows());
        assertEquals(COLS, model.cols());
        assertTrue(model.passes() >= 1, "passes " + model.passes());
      }
    }
    SpectrumAnalyzerModel exact = new SpectrumAnalyzer().fit(frame);
    assertEquals("exact", exact.method(), "auto at d = 40");
    // the planted spike ℓ = 21 stands far above the bulk edge (1 + √0.1)² ≈ 1.73: exactly one spike, and its
    // BBP estimate within 4 standard deviations (the top sample eigenvalue's is about ℓ·√(2/n) ≈ 1.5)
    assertEquals(1, exact.spikeEigenvalues().length, exact.summaryJson());
    assertEquals(1 + SPIKE, exact.populationSpikes()[0], 4 * (1 + SPIKE) * Math.sqrt(2.0 / ROWS));
    assertEquals(1.0, exact.sigma2(), 0.25, "the noise level from the median of the bulk");
    assertTrue(exact.columnNormBound() >= exact.nuclearNorm(), "Σ‖A eⱼ‖ bounds ‖A‖_*");
  }

  /**
   * Sparse rows take the sparse Gram update, the reference its own loop: the eigenvalues agree to the rounding
   * of the n-term Gram sums, |Δλ| ≤ n·u·‖A‖²_F/n = n·u·tr(C) for each of the two, plus the eigensolver's
   * d·u·λ₁ (checked with a factor 10).
   */
  @Test
  void denseAndSparseVectorsGiveTheReferenceSpectrumToRounding() {
    List<Row> rows = spiked(42);
    double[] expected = reference(rows);
    double trace = java.util.Arrays.stream(expected).sum();
    double tolerance = 2 * ROWS * UNIT_ROUNDOFF * trace + 10 * COLS * UNIT_ROUNDOFF * expected[0];
    SpectrumAnalyzer estimator = new SpectrumAnalyzer().setMethod("exact");
    for (Dataset<Row> input : List.of(frame(rows), sparse(rows))) {
      SpectrumAnalyzerModel model = estimator.fit(input);
      assertArrayEquals(expected, model.eigenvalues(), tolerance);
      assertEquals(trace / expected[0], model.stableRank(), 1e-12 * COLS);
    }
  }

  @Test
  void transformIsTheIdentitySurvivesSaveAndLoadAndFitsInAPipeline() throws Exception {
    Dataset<Row> frame = frame(spiked(43));
    SpectrumAnalyzerModel model = new SpectrumAnalyzer().setCenter(true).fit(frame);
    assertEquals(frame.collectAsList(), model.transform(frame).collectAsList());
    assertEquals(frame.schema(), model.transformSchema(frame.schema()));

    SpectrumAnalyzerModel loaded = savedAndLoaded(model, SpectrumAnalyzerModel::load, tmp.resolve("model"));
    assertEquals(model.method(), loaded.method());
    assertEquals(model.summaryJson(), loaded.summaryJson());
    assertArrayEquals(model.eigenvalues(), loaded.eigenvalues(), 0.0);
    assertArrayEquals(model.spikeEigenvalues(), loaded.spikeEigenvalues(), 0.0);
    assertArrayEquals(model.populationSpikes(), loaded.populationSpikes(), 0.0);
    assertEquals(List.of(model.rows(), model.cols(), model.spectralEntropy(), model.effectiveRank(), model.stableRank(),
        model.conditionNumber(), model.sigma2(), model.upperEdge(), model.mpKsDistance(), model.powerLawAlpha(),
        model.nuclearNorm(), model.nuclearNormStandardError(), model.columnNormBound(), model.passes()),
        List.of(loaded.rows(), loaded.cols(), loaded.spectralEntropy(), loaded.effectiveRank(), loaded.stableRank(),
        loaded.conditionNumber(), loaded.sigma2(), loaded.upperEdge(), loaded.mpKsDistance(), loaded.powerLawAlpha(),
        loaded.nuclearNorm(), loaded.nuclearNormStandardError(), loaded.columnNormBound(), loaded.passes()));
    assertEquals(frame.collectAsList(), loaded.transform(frame).collectAsList());
    SpectrumAnalyzerModel staged = EstimatorChecks.fitsInAPipeline(new SpectrumAnalyzer().setCenter(true), frame,
        tmp.resolve("pipeline"));
    assertArrayEquals(model.eigenvalues(), staged.eigenvalues(), 0.0);

    SpectrumAnalyzer estimator = new SpectrumAnalyzer().setMethod("slq").setCenter(true).setStandardize(true)
        .setProbes(4).setSteps(8).setTop(3).setSeed(9);
    SpectrumAnalyzer back = savedAndLoaded(estimator, SpectrumAnalyzer::load, tmp.resolve("estimator"));
    assertEquals(List.of("slq", true, true, 4, 8, 3, 9L), List.of(back.getMethod(), back.getCenter(),
        back.getStandardize(), back.getProbes(), back.getSteps(), back.getTop(), back.getSeed()));
  }

  @Test
  void followsSparkMlParamConventions() {
    SpectrumAnalyzer e = new SpectrumAnalyzer();
    assertEquals(List.of("auto", false, false, 16, 30, 20, "features", "fail"), List.of(e.getMethod(), e.getCenter(),
        e.getStandardize(), e.getProbes(), e.getSteps(), e.getTop(), e.getFeaturesCol(), e.getBadRows()));
    EstimatorChecks.explainsAndCopies(e, List.of("method", "center", "standardize", "probes", "steps", "top", "seed",
        "featuresCol", "badRows"), e.probes(), 4, SpectrumAnalyzer::getProbes);
    assertThrows(IllegalArgumentException.class, () -> e.setMethod("power"));
    assertThrows(IllegalArgumentException.class, () -> e.setSteps(0));
  }

  @Test
  void paramsDocumentTheirCliOptionsWithTheCliDefaults() {
    SpectrumAnalyzer e = new SpectrumAnalyzer();
    Map<Param<?>, String> options = Map.of(e.method(), "--method", e.center(), "--center", e.standardize(),
        "--standardize", e.probes(), "--probes", e.steps(), "--steps", e.top(), "--top", e.seed(), "--seed");
    // flags have no default value in picocli, and the CLI draws a seed where an Estimator hashes its class name
    Set<Param<?>> sameDefault = Set.of(e.method(), e.probes(), e.steps(), e.top());
    FrameData.assertParamsMatchCli(new SpectrumCommand(), options, sameDefault, e);
  }

  @Test
  void missingOrWronglyTypedColumnsAreNamed() {
    Dataset<Row> frame = frame(spiked(44));
    rejects("column 'x' does not exist", () -> new SpectrumAnalyzer().setFeaturesCol("x").fit(frame));
    rejects("column 'label' must be a vector", () -> new SpectrumAnalyzer().setFeaturesCol("label").fit(frame));
    SpectrumAnalyzerModel model = new SpectrumAnalyzer().fit(frame);
    rejects("column 'features' does not exist", () -> model.transform(frame.drop("features")));
  }

  /** Row 201 (partition 1, row 2) made bad: the CLI's exit-3 exception, or dropped and counted with skip. */
  @Test
  void badValuesFailLikeTheCliOrAreSkipped() throws Exception {
    List<Row> clean = spiked(45);
    int at = ROWS / 3 + 1;
    Vector x = (Vector) clean.get(at).get(1);
    List<Map.Entry<Row, String>> cases = List.of(
        Map.entry(RowFactory.create(0.0, withEntry(x, 3, Double.NaN)), "NaN at entry 3 in column 'features'"),
        Map.entry(RowFactory.create(0.0, withEntry(x, 0, Double.NEGATIVE_INFINITY)), "-Inf at entry 0 in column 'features'"),
        Map.entry(RowFactory.create(0.0, null), "null vector in column 'features'"));
    for (Map.Entry<Row, String> c : cases) {
      List<Row> rows = new ArrayList<>(clean);
      rows.set(at, c.getKey());
      Dataset<Row> frame = frame(rows);
      EstimatorChecks.badRowFailsOrIsSkipped(new SpectrumAnalyzer(), SpectrumAnalyzerModel::summaryJson, frame,
          "bad row in DataFrame partition 1, row 2: " + c.getValue() + " (set badRows to skip to drop such rows)");
      if (c.getValue().startsWith("NaN")) {
        Path out = tmp.resolve("bad-out");
        Cli cli = cli("spectrum", "--input", FrameData.csv(frame, tmp.resolve("bad")).toString(), "--label-col", "0",
            "--no-plot", "--output", out.toString(), "--quiet");
        assertEquals(3, cli.code(), cli.err());
        assertTrue(cli.err().contains("NaN"), cli.err());
      }
    }
  }
}
