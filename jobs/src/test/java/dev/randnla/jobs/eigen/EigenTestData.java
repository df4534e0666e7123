package dev.randnla.jobs.eigen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.randnla.io.InputOptions;
import dev.randnla.io.OutputOptions;
import dev.randnla.jobs.JobTestSupport;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.Vectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Generated inputs and helpers shared by the eigen tests. */
final class EigenTestData {
  /** Spiked Hadamard: n = 2^14 rows, d = 16, gap R = 3; n/30 = 546 ≥ 10·d·ln d = 444. */
  static final int ROWS = 16384;
  static final int COLS = 16;

  private EigenTestData() {}

  /** Runs {@code generate} with the given options into dir and returns dir. */
  static Path generate(Path dir, String... options) {
    List<String> args = new ArrayList<>(List.of("generate", "--output", dir.toString(), "--quiet"));
    args.addAll(List.of(options));
    JobTestSupport.Cli g = JobTestSupport.cli(args.toArray(new String[0]));
    assertEquals(0, g.code(), g.err());
    return dir;
  }

  static Path spiked(Path dir, long seed) {
    return generate(dir, "--kind", "spiked", "--rows", Integer.toString(ROWS), "--cols", Integer.toString(COLS),
        "--gap", "3", "--seed", Long.toString(seed));
  }

  /** Runs eigen through the Java API on the shared session, writing nothing. */
  static EigenResult eigen(Path input, EigenMethod method, long seed, UnaryOperator<EigenConfig> tweak) {
    EigenConfig config = tweak.apply(EigenConfig.of(InputOptions.of(input.toString()), OutputOptions.none(), method, seed));
    return EigenJob.FRAME.run(JobTestSupport.spark(), config);
  }

  static EigenResult eigen(Path input, EigenMethod method, long seed) {
    return eigen(input, method, seed, c -> c);
  }

  static double[] truthVector(Path generated) throws Exception {
    return toArray(JobTestSupport.truth(generated).get("topEigenvector"));
  }

  static double truthValue(Path generated) throws Exception {
    return JobTestSupport.number(JobTestSupport.truth(generated), "topEigenvalue");
  }

  /** A JSON list or a summary array (double[] or long[]) as doubles. */
  @SuppressWarnings("unchecked")
  static double[] toArray(Object list) {
    if (list instanceof double[] a) {
      return a.clone();
    }
    if (list instanceof long[] a) {
      return java.util.Arrays.stream(a).asDoubleStream().toArray();
    }
    if (list instanceof int[] a) {
      return java.util.Arrays.stream(a).asDoubleStream().toArray();
    }
    List<Number> l = (List<Number>) list;
    double[] out = new double[l.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = l.get(i).doubleValue();
    }
    return out;
  }

  static double correlation(EigenResult r, double[] truth) {
    return Vectors.absCorrelation(r.topEigenvector(), truth);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  /** Rows of a small dense matrix as CSV text. */
  static String csv(double[][] rows) {
    StringBuilder sb = new StringBuilder();
    for (double[] r : rows) {
      for (int j = 0; j < r.length; j++) {
        sb.append(j > 0 ? "," : "").append(r[j]);
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** The columns of rightSingularVectors (stored as rows) as a d×k matrix. */
  static Matrix rightVectors(Map<String, Object> truth, int k) {
    List<List<Number>> rows = (List<List<Number>>) truth.get("rightSingularVectors");
    int d = rows.get(0).size();
    Matrix v = Matrix.zeros(d, k);
    for (int j = 0; j < k; j++) {
      for (int i = 0; i < d; i++) {
        v.set(i, j, rows.get(j).get(i).doubleValue());
      }
    }
    return v;
  }
}
