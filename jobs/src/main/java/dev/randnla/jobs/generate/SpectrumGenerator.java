package dev.randnla.jobs.generate;

import dev.randnla.linalg.OrthonormalBasis;
import java.util.Map;

/**
 * A = U·diag(s)·Vᵀ with U the first d non-constant columns of an exact orthonormal basis
 * ({@link OrthonormalBasis}) and V random orthogonal: AᵀA = V·diag(s²)·Vᵀ exactly, every
 * leverage score is d/n for the Hadamard basis. Serves {@code spiked} (s = (√R, 1, …, 1)) and
 * {@code lowrank} (rank r, nonzero s geometric from 1 to 1/κ).
 */
final class SpectrumGenerator extends DenseGenerator {
  private static final long serialVersionUID = 1L;

  private final OrthonormalBasis basis;
  private final double[] s;
  private final String kind;

  SpectrumGenerator(String kind, long n, int d, long seed, double[] s) {
    super(n, d, seed, true);
    if (n < d + 2) {
      throw new IllegalArgumentException("--rows must be at least cols + 2 = " + (d + 2) + " for an exact basis: " + n);
    }
    this.kind = kind;
    this.basis = new OrthonormalBasis(n);
    this.s = s.clone();
  }

  static SpectrumGenerator spiked(long n, int d, long seed, double gap) {
    double[] s = new double[d];
    java.util.Arrays.fill(s, 1.0);
    s[0] = Math.sqrt(gap);
    return new SpectrumGenerator("spiked", n, d, seed, s);
  }

  static SpectrumGenerator lowRank(long n, int d, long seed, int rank, double kappa) {
    double[] s = new double[d];
    for (int j = 0; j < rank; j++) {
      s[j] = rank == 1 ? 1.0 : Math.pow(kappa, -(double) j / (rank - 1));
    }
    return new SpectrumGenerator("lowrank", n, d, seed, s);
  }

  @Override
  void coefficients(long g, double[] out) {
    for (int j = 0; j < d; j++) {
      out[j] = s[j] == 0 ? 0 : basis.entry(g, j + 1) * s[j];
    }
  }

  @Override
  public void describe(Map<String, Object> truth, java.util.function.LongUnaryOperator positionOf) {
    truth.put("basis", basis.kind());
    double[] lambda = new double[d];
    int rank = 0;
    for (int j = 0; j < d; j++) {
      lambda[j] = s[j] * s[j];
      if (s[j] != 0) {
        rank++;
      }
    }
    describeSpectrum(truth, lambda);
    truth.put("rank", rank);
    truth.put("rightSingularVectors", v.transpose().toRowArrays());
    if (basis.kind().equals("hadamard") && rank == d) {
      truth.put("leverageScore", (double) d / n);
    }
    truth.put("construction", kind + ": A = U diag(s) V^T with U the columns 1..d of the " + basis.kind()
        + " basis of size n and V Haar-random orthogonal; rightSingularVectors lists the columns of V as rows");
  }
}
