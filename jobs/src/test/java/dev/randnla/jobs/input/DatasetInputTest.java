package dev.randnla.jobs.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.randnla.ml.FrameData.PARTITIONS;
import static dev.randnla.ml.FrameData.ROWS;
import static dev.randnla.ml.FrameData.SCHEMA;
import static dev.randnla.ml.FrameData.frame;
import static dev.randnla.ml.FrameData.rows;
import static dev.randnla.ml.FrameData.spark;

import dev.randnla.io.BadRowPolicy;
import dev.randnla.io.InputOptions;
import dev.randnla.io.InvalidInputException;
import dev.randnla.io.OutputOptions;
import dev.randnla.jobs.eigen.EigenConfig;
import dev.randnla.jobs.eigen.EigenJob;
import dev.randnla.jobs.eigen.EigenMethod;
import dev.randnla.jobs.eigen.EigenResult;
import dev.randnla.jobs.regress.RegressConfig;
import dev.randnla.jobs.regress.RegressJob;
import dev.randnla.jobs.regress.RegressResult;
import dev.randnla.jobs.regress.Solver;
import dev.randnla.ml.FrameData;
import dev.randnla.sketch.SketchKind;
import dev.randnla.spark.DatasetSource;
import dev.randnla.spark.MatrixInput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.mllib.linalg.distributed.RowMatrix;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data a program holds ({@link DatasetSource}) runs the same job code as files: the same rows in the
 * same partitions give bitwise the same eigenpairs and coefficients through a DataFrame, an RDD of
 * vectors, a RowMatrix and the CLI's CSV reader (one gzip file per partition, so each file is exactly
 * one split); bad values fail with the column, partition and row, or are skipped.
 */
class DatasetInputTest {
  @TempDir Path tmp;

  Path csv(Dataset<Row> frame) throws IOException {
    return FrameData.csv(frame, tmp.resolve("csv"));
  }

  static EigenConfig eigen(InputOptions in, EigenMethod method) {
    return EigenConfig.of(in, OutputOptions.none(), method, 11).withK(2);
  }

  @Test
  void eigenThroughTheDataFrameIsBitwiseTheCsvAnswer() throws IOException {
    Dataset<Row> frame = frame(rows(1));
    InputOptions files = InputOptions.of(csv(frame).toString()).withLabelCol("0");
    for (EigenMethod method : List.of(EigenMethod.EXACT, EigenMethod.LANCZOS)) {
      EigenResult cli = EigenJob.FRAME.run(spark(), eigen(files, method));
      MatrixInput in = DatasetSource.open(frame, "features", null, BadRowPolicy.FAIL);
      assertEquals(PARTITIONS, in.numPartitions());
      EigenResult df = EigenJob.FRAME.run(eigen(in.options(), method), in);
      assertArrayEquals(cli.eigenvalues(), df.eigenvalues(), 0.0, method.cliName());
      assertArrayEquals(cli.eigenvectors().column(1), df.eigenvectors().column(1), 0.0, method.cliName());
      assertEquals(cli.passes(), df.passes(), method.cliName());
      assertTrue(df.summaryJson().contains("\"format\" : \"dataframe\""), df.summaryJson());
    }
  }

  @Test
  void regressThroughTheDataFrameIsBitwiseTheCsvAnswer() throws IOException {
    Dataset<Row> frame = frame(rows(2));
    InputOptions files = InputOptions.of(csv(frame).toString()).withLabelCol("0");
    for (Solver solver : List.of(Solver.EXACT, Solver.PRECONDITION)) {
      RegressResult cli = RegressJob.FRAME.run(spark(), RegressConfig.of(files, OutputOptions.none(), solver, 5));
      MatrixInput in = DatasetSource.open(frame, "features", "label", BadRowPolicy.FAIL);
      RegressResult df = RegressJob.FRAME.run(RegressConfig.of(in.options(), OutputOptions.none(), solver, 5), in);
      assertArrayEquals(cli.coefficients(), df.coefficients(), 0.0, solver.cliName());
      assertEquals(cli.residualNorm(), df.residualNorm(), 0.0, solver.cliName());
      assertEquals(ROWS, df.rows());
    }
  }

  /** A seeded sketch hashes rows by key: (partition, position) keys repeat bitwise over runs and doors. */
  @Test
  void seededSketchRepeatsBitwiseAcrossDataFrameRddAndRowMatrix() {
    List<Row> rows = rows(3);
    Dataset<Row> frame = frame(rows);
    RegressConfig sketch = RegressConfig.of(DatasetSource.open(frame, "features", "label", BadRowPolicy.FAIL).options(),
        OutputOptions.none(), Solver.SKETCH, 9).withSketch(SketchKind.COUNTSKETCH, 60);
    RegressResult first = RegressJob.FRAME.run(sketch, DatasetSource.open(frame, "features", "label", BadRowPolicy.FAIL));
    RegressResult again = RegressJob.FRAME.run(sketch, DatasetSource.open(frame(rows), "features", "label", BadRowPolicy.FAIL));
    assertArrayEquals(first.coefficients(), again.coefficients(), 0.0);

    JavaRDD<Vector> vectors = frame.javaRDD().map(r -> (Vector) r.get(1));
    EigenResult fromFrame = EigenJob.FRAME.run(eigen(DatasetSource.open(frame, "features", null, BadRowPolicy.FAIL).options(),
        EigenMethod.EXACT), DatasetSource.open(frame, "features", null, BadRowPolicy.FAIL));
    MatrixInput rdd = DatasetSource.open(vectors, BadRowPolicy.FAIL);
    EigenResult fromRdd = EigenJob.FRAME.run(eigen(rdd.options(), EigenMethod.EXACT), rdd);
    MatrixInput matrix = DatasetSource.open(new RowMatrix(vectors.map(org.apache.spark.mllib.linalg.Vectors::fromML).rdd()),
        BadRowPolicy.FAIL);
    EigenResult fromRowMatrix = EigenJob.FRAME.run(eigen(matrix.options(), EigenMethod.EXACT), matrix);
    assertArrayEquals(fromFrame.eigenvalues(), fromRdd.eigenvalues(), 0.0);
    assertArrayEquals(fromFrame.eigenvalues(), fromRowMatrix.eigenvalues(), 0.0);
  }

  /** array<double> columns read as dense vectors: bitwise the vector column's answer. */
  @Test
  void arrayColumnEqualsVectorColumn() {
    Dataset<Row> frame = frame(rows(4));
    Dataset<Row> arrays = frame.withColumn("features", org.apache.spark.ml.functions.vector_to_array(
        frame.col("features"), "float64"));
    MatrixInput a = DatasetSource.open(arrays, "features", null, BadRowPolicy.FAIL);
    MatrixInput v = DatasetSource.open(frame, "features", null, BadRowPolicy.FAIL);
    assertArrayEquals(EigenJob.FRAME.run(eigen(v.options(), EigenMethod.EXACT), v).eigenvalues(),
        EigenJob.FRAME.run(eigen(a.options(), EigenMethod.EXACT), a).eigenvalues(), 0.0);
  }

  @Test
  void badValuesNameColumnPartitionAndRowOrAreSkipped() {
    List<Row> rows = new ArrayList<>(rows(5));
    int perPartition = ROWS / PARTITIONS;
    // the second row of partition 1, then a null vector and an infinite label further on
    rows.set(perPartition + 1, RowFactory.create(1.0, Vectors.dense(1, Double.NaN, 0, 0, 0, 0)));
    rows.set(perPartition + 3, RowFactory.create(1.0, null));
    rows.set(2 * perPartition + 4, RowFactory.create(Double.POSITIVE_INFINITY, Vectors.dense(1, 1, 1, 1, 1, 1)));
    Dataset<Row> frame = frame(rows);

    MatrixInput failing = DatasetSource.open(frame, "features", null, BadRowPolicy.FAIL);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> EigenJob.FRAME.run(eigen(failing.options(), EigenMethod.EXACT), failing));
    assertEquals("bad row in DataFrame partition 1, row 2: NaN at entry 1 in column 'features'"
        + " (set badRows to skip to drop such rows)", e.getMessage());
    List<Row> onlyLabel = new ArrayList<>(rows(5));
    onlyLabel.set(2 * perPartition + 4, rows.get(2 * perPartition + 4));
    MatrixInput labelled = DatasetSource.open(frame(onlyLabel), "features", "label", BadRowPolicy.FAIL);
    InvalidInputException label = assertThrows(InvalidInputException.class,
        () -> RegressJob.FRAME.run(RegressConfig.of(labelled.options(), OutputOptions.none(), Solver.EXACT, 1), labelled));
    assertEquals("bad row in DataFrame partition 2, row 5: +Inf in column 'label' (set badRows to skip to drop such rows)",
        label.getMessage());

    MatrixInput skipping = DatasetSource.open(frame, "features", "label", BadRowPolicy.SKIP);
    RegressResult skipped = RegressJob.FRAME.run(RegressConfig.of(skipping.options(), OutputOptions.none(), Solver.EXACT, 1),
        skipping);
    assertEquals(ROWS - 3, skipped.rows());
    assertTrue(skipped.summaryJson().contains("DataFrame partition 1, row 4: null vector in column 'features'"),
        skipped.summaryJson());
    // the kept rows, in the same partitions and order, give bitwise the answer of the clean frame
    List<List<Row>> parts = frame.javaRDD().glom().collect();
    List<List<Row>> clean = new ArrayList<>();
    for (List<Row> part : parts) {
      clean.add(new ArrayList<>(part.stream().filter(r -> r.get(1) != null && !Double.isNaN(((Vector) r.get(1)).apply(1))
          && !Double.isInfinite(r.getDouble(0))).toList())); // a mutable list: Kryo cannot rebuild List.of
    }
    JavaRDD<Row> kept = JavaSparkContext.fromSparkContext(spark().sparkContext()).parallelize(clean, PARTITIONS)
        .flatMap(List::iterator);
    Dataset<Row> cleanFrame = spark().createDataFrame(kept, SCHEMA);
    assertEquals(List.of(200, 198, 199), cleanFrame.javaRDD().glom().collect().stream().map(List::size).toList());
    MatrixInput ok = DatasetSource.open(cleanFrame, "features", "label", BadRowPolicy.FAIL);
    assertArrayEquals(RegressJob.FRAME.run(RegressConfig.of(ok.options(), OutputOptions.none(), Solver.EXACT, 1), ok)
        .coefficients(), skipped.coefficients(), 0.0);
  }

  @Test
  void missingOrWronglyTypedColumnsNameTheColumn() {
    Dataset<Row> frame = frame(rows(6));
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> DatasetSource.open(frame, "x", null, BadRowPolicy.FAIL));
    assertTrue(missing.getMessage().startsWith("column 'x' does not exist"), missing.getMessage());
    IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
        () -> DatasetSource.open(frame, "label", null, BadRowPolicy.FAIL));
    assertTrue(wrong.getMessage().startsWith("column 'label' must be a vector"), wrong.getMessage());
    IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
        () -> DatasetSource.open(frame, "features", "features", BadRowPolicy.FAIL));
    assertTrue(label.getMessage().startsWith("column 'features' must be numeric"), label.getMessage());
  }
}
