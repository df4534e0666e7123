package dev.randnla.jobs.eigen;

import static dev.randnla.jobs.eigen.EigenTestData.correlation;
import static dev.randnla.jobs.eigen.EigenTestData.eigen;
import static dev.randnla.jobs.eigen.EigenTestData.map;
import static dev.randnla.jobs.eigen.EigenTestData.toArray;
import static dev.randnla.jobs.eigen.EigenTestData.truthValue;
import static dev.randnla.jobs.eigen.EigenTestData.truthVector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.jobs.JobTestSupport;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.Vectors;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eigen --method stream} against exactly known answers (docs/algorithms.md, eigen --method stream; issue 4).
 * Correlations are the sign-free |⟨v, v₁⟩|.
 */
class EigenStreamTest {
  @TempDir static Path tmp;
  static Path spiked;
  static Path heavy;

  @BeforeAll
  static void data() {
    spiked = EigenTestData.spiked(tmp.resolve("spiked"), 21);
    heavy = EigenTestData.generate(tmp.resolve("heavy"), "--kind", "heavy-rows", "--rows", "16384", "--cols", "16",
        "--seed", "5");
  }

  /**
   * Spiked Hadamard, R = 3, n/p = 546 ≥ 10·d·ln d = 444: correlation ≥ 0.99 for 5 seeds (the seed
   * draws the segment assignment, the start and the probe), one pass, no order warning.
   */
  @Test
  void spikedRecoversTheTopEigenvectorInOnePassForFiveSeeds() throws Exception {
    double[] v1 = truthVector(spiked);
    double lambda = truthValue(spiked);
    for (long seed = 1; seed <= 5; seed++) {
      EigenResult r = eigen(spiked, EigenMethod.STREAM, seed);
      double corr = correlation(r, v1);
      assertTrue(corr >= 0.99, "seed " + seed + ": correlation " + corr);
      assertEquals(1.0, r.passes(), "seed " + seed + ": passes");
      assertEquals(30, ((Number) r.result().get("segments")).intValue(), "seed " + seed);
      assertEquals(Boolean.TRUE, map(r.result().get("orderTest")).get("randomOrder"), "seed " + seed + ": " + r.warnings());
      assertTrue(r.warnings().isEmpty(), "seed " + seed + ": " + r.warnings());
      // the Rayleigh quotient of segments of 546 rows scatters by a few per cent; averaged over the window it is closer
      assertEquals(lambda, r.topEigenvalue(), 0.05 * lambda, "seed " + seed);
    }
  }

  /**
   * --verify adds exactly one pass, and its Rayleigh quotient and residual obey the bounds that
   * follow from the measured angle θ: |ρ − λ₁| ≤ (λ₁ − λ_min)·sin²θ and
   * ‖AᵀAz − λ̂z‖ ≤ |λ₁ − λ̂| + (λ₁ + λ̂)·sin θ.
   */
  @Test
  void verifyCostsOneMorePassAndMatchesTheAngle() throws Exception {
    EigenResult r = eigen(spiked, EigenMethod.STREAM, 7, c -> c.withVerify(true));
    assertEquals(2.0, r.passes());
    double corr = correlation(r, truthVector(spiked));
    double sin2 = 1 - corr * corr;
    double lambda1 = truthValue(spiked);
    double rho = ((Number) r.result().get("rayleighQuotient")).doubleValue();
    assertTrue(Math.abs(rho - lambda1) <= (lambda1 - 1.0) * sin2 + 1e-12, "rho " + rho + ", sin^2 " + sin2);
    double lambdaHat = r.topEigenvalue();
    double residual = ((Number) r.result().get("verifiedResidual")).doubleValue();
    double bound = (Math.abs(lambda1 - lambdaHat) + (lambda1 + lambdaHat) * Math.sqrt(sin2)) / lambdaHat;
    assertTrue(residual <= bound + 1e-12, "residual " + residual + " > bound " + bound);
  }

  /**
   * The heavy-row adversary: the light rows have no energy along v₁, which only 5 heavy rows carry.
   * With the side channel every seed finds all 5 and recovers v₁. Without it (the test-only
   * switch), a heavy row counts only in the step that reads it, and every later step with no heavy
   * row erases v₁ again: whenever the last segment holds no heavy row the answer is orthogonal to
   * v₁. That is why the side channel exists.
   */
  @Test
  void heavyRowsNeedTheSideChannel() throws Exception {
    double[] v1 = truthVector(heavy);
    double lambda = truthValue(heavy);
    int lastSegmentWithoutHeavy = 0;
    for (long seed = 1; seed <= 3; seed++) {
      EigenResult with = eigen(heavy, EigenMethod.STREAM, seed);
      double corr = correlation(with, v1);
      assertTrue(corr >= 0.99, "seed " + seed + ": with the side channel, correlation " + corr);
      assertEquals(5, ((Number) with.result().get("heavyRows")).intValue(), "seed " + seed);
      assertEquals(lambda, with.topEigenvalue(), 0.01 * lambda, "seed " + seed);

      EigenResult without = eigen(heavy, EigenMethod.STREAM, seed, c -> c.withSideChannel(false));
      assertEquals(0, ((Number) without.result().get("heavyRows")).intValue());
      double[] over = toArray(without.result().get("rowsOverThresholdPerStep"));
      if (over[over.length - 1] == 0) {
        lastSegmentWithoutHeavy++;
        double c0 = correlation(without, v1);
        assertTrue(c0 < 0.1, "seed " + seed + ": without the side channel, correlation " + c0);
      }
    }
    // P(all three seeds put a heavy row in the last of 30 segments) = (1 − (29/30)^5)^3 < 0.5%
    assertTrue(lastSegmentWithoutHeavy >= 1, "no seed had a last segment without heavy rows");
  }

  /**
   * Sorted order (heavy rows last, light rows in generation order): both order tests fire. After
   * {@code randnla shuffle} the same data passes them and is solved.
   */
  @Test
  void sortedInputIsFlaggedAndShuffleFixesIt() throws Exception {
    Path sorted = EigenTestData.generate(tmp.resolve("heavy-sorted"), "--kind", "heavy-rows", "--rows", "16384",
        "--cols", "16", "--seed", "5", "--order", "sorted");
    EigenResult r = eigen(sorted, EigenMethod.STREAM, 1);
    Map<String, Object> order = map(r.result().get("orderTest"));
    assertEquals(Boolean.FALSE, order.get("randomOrder"));
    assertTrue(((Number) order.get("heavyPlacementBound")).doubleValue() < 1e-6, order.toString());
    assertTrue(r.warnings().stream().anyMatch(w -> w.contains("Rayleigh quotients") && w.contains("shuffle")),
        r.warnings().toString());
    assertTrue(r.warnings().stream().anyMatch(w -> w.contains("heavy rows are bunched")), r.warnings().toString());

    Path shuffled = tmp.resolve("heavy-shuffled");
    JobTestSupport.Cli s = JobTestSupport.cli("shuffle", "--input", sorted.toString(), "--output", shuffled.toString(),
        "--seed", "3", "--quiet");
    assertEquals(0, s.code(), s.err());
    EigenResult fixed = eigen(shuffled, EigenMethod.STREAM, 1);
    assertEquals(Boolean.TRUE, map(fixed.result().get("orderTest")).get("randomOrder"), fixed.warnings().toString());
    assertTrue(fixed.warnings().isEmpty(), fixed.warnings().toString());
    assertTrue(correlation(fixed, truthVector(sorted)) >= 0.99);
  }

  /**
   * The Rayleigh-quotient test alone: blocks of rows from 4 planted subspaces with scales 2^u. In
   * generation order consecutive rows share a block, so chunks of consecutive rows disagree far
   * beyond sampling noise; in random order they do not.
   */
  @Test
  void rayleighQuotientTestSeparatesSortedFromRandomBlocks() {
    for (String order : List.of("sorted", "random")) {
      Path dir = EigenTestData.generate(tmp.resolve("blocks-" + order), "--kind", "blocks", "--rows", "12000", "--cols",
          "12", "--seed", "4", "--order", order);
      EigenResult r = eigen(dir, EigenMethod.STREAM, 2, c -> c.withInput(c.input().withKeyCol("0")));
      Map<String, Object> rq = map(map(r.result().get("orderTest")).get("rayleighQuotientByStep"));
      double z = ((Number) rq.get("z")).doubleValue();
      if (order.equals("sorted")) {
        assertTrue(z > RandomOrderCheck.Z_WARN, "sorted blocks: z = " + z);
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("Rayleigh quotients")), r.warnings().toString());
      } else {
        assertTrue(z < RandomOrderCheck.Z_WARN, "random blocks: z = " + z);
        assertFalse(r.warnings().stream().anyMatch(w -> w.contains("random-order")), r.warnings().toString());
      }
    }
  }

  /** Same input, partitioning and seed: bitwise the same vector and eigenvalue. */
  @Test
  void sameSeedAndPartitioningGiveBitwiseTheSameAnswer() {
    EigenResult a = eigen(spiked, EigenMethod.STREAM, 11);
    EigenResult b = eigen(spiked, EigenMethod.STREAM, 11);
    assertArrayEquals(a.eigenvectors().data(), b.eigenvectors().data());
    assertArrayEquals(a.eigenvalues(), b.eigenvalues());
  }

  /**
   * --k 3 on a rank-3 matrix (singular values 1, 1/2, 1/4): the block version finds the top-3
   * subspace (cosine of the largest principal angle ≥ 0.99) and eigenvalues within 5%.
   */
  @Test
  void blockVersionFindsTheTopSubspace() throws Exception {
    Path dir = EigenTestData.generate(tmp.resolve("lowrank"), "--kind", "lowrank", "--rows", "16384", "--cols", "16",
        "--rank", "3", "--kappa", "4", "--seed", "8");
    Map<String, Object> truth = JobTestSupport.truth(dir);
    EigenResult r = eigen(dir, EigenMethod.STREAM, 3, c -> c.withK(3));
    Matrix v = EigenTestData.rightVectors(truth, 3);
    double cos = SegmentedPowerMethod.cosine(r.eigenvectors(), v);
    assertTrue(cos >= 0.99, "largest principal angle cosine " + cos);
    double[] lambda = toArray(truth.get("eigenvalues"));
    for (int j = 0; j < 3; j++) {
      assertEquals(lambda[j], r.eigenvalues()[j], 0.05 * lambda[j], "eigenvalue " + j);
    }
    Matrix gram = r.eigenvectors().transposeTimes(r.eigenvectors());
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(i == j ? 1.0 : 0.0, gram.get(i, j), 1e-12);
      }
    }
  }

  /**
   * --center on the spiked matrix plus a constant offset μ in every row: the centred matrix is the
   * spiked one exactly (its columns sum to zero), so the truth is known. Stream, exact and lanczos
   * recover it; the uncentred problem is dominated by μ.
   */
  @Test
  void centeringRemovesAnOffset() throws Exception {
    List<String> lines = java.nio.file.Files.readAllLines(spiked.resolve("part-00000.csv"));
    List<String> more = java.nio.file.Files.readAllLines(spiked.resolve("part-00001.csv"));
    double[] mu = new double[EigenTestData.COLS];
    for (int j = 0; j < mu.length; j++) {
      mu[j] = 0.02 * (j % 3 - 1) + 0.01;
    }
    StringBuilder sb = new StringBuilder();
    for (List<String> part : List.of(lines, more)) {
      for (String line : part) {
        String[] f = line.split(",");
        for (int j = 0; j < f.length; j++) {
          sb.append(j > 0 ? "," : "").append(Double.parseDouble(f[j]) + mu[j]);
        }
        sb.append('\n');
      }
    }
    Path dir = java.nio.file.Files.createDirectories(tmp.resolve("offset"));
    java.nio.file.Files.writeString(dir.resolve("data.csv"), sb.toString());
    double[] v1 = truthVector(spiked);
    assertEquals(EigenTestData.ROWS, lines.size() + more.size(), "the spiked data is in two files");
    EigenResult stream = eigen(dir, EigenMethod.STREAM, 4, c -> c.withCenter(true));
    assertTrue(correlation(stream, v1) >= 0.99, "stream --center: " + correlation(stream, v1));
    EigenResult exact = eigen(dir, EigenMethod.EXACT, 4, c -> c.withCenter(true));
    assertTrue(1 - correlation(exact, v1) <= 1e-8, "exact --center: " + (1 - correlation(exact, v1)));
    EigenResult lanczos = eigen(dir, EigenMethod.LANCZOS, 4, c -> c.withCenter(true));
    assertTrue(1 - correlation(lanczos, v1) <= 1e-8, "lanczos --center: " + (1 - correlation(lanczos, v1)));
    EigenResult plain = eigen(dir, EigenMethod.EXACT, 4);
    double toMean = Vectors.absCorrelation(plain.topEigenvector(), mu);
    assertTrue(toMean > 0.99, "uncentred, the top direction is the mean: " + toMean);
  }
}
