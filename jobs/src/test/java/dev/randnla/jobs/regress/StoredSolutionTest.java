package dev.randnla.jobs.regress;

import static dev.randnla.jobs.JobTestSupport.cli;
import static dev.randnla.jobs.JobTestSupport.number;
import static dev.randnla.jobs.JobTestSupport.section;
import static dev.randnla.jobs.JobTestSupport.truth;
import static dev.randnla.linalg.Vectors.relativeDistance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.io.MatrixRow;
import dev.randnla.jobs.JobTestSupport.Cli;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * truth.json of {@code generate --kind regression} separates the construction's answer (xStar,
 * residualNorm) from the least-squares answer of the rows as written ({@code stored}), and the latter
 * is that of the files: checked against the exact solution of the rows read back here (100-digit
 * normal equations, {@link RegressionProblem#reference}).
 */
class StoredSolutionTest {
  @TempDir Path tmp;

  /**
   * κ = 1e8 in full precision and with --digits 8: stored.xStar within 1e-13 of the rows' exact
   * solution (the refinement stops at η ≤ 1e-15, η ≈ the relative error; 1e-13 leaves room for η's
   * first-order nature), and far from the construction's x* where the rounding moves the answer.
   */
  @Test
  void storedAnswerIsThatOfTheRowsAsWritten() throws Exception {
    for (String digits : new String[] {"0", "8"}) {
      Path data = tmp.resolve("r" + digits);
      Cli g = cli("generate", "--kind", "regression", "--rows", "2000", "--cols", "6", "--kappa", "1e8", "--residual", "1",
          "--digits", digits, "--output", data.toString(), "--seed", "4", "--partitions", "3", "--quiet");
      assertEquals(0, g.code(), g.err());
      Map<String, Object> truth = truth(data);
      assertEquals("construction", truth.get("answersOf"));
      assertEquals(digits.equals("0"), truth.get("valuesRoundTrip"));
      Map<String, Object> stored = section(truth, "stored");
      assertEquals(true, stored.get("computed"));
      double[] x = RegressJobTest.doubles(stored.get("xStar"));
      double[] construction = RegressJobTest.doubles(truth.get("xStar"));
      List<MatrixRow> rows = RegressJobTest.csvRows(data);
      double[] exact = RegressionProblem.reference(rows, 6, false, 0);
      String at = "--digits " + digits;
      assertTrue(number(stored, "relativeNormalResidual") <= StoredSolution.TOL, at + ": η " + stored);
      assertTrue(relativeDistance(x, exact) <= 1e-13, at + ": stored vs the rows' exact solution " + relativeDistance(x, exact));
      double residual = RegressSolversTest.residual(new LocalPasses(rows, 1), new Design(6, false, 0), exact);
      assertEquals(residual, number(stored, "residualNorm"), 1e-12 * residual, at + ": residual");
      // the construction's x* is another answer: the rounding of the entries moved it by ≈ u·κ²·tanθ or more
      assertTrue(relativeDistance(construction, exact) > 1e-6, at + ": x* vs stored " + relativeDistance(construction, exact));
    }
  }
}
