package dev.randnla.jobs.generate;

import dev.randnla.io.MatrixRow;
import dev.randnla.linalg.Blas;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.QrDecomposition;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import java.util.Map;

/**
 * A dense generator of the form a_g = c_g·Vᵀ: subclasses give the coefficient row c_g (length d)
 * and, optionally, a label and a block key; V is a seeded random orthogonal matrix (the Q of a
 * Gaussian, with diag(R) ≥ 0 so it is Haar-distributed) or the identity. A block of rows is one
 * dgemm.
 */
abstract class DenseGenerator extends RowGenerator {
  private static final long serialVersionUID = 1L;

  /** V (d×d) or null for the identity. */
  protected final Matrix v;

  DenseGenerator(long n, int d, long seed, boolean randomV) {
    super(n, d, seed);
    this.v = randomV ? randomOrthogonal(d, seed) : null;
  }

  /** A Haar-random d×d orthogonal matrix from (seed, GENERATE_BASIS). */
  static Matrix randomOrthogonal(int d, long seed) {
    return randomOrthonormal(d, d, seed);
  }

  /** d×r orthonormal columns (the Q of a d×r Gaussian from (seed, GENERATE_BASIS)); r = d is Haar. */
  static Matrix randomOrthonormal(int d, int r, long seed) {
    RandomStream rs = RandomStream.of(seed, Purpose.GENERATE_BASIS, 0);
    double[] g = new double[d * r];
    rs.fillGaussian(g);
    return QrDecomposition.of(new Matrix(d, r, g)).q();
  }

  /** Writes c_g into out (length d). */
  abstract void coefficients(long g, double[] out);

  /** The label of row g given its coefficients (NaN when the kind has none). */
  double label(long g, double[] coefficients) {
    return Double.NaN;
  }

  /** The block key of row g (null when the kind has none). */
  String key(long g) {
    return null;
  }

  @Override
  public MatrixRow[] generate(long[] g, int count) {
    double[] c = new double[count * d];
    double[] row = new double[d];
    double[] labels = new double[count];
    for (int i = 0; i < count; i++) {
      coefficients(g[i], row);
      labels[i] = label(g[i], row);
      System.arraycopy(row, 0, c, i * d, d);
    }
    double[] a;
    if (v == null) {
      a = c;
    } else {
      // rows are contiguous: the block is the column-major d×count matrix Cᵀ; Aᵀ = V·Cᵀ
      a = new double[count * d];
      Blas.blas().dgemm("N", "N", d, count, d, 1.0, v.data(), d, c, d, 0.0, a, d);
    }
    MatrixRow[] out = new MatrixRow[count];
    for (int i = 0; i < count; i++) {
      double[] values = java.util.Arrays.copyOfRange(a, i * d, (i + 1) * d);
      out[i] = MatrixRow.dense(g[i], g[i], labels[i], key(g[i]), values);
    }
    return out;
  }

  /** V e_j as an array (e_j itself when V is the identity). */
  double[] rightVector(int j) {
    if (v == null) {
      double[] e = new double[d];
      e[j] = 1;
      return e;
    }
    return v.column(j);
  }

  /** Truth shared by generators whose Gram is V·diag(λ)·Vᵀ with the given λ (unsorted). */
  void describeSpectrum(Map<String, Object> truth, double[] eigenvalues) {
    Integer[] order = new Integer[d];
    for (int j = 0; j < d; j++) {
      order[j] = j;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(eigenvalues[y], eigenvalues[x]));
    double[] sorted = new double[d];
    double fro2 = 0;
    for (int j = 0; j < d; j++) {
      sorted[j] = eigenvalues[order[j]];
      fro2 += eigenvalues[j];
    }
    double[] sv = new double[d];
    for (int j = 0; j < d; j++) {
      sv[j] = Math.sqrt(Math.max(0, sorted[j]));
    }
    truth.put("eigenvalues", sorted);
    truth.put("singularValues", sv);
    truth.put("frobeniusNorm", Math.sqrt(fro2));
    truth.put("topEigenvalue", sorted[0]);
    truth.put("topEigenvector", rightVector(order[0]));
    if (d > 1) {
      truth.put("gap", sorted[1] > 0 ? sorted[0] / sorted[1] : Double.POSITIVE_INFINITY);
    }
    double smallest = sorted[d - 1];
    truth.put("conditionNumber", smallest > 0 ? Math.sqrt(sorted[0] / smallest) : Double.POSITIVE_INFINITY);
  }
}
