package dev.randnla.jobs.cluster;

import com.esotericsoftware.kryo.DefaultSerializer;
import dev.randnla.io.RecordSerializer;
import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.SingularValueDecomposition;
import dev.randnla.sketch.RowFactorSketch;
import dev.randnla.spark.KeyedSketchPass;
import java.io.Serializable;

/**
 * What the statistics pass keeps of one block: rows, exact energy, a factor F with FᵀF ≼ AᵀA (the
 * rows or their R; the top {@code blockRank} directions when truncated) and, when the factor is
 * truncated or not kept, the block's exact top-r energy. It travels from the executors to the
 * driver, so Kryo reads it through {@link RecordSerializer}.
 *
 * @param factorRows rows of the factor (what it costs on the driver: factorRows·d doubles)
 * @param factor the factor's data, factorRows×cols, or null when the driver does not need it
 * @param truncatedEnergy energy left out of the factor by truncation (0 when exact)
 */
@DefaultSerializer(RecordSerializer.class)
record BlockStats(String key, long rows, double energy, int factorRows, int cols, double[] factor, double topEnergy,
    double truncatedEnergy) implements Serializable {
  /** The same statistics without the factor (sizes first, factors only once they are known to fit). */
  BlockStats withoutFactor() {
    return new BlockStats(key, rows, energy, factorRows, cols, null, topEnergy, truncatedEnergy);
  }

  /** The driver-side block at position {@code index}. */
  Block toBlock(int index) {
    return new Block(index, key, rows, energy, factor == null ? null : new Matrix(factorRows, cols, factor), topEnergy);
  }

  /**
   * Makes a block's statistics from its merged factor sketch, on an executor.
   *
   * @param rank r (for the top-r energy)
   * @param blockRank keep the top this-many directions when the factor has more rows (0: keep it whole)
   * @param keepFactor whether the driver needs the factor at all
   */
  static KeyedSketchPass.Finisher<String, RowFactorSketch, BlockStats> finisher(int rank, int blockRank,
      boolean keepFactor) {
    return (key, sketch) -> {
      Matrix f = sketch.result();
      int d = f.cols();
      double energy = sketch.sumOfSquares();
      if (blockRank > 0 && f.rows() > blockRank) {
        SingularValueDecomposition svd = SingularValueDecomposition.of(f);
        double[] sv = svd.singularValues();
        int s = Math.min(blockRank, sv.length);
        Matrix top = Matrix.zeros(s, d);
        double kept = 0;
        for (int i = 0; i < s; i++) {
          kept += sv[i] * sv[i];
          for (int j = 0; j < d; j++) {
            top.set(i, j, sv[i] * svd.v().get(j, i));
          }
        }
        double topR = 0;
        for (int i = 0; i < Math.min(rank, sv.length); i++) {
          topR += sv[i] * sv[i];
        }
        return new BlockStats(key, sketch.rows(), energy, s, d, keepFactor ? top.data() : null, topR,
            Math.max(0, energy - kept));
      }
      double topR = keepFactor || sketch.rows() <= rank ? Double.NaN : Subspaces.topEnergy(f, rank);
      return new BlockStats(key, sketch.rows(), energy, f.rows(), d, keepFactor ? f.data() : null, topR, 0.0);
    };
  }
}
