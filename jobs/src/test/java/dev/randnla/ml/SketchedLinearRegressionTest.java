package dev.randnla.ml;

import static dev.randnla.jobs.JobTestSupport.cli;
import static dev.randnla.ml.FrameData.D;
import static dev.randnla.ml.FrameData.ROWS;
import static dev.randnla.ml.FrameData.arrays;
import static dev.randnla.ml.FrameData.frame;
import static dev.randnla.ml.FrameData.rows;
import static dev.randnla.ml.FrameData.sparse;
import static dev.randnla.ml.FrameData.spark;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.io.InvalidInputException;
import dev.randnla.jobs.JobTestSupport.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SketchedLinearRegression}: the CLI's coefficients from a DataFrame, in a Pipeline, save and load. */
class SketchedLinearRegressionTest {
  @TempDir Path tmp;

  /** The CLI on the same rows gives bitwise the model's coefficients (default solver and a seeded sketch-free exact). */
  @Test
  void equalsTheCliBitwiseOnDenseAndArrayColumns() throws Exception {
    Dataset<Row> frame = frame(rows(31));
    for (String solver : List.of("precondition", "exact")) {
      Path out = EstimatorChecks.cli(frame, tmp, "regress", "--solver", solver, "--intercept", "--seed", "5");
      double[] x = Files.readAllLines(out.resolve("coefficients.csv")).stream().mapToDouble(Double::parseDouble).toArray();
      SketchedLinearRegression estimator = new SketchedLinearRegression().setSolver(solver).setIntercept(true).setSeed(5);
      for (Dataset<Row> input : List.of(frame, arrays(frame))) {
        SketchedLinearRegressionModel model = estimator.fit(input);
        assertArrayEquals(x, model.coefficients().toArray(), 0.0, solver);
        assertTrue(model.summaryJson().contains("\"solver\" : \"" + solver + "\""), model.summaryJson());
      }
    }
  }

  /**
   * Sparse rows enter the TSQR through the sparse update (another summation order): the coefficients
   * agree to κ(A)·u-level rounding, checked at 1e-10 (κ ≤ 10 for columns of scales 6..1).
   */
  @Test
  void sparseVectorsAgreeWithDenseToRounding() {
    List<Row> rows = rows(32);
    SketchedLinearRegression estimator = new SketchedLinearRegression().setSolver("exact").setIntercept(true);
    SketchedLinearRegressionModel dense = estimator.fit(frame(rows));
    SketchedLinearRegressionModel sparse = estimator.fit(sparse(rows));
    assertArrayEquals(dense.coefficients().toArray(), sparse.coefficients().toArray(), 1e-10);
    assertEquals(dense.intercept(), sparse.intercept(), 1e-10);
  }

  /**
   * VectorAssembler → SketchedLinearRegression in a Pipeline: the fit recovers x and c within the noise
   * (standard error σ/(√n·scale) ≈ 0.01/√600 ≈ 4e-4 per coefficient; checked at 5e-3) and every prediction is
   * within 6σ = 0.06 of its label; the saved and loaded PipelineModel predicts bitwise the same.
   */
  @Test
  void pipelineWithVectorAssemblerFitsPredictsAndSurvivesSaveAndLoad() throws Exception {
    Dataset<Row> frame = frame(rows(33));
    Dataset<Row> columns = frame.withColumn("a", org.apache.spark.ml.functions.vector_to_array(frame.col("features"), "float64"));
    String[] names = new String[D];
    for (int j = 0; j < D; j++) {
      names[j] = "x" + j;
      columns = columns.withColumn(names[j], columns.col("a").getItem(j));
    }
    columns = columns.drop("features", "a");
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
        new VectorAssembler().setInputCols(names).setOutputCol("features"),
        new SketchedLinearRegression().setIntercept(true).setSolver("sketch").setSeed(3)});
    PipelineModel fitted = pipeline.fit(columns);
    SketchedLinearRegressionModel model = (SketchedLinearRegressionModel) fitted.stages()[1];
    assertArrayEquals(FrameData.X, model.coefficients().toArray(), 5e-3);
    assertEquals(FrameData.INTERCEPT, model.intercept(), 5e-3);
    Dataset<Row> predicted = fitted.transform(columns);
    double worst = predicted.select(functions.max(functions.abs(predicted.col("prediction").minus(predicted.col("label")))))
        .first().getDouble(0);
    assertTrue(worst < 6 * FrameData.NOISE, "largest residual " + worst);

    String path = tmp.resolve("pipeline").toString();
    fitted.save(path);
    PipelineModel loaded = PipelineModel.load(path);
    assertEquals(predicted.select("prediction").collectAsList(), loaded.transform(columns).select("prediction").collectAsList());
    String estimatorPath = tmp.resolve("pipeline-estimator").toString();
    pipeline.save(estimatorPath);
    SketchedLinearRegression stage = (SketchedLinearRegression) Pipeline.load(estimatorPath).getStages()[1];
    assertEquals(List.of("sketch", true, 3L), List.of(stage.getSolver(), stage.getIntercept(), stage.getSeed()));
  }

  @Test
  void modelSaveLoadPredictsTheSame() throws Exception {
    Dataset<Row> frame = frame(rows(34));
    SketchedLinearRegressionModel model = new SketchedLinearRegression().setPredictionCol("p").fit(frame);
    Vector x = (Vector) frame.first().get(1);
    double expected = 0;
    for (int j = 0; j < D; j++) {
      expected += x.apply(j) * model.coefficients().apply(j);
    }
    assertEquals(expected, model.predict(x), 0.0);
    assertEquals(0.0, model.intercept(), "no intercept fitted");
    assertEquals(model.predict(x), model.transform(frame).first().getDouble(2), 0.0);
    String path = tmp.resolve("model").toString();
    model.save(path);
    SketchedLinearRegressionModel loaded = SketchedLinearRegressionModel.load(path);
    assertEquals("p", loaded.getPredictionCol());
    assertEquals(model.summaryJson(), loaded.summaryJson());
    assertEquals(model.transform(frame).collectAsList(), loaded.transform(frame).collectAsList());
  }

  @Test
  void paramsAndColumnErrorsFollowSparkMl() {
    SketchedLinearRegression e = new SketchedLinearRegression();
    assertEquals(List.of("features", "label", "prediction", "l2", 0.0, false, "fail"), List.of(e.getFeaturesCol(),
        e.getLabelCol(), e.getPredictionCol(), e.getGuarantee(), e.getRidge(), e.getIntercept(), e.getBadRows()));
    assertEquals(null, e.getSolver(), "unset: the CLI's default");
    assertTrue(e.explainParams().contains("solver: The solver (--solver)"), e.explainParams());
    assertThrows(IllegalArgumentException.class, () -> e.setRidge(-1));
    assertThrows(IllegalArgumentException.class, () -> e.setSketch("fourier"));

    Dataset<Row> frame = frame(rows(35));
    Dataset<Row> textLabel = frame.withColumn("label", frame.col("label").cast("string"));
    EstimatorChecks.rejects("column 'label' must be numeric, but is string", () -> e.fit(textLabel));
    EstimatorChecks.rejects("column 'y' does not exist", () -> new SketchedLinearRegression().setLabelCol("y").fit(frame));
    EstimatorChecks.rejects("column 'label' must be a vector",
        () -> new SketchedLinearRegression().setFeaturesCol("label").fit(frame));
  }

  @Test
  void badValuesFailLikeTheCliOrAreSkipped() {
    List<Row> rows = new ArrayList<>(rows(36));
    rows.set(2 * ROWS / 3 + 9, RowFactory.create(Double.NaN, Vectors.dense(1, 2, 3, 4, 5, 6)));
    rows.set(5, RowFactory.create(1.0, null));
    Dataset<Row> frame = frame(rows);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> new SketchedLinearRegression().setSolver("exact").fit(frame));
    // the first task to meet its bad row reports it (as for the CLI, partitions are read in parallel)
    assertTrue(java.util.Set.of(
        "bad row in DataFrame partition 0, row 6: null vector in column 'features' (set badRows to skip to drop such rows)",
        "bad row in DataFrame partition 2, row 10: NaN in column 'label' (set badRows to skip to drop such rows)")
        .contains(e.getMessage()), e.getMessage());
    SketchedLinearRegressionModel skipped = new SketchedLinearRegression().setSolver("exact").setBadRows("skip").fit(frame);
    assertTrue(skipped.summaryJson().contains("\"badRows\" : 2"), skipped.summaryJson());
    assertTrue(skipped.summaryJson().contains("DataFrame partition 2, row 10: NaN in column 'label'"), skipped.summaryJson());
  }

  /** The rows of {@link FrameData#rows} with a weight column: w = 0, 1, 2, 3 in turn (0 leaves a row out). */
  private static Dataset<Row> weighted(List<Row> rows) {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      out.add(RowFactory.create(rows.get(i).getDouble(0), (double) (i % 4), rows.get(i).get(1)));
    }
    StructType schema = new StructType().add("label", DataTypes.DoubleType).add("weight", DataTypes.DoubleType)
        .add("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType());
    return spark().createDataFrame(JavaSparkContext.fromSparkContext(spark().sparkContext())
        .parallelize(out, FrameData.PARTITIONS), schema);
  }

  /**
   * weightCol minimises Σ wᵢ(aᵢ·x + c − bᵢ)²: bitwise the CLI's --weight-col on the same rows; the same as
   * each row repeated wᵢ times (integer weights; exact TSQR, another summation order: 1e-10 at κ ≤ 10); and
   * MLlib's LinearRegression with the same weightCol (normal equations, Cholesky: κ²·u ≈ 1e-14, checked at 1e-9).
   */
  @Test
  void weightsEqualTheCliRepeatedRowsAndMllib() throws Exception {
    List<Row> rows = rows(37);
    Dataset<Row> frame = weighted(rows);
    Path data = FrameData.csv(frame, tmp.resolve("weighted"));
    for (String solver : List.of("precondition", "exact")) {
      Path out = tmp.resolve("weighted-" + solver);
      Cli c = cli("regress", "--input", data.toString(), "--label-col", "0", "--weight-col", "1", "--solver", solver,
          "--intercept", "--seed", "5", "--output", out.toString(), "--quiet");
      assertEquals(0, c.code(), c.err());
      double[] x = Files.readAllLines(out.resolve("coefficients.csv")).stream().mapToDouble(Double::parseDouble).toArray();
      SketchedLinearRegressionModel model = new SketchedLinearRegression().setSolver(solver).setIntercept(true)
          .setSeed(5).setWeightCol("weight").fit(frame);
      assertArrayEquals(x, model.coefficients().toArray(), 0.0, solver);
      assertTrue(model.summaryJson().contains("\"weightCol\" : \"weight\""), model.summaryJson());
    }

    List<Row> repeated = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      for (int copy = 0; copy < i % 4; copy++) {
        repeated.add(rows.get(i));
      }
    }
    SketchedLinearRegression exact = new SketchedLinearRegression().setSolver("exact").setIntercept(true);
    SketchedLinearRegressionModel w = exact.setWeightCol("weight").fit(frame);
    SketchedLinearRegressionModel r = exact.setWeightCol("").fit(frame(repeated));
    assertArrayEquals(r.coefficients().toArray(), w.coefficients().toArray(), 1e-10);
    assertEquals(r.intercept(), w.intercept(), 1e-10);

    org.apache.spark.ml.regression.LinearRegressionModel mllib = new org.apache.spark.ml.regression.LinearRegression()
        .setSolver("normal").setRegParam(0).setStandardization(false).setWeightCol("weight").fit(frame);
    assertArrayEquals(mllib.coefficients().toArray(), w.coefficients().toArray(), 1e-9);
    assertEquals(mllib.intercept(), w.intercept(), 1e-9);
  }

  @Test
  void badWeightsFailLikeTheCliOrAreSkipped() {
    List<Row> rows = new ArrayList<>(weighted(rows(38)).collectAsList());
    Row third = rows.get(3);
    rows.set(3, RowFactory.create(third.get(0), -1.0, third.get(2)));
    Dataset<Row> frame = spark().createDataFrame(rows, weighted(rows.subList(0, 1)).schema()).coalesce(1);
    SketchedLinearRegression e = new SketchedLinearRegression().setSolver("exact").setWeightCol("weight");
    InvalidInputException bad = assertThrows(InvalidInputException.class, () -> e.fit(frame));
    assertEquals("bad row in DataFrame partition 0, row 4: negative weight -1.0 in column 'weight' (weights must be "
        + ">= 0) (set badRows to skip to drop such rows)", bad.getMessage());
    assertTrue(e.setBadRows("skip").fit(frame).summaryJson().contains("\"badRows\" : 1"));
    EstimatorChecks.rejects("column 'weight' must be numeric, but is string",
        () -> e.fit(frame.withColumn("weight", frame.col("weight").cast("string"))));
  }
}
