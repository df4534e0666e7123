package dev.randnla.jobs.cluster;

import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.QrDecomposition;
import dev.randnla.linalg.SingularValueDecomposition;
import dev.randnla.random.Purpose;
import dev.randnla.random.RandomStream;
import java.util.ArrayList;
import java.util.List;

/** In-memory blocks with known structure, and the dense reference error of a set of blocks. */
final class TestBlocks {
  private TestBlocks() {}

  /** A block whose factor is its rows. */
  static Block block(int index, Matrix rows) {
    double e = Math.pow(rows.frobeniusNorm(), 2);
    return new Block(index, String.format("b%04d", index), rows.rows(), e, rows, Double.NaN);
  }

  static Matrix orthonormal(RandomStream rs, int d, int k) {
    double[] a = new double[d * k];
    rs.fillGaussian(a);
    return QrDecomposition.of(new Matrix(d, k, a)).q();
  }

  /** c rows scale·(Z·Bᵀ + noise·E) with Z, E standard Gaussian. */
  static Matrix rows(RandomStream rs, Matrix basis, int c, double scale, double noise) {
    int d = basis.rows();
    int k = basis.cols();
    double[] z = new double[c * k];
    rs.fillGaussian(z);
    Matrix out = new Matrix(c, k, z).timesTranspose(basis);
    for (int i = 0; i < out.data().length; i++) {
      out.data()[i] = scale * (out.data()[i] + noise * rs.nextGaussian());
    }
    return out;
  }

  /** Planted groups: block k belongs to group k mod groups. */
  static List<Block> planted(long seed, int blocks, int groups, int d, int rank, int rowsPerBlock, double noise) {
    RandomStream rs = RandomStream.of(seed, Purpose.DRIVER_GAUSSIAN, 1);
    Matrix[] bases = new Matrix[groups];
    for (int g = 0; g < groups; g++) {
      bases[g] = orthonormal(rs, d, rank);
    }
    List<Block> out = new ArrayList<>();
    for (int k = 0; k < blocks; k++) {
      double scale = Math.pow(2, 2 * rs.nextDouble() - 1);
      out.add(block(k, rows(rs, bases[k % groups], rowsPerBlock, scale, noise)));
    }
    return out;
  }

  /** The true rank-r relative error of the stacked blocks (dense SVD). */
  static double trueError(List<Block> members, int rank) {
    List<Matrix> factors = new ArrayList<>();
    for (Block b : members) {
      factors.add(b.factor());
    }
    Matrix m = Subspaces.stack(factors, members.get(0).factor().cols());
    double[] sv = SingularValueDecomposition.values(m);
    double total = 0;
    double tail = 0;
    for (int i = 0; i < sv.length; i++) {
      total += sv[i] * sv[i];
      if (i >= rank) {
        tail += sv[i] * sv[i];
      }
    }
    return total == 0 ? 0 : Math.sqrt(tail / total);
  }
}
