package dev.randnla.jobs.cluster;

import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.SingularValueDecomposition;
import dev.randnla.sketch.RowFactorSketch;
import dev.randnla.spark.KeyedSketchPass;
import java.io.Serializable;

/**
 * The verification of one cluster from the factor of its stacked rows (a tall-skinny QR over the
 * pass, {@link RowFactorSketch}): its true rank-r relative error from the singular values of the
 * factor, sqrt(Σ_{i>r} σᵢ²)/‖M‖_F (the small singular values themselves, no cancellation), and its
 * rank-r basis, the top right singular vectors. A plain class: it travels to the driver.
 */
final class ClusterCheck implements Serializable {
  private static final long serialVersionUID = 1L;
  private final long rows;
  private final double energy;
  private final double error;
  private final int cols;
  private final int basisCols;
  private final double[] basis;

  ClusterCheck(long rows, double energy, double error, int cols, int basisCols, double[] basis) {
    this.rows = rows;
    this.energy = energy;
    this.error = error;
    this.cols = cols;
    this.basisCols = basisCols;
    this.basis = basis;
  }

  long rows() {
    return rows;
  }

  double energy() {
    return energy;
  }

  /** The true rank-r relative error of the cluster's stacked rows. */
  double error() {
    return error;
  }

  /** The rank-r basis: d×r' with orthonormal columns (r' = min(r, rank)), largest singular value first. */
  Matrix basis() {
    return new Matrix(cols, basisCols, basis);
  }

  /** Runs on an executor with the merged factor of one cluster's rows. */
  static KeyedSketchPass.Finisher<Integer, RowFactorSketch, ClusterCheck> finisher(int rank) {
    return (id, sketch) -> {
      Matrix f = sketch.result();
      double energy = sketch.sumOfSquares();
      double[] sv = SingularValueDecomposition.values(f);
      double tail = 0;
      for (int i = rank; i < sv.length; i++) {
        tail += sv[i] * sv[i];
      }
      double error = energy > 0 ? Math.min(1.0, Math.sqrt(tail / energy)) : 0.0;
      Matrix basis = Subspaces.top(f, rank).vectors();
      return new ClusterCheck(sketch.rows(), energy, error, f.cols(), basis.cols(), basis.data());
    };
  }
}
