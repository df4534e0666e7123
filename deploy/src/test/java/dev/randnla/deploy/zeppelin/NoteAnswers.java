package dev.randnla.deploy.zeppelin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.randnla.linalg.Vectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What each note in {@code notebooks/} must have computed, read from the REPL after its last paragraph (the
 * note's own values): exact answers from the generators' truth, or bounds derived from the algorithms. A note
 * whose paragraphs all run but whose numbers are wrong fails here. Tolerances: u = 1.1e-16 is the unit
 * roundoff; each constant says where its size comes from.
 */
final class NoteAnswers {
  /**
   * Eigenvalues from the exact d × d Gram of n rows: the sums round by about n·u·λ₁ (2.2e-12·λ₁ at n = 20000);
   * the jobs' own tests hold the exact method to 1e-10·λ₁ (EigenMethodsTest).
   */
  static final double GRAM = 1e-10;
  /** 1 − |cos| between a computed eigenvector and the true one, for the exact methods (EigenMethodsTest). */
  static final double VECTOR = 1e-8;
  /** TSQR singular values: |σ̂ − σ| to about d·u·σ₁ (docs/algorithms.md, svd); the svd tests hold 1e-12·σ₁. */
  static final double TSQR_SIGMA = 1e-12;
  /** The default regression solver (precondition) against x*: 1e-10 relative (RegressJobTest). */
  static final double PRECONDITION = 1e-10;
  /** MLlib's normal equations: error about κ²·u = 1e-14 at κ = 10; checked at 1e-8. */
  static final double NORMAL_EQUATIONS = 1e-8;
  /** SketchedLinearRegression's default ε: sketch-and-solve's residual is within 1 + ε of the optimum. */
  static final double SKETCH_EPS = 0.5;

  /** The REPL state of the note that just ran. */
  interface State {
    /**
     * Evaluates Scala expressions over the note's definitions in one REPL run (one compile, not one per value),
     * for {@link #value} to return.
     */
    void fetch(String... scala);

    /** The value of a Scala expression over the note's definitions (fetched, else evaluated now). */
    Object value(String scala);

    default double number(String scala) {
      return ((Number) value(scala)).doubleValue();
    }

    default double[] numbers(String scala) {
      return (double[]) value(scala);
    }

    default JsonNode json(String scala) {
      try {
        return new ObjectMapper().readTree((String) value(scala));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The checks, by note name. */
  static final Map<String, Consumer<State>> BY_NOTE = Map.of(
      "randnla-quickstart", NoteAnswers::quickstart,
      "randnla-eigen", NoteAnswers::eigen,
      "randnla-tall", NoteAnswers::tall,
      "randnla-leverage-regression", NoteAnswers::leverageRegression,
      "randnla-spectrum", NoteAnswers::spectrum,
      "randnla-cluster", NoteAnswers::cluster);

  private NoteAnswers() {}

  /** The quickstart's SQL over its view of the projections: Σ over the rows of pⱼ², j = 1, 2, 3. */
  private static final String SQUARES = "spark.sql(\"SELECT SUM(p[0] * p[0]), SUM(p[1] * p[1]), SUM(p[2] * p[2]) "
      + "FROM projected\").first().toSeq.map(_.asInstanceOf[Double]).toArray";

  /** The lowrank matrix's eigenpairs, the projection's sums of squares in SQL, the saved model. */
  static void quickstart(State s) {
    s.fetch("exactValues", "exactVectors", "model.eigenvalues", "model.eigenvectors.toArray", "loaded.eigenvalues",
        SQUARES);
    double[] exact = s.numbers("exactValues");
    double[][] exactVectors = (double[][]) s.value("exactVectors");
    double[] found = s.numbers("model.eigenvalues");
    double[] v = s.numbers("model.eigenvectors.toArray");
    double[] squares = s.numbers(SQUARES);
    int d = exactVectors[0].length;
    assertEquals(3, found.length);
    for (int j = 0; j < 3; j++) {
      assertEquals(exact[j], found[j], GRAM * exact[0], "eigenvalue " + (j + 1));
      double[] column = Arrays.copyOfRange(v, j * d, (j + 1) * d);
      double cos = Vectors.absCorrelation(column, exactVectors[j]);
      assertTrue(1 - cos <= VECTOR, "eigenvector " + (j + 1) + ": 1 − |cos| = " + (1 - cos));
      // ‖A·v̂‖² = v̂ᵀAᵀA·v̂, the Rayleigh quotient of an eigenvector accurate to ~1e-12: λ̂ to the Gram's rounding
      assertEquals(found[j], squares[j], GRAM * found[0], "sum of squared projections " + (j + 1));
    }
    assertArrayEquals(found, s.numbers("loaded.eigenvalues"), 0.0, "the loaded model");
  }

  /**
   * Exact: the truth to the Gram's rounding. Stream: for eigenvalues (λ₁, 1, …, 1) the Rayleigh quotient the
   * verification pass reports is exactly ρ = 1 + (λ₁ − 1)·cos²(z, v₁) for a unit z, and Davis–Kahan bounds the
   * true sin(z, v₁) by r/(ρ − λ₂) with r the residual at ρ: both tie the pass's numbers to the truth.
   */
  static void eigen(State s) {
    s.fetch("truthValue", "truthVector", "exact.eigenvalues()(0)", "vector(exact)", "vector(stream)",
        "stream.summaryJson", "stream.passes");
    double lambda1 = s.number("truthValue");
    double[] v1 = s.numbers("truthVector");
    assertEquals(lambda1, s.number("exact.eigenvalues()(0)"), GRAM * lambda1, "exact eigenvalue");
    double exactCos = Vectors.absCorrelation(s.numbers("vector(exact)"), v1);
    assertTrue(1 - exactCos <= VECTOR, "exact: 1 − |cos| = " + (1 - exactCos));

    double cos = Vectors.absCorrelation(s.numbers("vector(stream)"), v1);
    JsonNode result = s.json("stream.summaryJson").path("result");
    assertEquals("stream", result.path("method").asText());
    double rho = result.path("rayleighQuotient").asDouble();
    assertEquals(1 + (lambda1 - 1) * cos * cos, rho, GRAM * lambda1, "stream: ρ against cos(z, v₁) = " + cos);
    double residual = result.path("verification").path("relativeResidualsAtRayleighQuotient").get(0).asDouble() * rho;
    double sin = Math.sqrt(Math.max(0, 1 - cos * cos));
    double davisKahan = residual / (rho - 1);
    // sin from 1 − cos² rounds by about u/sin; the bound's inputs by about u
    assertTrue(sin <= davisKahan * (1 + 1e-12) + 1e-12, "stream: sin(z, v₁) = " + sin + " > r/(ρ − λ₂) = " + davisKahan);
    // one read of the data, and the verification pass; with 16 partitions the method had the steps it plans
    assertEquals(2.0, s.number("stream.passes"), 1e-12, "stream passes");
    JsonNode warnings = s.json("stream.summaryJson").path("warnings");
    assertTrue(warnings.isArray() && warnings.isEmpty(), "stream warnings: " + warnings);
  }

  /** Every singular value at κ = 1e8 from the TSQR; MLlib's PCA and TallSkinnyPCA agree on the same DataFrame. */
  static void tall(State s) {
    s.fetch("trueSigma", "ours.s.toArray", "mllib.s.toArray", "ratio", "mllibPca.explainedVariance.toArray",
        "pca.pc.toArray", "mllibPca.pc.toArray");
    double[] truth = s.numbers("trueSigma");
    double[] ours = s.numbers("ours.s.toArray");
    assertEquals(truth.length, ours.length, "all σ above 1e-9·σ₁ are kept");
    for (int j = 0; j < truth.length; j++) {
      assertEquals(truth[j], ours[j], TSQR_SIGMA * truth[0], "σ" + (j + 1));
    }
    // MLlib's Gram route: σ₁ as well, but the Gram's rounding u·σ₁² is the size of σ_min² = 1e-16·σ₁², so σ_min is
    // lost (dropped, or off by a relative error of order one): the note's point
    double[] mllib = s.numbers("mllib.s.toArray");
    assertEquals(truth[0], mllib[0], TSQR_SIGMA * truth[0], "MLlib's σ₁");
    int last = truth.length - 1;
    assertTrue(mllib.length < truth.length || Math.abs(mllib[last] - truth[last]) >= 1e-3 * truth[last],
        "MLlib's σ_min " + (mllib.length < truth.length ? "dropped" : mllib[last]) + ", true " + truth[last]);

    double[] ratio = s.numbers("ratio");
    double[] mllibRatio = s.numbers("mllibPca.explainedVariance.toArray");
    assertEquals(5, ratio.length);
    // MLlib's covariance from the Gram rounds its entries by about n·u of the total variance: ratios to ~1e-12
    assertArrayEquals(mllibRatio, ratio, GRAM, "explained variance ratio vs MLlib");
    double[] pc = s.numbers("pca.pc.toArray");
    double[] mllibPc = s.numbers("mllibPca.pc.toArray");
    int d = truth.length;
    for (int j = 0; j < 5; j++) {
      double cos = Vectors.absCorrelation(Arrays.copyOfRange(pc, j * d, (j + 1) * d),
          Arrays.copyOfRange(mllibPc, j * d, (j + 1) * d));
      assertTrue(1 - cos <= VECTOR, "component " + (j + 1) + " vs MLlib: 1 − |cos| = " + (1 - cos));
    }
  }

  /** x* from the Estimator and MLlib; the Pipeline's sketch-and-solve residual; the leverage scores and coreset. */
  static void leverageRegression(State s) {
    s.fetch("xStar", "fit.coefficients.toArray", "mllib.coefficients.toArray", "rho", "residual", "lev.sum",
        "lev.max", "lev.expectedSampleSize", "lev.sampleSize", "sampled.rows", "scoreSum", "coresetRows",
        "weighted.coefficients.toArray", "mllibWeighted.coefficients.toArray", "weightedResidual");
    double[] xStar = s.numbers("xStar");
    double fit = Vectors.relativeDistance(s.numbers("fit.coefficients.toArray"), xStar);
    assertTrue(fit <= PRECONDITION, "SketchedLinearRegression vs x*: " + fit);
    double mllib = Vectors.relativeDistance(s.numbers("mllib.coefficients.toArray"), xStar);
    assertTrue(mllib <= NORMAL_EQUATIONS, "MLlib vs x*: " + mllib);

    // the optimum is the smallest residual any x gives, and sketch-and-solve stays within 1 + ε of it
    double rho = s.number("rho");
    double residual = s.number("residual");
    assertTrue(residual >= rho * (1 - 1e-12) && residual <= (1 + SKETCH_EPS) * rho,
        "pipeline residual " + residual + " outside [ρ, (1 + ε)ρ], ρ = " + rho);

    // leverage scores sum to the rank; each is at most 1
    assertEquals(10.0, s.number("lev.sum"), 1e-9, "sum of leverage scores");
    assertTrue(s.number("lev.max") <= 1 + 1e-12, "max score " + s.number("lev.max"));
    // the coreset is a sum of independent Bernoulli draws: variance at most its mean m; six standard deviations
    double m = s.number("lev.expectedSampleSize");
    double size = s.number("lev.sampleSize");
    assertTrue(Math.abs(size - m) <= 6 * Math.sqrt(m), "coreset size " + size + ", expected " + m);
    assertEquals(size, s.number("sampled.rows"), 0.0, "rows the coreset fit read");

    // the same from the DataFrame (LeverageScores, weightCol): the exact scores sum to the rank; the coreset is
    // another draw of the same law (ids follow the frame's partitions), so the same six-deviation bound holds
    assertEquals(10.0, s.number("scoreSum"), 1e-9, "sum of LeverageScores' scores");
    double rows = s.number("coresetRows");
    assertTrue(Math.abs(rows - m) <= 6 * Math.sqrt(m), "DataFrame coreset size " + rows + ", expected " + m);
    // the two weighted fits solve the same weighted problem: they agree to MLlib's normal-equation rounding
    double[] weighted = s.numbers("weighted.coefficients.toArray");
    double agree = Vectors.relativeDistance(s.numbers("mllibWeighted.coefficients.toArray"), weighted);
    assertTrue(agree <= NORMAL_EQUATIONS, "weighted fits: randnla vs MLlib " + agree);
    // sampling by the leverage of A with m ≳ d·ln(d/δ)/ε² rows gives a (1 + ε)-approximate least-squares solution
    // (≈ 370 rows for d = 10, ε = 0.5, δ = 1e-3; m = 1000 here): its residual on all rows is in [ρ, (1 + ε)ρ],
    // and never below the optimum ρ
    double r = s.number("weightedResidual");
    assertTrue(r >= rho * (1 - 1e-12) && r <= (1 + SKETCH_EPS) * rho,
        "coreset fit's residual " + r + " outside [ρ, (1 + ε)ρ], ρ = " + rho);
    // regress --lasso on the correlated design (κ = 1e8, σ = 1e-6): the cross-validated model is the true support,
    // as the preconditioned Lasso recovers it there (docs/algorithms.md), from one pass over the rows
    assertArrayEquals((int[]) s.value("trueSupport"), (int[]) s.value("chosenSupport"), "regress --lasso's support");
    assertEquals(1.0, s.number("lasso.passes"), 0.0, "passes of regress --lasso");
  }

  /**
   * Two spikes above the bulk; TopEigenvector on the same rows gives the same eigenvalues of AᵀA/n (both from
   * the exact Gram); each sample spike within six standard deviations of the BBP prediction (an outlier
   * eigenvalue fluctuates with standard deviation at most λ·√(2/n)).
   */
  static void spectrum(State s) {
    s.fetch("predicted", "spec.spikeEigenvalues", "top.eigenvalues", "n");
    double[] predicted = s.numbers("predicted");
    double[] spikes = s.numbers("spec.spikeEigenvalues");
    double[] top = s.numbers("top.eigenvalues");
    double n = s.number("n");
    assertEquals(2, predicted.length);
    assertEquals(predicted.length, spikes.length, "spikes found");
    for (int k = 0; k < spikes.length; k++) {
      assertEquals(spikes[k], top[k] / n, GRAM * spikes[0], "spike " + (k + 1) + ": TopEigenvector / n");
      assertEquals(predicted[k], spikes[k], 6 * predicted[k] * Math.sqrt(2 / n), "spike " + (k + 1) + " vs BBP");
    }
  }

  /** The planted groups exactly, no violation of eps, and every certified bound above its verified error. */
  static void cluster(State s) {
    s.fetch("clustered.clusters.size", "AdjustedRand.of(planted, found)", "clustered.violations",
        "clustered.maxVerifiedError", "clustered.clusters.asScala.map(_.bound).toArray",
        "clustered.clusters.asScala.map(_.verifiedError).toArray");
    assertEquals(3.0, s.number("clustered.clusters.size"), 0.0, "clusters");
    assertEquals(1.0, s.number("AdjustedRand.of(planted, found)"), 0.0, "adjusted Rand index");
    assertEquals(0.0, s.number("clustered.violations"), 0.0, "violations");
    double maxVerified = s.number("clustered.maxVerifiedError");
    assertTrue(maxVerified <= 0.01, "max verified error " + maxVerified);
    double[] bound = s.numbers("clustered.clusters.asScala.map(_.bound).toArray");
    double[] verified = s.numbers("clustered.clusters.asScala.map(_.verifiedError).toArray");
    for (int c = 0; c < bound.length; c++) {
      assertTrue(verified[c] <= bound[c], "cluster " + c + ": verified " + verified[c] + " > bound " + bound[c]);
    }
  }
}
