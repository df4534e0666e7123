package dev.randnla.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.io.InvalidInputException;
import dev.randnla.jobs.JobTestSupport;
import dev.randnla.linalg.Matrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.function.Executable;

/**
 * The checks every Estimator of the package passes the same way, on {@link FrameData}'s rows: the CLI on
 * the same rows, the column errors, the bad-row policy, a Pipeline that is saved and loaded.
 */
final class EstimatorChecks {
  private EstimatorChecks() {}

  private static final AtomicInteger RUNS = new AtomicInteger();

  /**
   * Runs {@code randnla job options…} on the rows of {@code frame} as the CLI reads them ({@link FrameData#csv},
   * written once under {@code dir}); asserts exit 0 and returns the output directory.
   */
  static Path cli(Dataset<Row> frame, Path dir, String job, String... options) throws IOException {
    Path data = Files.isDirectory(dir.resolve("csv")) ? dir.resolve("csv") : FrameData.csv(frame, dir.resolve("csv"));
    Path out = dir.resolve(job + "-" + RUNS.incrementAndGet());
    List<String> args = new ArrayList<>(List.of(job, "--input", data.toString(), "--label-col", "0"));
    args.addAll(List.of(options));
    args.addAll(List.of("--output", out.toString(), "--quiet"));
    JobTestSupport.Cli c = JobTestSupport.cli(args.toArray(new String[0]));
    assertEquals(0, c.code(), args + ": " + c.err());
    return out;
  }

  /**
   * A fit on a missing or a wrongly typed {@code featuresCol} and a transform of a missing one or into an
   * existing column throw an IllegalArgumentException naming the column ({@code frame} has a double
   * column {@code label}).
   */
  static <M extends RowMapModel<M>, E extends RowMapEstimator<M, E>> void columnsAreNamed(E estimator,
      Dataset<Row> frame) {
    rejects("column 'x' does not exist", () -> estimator.copy(ParamMap.empty()).setFeaturesCol("x").fit(frame));
    rejects("column 'label' must be a vector", () -> estimator.copy(ParamMap.empty()).setFeaturesCol("label").fit(frame));
    M model = estimator.fit(frame);
    rejects("output column 'label' already exists", () -> model.copy(ParamMap.empty()).setOutputCol("label").transform(frame));
    rejects("column 'y' does not exist", () -> model.copy(ParamMap.empty()).setFeaturesCol("y").transform(frame));
  }

  /**
   * Spark ML's Param conventions: {@code explainParams} lists every one of {@code names}, and
   * {@code copy(extra)} keeps the uid and takes {@code param = value} from {@code extra} while the original
   * keeps what {@code get} read before the copy.
   */
  @SuppressWarnings("unchecked")
  static <T, E extends Params> void explainsAndCopies(E e, List<String> names, org.apache.spark.ml.param.Param<T> param,
      T value, Function<E, Object> get) {
    String explained = e.explainParams();
    for (String p : names) {
      assertTrue(explained.contains(p + ":"), explained);
    }
    Object before = get.apply(e);
    E copy = (E) e.copy(new ParamMap().put(param, value));
    assertEquals(e.uid(), copy.uid());
    assertEquals(value, get.apply(copy));
    assertEquals(before, get.apply(e));
  }

  static void rejects(String start, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
  }

  /**
   * {@code frame} has one bad row among {@link FrameData#ROWS}: the fit fails with the CLI's exit-3 error (an
   * InvalidInputException with {@code message}); with badRows = skip it drops and counts the row.
   *
   * @param summary the fitted model's summaryJson
   */
  static <M extends Model<M>, E extends RandnlaEstimator<M, E>> void badRowFailsOrIsSkipped(E estimator,
      Function<M, String> summary, Dataset<Row> frame, String message) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> estimator.fit(frame));
    assertEquals(message, e.getMessage());
    String skipped = summary.apply(estimator.copy(ParamMap.empty()).setBadRows("skip").fit(frame));
    assertTrue(skipped.contains("\"badRows\" : 1"), skipped);
    assertTrue(skipped.contains("\"rows\" : " + (FrameData.ROWS - 1)), skipped);
  }

  /** The rows' feature vectors as a dense n × d matrix. */
  static Matrix matrix(List<Row> rows) {
    return Matrix.fromRows(rows.stream().map(r -> ((Vector) r.get(1)).toArray()).toArray(double[][]::new));
  }

  /** The model's transform of {@code frame}, collected, after checking that its output column holds vectors. */
  static List<Row> transformed(RowMapModel<?> model, Dataset<Row> frame) {
    Dataset<Row> out = model.transform(frame);
    assertEquals(SQLDataTypes.VectorType(), out.schema().apply(model.getOutputCol()).dataType());
    return out.collectAsList();
  }

  /** Saves {@code x} under {@code dir} and loads it with {@code load}; asserts that its uid and params survive. */
  static <T extends Params & MLWritable> T savedAndLoaded(T x, Function<String, T> load, Path dir) throws IOException {
    x.save(dir.toString());
    T back = load.apply(dir.toString());
    assertEquals(x.uid(), back.uid());
    assertEquals(x.extractParamMap().toString(), back.extractParamMap().toString());
    return back;
  }

  /**
   * A Pipeline holding {@code estimator} fits; its transform keeps every row and a save and load transforms
   * bitwise the same. Returns the fitted stage.
   */
  static <M extends Model<M>> M fitsInAPipeline(Estimator<M> estimator, Dataset<Row> frame, Path dir) throws Exception {
    PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {estimator}).fit(frame);
    List<Row> out = fitted.transform(frame).collectAsList();
    assertEquals(FrameData.ROWS, out.size());
    fitted.save(dir.toString());
    assertEquals(out, PipelineModel.load(dir.toString()).transform(frame).collectAsList());
    @SuppressWarnings("unchecked")
    M stage = (M) fitted.stages()[0];
    return stage;
  }
}
