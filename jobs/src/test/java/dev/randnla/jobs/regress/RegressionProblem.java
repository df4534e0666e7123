package dev.randnla.jobs.regress;

import dev.randnla.io.MatrixRow;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.OrthonormalBasis;
import dev.randnla.linalg.QrDecomposition;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The known-residual least-squares problem (docs/algorithms.md, generate) in memory: A = U·diag(s)·Vᵀ with U
 * Walsh–Hadamard columns 1..d (n a power of two), s geometric from 1 to 1/κ, V a seeded random
 * orthogonal matrix, b = A·x* + ρ·U[:, d+1]; so x* is the solution and ρ the residual of the exact
 * problem. The rows hold A and b rounded to double, whose own least-squares solution
 * ({@link #reference}) differs from x* by the rounding's effect, ≈ u·κ/√n + ρ·u·κ²/√(n·d) — at κ = 1e10
 * and ρ = 1 that is O(10), so accuracy is measured against the exact solution of the rows as stored.
 */
final class RegressionProblem {
  final int n;
  final int d;
  final double kappa;
  final double rho;
  final double[] xStar;
  final List<MatrixRow> rows;

  private RegressionProblem(int n, int d, double kappa, double rho, double[] xStar, List<MatrixRow> rows) {
    this.n = n;
    this.d = d;
    this.kappa = kappa;
    this.rho = rho;
    this.xStar = xStar;
    this.rows = rows;
  }

  static RegressionProblem of(int n, int d, double kappa, double rho, long seed) {
    OrthonormalBasis u = new OrthonormalBasis(n);
    RandomStream rs = RandomStream.of(seed, Purpose.GENERATE_BASIS, 0);
    double[] g = new double[d * d];
    rs.fillGaussian(g);
    Matrix v = QrDecomposition.of(new Matrix(d, d, g)).q();
    double[] s = new double[d];
    for (int j = 0; j < d; j++) {
      s[j] = d == 1 ? 1 : Math.pow(kappa, -(double) j / (d - 1));
    }
    double[] x = new double[d];
    RandomStream.of(seed, Purpose.GENERATE_SOLUTION, 0).fillGaussian(x);
    double[] w = v.transposeTimes(x);
    List<MatrixRow> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double[] c = new double[d];
      double label = rho * u.entry(i, d + 1);
      for (int j = 0; j < d; j++) {
        c[j] = u.entry(i, j + 1) * s[j];
        label += c[j] * w[j];
      }
      rows.add(MatrixRow.dense(i, i, label, null, v.times(c)));
    }
    return new RegressionProblem(n, d, kappa, rho, x, rows);
  }

  /** The same rows, sparse (only the nonzero entries stored). */
  static List<MatrixRow> sparse(List<MatrixRow> dense) {
    List<MatrixRow> out = new ArrayList<>(dense.size());
    for (MatrixRow r : dense) {
      double[] v = r.values();
      int nnz = 0;
      for (double x : v) {
        if (x != 0) {
          nnz++;
        }
      }
      int[] idx = new int[nnz];
      double[] val = new double[nnz];
      int k = 0;
      for (int j = 0; j < v.length; j++) {
        if (v[j] != 0) {
          idx[k] = j;
          val[k++] = v[j];
        }
      }
      out.add(MatrixRow.sparse(r.key(), r.id(), r.label(), null, idx, val));
    }
    return out;
  }

  double[] reference() {
    return reference(rows, d, false, 0);
  }

  /**
   * The exact minimiser of Σ wᵢ(mᵢ·x − bᵢ)² + λ‖P·x‖² over the rows as stored (M = [A 1] with an intercept,
   * wᵢ the rows' weights, 1 unless set), from the normal equations in 100-digit decimal arithmetic: the
   * products of doubles are exact, so the only error is the final rounding to double (κ² ≤ 1e20 costs 20
   * of the 100 digits).
   */
  static double[] reference(List<MatrixRow> rows, int d, boolean intercept, double ridge) {
    int p = intercept ? d + 1 : d;
    BigDecimal[][] g = new BigDecimal[p][p + 1];
    for (BigDecimal[] row : g) {
      java.util.Arrays.fill(row, BigDecimal.ZERO);
    }
    for (MatrixRow r : rows) {
      BigDecimal[] m = new BigDecimal[p];
      double[] dense = r.toDense(d);
      for (int j = 0; j < d; j++) {
        m[j] = new BigDecimal(dense[j]);
      }
      if (intercept) {
        m[d] = BigDecimal.ONE;
      }
      BigDecimal b = new BigDecimal(r.label());
      BigDecimal w = new BigDecimal(r.weight());
      for (int i = 0; i < p; i++) {
        if (m[i].signum() == 0) {
          continue;
        }
        BigDecimal wm = m[i].multiply(w);
        for (int j = 0; j < p; j++) {
          g[i][j] = g[i][j].add(wm.multiply(m[j]));
        }
        g[i][p] = g[i][p].add(wm.multiply(b));
      }
    }
    for (int j = 0; j < d; j++) {
      g[j][j] = g[j][j].add(new BigDecimal(ridge));
    }
    MathContext mc = new MathContext(100);
    for (int c = 0; c < p; c++) {
      int piv = c;
      for (int i = c + 1; i < p; i++) {
        if (g[i][c].abs().compareTo(g[piv][c].abs()) > 0) {
          piv = i;
        }
      }
      BigDecimal[] t = g[c];
      g[c] = g[piv];
      g[piv] = t;
      for (int i = c + 1; i < p; i++) {
        BigDecimal f = g[i][c].divide(g[c][c], mc);
        for (int j = c; j <= p; j++) {
          g[i][j] = g[i][j].subtract(f.multiply(g[c][j]), mc);
        }
      }
    }
    BigDecimal[] x = new BigDecimal[p];
    for (int i = p - 1; i >= 0; i--) {
      BigDecimal s = g[i][p];
      for (int j = i + 1; j < p; j++) {
        s = s.subtract(g[i][j].multiply(x[j]), mc);
      }
      x[i] = s.divide(g[i][i], mc);
    }
    double[] out = new double[p];
    for (int i = 0; i < p; i++) {
      out[i] = x[i].doubleValue();
    }
    return out;
  }
}
