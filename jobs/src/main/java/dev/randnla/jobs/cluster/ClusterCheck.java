package dev.randnla.jobs.cluster;

import com.esotericsoftware.kryo.DefaultSerializer;
import dev.randnla.io.RecordSerializer;
import dev.randnla.linalg.Matrix;
import dev.randnla.sketch.RowFactorSketch;
import dev.randnla.spark.KeyedSketchPass;
import java.io.Serializable;

/**
 * The verification of one cluster from the factor F of its stacked rows M (a tall-skinny QR over
 * the pass, {@link RowFactorSketch}; FᵀF = MᵀM): its rank-r basis V, the top r right singular
 * vectors, and the relative error of exactly what is stored, ‖M − MVVᵀ‖_F / ‖M‖_F, computed from the
 * residual F − FVVᵀ itself (no cancellation). With V the exact top-r subspace this is the true
 * rank-r error sqrt(Σ_{i>r} σᵢ²)/‖M‖_F; a computed V can only make it larger, never smaller. It
 * travels to the driver, so Kryo reads it through {@link RecordSerializer}.
 *
 * @param error the relative error of the cluster's rows in its stored rank-r basis (its true rank-r
 *     error, to rounding)
 * @param basisData the data of {@link #basis()}, cols×basisCols
 */
@DefaultSerializer(RecordSerializer.class)
record ClusterCheck(long rows, double energy, double error, int cols, int basisCols, double[] basisData)
    implements Serializable {
  /** The rank-r basis: d×r' with orthonormal columns (r' = min(r, rank)), largest singular value first. */
  Matrix basis() {
    return new Matrix(cols, basisCols, basisData);
  }

  /** Runs on an executor with the merged factor of one cluster's rows. */
  static KeyedSketchPass.Finisher<Integer, RowFactorSketch, ClusterCheck> finisher(int rank) {
    return (id, sketch) -> {
      Matrix f = sketch.result();
      double energy = sketch.sumOfSquares();
      Matrix basis = Subspaces.top(f, rank).vectors();
      // ‖M − M·VVᵀ‖_F = ‖F − F·VVᵀ‖_F (M = QF with orthonormal Q): the residual itself, no cancellation
      Matrix residual = f.minus(f.times(basis).timesTranspose(basis));
      double tail = Math.pow(residual.frobeniusNorm(), 2);
      double error = energy > 0 ? Math.min(1.0, Math.sqrt(tail / energy)) : 0.0;
      return new ClusterCheck(sketch.rows(), energy, error, f.cols(), basis.cols(), basis.data());
    };
  }
}
